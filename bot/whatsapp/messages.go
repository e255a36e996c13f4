package whatsapp

import (
	"fmt"
	"strings"
)

// catalogue is the adapter's own words in one language: how numbered
// choices are offered and how a location is shared. The flows' texts come
// from the handlers; these only stand in for the buttons WhatsApp lacks.
type catalogue struct {
	// replyInline offers a few short choices on one line: "Balas 1 untuk
	// Setujui, 2 untuk Tolak".
	replyFor  string // "%d untuk %s"
	replyLead string // "Balas "
	join      string // ", "
	// replyList ends a numbered list: "Balas dengan angka pilihan (1–%d)."
	replyList string
	// locationHint says how to send a location from the WhatsApp app.
	locationHint string
	// contactUnknown is sent when a person picks "share my number" but
	// WhatsApp did not tell their number.
	contactUnknown string
}

var catalogues = map[string]catalogue{
	"id": {
		replyFor:       "%d untuk %s",
		replyLead:      "Balas ",
		join:           ", ",
		replyList:      "Balas dengan angka pilihan Anda (1–%d).",
		locationHint:   "Untuk mengirim lokasi: ketuk 📎 (lampiran) → Lokasi → Kirim lokasi Anda saat ini.",
		contactUnknown: "WhatsApp tidak memberi tahu nomor Anda. Kirim kartu kontak Anda sendiri: ketuk 📎 → Kontak → pilih nomor Anda.",
	},
	"en": {
		replyFor:       "%d for %s",
		replyLead:      "Reply ",
		join:           ", ",
		replyList:      "Reply with the number of your choice (1–%d).",
		locationHint:   "To send a location: tap 📎 (attach) → Location → Send your current location.",
		contactUnknown: "WhatsApp did not tell us your number. Send your own contact card: tap 📎 → Contact → pick your number.",
	},
}

func catalogueFor(lang string) catalogue {
	if c, ok := catalogues[lang]; ok {
		return c
	}
	return catalogues["id"]
}

// inline choices fit on one line when there are few and they are short.
const (
	maxInlineChoices = 4
	maxInlineLabel   = 24
)

// offer renders choices as the text appended under a message.
func (c catalogue) offer(labels []string) string {
	if len(labels) == 0 {
		return ""
	}
	if fitsInline(labels) {
		parts := make([]string, len(labels))
		for i, l := range labels {
			parts[i] = fmt.Sprintf(c.replyFor, i+1, l)
		}
		return c.replyLead + strings.Join(parts, c.join) + "."
	}
	var b strings.Builder
	for i, l := range labels {
		fmt.Fprintf(&b, "%d. %s\n", i+1, l)
	}
	fmt.Fprintf(&b, c.replyList, len(labels))
	return b.String()
}

func fitsInline(labels []string) bool {
	if len(labels) > maxInlineChoices {
		return false
	}
	for _, l := range labels {
		if len([]rune(l)) > maxInlineLabel {
			return false
		}
	}
	return true
}
