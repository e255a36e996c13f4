package whatsappcloud

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/kinerjabot/kinerjabot/bot"
)

// Delivery statuses of the messages the bot sent, as the webhook reports
// them. They are counted (for metrics), logged without the recipient, and a
// failure with a permanent code marks the chat undeliverable.

// StatusNames are the statuses counted.
var StatusNames = []string{"sent", "delivered", "read", "failed"}

type statusCounts struct {
	sent, delivered, read, failed atomic.Uint64
	mu                            sync.Mutex
	failures                      map[int]uint64 // failed, by error code
}

func (s *statusCounts) counter(status string) *atomic.Uint64 {
	switch status {
	case "sent":
		return &s.sent
	case "delivered":
		return &s.delivered
	case "read":
		return &s.read
	case "failed":
		return &s.failed
	}
	return nil
}

// Statuses returns how many of each status (StatusNames) the webhook
// reported since the start.
func (a *Adapter) Statuses() map[string]uint64 {
	out := map[string]uint64{}
	for _, n := range StatusNames {
		out[n] = a.statuses.counter(n).Load()
	}
	return out
}

// Failures returns how many failed statuses each error code had.
func (a *Adapter) Failures() map[int]uint64 {
	a.statuses.mu.Lock()
	defer a.statuses.mu.Unlock()
	out := make(map[int]uint64, len(a.statuses.failures))
	for c, n := range a.statuses.failures {
		out[c] = n
	}
	return out
}

func (a *Adapter) recordStatuses(ctx context.Context, ss []Status) {
	for _, s := range ss {
		c := a.statuses.counter(s.Status)
		if c == nil {
			continue
		}
		c.Add(1)
		if s.Status == "failed" {
			a.failed(ctx, s)
		}
	}
}

// failed counts a failure by code; on 131047 it closes the window and
// sends the message again in the template; on a permanent code it marks
// the chat undeliverable.
func (a *Adapter) failed(ctx context.Context, s Status) {
	code := 0
	if len(s.Errors) > 0 {
		code = s.Errors[0].Code
	}
	a.statuses.mu.Lock()
	if a.statuses.failures == nil {
		a.statuses.failures = map[int]uint64{}
	}
	a.statuses.failures[code]++
	a.statuses.mu.Unlock()
	a.log.Warn("whatsapp cloud message failed", "message_id", s.ID, "code", code)
	chat := ChatID(s.RecipientID)
	if _, ok := waID(chat); !ok {
		return
	}
	switch {
	case code == CodeReEngagement:
		a.windowClosed(ctx, chat)
		a.resendAsTemplate(ctx, s.ID)
	case isPermanent(code) && a.opt.OnUndeliverable != nil:
		a.opt.OnUndeliverable(bot.ChatKey{Platform: bot.WhatsApp, ChatID: chat})
	}
}
