package outbound_test

import (
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
	"github.com/kinerjabot/kinerjabot/outbound"
)

// newTelegram is the real adapter on a fake Bot API server.
func newTelegram(t testing.TB) (*telegramtest.Server, *telegram.Adapter) {
	t.Helper()
	s := telegramtest.NewServer(t)
	a, err := telegram.New(t.Context(), telegram.Options{Token: s.Token(), APIURL: s.URL()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s, a
}

// perChat counts the messages each chat received at the server.
func perChat(s *telegramtest.Server) map[int64]int {
	n := map[int64]int{}
	for _, m := range s.Sent() {
		n[m.ChatID]++
	}
	return n
}

func TestOverTheLimitEveryMessageArrivesOnceAfter429s(t *testing.T) {
	s, a := newTelegram(t)
	s.EnforceRate(10)
	c := newCounts()
	// The queue believes in 20 a second; the server allows 10.
	q := outbound.New(a, c.options(outbound.Options{PerSecond: 20}))
	start(t, q)
	const n = 30
	var rs []bot.Reply
	for i := range n {
		rs = append(rs, msg(1000+i, 1))
	}
	if err := q.Enqueue(t.Context(), rs, c.done); err != nil {
		t.Fatal(err)
	}
	for range n {
		if r := c.result(t); r.Err != nil {
			t.Errorf("%s: %v", r.Reply.Text, r.Err)
		}
	}
	got := perChat(s)
	for i := range n {
		if got[int64(1000+i)] != 1 {
			t.Errorf("chat %d got %d messages, want 1", 1000+i, got[int64(1000+i)])
		}
	}
	sent, dropped, limited, _, _ := c.snapshot()
	if s.RateLimited() == 0 {
		t.Error("the server served no 429: the test does not test anything")
	}
	if limited != s.RateLimited() || sent != n || len(dropped) != 0 {
		t.Errorf("queue saw %d 429s (server served %d), sent %d, dropped %v", limited, s.RateLimited(), sent, dropped)
	}
	t.Logf("%d messages, %d 429s served and waited out", n, s.RateLimited())
}

func TestAtTheLimitNo429(t *testing.T) {
	s, a := newTelegram(t)
	s.EnforceRate(20)
	c := newCounts()
	// A little under the server's limit leaves room for network jitter.
	q := outbound.New(a, c.options(outbound.Options{PerSecond: 19}))
	start(t, q)
	const n = 25
	var rs []bot.Reply
	for i := range n {
		rs = append(rs, msg(2000+i, 1))
	}
	begin := time.Now()
	if err := q.Enqueue(t.Context(), rs, c.done); err != nil {
		t.Fatal(err)
	}
	for range n {
		if r := c.result(t); r.Err != nil {
			t.Errorf("%s: %v", r.Reply.Text, r.Err)
		}
	}
	// 25 messages at 19 a second: the last leaves 24/19 s after the first.
	if took := time.Since(begin); took < 24*time.Second/19 {
		t.Errorf("25 messages took %v: faster than 19 a second", took)
	}
	if s.RateLimited() != 0 {
		t.Errorf("%d 429s at 19/s against a limit of 20", s.RateLimited())
	}
}

func TestBlockedThroughTelegram(t *testing.T) {
	s, a := newTelegram(t)
	s.Block(3001)
	c := newCounts()
	q := outbound.New(a, c.options(outbound.Options{PerSecond: 30}))
	start(t, q)
	if err := q.Enqueue(t.Context(), []bot.Reply{msg(3001, 1), msg(3001, 2), msg(3002, 1)}, c.done); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		r := c.result(t)
		if want := r.Reply.Chat == key(3001); errors.Is(r.Err, bot.ErrBlocked) != want {
			t.Errorf("%s: %v", r.Reply.Text, r.Err)
		}
	}
	if n := s.Calls("sendMessage"); n != 2 {
		t.Errorf("sendMessage called %d times, want 2 (m3001-2 skipped)", n)
	}
	_, dropped, _, marked, _ := c.snapshot()
	if len(marked) != 1 || marked[0] != key(3001) || dropped[outbound.ReasonBlocked] != 2 {
		t.Errorf("OnBlocked %v, dropped %v", marked, dropped)
	}
}

func TestReplyIsNotDelayedByA500MessageBacklog(t *testing.T) {
	s, a := newTelegram(t)
	s.EnforceRate(30)
	c := newCounts()
	q := outbound.New(a, c.options(outbound.Options{PerSecond: 30}))
	start(t, q)
	const n = 500 // about 17 s of sending at 30 a second
	var rs []bot.Reply
	for i := range n {
		rs = append(rs, msg(4000+i, 1))
	}
	if err := q.Enqueue(t.Context(), rs, c.done); err != nil {
		t.Fatal(err)
	}
	s.WaitSent(t, 3, wait) // the backlog is draining
	begin := time.Now()
	ref, err := q.Send(t.Context(), bot.Reply{Chat: key(99), Text: "balasan"})
	took := time.Since(begin)
	if err != nil {
		t.Fatal(err)
	}
	pending := q.Pending()
	sent := s.Sent()
	at := -1
	for i, m := range sent {
		if m.ChatID == 99 {
			at = i
		}
	}
	t.Logf("reply delivered in %v, as message %d at the server, %d bulk messages still queued", took, at+1, pending)
	if ref.MessageID == "" || at < 0 {
		t.Fatalf("reply not delivered: %+v", ref)
	}
	if took > 500*time.Millisecond || pending < n-100 || at > 100 {
		t.Errorf("reply took %v, delivered %dth, with %d of %d bulk messages pending: it waited for the backlog", took, at+1, pending, n)
	}

	// Stopping accounts for every bulk message: delivered, or dropped as
	// shutdown; none twice.
	q.Close()
	delivered, closed := 0, 0
	for range n {
		switch r := c.result(t); {
		case r.Err == nil:
			delivered++
		case errors.Is(r.Err, outbound.ErrClosed):
			closed++
		default:
			t.Errorf("%s: %v", r.Reply.Text, r.Err)
		}
	}
	_, dropped, _, _, _ := c.snapshot()
	got := perChat(s)
	atServer := 0
	for i := range n {
		switch got[int64(4000+i)] {
		case 0:
		case 1:
			atServer++
		default:
			t.Errorf("chat %d got %d messages", 4000+i, got[int64(4000+i)])
		}
	}
	if delivered+closed != n || closed != dropped[outbound.ReasonShutdown] || atServer != delivered {
		t.Errorf("delivered %d + closed %d of %d; dropped %v; %d at the server", delivered, closed, n, dropped, atServer)
	}
	if s.RateLimited() != 0 {
		t.Logf("note: %d 429s", s.RateLimited())
	}
	_ = strconv.Itoa
}
