package whatsapp

import (
	"fmt"
	"strings"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// The adapter's own words (i18n keys WA*): how numbered choices are
// offered, how a location is shared and what to do when WhatsApp did not
// tell a person's number. The flows' texts come from the handlers; these
// only stand in for the buttons WhatsApp lacks.

// inline choices fit on one line when there are few and they are short.
const (
	maxInlineChoices = 4
	maxInlineLabel   = 24
)

// offer renders choices as the text appended under a message: "Balas 1
// untuk Setujui, 2 untuk Tolak." or a numbered list.
func offer(l i18n.Lang, labels []string) string {
	if len(labels) == 0 {
		return ""
	}
	if fitsInline(labels) {
		parts := make([]string, len(labels))
		for i, label := range labels {
			parts[i] = l.T(i18n.WAReplyChoice, i+1, label)
		}
		return l.T(i18n.WAReplyInline, strings.Join(parts, ", "))
	}
	var b strings.Builder
	for i, label := range labels {
		fmt.Fprintf(&b, "%d. %s\n", i+1, label)
	}
	b.WriteString(l.T(i18n.WAReplyList, len(labels)))
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
