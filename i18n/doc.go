// Package i18n owns every text kinerjabot shows a person: the flows'
// replies and buttons, reminders, the WhatsApp adapter's stand-ins for
// buttons, the refusal reasons of NIPs, phone numbers, durations and
// amounts, the importers' row errors and reports, the IKM report, the
// survey poster, and what the admin commands print or alert. Each text has a
// Key (keys.go) and one entry per language, one file per language (id.go,
// en.go). Texts are fmt formats; a language may reorder its arguments with
// explicit indexes (%[2]s) but must use the same ones: catalogue_test.go
// fails when a text is missing or empty in any language, when a language
// holds a key that keys.go does not declare, or when the placeholders of a
// text differ between languages.
//
// The package imports only the standard library, so any package may use it.
package i18n
