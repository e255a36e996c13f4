package whatsappcloud_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsappcloud/cloudtest"
	"github.com/kinerjabot/kinerjabot/outbound"
)

// fanoutRate is the number's throughput the fake enforces and the queue
// keeps (WHATSAPP_CLOUD_RATE's default).
const fanoutRate = 80

// BenchmarkFanout sends reminders to KINERJA_FANOUT chats (default 600;
// the figure is 10000, about 2 minutes) through the outbound queue
// and the Cloud API adapter against the fake Graph API enforcing 80
// messages a second (130429 above it). Every other person wrote within 24
// hours and gets a text; the rest get the template. It reports the
// achieved rate, and the messages lost (a chat that got none) and
// duplicated (counted per recipient at the fake).
//
//	KINERJA_FANOUT=10000 go test -run '^$' -bench Fanout -benchtime 1x -timeout 30m ./bot/whatsappcloud/
func BenchmarkFanout(b *testing.B) {
	n := 600
	if v := os.Getenv("KINERJA_FANOUT"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("KINERJA_FANOUT=%q: want a positive number", v)
		}
	}
	for b.Loop() {
		fanout(b, n)
	}
}

func fanoutID(i int) string { return fmt.Sprintf("62852%08d", i) }

func fanout(b *testing.B, n int) {
	f := start(b, nil)
	f.s.EnforceRate(fanoutRate)
	for i := 0; i < n; i += 200 { // every other person wrote today
		var ins []cloudtest.Incoming
		for j := i; j < min(i+200, n); j += 2 {
			ins = append(ins, cloudtest.Text(fanoutID(j), "", "halo"))
		}
		f.s.Deliver(b, ins...)
	}
	results := make(chan outbound.Result, n)
	q := outbound.New(f.a, outbound.Options{Platform: bot.WhatsApp, PerSecond: fanoutRate, ReplyReserve: -1, PerChatInterval: time.Second})
	runDone := make(chan error, 1)
	go func() { runDone <- q.Run(b.Context()) }()
	defer func() {
		q.Close()
		<-runDone
	}()
	rs := make([]bot.Reply, n)
	for i := range rs {
		rs[i] = bot.Reply{Chat: chat(fanoutID(i)), Text: "Pengingat: Anda belum melapor kinerja hari ini.\nKetik /lapor untuk melapor."}
	}
	begin := time.Now()
	if err := q.Enqueue(context.Background(), rs, func(r outbound.Result) { results <- r }); err != nil {
		b.Fatal(err)
	}
	failed := 0
	for range n {
		select {
		case r := <-results:
			if r.Err != nil {
				failed++
			}
		case <-time.After(time.Minute):
			b.Fatalf("no result for a minute")
		}
	}
	took := time.Since(begin)
	report(b, f.s, n, failed, took)
}

func report(b *testing.B, s *cloudtest.Server, n, failed int, took time.Duration) {
	per := map[string]int{}
	templates := 0
	for _, m := range s.Sent() {
		if m.Recipient() != "" && m.Body() != "halo" {
			per[m.Recipient()]++
		}
		if m.TemplateName() != "" {
			templates++
		}
	}
	lost, dup := 0, 0
	for i := range n {
		switch k := per[fanoutID(i)]; {
		case k == 0:
			lost++
		case k > 1:
			dup += k - 1
		}
	}
	rate := float64(n-1) / took.Seconds()
	b.ReportMetric(float64(n), "chats")
	b.ReportMetric(rate, "msg/s")
	b.ReportMetric(rate/fanoutRate, "of-limit")
	b.ReportMetric(float64(s.Limited()), "130429s")
	b.ReportMetric(float64(templates), "templates")
	b.ReportMetric(float64(lost), "lost")
	b.ReportMetric(float64(dup), "dup")
	b.ReportMetric(took.Seconds(), "s")
	b.Logf("%d chats: %.2f msg/s = %.3f of %d/s in %v; %d templates; 130429s %d; lost %d, duplicated %d, failed %d",
		n, rate, rate/fanoutRate, fanoutRate, took.Round(time.Millisecond), templates, s.Limited(), lost, dup, failed)
	if lost != 0 || dup != 0 || failed != 0 {
		b.Errorf("lost %d, duplicated %d, failed %d", lost, dup, failed)
	}
}
