package i18n

// id is the Bahasa Indonesia catalogue, in the order of keys.go.
var id = map[Key]string{
	CmdStart:        "Daftar atau tampilkan menu",
	CmdReport:       "Laporkan kegiatan hari ini (/lapor kemarin untuk kemarin)",
	CmdMine:         "Laporan 7 hari terakhir",
	CmdRecap:        "Rekap menit bulan ini",
	CmdApprovals:    "Laporan bawahan yang menunggu persetujuan (admin: /persetujuan unit)",
	CmdAppreciate:   "Apresiasi rekan (nilai BerAKHLAK)",
	CmdIKM:          "Laporan IKM unit",
	CmdPoster:       "Poster kode QR survei kepuasan unit",
	CmdReminders:    "Pengingat harian lapor: /pengingat on atau off",
	CmdProfile:      "Data Anda",
	CmdHelp:         "Bantuan",
	CmdLanguage:     "Ganti bahasa: /bahasa en untuk English",
	CmdCancel:       "Batalkan langkah yang sedang berjalan",
	CmdCode:         "Daftar dengan kode dari admin: /kode NIP KODE",
	HelpHeader:      "Perintah yang tersedia:",
	HelpLine:        "/%[1]s — %[2]s",
	HelpLanguage:    "Ketik /bahasa en untuk English.",
	NotForYouAdmin:  "Perintah ini hanya untuk admin OPD.",
	NotForYouSuperv: "Perintah ini untuk atasan dan admin OPD; Anda belum tercatat sebagai atasan siapa pun.",
	MenuPrompt:      "Menu utama. Pilih salah satu:",
	MenuReport:      "📝 Lapor kegiatan",
	MenuMine:        "📋 Laporanku",
	MenuRecap:       "📊 Rekap",
	MenuApprovals:   "✅ Persetujuan",
	MenuAppreciate:  "🌟 Apresiasi",
	MenuProfile:     "👤 Profil saya",
	MenuHelp:        "❓ Bantuan",
	RegAskContact: "Selamat datang di kinerjabot 👋\n\nUntuk mendaftar, tekan tombol «📱 Kirim nomor HP saya» di bawah. " +
		"Nomor itu dicocokkan dengan data pegawai dari admin OPD Anda.\n\n" +
		"Untuk warga: survei kepuasan layanan dibuka dengan memindai kode QR di unit layanan, tanpa mendaftar.",
	RegShareContact:  "📱 Kirim nomor HP saya",
	RegContactNotOwn: "Itu kontak orang lain. Untuk mendaftar, kirim nomor Anda sendiri dengan tombol «📱 Kirim nomor HP saya».",
	RegContactExpected: "Tekan tombol «📱 Kirim nomor HP saya» di bawah. Mengetik NIP atau nomor HP tidak cukup untuk " +
		"membuktikan bahwa akun ini milik Anda. Ketik /batal untuk berhenti.",
	RegPhoneInvalid: "Nomor pada kontak itu bukan nomor HP Indonesia yang dapat dikenali. Hubungi admin OPD Anda.",
	RegPhoneUnknown: "Nomor %s belum terdaftar di data pegawai kinerjabot.\n\n" +
		"Hubungi admin OPD / pengelola kinerja di unit Anda agar nomor HP Anda dimasukkan ke data pegawai, lalu ketik /start lagi.",
	RegInactive: "Data kepegawaian Anda berstatus tidak aktif. Hubungi admin OPD Anda.",
	RegWelcome:  "✅ Pendaftaran berhasil. Selamat datang, %[1]s!\n\n%[2]s\n\nGunakan menu di bawah atau ketik /bantuan.",
	RegAccountMoved: "ℹ️ Akun %s lain baru saja didaftarkan untuk data pegawai Anda, jadi akun ini tidak lagi terhubung. " +
		"Jika bukan Anda yang melakukannya, segera hubungi admin OPD.",
	ProfileText:         "Nama: %s\nNIP: %s\nUnit: %s\nJabatan: %s\nAtasan: %s\nPeran: %s",
	ProfileNoSupervisor: "-",
	RoleStaff:           "Pegawai",
	RoleSupervisor:      "Atasan (penilai kinerja)",
	RoleAdmin:           "Admin OPD",
	UnknownInput:        "Maaf, saya tidak mengerti. Pilih dari menu di bawah atau ketik /bantuan.",
	Cancelled:           "Dibatalkan.",
	NothingToCancel:     "Tidak ada yang sedang berjalan.",
	FlowRestarted: "Maaf, langkah yang sedang Anda jalankan tidak dapat dilanjutkan karena kinerjabot baru diperbarui. " +
		"Silakan mulai lagi dari menu.",
	FinishFirst:   "Selesaikan atau batalkan (/batal) langkah yang sedang berjalan dulu.",
	ButtonStale:   "Tombol ini sudah tidak berlaku.",
	NotRegistered: "Anda belum terdaftar.",
	LanguageSet:   "Bahasa diubah ke Bahasa Indonesia.",
	LanguageUsage: "Pilih bahasa: /bahasa id (Bahasa Indonesia) atau /bahasa en (English).",
	RemindersStatusOn: "Pengingat harian lapor: AKTIF. Anda diingatkan pada hari kerja bila belum melapor. " +
		"Matikan dengan /pengingat off.",
	RemindersStatusOff: "Pengingat harian lapor: MATI. Nyalakan lagi dengan /pengingat on.",
	RemindersSetOn:     "✅ Pengingat harian lapor dinyalakan.",
	RemindersSetOff: "🔕 Pengingat harian lapor dimatikan. Pengingat persetujuan untuk atasan tetap dikirim. " +
		"Nyalakan lagi dengan /pengingat on.",
	RemindersUsage: "Ketik /pengingat on untuk menyalakan atau /pengingat off untuk mematikan pengingat harian lapor.",
	Outage: "⚠️ Maaf, layanan sedang gangguan. Pesan Anda belum diproses dan tidak ada data yang hilang; " +
		"silakan coba lagi beberapa saat lagi.",
	OutageQueued: "⚠️ Maaf, layanan sedang gangguan. Pesan Anda sudah diterima dan akan diproses begitu layanan pulih; " +
		"tidak perlu mengirim ulang.",
}
