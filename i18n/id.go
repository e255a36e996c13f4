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
}
