package conversation

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

// ErrNotAccepted is the class of the error Handler.Failure gets when an
// update could not even be taken in (Redis is out): the platform still
// holds it and delivers it again, so the person need not send it again.
var ErrNotAccepted = errors.New("update not accepted yet")

// outageNoticeEvery is how often one chat is told, at most, that its
// message could not be taken in (the platform redelivers it meanwhile).
const outageNoticeEvery = 30 * time.Second

// noticeTimeout bounds the sending of one outage notice.
const noticeTimeout = 10 * time.Second

// maxNoticed bounds the chats remembered as told.
const maxNoticed = 10_000

// acceptFailed tells the person, straight through the platform's sender
// (Redis, and with it the outbox, is what failed), that the service is
// disturbed: the handler's own failure answer, at most once per chat every
// outageNoticeEvery. The update itself is not lost: Accept's error makes
// the adapter leave it unconfirmed, and the platform delivers it again.
// The notice goes out on a goroutine that Run waits for (on Accept's own
// once Run has returned).
func (e *Engine) acceptFailed(ctx context.Context, u bot.Update, cause error) {
	now := time.Now()
	c := u.Chat()
	e.noticeMu.Lock()
	if last, ok := e.noticed[c]; ok && now.Sub(last) < outageNoticeEvery {
		e.noticeMu.Unlock()
		return
	}
	if len(e.noticed) >= maxNoticed {
		for k, t := range e.noticed {
			if now.Sub(t) >= outageNoticeEvery {
				delete(e.noticed, k)
			}
		}
	}
	e.noticed[c] = now
	e.noticeMu.Unlock()
	ctx = context.WithoutCancel(ctx)
	e.bg.spawn(func() {
		ctx, cancel := context.WithTimeout(ctx, noticeTimeout)
		defer cancel()
		replies, notice := e.handler.Failure(Input{Update: u, Now: e.opt.Now()}, fmt.Errorf("%w: %w", ErrNotAccepted, cause))
		e.answer(ctx, u, notice)
		for _, r := range replies {
			if r.Chat == (bot.ChatKey{}) {
				r.Chat = c
			}
			e.send(ctx, r)
		}
	})
}
