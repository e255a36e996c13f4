package i18n

// Key names one text of the catalogue. Declare a key here, in the section
// of its area, and give it a text in every language file.
type Key string

// General: registration, menu, help, errors every flow may show.
const (
	Outage       Key = "outage"
	OutageQueued Key = "outage.queued"
)
