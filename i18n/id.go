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
	Outage: "⚠️ Maaf, layanan sedang gangguan. Pesan Anda belum diproses dan tidak ada data yang hilang; " +
		"silakan coba lagi beberapa saat lagi.",
	OutageQueued: "⚠️ Maaf, layanan sedang gangguan. Pesan Anda sudah diterima dan akan diproses begitu layanan pulih; " +
		"tidak perlu mengirim ulang.",
}
