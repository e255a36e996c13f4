package outbound_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/outbound"
)

// A long bulk message whose first parts went out before a 429 is retried
// from the part that failed: nobody gets the first parts twice.
func TestBulkRetriesTheRestOfAPartialSend(t *testing.T) {
	clock := newFakeClock()
	s := newFakeSender(clock)
	rest := bot.Reply{Chat: key(1), Text: "bagian kedua"}
	s.fail = func(r bot.Reply, try int) error {
		if try == 1 {
			return &bot.PartialError{Sent: 1, Rest: rest,
				Err: &bot.RateLimitedError{RetryAfter: 2 * time.Second, Err: errors.New("429")}}
		}
		return nil
	}
	q := newQueue(s, outbound.Options{PerSecond: 10, Clock: clock})
	start(t, q)
	sent := make(chan error, 1)
	go func() { sent <- q.Bulk(context.Background(), msg(1, 1)) }()
	if cl := s.next(t); cl.err == nil || cl.r.Text != "m1-1" {
		t.Fatalf("first send: %+v", cl)
	}
	clock.advanceToNext(t)
	if cl := s.next(t); cl.err != nil || cl.r.Text != "bagian kedua" {
		t.Fatalf("retry sent %q (err %v), want the rest", cl.r.Text, cl.err)
	}
	if err := <-sent; err != nil {
		t.Fatalf("Bulk: %v", err)
	}
}
