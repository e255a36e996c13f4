package scheduler_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
	"github.com/kinerjabot/kinerjabot/outbound"
	"github.com/kinerjabot/kinerjabot/scheduler"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// BenchmarkReminderFanout is the whole reminder path at scale: KINERJA_FANOUT
// people (default 600; the figure is 10000, about six minutes) in a
// WITA unit, none of whom has reported, at 15:31 on a Monday. One scheduler
// pass plans from the embedded store, claims each reminder, sends it
// through the outbound queue and the real Telegram client to the fake Bot
// API, which enforces 30 messages a second (429 with retry_after past it)
// and answers 403 for one person in 50, who blocked the bot. It reports
// the rate achieved as a fraction of the limit, the 429s served, and the
// reminders lost (a person not blocked who got none) and duplicated; a
// second pass must send nothing.
//
//	KINERJA_FANOUT=10000 go test -run '^$' -bench ReminderFanout -benchtime 1x -timeout 30m ./scheduler/
func BenchmarkReminderFanout(b *testing.B) {
	n := 600
	if v := os.Getenv("KINERJA_FANOUT"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("KINERJA_FANOUT=%q: want a positive number", v)
		}
	}
	for b.Loop() {
		reminderFanout(b, n)
	}
}

const (
	limit      = 30
	blockEvery = 50
	chatBase   = 500_000
)

func reminderFanout(b *testing.B, n int) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "kb.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close(ctx)
	if err := st.UpsertUnit(ctx, storage.Unit{Code: "PKM", Name: "Puskesmas", Timezone: "Asia/Makassar"}); err != nil {
		b.Fatal(err)
	}
	api := telegramtest.NewServer(b)
	api.EnforceRate(limit)
	for i := range n {
		e := storage.Employee{NIP: fmt.Sprintf("1990011520190%05d", i), Name: fmt.Sprintf("Pegawai %d", i),
			UnitCode: "PKM", Position: "Staf", Active: true}
		if err := st.UpsertEmployee(ctx, e); err != nil {
			b.Fatal(err)
		}
		chat := strconv.Itoa(chatBase + i)
		if err := st.LinkAccount(ctx, e.NIP, "telegram", storage.Account{UserID: chat, ChatID: chat}); err != nil {
			b.Fatal(err)
		}
		if i%blockEvery == 0 {
			api.Block(int64(chatBase + i))
		}
	}
	tg, err := telegram.New(ctx, telegram.Options{Token: api.Token(), APIURL: api.URL()}, nil)
	if err != nil {
		b.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	q := outbound.New(tg, outbound.Options{Platform: bot.Telegram, PerSecond: limit, Log: quiet})
	qctx, stop := context.WithCancel(ctx)
	defer stop()
	go q.Run(qctx)
	at := time.Date(2026, 11, 30, 7, 31, 0, 0, time.UTC)
	s, err := scheduler.New(st, nil, map[bot.Platform]scheduler.Outbox{bot.Telegram: q},
		scheduler.Options{Now: func() time.Time { return at }, MonthEndWarningDays: -1, Workers: 16, Log: quiet})
	if err != nil {
		b.Fatal(err)
	}

	begin := time.Now()
	stats, err := s.RunOnce(ctx, "bench")
	took := time.Since(begin)
	if err != nil {
		b.Fatal(err)
	}
	again, err := s.RunOnce(ctx, "bench-2")
	if err != nil {
		b.Fatal(err)
	}

	got := map[int64]int{}
	for _, m := range api.Sent() {
		got[m.ChatID]++
	}
	lost, dup := 0, 0
	for i := range n {
		k := got[int64(chatBase+i)]
		if i%blockEvery != 0 && k == 0 {
			lost++
		}
		if k > 1 {
			dup += k - 1
		}
	}
	calls := float64(api.Calls("sendMessage")) / took.Seconds()
	b.ReportMetric(float64(n), "people")
	b.ReportMetric(float64(stats.Sent)/took.Seconds(), "reminders/s")
	b.ReportMetric(calls/limit, "calls-of-limit")
	b.ReportMetric(float64(api.RateLimited()), "429s")
	b.ReportMetric(float64(lost), "lost")
	b.ReportMetric(float64(dup), "dup")
	b.ReportMetric(took.Seconds(), "s")
	b.Logf("%d people: %d sent, %d failed (blocked) in %v: %.2f reminders/s, API calls %.3f of %d/s; 429s %d; lost %d, duplicated %d; second pass sent %d, already %d",
		n, stats.Sent, stats.Failed, took.Round(time.Millisecond), float64(stats.Sent)/took.Seconds(), calls/limit, limit,
		api.RateLimited(), lost, dup, again.Sent, again.Already)
	if lost != 0 || dup != 0 || again.Sent != 0 || stats.Failed != (n+blockEvery-1)/blockEvery {
		b.Errorf("lost %d, duplicated %d, second pass sent %d, failed %d", lost, dup, again.Sent, stats.Failed)
	}
}
