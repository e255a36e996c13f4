package outbound_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/outbound"
)

// BulkIf's start runs once, just before the first send (not again on the
// retry after a 429), and a refusing start withdraws the message unsent
// and uncounted.
func TestBulkIfStartsOnceAndRefusalWithdraws(t *testing.T) {
	clock := newFakeClock()
	s := newFakeSender(clock)
	s.fail = func(r bot.Reply, try int) error {
		if r.Chat == key(1) && try == 1 {
			return &bot.RateLimitedError{RetryAfter: 2 * time.Second, Err: errors.New("429")}
		}
		return nil
	}
	c := newCounts()
	q := newQueue(s, c.options(outbound.Options{PerSecond: 10, Clock: clock}))
	start(t, q)

	var starts atomic.Int32
	sent := make(chan error, 1)
	go func() {
		sent <- q.BulkIf(context.Background(), msg(1, 1), func(context.Context) error {
			if len(s.calls) != 0 {
				t.Error("start called after the send")
			}
			starts.Add(1)
			return nil
		})
	}()
	if cl := s.next(t); cl.err == nil {
		t.Fatal("first send not refused with 429")
	}
	clock.advanceToNext(t)
	if cl := s.next(t); cl.err != nil || cl.r.Text != "m1-1" {
		t.Fatalf("retry: %+v", cl)
	}
	if err := <-sent; err != nil {
		t.Fatalf("BulkIf: %v", err)
	}
	if n := starts.Load(); n != 1 {
		t.Errorf("start called %d times, want once", n)
	}

	lost := errors.New("claim lost")
	go func() {
		sent <- q.BulkIf(context.Background(), msg(2, 1), func(context.Context) error { return lost })
	}()
	clock.advanceToNext(t)
	if err := <-sent; !errors.Is(err, lost) {
		t.Fatalf("refused BulkIf = %v, want the start's error", err)
	}
	s.none(t)
	if n, dropped, _, _, _ := c.snapshot(); n != 1 || len(dropped) != 0 {
		t.Errorf("sent %d, dropped %v; want 1 sent and a withdrawal not counted as a drop", n, dropped)
	}
}

// BulkRef says where the message went (its reference, to edit it later),
// and nothing when it was not delivered.
func TestBulkRefReturnsTheReference(t *testing.T) {
	clock := newFakeClock()
	s := newFakeSender(clock)
	s.fail = func(r bot.Reply, _ int) error {
		if r.Chat == key(2) {
			return bot.ErrBlocked
		}
		return nil
	}
	q := newQueue(s, newCounts().options(outbound.Options{PerSecond: 10, Clock: clock}))
	start(t, q)
	type result struct {
		ref bot.MessageRef
		err error
	}
	got := make(chan result, 1)
	for _, chat := range []int{1, 2} {
		go func() {
			ref, err := q.BulkRef(context.Background(), msg(chat, 1), nil)
			got <- result{ref, err}
		}()
		if chat > 1 {
			clock.advanceToNext(t) // the global rate's interval
		}
		s.next(t)
		r := <-got
		switch chat {
		case 1:
			if r.err != nil || r.ref.Chat != key(1) || r.ref.MessageID != "1" {
				t.Fatalf("delivered: %+v", r)
			}
		case 2:
			if !errors.Is(r.err, bot.ErrBlocked) || r.ref != (bot.MessageRef{}) {
				t.Fatalf("blocked: %+v", r)
			}
		}
	}
}
