package i18n

// id is the Bahasa Indonesia catalogue, in the order of keys.go.
var id = map[Key]string{
	Outage: "⚠️ Maaf, layanan sedang gangguan. Pesan Anda belum diproses dan tidak ada data yang hilang; " +
		"silakan coba lagi beberapa saat lagi.",
	OutageQueued: "⚠️ Maaf, layanan sedang gangguan. Pesan Anda sudah diterima dan akan diproses begitu layanan pulih; " +
		"tidak perlu mengirim ulang.",

	// Reminders (scheduler).
	RemindReportNowButton:     "📝 Lapor sekarang",
	RemindOpenApprovalsButton: "Buka persetujuan",
	RemindStaff: "⏰ Pengingat: Anda belum melaporkan kegiatan hari ini (%s).\n" +
		"Laporkan sekarang agar menit kerja Anda tercatat.\n\n" +
		"Tidak ingin diingatkan? Kirim /pengingat off",
	RemindDigest:             "📋 %d laporan menunggu persetujuan Anda.\nYang tertua diajukan %s (%s).",
	RemindAgeToday:           "hari ini",
	RemindAgeOneDay:          "1 hari kerja lalu",
	RemindAgeDays:            "%d hari kerja lalu",
	RemindEscalation:         "⚠️ Persetujuan terlambat (lebih dari %d hari kerja) pada atasan di bawah Anda:",
	RemindEscalationLine:     "• %s: %d laporan, tertua %d hari kerja",
	RemindEscalationTimedOut: "(%d melewati batas waktu)",
	RemindEscalationAsk:      "Mohon ingatkan agar laporan bawahan segera diputuskan.",
	RemindMonthEnd: "📅 Laporan %s ditutup %s.\nMenit kerja Anda: %s dari target %s — kurang %d menit (%s).\n" +
		"Laporkan kegiatan yang belum tercatat sebelum bulan ditutup.",
	RemindTimedOutApproved: "ℹ️ Laporan Anda %s (%s) disetujui otomatis oleh sistem: atasan tidak memutuskannya dalam %d hari kerja.",
	RemindTimedOutRejected: "ℹ️ Laporan Anda %s (%s) ditolak otomatis oleh sistem: atasan tidak memutuskannya dalam %d hari kerja.",

	// WhatsApp adapter.
	WAReplyInline:    "Balas %s.",
	WAReplyChoice:    "%d untuk %s",
	WAReplyList:      "Balas dengan angka pilihan Anda (1–%d).",
	WALocationHint:   "Untuk mengirim lokasi: ketuk 📎 (lampiran) → Lokasi → Kirim lokasi Anda saat ini.",
	WAContactUnknown: "WhatsApp tidak memberi tahu nomor Anda. Kirim kartu kontak Anda sendiri: ketuk 📎 → Kontak → pilih nomor Anda.",

	// Admin alerts.
	AlertWhatsAppStopped: "⚠️ WhatsApp berhenti: %s. Bot tidak akan tersambung lagi dengan sendirinya.",
	AlertWhatsAppBanEnds: "Blokir berakhir %s; jalankan ulang bot setelah itu.",

	// Command line.
	CLICodeTitle:            "Kode pendaftaran untuk %s (NIP %s, %s):",
	CLICodeValid:            "Berlaku sampai %s, sekali pakai; %d kali salah mengunci kode. Kode sebelumnya untuk NIP ini tidak berlaku lagi.",
	CLICodeGive:             "Berikan hanya kepada %s (langsung atau lewat pesan pribadi), dengan petunjuk:",
	CLICodeSend:             "Kirim pesan ke kinerjabot: %s",
	CLIPlanHeading:          "Pengingat yang jatuh tempo pada %s (uji coba: tidak ada yang dikirim atau dicatat)",
	CLIPlanNothing:          "Tidak ada: bukan hari kerja, atau bukan jam aturan mana pun (REMIND_STAFF_AT, REMIND_SUPERVISOR_AT) dalam REMIND_WINDOW.",
	CLIPlanColumns:          "JENIS\tNIP\tNAMA\tUNIT\tKE\tSTATUS\tPESAN",
	CLIPlanSend:             "akan dikirim",
	CLIPlanAlready:          "sudah: %s",
	CLIPlanSkipNoAccount:    "lewati: belum terhubung ke bot",
	CLIPlanSkipRemindersOff: "lewati: pengingat dimatikan (/pengingat off)",
	CLIPlanTotal:            "%d jatuh tempo, %d akan dikirim sekarang.",

	// Telegram's command menu.
	CommandStart:      "Daftar atau tampilkan menu",
	CommandMenu:       "Menu utama",
	CommandReport:     "Laporkan kegiatan hari ini",
	CommandMyReports:  "Laporan 7 hari terakhir",
	CommandRecap:      "Rekap menit bulan ini",
	CommandApprovals:  "Laporan yang menunggu persetujuan",
	CommandAppreciate: "Apresiasi rekan (BerAKHLAK)",
	CommandProfile:    "Data Anda",
	CommandHelp:       "Bantuan",
	CommandCancel:     "Batalkan langkah yang berjalan",

	// Identifiers.
	IdentNIPEmpty:       "NIP kosong",
	IdentNIPNotDigits:   "NIP hanya boleh berisi angka (spasi dan titik boleh)",
	IdentNIPLength:      "NIP harus 18 angka",
	IdentNIPBirthDate:   "8 angka pertama NIP harus tanggal lahir yang valid (TTTTBBHH)",
	IdentNIPGender:      "angka ke-15 NIP (jenis kelamin) harus 1 atau 2",
	IdentNIPSequence:    "3 angka terakhir NIP (nomor urut) tidak boleh 000",
	IdentPhoneEmpty:     "nomor HP kosong",
	IdentPhoneChars:     "nomor HP hanya boleh berisi angka, spasi, tanda hubung, titik, tanda kurung dan + di depan",
	IdentPhoneCountry:   "nomor HP harus nomor Indonesia yang diawali 08, 628 atau +628",
	IdentPhoneNotMobile: "nomor HP harus nomor seluler (08… atau +628…), bukan telepon rumah/kantor",
	IdentPhoneLength:    "panjang nomor HP tidak wajar: setelah 0 atau +62 harus ada 9 sampai 13 angka",
}
