package handlers

import (
	"fmt"
	"strings"
)

// catalog is every text the flows show, in one language. Adding a text means
// adding it to both languages; the compiler checks it.
type catalog struct {
	AskContact         string
	ShareContactButton string
	ContactNotOwn      string
	ContactExpected    string
	PhoneInvalid       string
	PhoneUnknown       func(masked string) string
	Inactive           string
	Welcome            func(p profile) string
	AccountMoved       func(platform string) string
	Profile            func(p profile) string
	UnknownInput       string
	Cancelled          string
	NothingToCancel    string
	FlowRestarted      string
	Outage             string
	OutageQueued       string
	LanguageSet        string
	LanguageUsage      string
	RolePegawai        string
	RoleAtasan         string
	RoleAdmin          string
	NoSupervisor       string
	RemindersStatus    func(on bool) string
	RemindersSet       func(on bool) string
	RemindersUsage     string
	FinishFirst        string
}

// profile is what greetings and /profil show of a person.
type profile struct {
	Name, NIP, Unit, Position, Supervisor string
	Roles                                 []string
}

var catalogs = map[string]*catalog{"id": &id, "en": &en}

func msgs(lang string) *catalog {
	if c, ok := catalogs[lang]; ok {
		return c
	}
	return &id
}

var id = catalog{
	AskContact: "Selamat datang di kinerjabot 👋\n\nUntuk mendaftar, tekan tombol «📱 Kirim nomor HP saya» di bawah. " +
		"Nomor itu dicocokkan dengan data pegawai dari admin OPD Anda.\n\n" +
		"Untuk warga: survei kepuasan layanan dibuka dengan memindai kode QR di unit layanan, tanpa mendaftar.",
	ShareContactButton: "📱 Kirim nomor HP saya",
	ContactNotOwn:      "Itu kontak orang lain. Untuk mendaftar, kirim nomor Anda sendiri dengan tombol «📱 Kirim nomor HP saya».",
	ContactExpected: "Tekan tombol «📱 Kirim nomor HP saya» di bawah. Mengetik NIP atau nomor HP tidak cukup untuk " +
		"membuktikan bahwa akun ini milik Anda. Ketik /batal untuk berhenti.",
	PhoneInvalid: "Nomor pada kontak itu bukan nomor HP Indonesia yang dapat dikenali. Hubungi admin OPD Anda.",
	PhoneUnknown: func(m string) string {
		return fmt.Sprintf("Nomor %s belum terdaftar di data pegawai kinerjabot.\n\n"+
			"Hubungi admin OPD / pengelola kinerja di unit Anda agar nomor HP Anda dimasukkan ke data pegawai, lalu ketik /start lagi.", m)
	},
	Inactive: "Data kepegawaian Anda berstatus tidak aktif. Hubungi admin OPD Anda.",
	Welcome: func(p profile) string {
		return "✅ Pendaftaran berhasil. Selamat datang, " + p.Name + "!\n\n" + profileID(p) +
			"\n\nGunakan menu di bawah atau ketik /bantuan."
	},
	AccountMoved: func(platform string) string {
		return "ℹ️ Akun " + platform + " lain baru saja didaftarkan untuk data pegawai Anda, jadi akun ini tidak lagi terhubung. " +
			"Jika bukan Anda yang melakukannya, segera hubungi admin OPD."
	},
	Profile:         profileID,
	UnknownInput:    "Maaf, saya tidak mengerti. Pilih dari menu di bawah atau ketik /bantuan.",
	Cancelled:       "Dibatalkan.",
	NothingToCancel: "Tidak ada yang sedang berjalan.",
	FlowRestarted: "Maaf, langkah yang sedang Anda jalankan tidak dapat dilanjutkan karena kinerjabot baru diperbarui. " +
		"Silakan mulai lagi dari menu.",
	Outage: "⚠️ Maaf, layanan sedang gangguan. Pesan Anda belum diproses dan tidak ada data yang hilang; " +
		"silakan coba lagi beberapa saat lagi.",
	OutageQueued: "⚠️ Maaf, layanan sedang gangguan. Pesan Anda sudah diterima dan akan diproses begitu layanan pulih; " +
		"tidak perlu mengirim ulang.",
	RemindersStatus: func(on bool) string {
		if on {
			return "Pengingat harian lapor: AKTIF. Anda diingatkan pada hari kerja bila belum melapor. Matikan dengan /pengingat off."
		}
		return "Pengingat harian lapor: MATI. Nyalakan lagi dengan /pengingat on."
	},
	RemindersSet: func(on bool) string {
		if on {
			return "✅ Pengingat harian lapor dinyalakan."
		}
		return "🔕 Pengingat harian lapor dimatikan. Pengingat persetujuan untuk atasan tetap dikirim. Nyalakan lagi dengan /pengingat on."
	},
	RemindersUsage: "Ketik /pengingat on untuk menyalakan atau /pengingat off untuk mematikan pengingat harian lapor.",
	FinishFirst:    "Selesaikan atau batalkan (/batal) langkah yang sedang berjalan dulu.",
	LanguageSet:    "Bahasa diubah ke Bahasa Indonesia.",
	LanguageUsage:  "Pilih bahasa: /bahasa id (Bahasa Indonesia) atau /bahasa en (English).",
	RolePegawai:    "Pegawai",
	RoleAtasan:     "Atasan (penilai kinerja)",
	RoleAdmin:      "Admin OPD",
	NoSupervisor:   "-",
}

var en = catalog{
	AskContact: "Welcome to kinerjabot 👋\n\nTo register, press «📱 Send my phone number» below. " +
		"The number is matched against the staff roster from your admin.\n\n" +
		"Citizens: the service satisfaction survey opens by scanning the QR code at the service unit, no registration needed.",
	ShareContactButton: "📱 Send my phone number",
	ContactNotOwn:      "That is someone else's contact. To register, send your own number with «📱 Send my phone number».",
	ContactExpected: "Press «📱 Send my phone number» below. Typing a NIP or a phone number does not prove " +
		"that this account is yours. Type /cancel to stop.",
	PhoneInvalid: "The number in that contact is not an Indonesian mobile number. Please contact your admin.",
	PhoneUnknown: func(m string) string {
		return fmt.Sprintf("The number %s is not on the kinerjabot staff roster.\n\n"+
			"Ask your unit's admin (pengelola kinerja) to add your phone number to the roster, then type /start again.", m)
	},
	Inactive: "Your staff record is inactive. Please contact your admin.",
	Welcome: func(p profile) string {
		return "✅ Registered. Welcome, " + p.Name + "!\n\n" + profileEN(p) + "\n\nUse the menu below or type /help."
	},
	AccountMoved: func(platform string) string {
		return "ℹ️ Another " + platform + " account was just registered for your staff record, so this one is no longer linked. " +
			"If that was not you, contact your admin at once."
	},
	Profile:         profileEN,
	UnknownInput:    "Sorry, I did not understand. Choose from the menu below or type /help.",
	Cancelled:       "Cancelled.",
	NothingToCancel: "Nothing is in progress.",
	FlowRestarted:   "Sorry, what you were doing cannot continue because kinerjabot was just updated. Please start again from the menu.",
	Outage: "⚠️ Sorry, the service is having trouble. Your message was not processed and nothing was lost; " +
		"please try again in a moment.",
	OutageQueued: "⚠️ Sorry, the service is having trouble. Your message was received and will be handled as soon as " +
		"the service is back; no need to send it again.",
	RemindersStatus: func(on bool) string {
		if on {
			return "Daily report reminders: ON. You are reminded on work days when you have not reported. Turn off with /reminders off."
		}
		return "Daily report reminders: OFF. Turn them on again with /reminders on."
	},
	RemindersSet: func(on bool) string {
		if on {
			return "✅ Daily report reminders are on."
		}
		return "🔕 Daily report reminders are off. Approval reminders for supervisors still come. Turn on again with /reminders on."
	},
	RemindersUsage: "Send /reminders on to turn daily report reminders on, or /reminders off to turn them off.",
	FinishFirst:    "Finish or cancel (/cancel) what is in progress first.",
	LanguageSet:    "Language set to English.",
	LanguageUsage:  "Choose a language: /bahasa id (Bahasa Indonesia) or /bahasa en (English).",
	RolePegawai:    "Staff",
	RoleAtasan:     "Supervisor (performance assessor)",
	RoleAdmin:      "Admin",
	NoSupervisor:   "-",
}

func profileID(p profile) string {
	return fmt.Sprintf("Nama: %s\nNIP: %s\nUnit: %s\nJabatan: %s\nAtasan: %s\nPeran: %s",
		p.Name, p.NIP, p.Unit, p.Position, p.Supervisor, strings.Join(p.Roles, ", "))
}

func profileEN(p profile) string {
	return fmt.Sprintf("Name: %s\nNIP: %s\nUnit: %s\nPosition: %s\nSupervisor: %s\nRole: %s",
		p.Name, p.NIP, p.Unit, p.Position, p.Supervisor, strings.Join(p.Roles, ", "))
}
