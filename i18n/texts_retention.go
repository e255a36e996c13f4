package i18n

func init() {
	extend(id, map[Key]string{
		CmdRemindersDigest: "Pengingat harian lapor dan ringkasan mingguan: /pengingat on|off, /pengingat ringkasan on|off",

		WeeklyDigestTitle:      "📊 Ringkasan mingguan %s\n%s – %s",
		WeeklyDigestBranch:     "%s dan unit di bawahnya",
		WeeklyDigestCompliance: "• Kepatuhan lapor: %d%% (%d dari %d hari kerja pegawai)",
		WeeklyDigestNoOne:      "• Kepatuhan lapor: tidak ada pegawai aktif",
		WeeklyDigestOverdue:    "• Persetujuan melewati batas waktu: %d",
		WeeklyDigestOverdueCap: "• Persetujuan melewati batas waktu: lebih dari %d",
		WeeklyDigestEvals:      "• Evaluasi kinerja belum dinilai: %d",
		WeeklyDigestIKM:        "• IKM: %.2f (%d responden), minggu sebelumnya %s",
		WeeklyDigestIKMNone:    "• IKM: belum ada survei minggu lalu (minggu sebelumnya %s)",
		WeeklyDigestConsole:    "Rincian di konsol: %s",
		WeeklyDigestFooter:     "Matikan ringkasan ini dengan /pengingat ringkasan off.",

		DigestStatusOn:  "Ringkasan mingguan (Senin pagi, untuk kepala unit dan admin): AKTIF. Matikan dengan /pengingat ringkasan off.",
		DigestStatusOff: "Ringkasan mingguan: MATI. Nyalakan lagi dengan /pengingat ringkasan on.",
		DigestSetOn:     "✅ Ringkasan mingguan dinyalakan. Kepala unit dan admin menerimanya setiap Senin pagi.",
		DigestSetOff:    "🔕 Ringkasan mingguan dimatikan. Pengingat lain tidak berubah.",
		DigestUsage:     "Ketik /pengingat ringkasan on untuk menyalakan atau /pengingat ringkasan off untuk mematikan ringkasan mingguan.",

		CLIPlanSkipDigestOff: "lewati: ringkasan mingguan dimatikan (/pengingat ringkasan off)",
	})
	extend(en, map[Key]string{
		CmdRemindersDigest: "Daily report reminders and the weekly digest: /reminders on|off, /reminders digest on|off",

		WeeklyDigestTitle:      "📊 Weekly digest of %s\n%s – %s",
		WeeklyDigestBranch:     "%s and the units below it",
		WeeklyDigestCompliance: "• Reporting: %d%% (%d of %d staff work days)",
		WeeklyDigestNoOne:      "• Reporting: no active staff",
		WeeklyDigestOverdue:    "• Approvals past the deadline: %d",
		WeeklyDigestOverdueCap: "• Approvals past the deadline: more than %d",
		WeeklyDigestEvals:      "• Performance evaluations not yet rated: %d",
		WeeklyDigestIKM:        "• IKM: %.2f (%d respondents), the week before %s",
		WeeklyDigestIKMNone:    "• IKM: no surveys last week (the week before %s)",
		WeeklyDigestConsole:    "Details in the console: %s",
		WeeklyDigestFooter:     "Turn this digest off with /reminders digest off.",

		DigestStatusOn:  "Weekly digest (Monday morning, for unit heads and admins): ON. Turn it off with /reminders digest off.",
		DigestStatusOff: "Weekly digest: OFF. Turn it on again with /reminders digest on.",
		DigestSetOn:     "✅ The weekly digest is on. Unit heads and admins get it every Monday morning.",
		DigestSetOff:    "🔕 The weekly digest is off. Other reminders are unchanged.",
		DigestUsage:     "Send /reminders digest on to turn the weekly digest on, or /reminders digest off to turn it off.",

		CLIPlanSkipDigestOff: "skip: weekly digest turned off (/reminders digest off)",
	})
}
