package ident

import (
	"log/slog"
	"regexp"
)

// longDigits is a run of digits long enough to be a phone number, a NIP or a
// platform account number.
var longDigits = regexp.MustCompile(`\d{10,}`)

// RedactDigits masks every run of ten or more digits in s: an 18-digit run
// as MaskNIP does, any other as a phone number is masked ("62812****7890":
// its first five and last four digits). It is the safety net under the
// explicit masking of log fields: a phone number inside an error message
// or a WhatsApp chat id ("6281234567890@s.whatsapp.net") does not leak.
func RedactDigits(s string) string {
	if !longDigits.MatchString(s) {
		return s
	}
	return longDigits.ReplaceAllStringFunc(s, func(d string) string {
		if len(d) == NIPLen {
			return MaskNIP(d)
		}
		return d[:5] + "****" + d[len(d)-4:]
	})
}

// RedactLogAttr is a slog.HandlerOptions.ReplaceAttr that applies
// RedactDigits to every string and error in a record, the message too.
func RedactLogAttr(_ []string, a slog.Attr) slog.Attr {
	switch v := a.Value; v.Kind() {
	case slog.KindString:
		if s := v.String(); longDigits.MatchString(s) {
			a.Value = slog.StringValue(RedactDigits(s))
		}
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			a.Value = slog.StringValue(RedactDigits(x.Error()))
		case interface{ String() string }:
			if s := x.String(); longDigits.MatchString(s) {
				a.Value = slog.StringValue(RedactDigits(s))
			}
		}
	}
	return a
}
