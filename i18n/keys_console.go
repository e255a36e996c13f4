package i18n

// The web console (#20): its page names and common texts. The templates
// name these keys as strings ({{t "console.nav.summary"}}); the console's
// template test checks every name is declared here.
const (
	ConsoleTitle      Key = "console.title"
	ConsoleNavSummary Key = "console.nav.summary"
	ConsoleNavStaff   Key = "console.nav.staff"
	ConsoleNavImport  Key = "console.nav.import"
	ConsoleNavExport  Key = "console.nav.export"
	ConsoleNavSurvey  Key = "console.nav.survey"
	ConsoleNavAudit   Key = "console.nav.audit"
)
