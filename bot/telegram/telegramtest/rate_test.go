package telegramtest_test

import (
	"testing"

	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
)

func TestEnforceRateAnswers429WithRetryAfter(t *testing.T) {
	s := telegramtest.NewServer(t)
	s.EnforceRate(3)
	for i := range 3 {
		if a := callJSON(t, s, "sendMessage", map[string]any{"chat_id": 10 + i, "text": "x"}); !a.OK {
			t.Fatalf("send %d refused: %+v", i, a)
		}
	}
	// Sent within the same second (the test does these calls in well under
	// a second on any machine that runs it at all).
	a := callJSON(t, s, "sendMessage", map[string]any{"chat_id": 20, "text": "x"})
	if a.OK || a.ErrorCode != 429 || a.Parameters.RetryAfter < 1 {
		t.Fatalf("4th send in a second: %+v, want 429 with retry_after >= 1", a)
	}
	if n := s.RateLimited(); n != 1 {
		t.Errorf("RateLimited = %d, want 1", n)
	}
	if n := len(s.Sent()); n != 3 {
		t.Errorf("%d messages recorded, want 3", n)
	}
	s.EnforceRate(0)
	if a := callJSON(t, s, "sendMessage", map[string]any{"chat_id": 20, "text": "x"}); !a.OK {
		t.Errorf("limit off, send refused: %+v", a)
	}
}

func TestBlock(t *testing.T) {
	s := telegramtest.NewServer(t)
	s.Block(42)
	a := callJSON(t, s, "sendMessage", map[string]any{"chat_id": 42, "text": "x"})
	if a.OK || a.ErrorCode != 403 || a.Description != "Forbidden: bot was blocked by the user" {
		t.Fatalf("send to blocked chat: %+v", a)
	}
	if a := callJSON(t, s, "sendMessage", map[string]any{"chat_id": 43, "text": "x"}); !a.OK {
		t.Fatalf("send to another chat: %+v", a)
	}
	s.Unblock(42)
	if a := callJSON(t, s, "sendMessage", map[string]any{"chat_id": 42, "text": "x"}); !a.OK {
		t.Fatalf("send after Unblock: %+v", a)
	}
	if n := len(s.Sent()); n != 2 {
		t.Errorf("%d messages recorded, want 2", n)
	}
}
