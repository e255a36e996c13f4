package i18n

func init() {
	extend(id, map[Key]string{
		ConsoleRetentionEvidence:   "Foto bukti laporan",
		ConsoleRetentionDraftPhoto: "Foto draf yang batal atau ditinggalkan",
		ConsoleRetentionSurveyChat: "Hash chat survei",
		ConsoleRetentionLinkCode:   "Kode pendaftaran sekali pakai",
	})
	extend(en, map[Key]string{
		ConsoleRetentionEvidence:   "Report evidence photos",
		ConsoleRetentionDraftPhoto: "Photos of cancelled or abandoned drafts",
		ConsoleRetentionSurveyChat: "Survey chat hashes",
		ConsoleRetentionLinkCode:   "One-time registration codes",
	})
}
