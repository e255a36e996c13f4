package whatsapp

import (
	"strings"

	"github.com/kinerjabot/kinerjabot/ident"
)

// card is what the bot reads of a vCard: the display name and one number.
type card struct {
	Name  string
	Phone string
}

// parseVCard reads a contact card as WhatsApp shares it:
//
//	BEGIN:VCARD
//	VERSION:3.0
//	FN:Budi
//	TEL;type=CELL;type=VOICE;waid=6281234567890:+62 812-3456-7890
//	END:VCARD
//
// The number is the first TEL's waid parameter (the WhatsApp account, digits
// with country code) as "+…", else the first TEL's value as written. A
// property may carry a group ("item1.TEL;waid=…", as iPhones share cards);
// the group is ignored. Folded lines (continued with a leading space) are
// joined.
func parseVCard(v string) card {
	var c card
	var firstTel string
	for _, line := range unfold(v) {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		params := strings.Split(name, ";")
		switch property(params[0]) {
		case "FN":
			if c.Name == "" {
				c.Name = strings.TrimSpace(value)
			}
		case "TEL":
			if waid := param(params[1:], "waid"); waid != "" && c.Phone == "" {
				c.Phone = "+" + digits(waid)
			}
			if firstTel == "" {
				firstTel = strings.TrimSpace(value)
			}
		}
	}
	if c.Phone == "" {
		c.Phone = firstTel
	}
	return c
}

// property is a property's name without its group ("item1.TEL" → "TEL"),
// in upper case (RFC 6350 §3.3).
func property(name string) string {
	name = strings.TrimSpace(name)
	if _, after, ok := strings.Cut(name, "."); ok {
		name = after
	}
	return strings.ToUpper(name)
}

// unfold splits a vCard into logical lines (RFC 6350 §3.2).
func unfold(v string) []string {
	v = strings.ReplaceAll(v, "\r\n", "\n")
	var out []string
	for _, l := range strings.Split(v, "\n") {
		if (strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t")) && len(out) > 0 {
			out[len(out)-1] += l[1:]
			continue
		}
		out = append(out, l)
	}
	return out
}

// param finds a "key=value" parameter, case-insensitively.
func param(params []string, key string) string {
	for _, p := range params {
		k, v, ok := strings.Cut(p, "=")
		if ok && strings.EqualFold(strings.TrimSpace(k), key) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// digits keeps the ASCII digits of s.
func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// samePhone reports whether two written numbers are the same: compared in
// E.164 when both are Indonesian mobile numbers ("0812…" matches "+62812…"),
// else digit for digit. Empty numbers match nothing.
func samePhone(a, b string) bool {
	if digits(a) == "" || digits(b) == "" {
		return false
	}
	na, errA := ident.NormalizePhone(a)
	nb, errB := ident.NormalizePhone(b)
	if errA == nil && errB == nil {
		return na == nb
	}
	return digits(a) == digits(b)
}
