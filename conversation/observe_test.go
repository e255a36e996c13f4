package conversation

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

// waitObserver records InboxWait; the other measurements are ignored.
type waitObserver struct {
	nopObserver
	mu     sync.Mutex
	waited []time.Duration
}

func (o *waitObserver) InboxWait(_ bot.Platform, d time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.waited = append(o.waited, d)
}

func (o *waitObserver) all() []time.Duration {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]time.Duration(nil), o.waited...)
}

// TestInboxWaitMeasuredFromThePlatformsTime: the engine reports how old an
// update was (since the platform's timestamp) when its handling started,
// and nothing for an update without a timestamp.
func TestInboxWaitMeasuredFromThePlatformsTime(t *testing.T) {
	f := newFixture(t)
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	obs := &waitObserver{}
	f.opts.Observer, f.opts.Now = obs, func() time.Time { return now }
	e := f.engine(t, true)
	old := text("100", 1, "a")
	old.At = now.Add(-90 * time.Second)
	if err := e.Accept(context.Background(), old); err != nil {
		t.Fatal(err)
	}
	f.snd.next(t)
	if err := e.Accept(context.Background(), text("100", 2, "b")); err != nil { // no timestamp
		t.Fatal(err)
	}
	f.snd.next(t)
	got := obs.all()
	if len(got) != 1 || got[0] != 90*time.Second {
		t.Fatalf("inbox waits %v, want one of 1m30s", got)
	}
}
