package outbound_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/outbound"
)

// expect reads the next bulk send, checks its text and time, and waits
// until the queue filed its outcome.
func expect(t *testing.T, s *fakeSender, text string, at time.Duration) call {
	t.Helper()
	c := expectReply(t, s, text, at)
	s.waitFiled(t)
	return c
}

// expectReply reads the next send, made by Send, and checks it.
func expectReply(t *testing.T, s *fakeSender, text string, at time.Duration) call {
	t.Helper()
	c := s.next(t)
	if c.r.Text != text || !c.at.Equal(t0.Add(at)) {
		t.Fatalf("send %q at +%v, want %q at +%v", c.r.Text, c.at.Sub(t0), text, at)
	}
	return c
}

func TestBulkIsPacedToTheGlobalRate(t *testing.T) {
	clock := newFakeClock()
	s := newFakeSender(clock)
	c := newCounts()
	q := newQueue(s, c.options(outbound.Options{PerSecond: 10, ReplyReserve: -1, Clock: clock}))
	var rs []bot.Reply
	for i := range 20 {
		rs = append(rs, msg(i, 1))
	}
	if err := q.Enqueue(t.Context(), rs, c.done); err != nil {
		t.Fatal(err)
	}
	start(t, q)
	for i := range 20 {
		expect(t, s, msg(i, 1).Text, time.Duration(i)*100*time.Millisecond)
		if i < 19 {
			clock.advanceToNext(t)
		}
	}
	for range 20 {
		if r := c.result(t); r.Err != nil || r.Ref.MessageID == "" {
			t.Errorf("result %+v", r)
		}
	}
	if sent, dropped, _, _, _ := c.snapshot(); sent != 20 || len(dropped) != 0 {
		t.Errorf("sent %d, dropped %v", sent, dropped)
	}
	if n := q.Pending(); n != 0 {
		t.Errorf("Pending = %d", n)
	}
}

func TestBulkKeepsPerChatSpacingAndOrder(t *testing.T) {
	clock := newFakeClock()
	s := newFakeSender(clock)
	c := newCounts()
	q := newQueue(s, c.options(outbound.Options{PerSecond: 10, PerChatInterval: time.Second, Clock: clock}))
	// A1 A2 A3 B1 B2: A's second message waits a second, B fills the gaps.
	if err := q.Enqueue(t.Context(), []bot.Reply{msg(1, 1), msg(1, 2), msg(1, 3), msg(2, 1), msg(2, 2)}, c.done); err != nil {
		t.Fatal(err)
	}
	start(t, q)
	ms := time.Millisecond
	expect(t, s, "m1-1", 0)
	clock.advanceToNext(t)
	expect(t, s, "m2-1", 100*ms)
	clock.advanceToNext(t)
	expect(t, s, "m1-2", 1000*ms)
	clock.advanceToNext(t)
	expect(t, s, "m2-2", 1100*ms)
	clock.advanceToNext(t)
	expect(t, s, "m1-3", 2000*ms)
	for range 5 {
		c.result(t)
	}
	s.none(t)
}

func TestRateLimitedChatWaitsRetryAfterWhileOthersGoOn(t *testing.T) {
	clock := newFakeClock()
	s := newFakeSender(clock)
	s.fail = func(r bot.Reply, try int) error {
		if r.Chat == key(1) && try == 1 {
			return &bot.RateLimitedError{RetryAfter: 5 * time.Second, Err: errors.New("429")}
		}
		return nil
	}
	c := newCounts()
	q := newQueue(s, c.options(outbound.Options{PerSecond: 10, Clock: clock}))
	if err := q.Enqueue(t.Context(), []bot.Reply{msg(1, 1), msg(2, 1), msg(2, 2), msg(3, 1)}, c.done); err != nil {
		t.Fatal(err)
	}
	start(t, q)
	ms := time.Millisecond
	if cl := expect(t, s, "m1-1", 0); cl.err == nil {
		t.Fatal("first send to chat 1 not refused")
	}
	clock.advanceToNext(t)
	expect(t, s, "m2-1", 100*ms)
	clock.advanceToNext(t)
	expect(t, s, "m3-1", 200*ms)
	clock.advanceToNext(t)
	expect(t, s, "m2-2", 1100*ms)
	clock.advanceToNext(t)
	expect(t, s, "m1-1", 5000*ms) // the retry, exactly RetryAfter later
	for range 4 {
		if r := c.result(t); r.Err != nil {
			t.Errorf("%s: %v", r.Reply.Text, r.Err)
		}
	}
	if sent, dropped, limited, _, _ := c.snapshot(); sent != 4 || len(dropped) != 0 || limited != 1 {
		t.Errorf("sent %d, dropped %v, rate limited %d; want 4, none, 1", sent, dropped, limited)
	}
}

func TestBlockedChatIsMarkedAndSkipped(t *testing.T) {
	clock := newFakeClock()
	s := newFakeSender(clock)
	s.fail = func(r bot.Reply, try int) error {
		if r.Chat == key(1) && try == 1 {
			return fmt.Errorf("telegram sendMessage: forbidden: %w", bot.ErrBlocked)
		}
		return nil
	}
	c := newCounts()
	known := key(9) // recorded as blocked earlier, e.g. in the record store
	q := newQueue(s, c.options(outbound.Options{
		PerSecond: 10, Clock: clock,
		Blocked: func(_ context.Context, k bot.ChatKey) bool { return k == known },
	}))
	start(t, q)
	if err := q.Enqueue(t.Context(), []bot.Reply{msg(1, 1), msg(1, 2), msg(1, 3), msg(2, 1), msg(9, 1)}, c.done); err != nil {
		t.Fatal(err)
	}
	// m9-1 is skipped at once; m1-1 is refused and takes m1-2, m1-3 with it.
	expect(t, s, "m1-1", 0)
	clock.advanceToNext(t)
	expect(t, s, "m2-1", 100*time.Millisecond)
	blocked := 0
	for range 5 {
		r := c.result(t)
		switch {
		case r.Reply.Chat == key(2):
			if r.Err != nil {
				t.Errorf("m2-1: %v", r.Err)
			}
		case errors.Is(r.Err, bot.ErrBlocked):
			blocked++
		default:
			t.Errorf("%s: %v, want ErrBlocked", r.Reply.Text, r.Err)
		}
	}
	if blocked != 4 {
		t.Errorf("%d blocked results, want 4", blocked)
	}
	sent, dropped, _, marked, log := c.snapshot()
	if sent != 1 || dropped[outbound.ReasonBlocked] != 4 || len(dropped) != 1 {
		t.Errorf("sent %d dropped %v; want 1 and 4 blocked", sent, dropped)
	}
	if len(marked) != 1 || marked[0] != key(1) {
		t.Errorf("OnBlocked told %v, want only chat 1 (chat 9 was known already)", marked)
	}
	if !strings.Contains(log, "reason=blocked") {
		t.Errorf("drops not logged with their reason:\n%s", log)
	}

	// Later bulk messages to chat 1 are skipped without a call...
	if err := q.Bulk(t.Context(), msg(1, 4)); !errors.Is(err, bot.ErrBlocked) {
		t.Errorf("Bulk to a blocked chat: %v", err)
	}
	s.none(t)
	// ...until the person writes again and gets a reply.
	if _, err := q.Send(t.Context(), bot.Reply{Chat: key(1), Text: "reply"}); err != nil {
		t.Fatal(err)
	}
	expectReply(t, s, "reply", 100*time.Millisecond)
	errc := make(chan error, 1)
	go func() { errc <- q.Bulk(context.Background(), msg(1, 5)) }()
	clock.advanceToNext(t) // the reply holds chat 1 for a second
	expect(t, s, "m1-5", 1100*time.Millisecond)
	if err := <-errc; err != nil {
		t.Errorf("Bulk after the person wrote again: %v", err)
	}
}

func TestSendMarksBlockedAndUnblock(t *testing.T) {
	clock := newFakeClock()
	s := newFakeSender(clock)
	s.fail = func(r bot.Reply, try int) error {
		if try == 1 {
			return bot.ErrBlocked
		}
		return nil
	}
	c := newCounts()
	q := newQueue(s, c.options(outbound.Options{Clock: clock}))
	start(t, q)
	if _, err := q.Send(t.Context(), msg(1, 1)); !errors.Is(err, bot.ErrBlocked) {
		t.Fatalf("Send: %v", err)
	}
	s.next(t)
	if err := q.Bulk(t.Context(), msg(1, 2)); !errors.Is(err, bot.ErrBlocked) {
		t.Fatalf("Bulk after a blocked reply: %v", err)
	}
	q.Unblock(key(1))
	errc := make(chan error, 1)
	go func() { errc <- q.Bulk(context.Background(), msg(1, 3)) }()
	clock.advanceToNext(t)
	expect(t, s, "m1-3", time.Second)
	if err := <-errc; err != nil {
		t.Fatalf("Bulk after Unblock: %v", err)
	}
	if _, _, _, marked, _ := c.snapshot(); len(marked) != 1 {
		t.Errorf("OnBlocked told %v, want once", marked)
	}
}

func TestFailingMessageIsRetriedThenDroppedAndCounted(t *testing.T) {
	clock := newFakeClock()
	s := newFakeSender(clock)
	boom := errors.New("boom")
	s.fail = func(r bot.Reply, try int) error {
		if r.Chat == key(1) || (r.Chat == key(2) && try == 1) {
			return boom
		}
		return nil
	}
	c := newCounts()
	q := newQueue(s, c.options(outbound.Options{
		PerSecond: 10, PerChatInterval: time.Second, MaxRetries: 2, Backoff: 2 * time.Second, Clock: clock,
	}))
	if err := q.Enqueue(t.Context(), []bot.Reply{msg(1, 1), msg(2, 1)}, c.done); err != nil {
		t.Fatal(err)
	}
	start(t, q)
	expect(t, s, "m1-1", 0)
	clock.advanceToNext(t)
	expect(t, s, "m2-1", 100*time.Millisecond)
	clock.advanceToNext(t)
	expect(t, s, "m1-1", 2*time.Second) // backoff 2s
	clock.advanceToNext(t)
	expect(t, s, "m2-1", 2100*time.Millisecond) // chat 2 succeeds on its retry
	clock.advanceToNext(t)
	expect(t, s, "m1-1", 6*time.Second) // backoff 4s, the last retry
	results := map[string]error{}
	for range 2 {
		r := c.result(t)
		results[r.Reply.Text] = r.Err
	}
	if !errors.Is(results["m1-1"], boom) || results["m2-1"] != nil {
		t.Errorf("results %v", results)
	}
	sent, dropped, _, _, log := c.snapshot()
	if sent != 1 || dropped[outbound.ReasonFailed] != 1 {
		t.Errorf("sent %d dropped %v", sent, dropped)
	}
	if !strings.Contains(log, "reason=failed") || !strings.Contains(log, "boom") || !strings.Contains(log, "chat=telegram:1") {
		t.Errorf("drop not logged with chat, reason and error:\n%s", log)
	}
	s.none(t)
}

func TestBulkLeavesRoomForReplies(t *testing.T) {
	clock := newFakeClock()
	s := newFakeSender(clock)
	c := newCounts()
	// 10 a second, 1 of them kept for replies: 9 bulk messages per second.
	q := newQueue(s, c.options(outbound.Options{PerSecond: 10, Clock: clock}))
	var rs []bot.Reply
	for i := range 12 {
		rs = append(rs, msg(i, 1))
	}
	if err := q.Enqueue(t.Context(), rs, c.done); err != nil {
		t.Fatal(err)
	}
	start(t, q)
	ms := time.Millisecond
	for i, at := range []time.Duration{0, 100, 200, 300, 400, 500, 600, 700, 800, 1000, 1100, 1200} {
		expect(t, s, msg(i, 1).Text, at*ms)
		if i < 11 {
			clock.advanceToNext(t)
		}
	}
}

func TestReplyOvertakesBulkBacklogButTakesAGlobalSlot(t *testing.T) {
	clock := newFakeClock()
	s := newFakeSender(clock)
	c := newCounts()
	q := newQueue(s, c.options(outbound.Options{PerSecond: 10, ReplyReserve: -1, Clock: clock}))
	var rs []bot.Reply
	for i := range 500 {
		rs = append(rs, msg(i, 1))
	}
	if err := q.Enqueue(t.Context(), rs, c.done); err != nil {
		t.Fatal(err)
	}
	start(t, q)
	expect(t, s, "m0-1", 0)
	// The clock does not move: the reply goes out without waiting.
	if _, err := q.Send(t.Context(), bot.Reply{Chat: key(10_000), Text: "reply"}); err != nil {
		t.Fatal(err)
	}
	expectReply(t, s, "reply", 0)
	if n := q.Pending(); n != 499 {
		t.Errorf("Pending = %d while the reply went out, want 499", n)
	}
	// It took one of the second's 10 slots: the 10th bulk message waits
	// for the first second to pass.
	ms := time.Millisecond
	for i, at := range []time.Duration{100, 200, 300, 400, 500, 600, 700, 800, 1000} {
		clock.advanceToNext(t)
		expect(t, s, msg(i+1, 1).Text, at*ms)
	}

	// Closing drops the rest, each counted and told.
	q.Close()
	delivered, closed := 0, 0
	for range 500 {
		switch r := c.result(t); {
		case r.Err == nil:
			delivered++
		case errors.Is(r.Err, outbound.ErrClosed):
			closed++
		default:
			t.Errorf("%s: %v", r.Reply.Text, r.Err)
		}
	}
	sent, dropped, _, _, _ := c.snapshot()
	if delivered != 10 || closed != 490 || sent != 11 || dropped[outbound.ReasonShutdown] != 490 {
		t.Errorf("delivered %d closed %d; OnSent %d dropped %v", delivered, closed, sent, dropped)
	}
	if err := q.Enqueue(t.Context(), rs[:1], c.done); !errors.Is(err, outbound.ErrClosed) {
		t.Errorf("Enqueue after Close: %v", err)
	}
	// Replies still go out after Close.
	if _, err := q.Send(t.Context(), bot.Reply{Chat: key(1), Text: "late reply"}); err != nil {
		t.Errorf("Send after Close: %v", err)
	}
}

func TestBulkCancelledWhileQueuedIsWithdrawnAndCounted(t *testing.T) {
	clock := newFakeClock()
	s := newFakeSender(clock)
	c := newCounts()
	q := newQueue(s, c.options(outbound.Options{PerSecond: 10, Clock: clock}))
	start(t, q)
	if err := q.Enqueue(t.Context(), []bot.Reply{msg(1, 1)}, c.done); err != nil {
		t.Fatal(err)
	}
	expect(t, s, "m1-1", 0)
	c.result(t)
	ctx, cancel := context.WithCancel(t.Context())
	errc := make(chan error, 1)
	go func() { errc <- q.Bulk(ctx, msg(2, 1)) }()
	clock.nextTimer(t) // queued behind the global slot
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("Bulk: %v", err)
	}
	clock.advanceToNext(t)
	// Withdrawn when reached; the next message takes the slot instead.
	if err := q.Enqueue(t.Context(), []bot.Reply{msg(3, 1)}, c.done); err != nil {
		t.Fatal(err)
	}
	expect(t, s, "m3-1", 100*time.Millisecond)
	c.result(t)
	if _, dropped, _, _, _ := c.snapshot(); dropped[outbound.ReasonCancelled] != 1 {
		t.Errorf("dropped %v, want 1 cancelled", dropped)
	}
}

func TestLifecycle(t *testing.T) {
	s := newFakeSender(newFakeClock())
	q := outbound.New(s, outbound.Options{})
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- q.Run(ctx) }()
	ch := make(chan outbound.Result, 1)
	// Before the clock moves nothing blocks: the first message goes at once.
	if err := q.Enqueue(t.Context(), []bot.Reply{msg(1, 1)}, func(r outbound.Result) { ch <- r }); err != nil {
		t.Fatal(err)
	}
	if r := <-ch; r.Err != nil {
		t.Fatal(r.Err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if err := q.Run(t.Context()); !errors.Is(err, outbound.ErrClosed) {
		t.Errorf("Run after stop: %v", err)
	}
	if err := q.Close(); err != nil {
		t.Errorf("Close after Run returned: %v", err)
	}
	if err := q.Bulk(t.Context(), msg(1, 2)); !errors.Is(err, outbound.ErrClosed) {
		t.Errorf("Bulk after stop: %v", err)
	}

	// Closed before Run: queued messages are dropped, Run refuses.
	q2 := outbound.New(s, outbound.Options{})
	ch2 := make(chan outbound.Result, 1)
	if err := q2.Enqueue(t.Context(), []bot.Reply{msg(2, 1)}, func(r outbound.Result) { ch2 <- r }); err != nil {
		t.Fatal(err)
	}
	q2.Close()
	if r := <-ch2; !errors.Is(r.Err, outbound.ErrClosed) {
		t.Errorf("queued before Close: %v", r.Err)
	}
	if err := q2.Run(t.Context()); !errors.Is(err, outbound.ErrClosed) {
		t.Errorf("Run after Close: %v", err)
	}

	// MaxPending.
	q3 := outbound.New(s, outbound.Options{MaxPending: 2})
	defer q3.Close()
	if err := q3.Enqueue(t.Context(), []bot.Reply{msg(1, 1), msg(2, 1), msg(3, 1)}, nil); !errors.Is(err, outbound.ErrFull) {
		t.Errorf("over MaxPending: %v", err)
	}
	if n := q3.Pending(); n != 0 {
		t.Errorf("Pending after a refused batch = %d", n)
	}
}

// Enqueue's context reaches the block list's look-ups, values and all, and
// its end does not withdraw the messages: they outlive the call.
func TestEnqueueContextServesLookupsOnly(t *testing.T) {
	type caller struct{}
	clock := newFakeClock()
	s := newFakeSender(clock)
	c := newCounts()
	looked := make(chan any, 4)
	q := newQueue(s, c.options(outbound.Options{
		PerSecond: 10, Clock: clock,
		Blocked: func(ctx context.Context, _ bot.ChatKey) bool { looked <- ctx.Value(caller{}); return false },
	}))
	ctx, cancel := context.WithCancel(context.WithValue(t.Context(), caller{}, "alert"))
	if err := q.Enqueue(ctx, []bot.Reply{msg(1, 1)}, c.done); err != nil {
		t.Fatal(err)
	}
	cancel()
	if v := <-looked; v != "alert" {
		t.Errorf("the enqueue's look-up got %v, want the caller's context", v)
	}
	start(t, q)
	expect(t, s, "m1-1", 0)
	if r := c.result(t); r.Err != nil {
		t.Errorf("a message enqueued by a caller that has gone since: %v", r.Err)
	}
}

// TestRetriesKeepTheReplyKey: every attempt at a bulk message carries the
// same Key, given at enqueue, so that a platform that de-duplicates by it
// shows a retried message once; two messages have two keys, and a key the
// caller set is kept.
func TestRetriesKeepTheReplyKey(t *testing.T) {
	clock := newFakeClock()
	s := newFakeSender(clock)
	s.fail = func(r bot.Reply, try int) error {
		if r.Chat == key(1) && try == 1 {
			return errors.New("timed out")
		}
		return nil
	}
	q := newQueue(s, outbound.Options{PerSecond: 10, PerChatInterval: time.Second, Backoff: time.Second, Clock: clock})
	own := msg(2, 1)
	own.Key = "mine"
	if err := q.Enqueue(t.Context(), []bot.Reply{msg(1, 1), own}, nil); err != nil {
		t.Fatal(err)
	}
	start(t, q)
	first := expect(t, s, "m1-1", 0)
	clock.advanceToNext(t)
	other := expect(t, s, "m2-1", 100*time.Millisecond)
	clock.advanceToNext(t)
	retry := expect(t, s, "m1-1", time.Second)
	if first.r.Key == "" || retry.r.Key != first.r.Key || other.r.Key != "mine" {
		t.Errorf("keys %q, retried %q, own %q; want one key per message, kept across retries", first.r.Key, retry.r.Key, other.r.Key)
	}
}
