package handlers

import (
	"fmt"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// question is one SKM element as asked: the question and its four answers
// (1 to 4), worded after the regulation's questionnaire.
type question struct {
	Text    string
	Answers [4]string
}

// surveyCatalog is the text of the citizen survey and of peer feedback.
type surveyCatalog struct {
	Questions      [9]question
	Quick          question
	Welcome        func(unit string, counter, n int) string
	UnknownCode    string
	QuickOff       string
	OwnUnit        func(unit string) string
	AlreadyToday   func(unit string) string
	AskComment     string
	CommentTooLong string
	SkipComment    string
	Thanks         func(unit string) string
	Progress       func(i, n int) string
	Cancelled      string

	Values         [7]string
	PickColleague  func(page, pages int) string
	NoColleagues   string
	NoMatch        string
	PickValue      func(name string) string
	Confirm        func(value, name, note string) string
	SendAnon       string
	SendNamed      string
	AddNote        string
	AskNote        string
	NoteTooLong    string
	NoteLink       string
	LimitDay       func(n int) string
	AlreadyGiven   func(name string) string
	FeedbackSent   func(value, name string) string
	Received       func(value, from, note string) string
	SomeColleague  string
	RecapFeedback  func(counts string) string
	RecapTeam      func(counts string) string
	NoneYet        string
	IKMUsage       string
	IKMUnknownUnit string
	PosterNoBot    string
}

var surveyCatalogs = map[i18n.Lang]*surveyCatalog{"id": &surveyID, "en": &surveyEN}

func smsgs(lang i18n.Lang) *surveyCatalog {
	if c, ok := surveyCatalogs[lang]; ok {
		return c
	}
	return &surveyID
}

var surveyID = surveyCatalog{
	Questions: [9]question{
		{"Bagaimana kesesuaian persyaratan pelayanan dengan jenis pelayanannya?", [4]string{"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"}},
		{"Bagaimana kemudahan sistem, mekanisme dan prosedur pelayanan di unit ini?", [4]string{"Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"}},
		{"Bagaimana kecepatan waktu dalam memberikan pelayanan?", [4]string{"Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"}},
		{"Bagaimana kewajaran biaya/tarif dalam pelayanan?", [4]string{"Sangat mahal", "Cukup mahal", "Murah", "Gratis"}},
		{"Bagaimana kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?", [4]string{"Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"}},
		{"Bagaimana kompetensi/kemampuan petugas dalam pelayanan?", [4]string{"Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten"}},
		{"Bagaimana perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?", [4]string{"Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah", "Sangat sopan dan ramah"}},
		{"Bagaimana kualitas sarana dan prasarana?", [4]string{"Buruk", "Cukup", "Baik", "Sangat baik"}},
		{"Bagaimana penanganan pengaduan pengguna layanan?", [4]string{"Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal", "Dikelola dengan baik"}},
	},
	Quick: question{"Secara keseluruhan, bagaimana pelayanan yang Anda terima hari ini?", [4]string{"Tidak baik", "Kurang baik", "Baik", "Sangat baik"}},
	Welcome: func(unit string, counter, n int) string {
		loket := ""
		if counter > 0 {
			loket = fmt.Sprintf(" (Loket %d)", counter)
		}
		return fmt.Sprintf("🙏 Terima kasih telah menggunakan layanan %s%s.\n\nSurvei Kepuasan Masyarakat ini berisi %d pertanyaan singkat, "+
			"tanpa nama: jawaban Anda tidak dikaitkan dengan akun Anda. Ketik /batal untuk berhenti.", unit, loket, n)
	},
	UnknownCode: "Kode survei itu tidak dikenal. Pindai ulang kode QR yang terpasang di unit layanan.",
	QuickOff:    "Survei singkat tidak diaktifkan untuk unit ini; silakan isi survei lengkapnya.",
	OwnUnit: func(u string) string {
		return "Anda tercatat sebagai pegawai " + u + ". Pegawai tidak dapat menilai unitnya sendiri."
	},
	AlreadyToday: func(u string) string {
		return "Terima kasih, jawaban Anda untuk " + u + " hari ini sudah tercatat. Silakan kembali lain hari."
	},
	AskComment:     "Ada saran atau komentar untuk perbaikan layanan? Tulis di sini (paling banyak 500 karakter), atau tekan «Lewati».",
	CommentTooLong: "Komentar paling banyak 500 karakter. Persingkat, atau tekan «Lewati».",
	SkipComment:    "Lewati",
	Thanks: func(u string) string {
		return "✅ Terima kasih! Penilaian Anda untuk " + u + " sudah tercatat dan membantu perbaikan layanan."
	},
	Progress:  func(i, n int) string { return fmt.Sprintf("Pertanyaan %d dari %d", i, n) },
	Cancelled: "Survei dibatalkan; tidak ada jawaban yang disimpan.",

	Values: [7]string{"Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"},
	PickColleague: func(p, n int) string {
		return fmt.Sprintf("Pilih rekan yang ingin Anda apresiasi (halaman %d/%d), atau ketik sebagian namanya.", p, n)
	},
	NoColleagues: "Belum ada rekan satu unit yang dapat diapresiasi.",
	NoMatch:      "Tidak ada rekan dengan nama itu. Ketik bagian nama yang lain, atau pilih dari daftar.",
	PickValue:    func(name string) string { return "Nilai BerAKHLAK apa yang ditunjukkan " + name + "?" },
	Confirm: func(v, name, note string) string {
		s := fmt.Sprintf("Kirim apresiasi «%s» untuk %s?", v, name)
		if note != "" {
			s += "\nCatatan: " + note
		}
		return s + "\n\nTanpa nama adalah pilihan bawaan. Ketik catatan (maks. 280 karakter) bila ingin menambahkannya."
	},
	SendAnon:    "✅ Kirim tanpa nama",
	SendNamed:   "👤 Kirim dengan nama saya",
	AddNote:     "✏️ Tambah catatan",
	AskNote:     "Tulis catatan singkat (maks. 280 karakter).",
	NoteTooLong: "Catatan paling banyak 280 karakter.",
	NoteLink:    "Catatan tidak boleh berisi tautan. Tulis tanpa tautan.",
	LimitDay: func(n int) string {
		return fmt.Sprintf("Anda sudah memberi %d apresiasi hari ini, batas harian. Lanjutkan besok.", n)
	},
	AlreadyGiven: func(name string) string {
		return "Anda sudah mengapresiasi " + name + " hari ini. Pilih rekan lain, atau lanjutkan besok."
	},
	FeedbackSent: func(v, name string) string {
		return "🌟 Apresiasi «" + v + "» untuk " + name + " terkirim. Terima kasih!"
	},
	Received: func(v, from, note string) string {
		s := "🌟 Anda menerima apresiasi «" + v + "» dari " + from + "."
		if note != "" {
			s += "\n💬 " + note
		}
		return s
	},
	SomeColleague:  "seorang rekan",
	RecapFeedback:  func(c string) string { return "\n\n🌟 Apresiasi diterima bulan ini: " + c },
	RecapTeam:      func(c string) string { return "\n👥 Apresiasi untuk tim Anda bulan ini: " + c },
	NoneYet:        "belum ada",
	IKMUsage:       "Tulis /ikm KODE_UNIT [dari] [sampai], misalnya /ikm PKM-SEMPAJA 2026-01-01 2026-11-30.",
	IKMUnknownUnit: "Unit itu tidak dikenal.",
	PosterNoBot:    "Nama bot Telegram belum diketahui, jadi tautan survei belum dapat dibuat. Isi TELEGRAM_BOT_USERNAME atau aktifkan Telegram.",
}

var surveyEN = surveyCatalog{
	Questions: [9]question{
		{"How well do the service requirements match the type of service?", [4]string{"Not at all", "Poorly", "Well", "Very well"}},
		{"How easy are the system, mechanism and procedure of the service?", [4]string{"Not easy", "Not very easy", "Easy", "Very easy"}},
		{"How fast was the service delivered?", [4]string{"Not fast", "Not very fast", "Fast", "Very fast"}},
		{"How fair were the costs or fees of the service?", [4]string{"Very expensive", "Rather expensive", "Cheap", "Free"}},
		{"How well did the result match what the service standard promises?", [4]string{"Not at all", "Poorly", "Well", "Very well"}},
		{"How competent were the staff?", [4]string{"Not competent", "Not very competent", "Competent", "Very competent"}},
		{"How polite and friendly were the staff?", [4]string{"Not at all", "Not very", "Polite and friendly", "Very polite and friendly"}},
		{"How good are the facilities?", [4]string{"Poor", "Fair", "Good", "Very good"}},
		{"How are complaints from service users handled?", [4]string{"Not at all", "Exists but does not work", "Works, not fully", "Well managed"}},
	},
	Quick: question{"Overall, how was the service you received today?", [4]string{"Poor", "Fair", "Good", "Very good"}},
	Welcome: func(unit string, counter, n int) string {
		loket := ""
		if counter > 0 {
			loket = fmt.Sprintf(" (counter %d)", counter)
		}
		return fmt.Sprintf("🙏 Thank you for using the services of %s%s.\n\nThis satisfaction survey has %d short questions and is anonymous: "+
			"your answers are not tied to your account. Type /cancel to stop.", unit, loket, n)
	},
	UnknownCode: "That survey code is not known. Please scan the QR code at the service unit again.",
	QuickOff:    "The quick survey is not enabled for this unit; please fill in the full survey.",
	OwnUnit:     func(u string) string { return "You are on the staff of " + u + ". Staff cannot rate their own unit." },
	AlreadyToday: func(u string) string {
		return "Thank you, your answers for " + u + " are already recorded today. Please come back another day."
	},
	AskComment:     "Any suggestion or comment to improve the service? Write it here (at most 500 characters), or press «Skip».",
	CommentTooLong: "A comment may have at most 500 characters. Shorten it, or press «Skip».",
	SkipComment:    "Skip",
	Thanks: func(u string) string {
		return "✅ Thank you! Your rating of " + u + " is recorded and helps improve the service."
	},
	Progress:  func(i, n int) string { return fmt.Sprintf("Question %d of %d", i, n) },
	Cancelled: "Survey cancelled; no answers were kept.",

	Values: [7]string{"Service-oriented", "Accountable", "Competent", "Harmonious", "Loyal", "Adaptive", "Collaborative"},
	PickColleague: func(p, n int) string {
		return fmt.Sprintf("Choose the colleague to appreciate (page %d/%d), or type part of a name.", p, n)
	},
	NoColleagues: "There are no colleagues in your unit to appreciate yet.",
	NoMatch:      "No colleague has that name. Type another part of the name, or choose from the list.",
	PickValue:    func(name string) string { return "Which BerAKHLAK value did " + name + " show?" },
	Confirm: func(v, name, note string) string {
		s := fmt.Sprintf("Send «%s» appreciation to %s?", v, name)
		if note != "" {
			s += "\nNote: " + note
		}
		return s + "\n\nAnonymous is the default. Type a note (at most 280 characters) to add one."
	},
	SendAnon:    "✅ Send anonymously",
	SendNamed:   "👤 Send with my name",
	AddNote:     "✏️ Add a note",
	AskNote:     "Write a short note (at most 280 characters).",
	NoteTooLong: "A note may have at most 280 characters.",
	NoteLink:    "Notes may not contain links. Please write it without one.",
	LimitDay: func(n int) string {
		return fmt.Sprintf("You have given %d appreciations today, the daily limit. Continue tomorrow.", n)
	},
	AlreadyGiven: func(name string) string {
		return "You already appreciated " + name + " today. Choose someone else, or continue tomorrow."
	},
	FeedbackSent: func(v, name string) string { return "🌟 «" + v + "» appreciation sent to " + name + ". Thank you!" },
	Received: func(v, from, note string) string {
		s := "🌟 You received «" + v + "» appreciation from " + from + "."
		if note != "" {
			s += "\n💬 " + note
		}
		return s
	},
	SomeColleague:  "a colleague",
	RecapFeedback:  func(c string) string { return "\n\n🌟 Appreciation received this month: " + c },
	RecapTeam:      func(c string) string { return "\n👥 Appreciation for your team this month: " + c },
	NoneYet:        "none yet",
	IKMUsage:       "Type /ikm UNIT_CODE [from] [to], for example /ikm PKM-SEMPAJA 2026-01-01 2026-11-30.",
	IKMUnknownUnit: "That unit is not known.",
	PosterNoBot:    "The bot's Telegram username is not known yet, so no survey link can be made. Set TELEGRAM_BOT_USERNAME or turn Telegram on.",
}
