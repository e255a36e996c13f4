package i18n

func init() {
	extend(id, map[Key]string{
		ConsoleTitle:      "Konsol kinerjabot",
		ConsoleNavSummary: "Ringkasan",
		ConsoleNavStaff:   "Pegawai",
		ConsoleNavImport:  "Impor",
		ConsoleNavExport:  "Ekspor",
		ConsoleNavSurvey:  "Survei",
		ConsoleNavAudit:   "Audit",
	})
	extend(en, map[Key]string{
		ConsoleTitle:      "kinerjabot console",
		ConsoleNavSummary: "Summary",
		ConsoleNavStaff:   "Staff",
		ConsoleNavImport:  "Import",
		ConsoleNavExport:  "Export",
		ConsoleNavSurvey:  "Survey",
		ConsoleNavAudit:   "Audit",
	})
}
