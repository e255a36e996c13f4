package whatsapp_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	"github.com/kinerjabot/kinerjabot/outbound"
)

// clock is a clock the test moves by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func serverError(code int) error { return fmt.Errorf("%w %d", whatsmeow.ErrServerReturnedError, code) }

// sendLimited sends to chat and returns how long the rate limit says to wait;
// the test fails if the send was not rate limited.
func (r *rig) sendLimited(t *testing.T, to string) time.Duration {
	t.Helper()
	_, err := r.a.Send(t.Context(), bot.Reply{Chat: chat(to), Text: "halo"})
	var rl *bot.RateLimitedError
	if !errors.As(err, &rl) {
		t.Fatalf("send to %s: %v, want *bot.RateLimitedError", to, err)
	}
	return rl.RetryAfter
}

// TestRateLimitPausesAccount: WhatsApp's 429 pauses every send, to every
// chat, for a minute, without asking WhatsApp; a 429 soon after the pause
// doubles it.
func TestRateLimitPausesAccount(t *testing.T) {
	clk := &clock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
	r := start(t, nil, func(o *whatsapp.Options) { o.Now = clk.Now })
	r.wrote(t, budiID)
	r.wrote(t, sitiID)
	r.fc.FailSends(serverError(429))
	if wait := r.sendLimited(t, budiID); wait != time.Minute {
		t.Errorf("429: retry after %v, want 1m", wait)
	}
	clk.advance(20 * time.Second)
	if wait := r.sendLimited(t, sitiID); wait != 40*time.Second {
		t.Errorf("another chat during the pause: retry after %v, want the 40s left", wait)
	}
	if n := r.fc.Attempts(); n != 1 {
		t.Errorf("%d sends reached WhatsApp, want only the first", n)
	}
	clk.advance(41 * time.Second)
	r.send(t, bot.Reply{Chat: chat(sitiID), Text: "halo"})
	r.fc.FailSends(serverError(429))
	if wait := r.sendLimited(t, budiID); wait != 2*time.Minute {
		t.Errorf("a 429 right after the pause: retry after %v, want 2m", wait)
	}
	if !strings.Contains(r.logs.String(), "over its rate limit (429)") {
		t.Errorf("the pause was not logged:\n%s", r.logs)
	}
}

// TestStaleTokenNotRetried: a message refused with 463 fails as blocked,
// once, logged as such; the outbound queue does not try it again.
func TestStaleTokenNotRetried(t *testing.T) {
	r := start(t, nil)
	r.wrote(t, budiID)
	r.fc.FailSends(serverError(463), serverError(463), serverError(463))
	q := outbound.New(r.a, outbound.Options{Platform: bot.WhatsApp, PerSecond: 20, Backoff: time.Millisecond})
	ctx, cancel := context.WithTimeout(t.Context(), wait)
	defer cancel()
	go func() { _ = q.Run(ctx) }()
	defer q.Close()
	err := q.Bulk(ctx, bot.Reply{Chat: chat(budiID), Text: "Pengingat"})
	if !errors.Is(err, bot.ErrBlocked) || !errors.Is(err, whatsapp.ErrStaleToken) {
		t.Errorf("bulk send refused with 463: %v, want ErrStaleToken (bot.ErrBlocked)", err)
	}
	if n := r.fc.Attempts(); n != 1 {
		t.Errorf("%d attempts, want 1", n)
	}
	if !strings.Contains(r.logs.String(), "463") {
		t.Errorf("the 463 was not logged:\n%s", r.logs)
	}
}
