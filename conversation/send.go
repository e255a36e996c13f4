package conversation

import (
	"context"
	"encoding/json"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

// sendBackoff is the wait before each retry of a failed send.
var sendBackoff = []time.Duration{200 * time.Millisecond, time.Second}

// sendOutbox delivers the outbox in order and returns how many entries it is
// done with: all of them, since a reply that still fails after its retries
// is logged and counted rather than allowed to block the chat.
func (e *Engine) sendOutbox(ctx context.Context, outbox []string) int {
	for _, raw := range outbox {
		var r bot.Reply
		if err := json.Unmarshal([]byte(raw), &r); err != nil {
			e.log.Error("malformed reply dropped", "err", err)
			continue
		}
		e.send(ctx, r)
	}
	return len(outbox)
}

func (e *Engine) send(ctx context.Context, r bot.Reply) {
	s, ok := e.sender(r.Chat.Platform)
	if !ok {
		e.opt.Observer.SendError(r.Chat.Platform)
		e.log.Error("reply dropped: no sender for platform", "chat", r.Chat.String())
		return
	}
	var err error
	for attempt := 0; ; attempt++ {
		if _, err = s.Send(ctx, r); err == nil {
			return
		}
		if attempt >= len(sendBackoff) {
			break
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(sendBackoff[attempt]):
		}
	}
	e.opt.Observer.SendError(r.Chat.Platform)
	e.log.Error("reply not delivered", "chat", r.Chat.String(), "err", err)
}
