package telegramtest

import (
	"strings"
	"testing"
	"time"
)

// waitFor waits until cond, run with s.mu held, holds or timeout passes.
func (s *Server) waitFor(timeout time.Duration, cond func() bool) bool {
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		s.mu.Lock()
		ok := cond()
		changed := s.changed
		s.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-changed:
		case <-timer.C:
			return false
		}
	}
}

// WaitSent waits until at least n messages were sent and returns them all;
// the test fails after timeout.
func (s *Server) WaitSent(t testing.TB, n int, timeout time.Duration) []Message {
	t.Helper()
	if !s.waitFor(timeout, func() bool { return len(s.sent) >= n }) {
		t.Fatalf("telegramtest: %d messages sent after %v, want %d", len(s.Sent()), timeout, n)
	}
	return s.Sent()
}

// WaitEdits waits until at least n edits were made and returns them all.
func (s *Server) WaitEdits(t testing.TB, n int, timeout time.Duration) []Message {
	t.Helper()
	if !s.waitFor(timeout, func() bool { return len(s.edits) >= n }) {
		t.Fatalf("telegramtest: %d edits after %v, want %d", len(s.Edits()), timeout, n)
	}
	return s.Edits()
}

// WaitCallbackAnswers waits until at least n callbacks were answered and
// returns the answers.
func (s *Server) WaitCallbackAnswers(t testing.TB, n int, timeout time.Duration) []CallbackAnswer {
	t.Helper()
	if !s.waitFor(timeout, func() bool { return len(s.answers) >= n }) {
		t.Fatalf("telegramtest: %d callback answers after %v, want %d", len(s.CallbackAnswers()), timeout, n)
	}
	return s.CallbackAnswers()
}

// WaitConfirmed waits until getUpdates confirmed every update below offset.
func (s *Server) WaitConfirmed(t testing.TB, offset int64, timeout time.Duration) {
	t.Helper()
	if !s.waitFor(timeout, func() bool { return s.confirm >= offset }) {
		t.Fatalf("telegramtest: confirmed offset %d after %v, want %d", s.Confirmed(), timeout, offset)
	}
}

// WaitCalls waits until method was called at least n times.
func (s *Server) WaitCalls(t testing.TB, method string, n int, timeout time.Duration) {
	t.Helper()
	m := strings.ToLower(method)
	if !s.waitFor(timeout, func() bool { return s.calls[m] >= n }) {
		t.Fatalf("telegramtest: %s called %d times after %v, want %d", method, s.Calls(method), timeout, n)
	}
}

// WaitWebhook waits until a webhook is set and returns it.
func (s *Server) WaitWebhook(t testing.TB, timeout time.Duration) Webhook {
	t.Helper()
	if !s.waitFor(timeout, func() bool { return s.webhook.URL != "" }) {
		t.Fatalf("telegramtest: no webhook set after %v", timeout)
	}
	return s.Webhook()
}
