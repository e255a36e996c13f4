package i18n

// The console's names of what the retention job deletes (Ringkasan's
// Retensi box), one per retention.Kind.
const (
	ConsoleRetentionEvidence   Key = "console.retention.evidence"
	ConsoleRetentionDraftPhoto Key = "console.retention.draft_photo"
	ConsoleRetentionSurveyChat Key = "console.retention.survey_chat"
	ConsoleRetentionLinkCode   Key = "console.retention.link_code"
)
