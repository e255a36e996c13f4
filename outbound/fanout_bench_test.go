package outbound_test

import (
	"errors"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/outbound"
)

// BenchmarkFanout fans reminders out to KINERJA_FANOUT chats (default 600;
// the figure is 10000, about 6 minutes) through the real Telegram
// adapter against the fake Bot API enforcing 30 messages a second, with one
// chat in 50 blocked. It reports the achieved rate as a fraction of the
// limit, the 429s the server served, and the messages lost (a chat not
// blocked that got none) and duplicated (counted per chat at the server).
//
//	KINERJA_FANOUT=10000 go test -run '^$' -bench Fanout -benchtime 1x -timeout 30m ./outbound/
//
// "reserve=default" keeps 3 of the 30 a second for replies (so the bulk
// rate tops out at 0.9 of the limit); "reserve=none" lets bulk use all 30.
func BenchmarkFanout(b *testing.B) {
	n := 600
	if v := os.Getenv("KINERJA_FANOUT"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("KINERJA_FANOUT=%q: want a positive number", v)
		}
	}
	for _, bc := range []struct {
		name    string
		reserve int
	}{{"reserve=default", 0}, {"reserve=none", -1}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				fanout(b, n, bc.reserve)
			}
		})
	}
}

const (
	fanoutLimit      = 30
	fanoutBlockEvery = 50
)

func fanout(b *testing.B, n, reserve int) {
	s, a := newTelegram(b)
	s.EnforceRate(fanoutLimit)
	blocked := 0
	for i := range n {
		if i%fanoutBlockEvery == 0 {
			s.Block(int64(100_000 + i))
			blocked++
		}
	}
	c := newCounts()
	q := outbound.New(a, c.options(outbound.Options{PerSecond: fanoutLimit, ReplyReserve: reserve}))
	runDone := make(chan error, 1)
	go func() { runDone <- q.Run(b.Context()) }()
	defer func() {
		q.Close()
		<-runDone
	}()

	rs := make([]bot.Reply, n)
	for i := range rs {
		rs[i] = bot.Reply{Chat: key(100_000 + i), Text: "Pengingat: Anda belum melapor kinerja hari ini."}
	}
	begin := time.Now()
	if err := q.Enqueue(b.Context(), rs, c.done); err != nil {
		b.Fatal(err)
	}
	delivered, skipped, failed := 0, 0, 0
	var last time.Time
	for range n {
		var r outbound.Result
		select {
		case r = <-c.results:
		case <-time.After(time.Minute):
			b.Fatalf("no result for a minute; %d of %d done", delivered+skipped+failed, n)
		}
		switch {
		case r.Err == nil:
			delivered++
			last = time.Now()
		case errors.Is(r.Err, bot.ErrBlocked):
			skipped++
		default:
			failed++
		}
	}
	took := last.Sub(begin)

	got := perChat(s)
	lost, dup := 0, 0
	for i := range n {
		k := got[int64(100_000+i)]
		if i%fanoutBlockEvery != 0 && k == 0 {
			lost++
		}
		if k > 1 {
			dup += k - 1
		}
	}
	_, dropped, limited, _, _ := c.snapshot()
	rate := float64(delivered-1) / took.Seconds()               // n-1 gaps between the first and the last
	calls := float64(s.Calls("sendMessage")-1) / took.Seconds() // blocked chats' calls use slots too
	b.ReportMetric(calls/fanoutLimit, "calls-of-limit")
	b.ReportMetric(float64(n), "chats")
	b.ReportMetric(rate, "msg/s")
	b.ReportMetric(rate/fanoutLimit, "of-limit")
	b.ReportMetric(float64(s.RateLimited()), "429s")
	b.ReportMetric(float64(lost), "lost")
	b.ReportMetric(float64(dup), "dup")
	b.ReportMetric(float64(skipped), "blocked")
	b.ReportMetric(took.Seconds(), "s")
	b.Logf("%d chats (%d blocked): %d delivered in %v, %.2f msg/s = %.3f of %d/s (API calls %.3f of it); 429s %d (queue saw %d); lost %d, duplicated %d; dropped %v",
		n, blocked, delivered, took.Round(time.Millisecond), rate, rate/fanoutLimit, fanoutLimit, calls/fanoutLimit,
		s.RateLimited(), limited, lost, dup, dropped)
	if lost != 0 || dup != 0 || failed != 0 || skipped != blocked {
		b.Errorf("lost %d, duplicated %d, failed %d, blocked %d of %d", lost, dup, failed, skipped, blocked)
	}
}
