package ident

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

func TestRedactDigits(t *testing.T) {
	cases := []struct{ in, want string }{
		{"chat whatsapp:6281234567890@s.whatsapp.net", "chat whatsapp:62812****7890@s.whatsapp.net"},
		{"nip 199001152019031004 refused", "nip 199001**********04 refused"},
		{"update 123456789 ok", "update 123456789 ok"}, // nine digits: not personal
		{"telegram:5123456789", "telegram:51234****6789"},
		{"report 01JQAR00000000000000000001", "report 01JQAR00000****0001"},
		{"no digits", "no digits"},
	}
	for _, tc := range cases {
		if got := RedactDigits(tc.in); got != tc.want {
			t.Errorf("RedactDigits(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRedactLogAttr(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: RedactLogAttr}))
	log.Info("sent to 6281234567890@s.whatsapp.net", "chat", "whatsapp:6281234567890@s.whatsapp.net",
		"err", errors.New("send to +6281234567890 failed"), slog.Group("g", "nip", "199001152019031004"))
	out := buf.String()
	for _, leak := range []string{"6281234567890", "199001152019031004"} {
		if strings.Contains(out, leak) {
			t.Errorf("log leaks %s: %s", leak, out)
		}
	}
	if !strings.Contains(out, "62812****7890") || !strings.Contains(out, "199001**********04") {
		t.Errorf("log lost the masked forms: %s", out)
	}
}
