package telegram

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	tg "github.com/go-telegram/bot"
)

func TestMaskPhone(t *testing.T) {
	tests := map[string]string{
		"+6281234567789": "+62812****789",
		"6281234567789":  "628123****789",
		"0812345":        "****",
		"":               "****",
	}
	for in, want := range tests {
		if got := maskPhone(in); got != want {
			t.Errorf("maskPhone(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMaskToken(t *testing.T) {
	for in, want := range map[string]string{"123456:ABCdef": "123456:***", "nocolon": "***", ":x": "***"} {
		if got := maskToken(in); got != want {
			t.Errorf("maskToken(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRedactKeepsChain(t *testing.T) {
	cause := &tg.TooManyRequestsError{Message: "slow down", RetryAfter: 3}
	err := redact(fmt.Errorf("post https://x/bot1:SECRET/sendMessage: %w", cause), "1:SECRET")
	if got := err.Error(); got != "post https://x/bot***/sendMessage: slow down: retry_after 3" {
		t.Errorf("message = %q", got)
	}
	if d, ok := RetryAfter(err); !ok || d != 3*time.Second {
		t.Errorf("RetryAfter = %v, %v", d, ok)
	}
	if redact(nil, "x") != nil {
		t.Error("redact(nil) != nil")
	}
	if !IsForbidden(redact(fmt.Errorf("%w, blocked", tg.ErrorForbidden), "x")) || IsForbidden(errors.New("x")) {
		t.Error("IsForbidden")
	}
}

func TestNextBackoff(t *testing.T) {
	d := time.Duration(0)
	var seen []time.Duration
	for range 10 {
		d = nextBackoff(d, nil)
		seen = append(seen, d)
	}
	if seen[0] != minBackoff || seen[1] != 2*minBackoff || seen[9] != maxBackoff {
		t.Errorf("backoff steps = %v", seen)
	}
	if d := nextBackoff(0, &tg.TooManyRequestsError{RetryAfter: 9}); d != 9*time.Second {
		t.Errorf("with retry_after 9: %v", d)
	}
}

func TestOptionsPrintMasked(t *testing.T) {
	o := Options{Token: "42:SECRETTOKEN", WebhookSecret: "HOOKSECRET", Mode: ModeWebhook}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("config", "telegram", o)
	for _, s := range []string{fmt.Sprint(o), fmt.Sprintf("%+v", o), buf.String()} {
		if strings.Contains(s, "SECRETTOKEN") || strings.Contains(s, "HOOKSECRET") || !strings.Contains(s, "42:***") {
			t.Errorf("printed options leak or lose the mask: %s", s)
		}
	}
}
