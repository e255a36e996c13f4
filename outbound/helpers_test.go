package outbound_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/outbound"
)

// wait bounds every wait of these tests on real time; nothing sleeps.
const wait = 5 * time.Second

var t0 = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

// fakeClock is a Clock that moves only when the test advances it.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	timers  []*fakeTimer
	changed chan struct{} // closed and replaced when timers change
}

type fakeTimer struct {
	at time.Time
	c  chan time.Time
}

func newFakeClock() *fakeClock { return &fakeClock{now: t0, changed: make(chan struct{})} }

func (f *fakeClock) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *fakeClock) Timer(d time.Duration) (<-chan time.Time, func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t := &fakeTimer{at: f.now.Add(d), c: make(chan time.Time, 1)}
	if d <= 0 {
		t.c <- f.now
		return t.c, func() {}
	}
	f.timers = append(f.timers, t)
	f.changedLocked()
	return t.c, func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		if i := slices.Index(f.timers, t); i >= 0 {
			f.timers = slices.Delete(f.timers, i, i+1)
			f.changedLocked()
		}
	}
}

func (f *fakeClock) changedLocked() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// advanceToNext waits until a timer is pending, moves the clock to the
// earliest one's time and fires the timers due then; it returns that time.
func (f *fakeClock) advanceToNext(t *testing.T) time.Time {
	t.Helper()
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		if len(f.timers) > 0 {
			at := f.timers[0].at
			for _, tm := range f.timers[1:] {
				if tm.at.Before(at) {
					at = tm.at
				}
			}
			f.now = at
			f.timers = slices.DeleteFunc(f.timers, func(tm *fakeTimer) bool {
				if tm.at.After(at) {
					return false
				}
				tm.c <- at
				return true
			})
			f.changedLocked()
			f.mu.Unlock()
			return at
		}
		ch := f.changed
		f.mu.Unlock()
		select {
		case <-ch:
		case <-deadline.C:
			t.Fatalf("no timer pending after %v", wait)
		}
	}
}

// nextTimer waits until a timer is pending and returns its time, without
// moving the clock.
func (f *fakeClock) nextTimer(t *testing.T) time.Time {
	t.Helper()
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		if len(f.timers) > 0 {
			at := f.timers[0].at
			for _, tm := range f.timers[1:] {
				if tm.at.Before(at) {
					at = tm.at
				}
			}
			f.mu.Unlock()
			return at
		}
		ch := f.changed
		f.mu.Unlock()
		select {
		case <-ch:
		case <-deadline.C:
			t.Fatalf("no timer pending after %v", wait)
		}
	}
}

// call is one Send the fake sender received.
type call struct {
	r   bot.Reply
	at  time.Time
	err error
}

// fakeSender records sends on a channel; fail, when set, decides each
// send's error from the reply and how many times its chat was tried.
type fakeSender struct {
	clock outbound.Clock
	calls chan call
	filed chan struct{} // a bulk send's outcome was filed by the queue
	fail  func(r bot.Reply, try int) error

	mu    sync.Mutex
	tries map[bot.ChatKey]int
}

func newFakeSender(clock outbound.Clock) *fakeSender {
	return &fakeSender{clock: clock, calls: make(chan call, 10000), filed: make(chan struct{}, 10000), tries: map[bot.ChatKey]int{}}
}

func (s *fakeSender) Send(_ context.Context, r bot.Reply) (bot.MessageRef, error) {
	s.mu.Lock()
	s.tries[r.Chat]++
	try := s.tries[r.Chat]
	s.mu.Unlock()
	var err error
	if s.fail != nil {
		err = s.fail(r, try)
	}
	s.calls <- call{r: r, at: s.clock.Now(), err: err}
	if err != nil {
		return bot.MessageRef{}, err
	}
	return bot.MessageRef{Chat: r.Chat, MessageID: strconv.Itoa(try)}, nil
}

func (s *fakeSender) AnswerCallback(context.Context, string, string) error { return nil }

// next returns the next send, failing the test after wait.
func (s *fakeSender) next(t *testing.T) call {
	t.Helper()
	select {
	case c := <-s.calls:
		return c
	case <-time.After(wait):
		t.Fatalf("no send after %v", wait)
		return call{}
	}
}

// newQueue is a queue on s that tells s when it filed a send's outcome.
func newQueue(s *fakeSender, o outbound.Options) *outbound.Queue {
	q := outbound.New(s, o)
	outbound.OnFiled(q, func() { s.filed <- struct{}{} })
	return q
}

// waitFiled waits until the queue filed the outcome of a bulk send.
func (s *fakeSender) waitFiled(t *testing.T) {
	t.Helper()
	select {
	case <-s.filed:
	case <-time.After(wait):
		t.Fatalf("no outcome filed after %v", wait)
	}
}

// none checks that no send is recorded now.
func (s *fakeSender) none(t *testing.T) {
	t.Helper()
	select {
	case c := <-s.calls:
		t.Fatalf("unexpected send %q to %s", c.r.Text, c.r.Chat)
	default:
	}
}

// counts records the queue's callbacks.
type counts struct {
	mu      sync.Mutex
	sent    int
	dropped map[string]int
	limited int
	blocked []bot.ChatKey
	results chan outbound.Result
	log     bytes.Buffer
}

func newCounts() *counts {
	return &counts{dropped: map[string]int{}, results: make(chan outbound.Result, 20000)}
}

func (c *counts) options(o outbound.Options) outbound.Options {
	o.Platform = bot.Telegram
	o.OnSent = func(bot.Platform) { c.mu.Lock(); c.sent++; c.mu.Unlock() }
	o.OnDropped = func(_ bot.Platform, reason string) { c.mu.Lock(); c.dropped[reason]++; c.mu.Unlock() }
	o.OnRateLimited = func(bot.Platform) { c.mu.Lock(); c.limited++; c.mu.Unlock() }
	prev := o.OnBlocked
	o.OnBlocked = func(ctx context.Context, k bot.ChatKey) {
		c.mu.Lock()
		c.blocked = append(c.blocked, k)
		c.mu.Unlock()
		if prev != nil {
			prev(ctx, k)
		}
	}
	o.Log = slog.New(slog.NewTextHandler(c, nil))
	return o
}

func (c *counts) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.log.Write(p)
}

func (c *counts) done(r outbound.Result) { c.results <- r }

// result waits for the next outcome handed to done.
func (c *counts) result(t *testing.T) outbound.Result {
	t.Helper()
	select {
	case r := <-c.results:
		return r
	case <-time.After(wait):
		t.Fatalf("no result after %v", wait)
		return outbound.Result{}
	}
}

func (c *counts) snapshot() (sent int, dropped map[string]int, limited int, blocked []bot.ChatKey, log string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	d := map[string]int{}
	for k, v := range c.dropped {
		d[k] = v
	}
	return c.sent, d, c.limited, slices.Clone(c.blocked), c.log.String()
}

func key(i int) bot.ChatKey { return bot.ChatKey{Platform: bot.Telegram, ChatID: strconv.Itoa(i)} }

func msg(chat, n int) bot.Reply {
	return bot.Reply{Chat: key(chat), Text: fmt.Sprintf("m%d-%d", chat, n)}
}

// start runs q until the test ends, and checks Run returned.
func start(t *testing.T, q *outbound.Queue) {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- q.Run(context.Background()) }()
	t.Cleanup(func() {
		q.Close()
		select {
		case err := <-done:
			if err != nil && !errors.Is(err, outbound.ErrClosed) { // Closed before Run began
				t.Errorf("Run: %v", err)
			}
		case <-time.After(wait):
			t.Errorf("Run did not return after Close")
		}
	})
}
