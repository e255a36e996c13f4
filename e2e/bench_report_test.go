package e2e

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/handlers"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// fileFetcher serves every photo from the same bytes.
type fileFetcher []byte

func (f fileFetcher) Fetch(context.Context, bot.Platform, string, int64) ([]byte, error) {
	return f, nil
}

// replyWaiter hands each chat's replies to whoever waits for them.
type replyWaiter struct {
	mu    sync.Mutex
	chans map[string]chan bot.Reply
}

func (w *replyWaiter) ch(chat string) chan bot.Reply {
	w.mu.Lock()
	defer w.mu.Unlock()
	c, ok := w.chans[chat]
	if !ok {
		c = make(chan bot.Reply, 64)
		w.chans[chat] = c
	}
	return c
}

func (w *replyWaiter) Send(ctx context.Context, r bot.Reply) (bot.MessageRef, error) {
	w.ch(r.Chat.ChatID) <- r
	return bot.MessageRef{Chat: r.Chat, MessageID: "1", Photo: r.Photo != nil}, nil
}

func (w *replyWaiter) AnswerCallback(context.Context, string, string) error { return nil }

// BenchmarkReportFlow measures whole reports through the engine, flows and
// embedded store (no platform): /lapor, description, time, output, one
// photo (inspected, hashed, stored), Selesai, no location, Kirim; each
// virtual person waits for the bot's answer before the next step, as in a
// chat. Reported: reports/s, updates/s, Redis round trips per update, and
// the median and p99 time from an update's accept to its first reply.
//
//	go test -run '^$' -bench ReportFlow -benchtime 200x ./e2e/
func BenchmarkReportFlow(b *testing.B) {
	ctx := context.Background()
	photo, err := os.ReadFile("../evidence/testdata/kegiatan-2.jpg")
	if err != nil {
		b.Fatal(err)
	}
	rdb := redistest.New(b)
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "kb.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close(ctx)
	const people = 16
	seedEmployees(b, st, people)
	trips := &redistest.Trips{}
	rdb.AddHook(trips)
	w := &replyWaiter{chans: map[string]chan bot.Reply{}}
	router := handlers.New(st, quiet(), handlers.Options{Language: "id", MaxPhotos: 3, EvidenceRequired: true, Media: fileFetcher(photo)})
	eng := conversation.New(rdb, router, router.Applier(st), quiet(), conversation.Options{Prefix: rdb.Prefix, Workers: 16})
	eng.AddSender(bot.Telegram, w)
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go eng.Run(runCtx)
	for i := range people { // register everyone first
		chat := strconv.Itoa(7_000_000 + i)
		eng.Accept(ctx, bot.Update{ID: "reg" + chat, Platform: bot.Telegram, ChatID: chat, UserID: chat, Kind: bot.KindContact,
			Contact: &bot.Contact{Phone: benchPhone(i), UserID: chat}})
		<-w.ch(chat)
	}
	var (
		latMu sync.Mutex
		lats  []time.Duration
		seq   int64
		seqMu sync.Mutex
	)
	nextID := func() string { seqMu.Lock(); defer seqMu.Unlock(); seq++; return strconv.FormatInt(seq, 10) }
	b.ResetTimer()
	start := time.Now()
	trips0 := trips.Count()
	var wg sync.WaitGroup
	for p := range people {
		wg.Add(1)
		go func() {
			defer wg.Done()
			chat := strconv.Itoa(7_000_000 + p)
			in := w.ch(chat)
			step := func(u bot.Update, replies int) bot.Reply {
				u.ID, u.Platform, u.ChatID, u.UserID = nextID(), bot.Telegram, chat, chat
				t0 := time.Now()
				if err := eng.Accept(ctx, u); err != nil {
					b.Error(err)
				}
				last := <-in
				latMu.Lock()
				lats = append(lats, time.Since(t0))
				latMu.Unlock()
				for range replies - 1 {
					last = <-in
				}
				return last
			}
			for i := p; i < b.N; i += people {
				step(bot.Update{Kind: bot.KindCommand, Command: "lapor", Text: "/lapor"}, 1)
				step(bot.Update{Kind: bot.KindText, Text: "Pelayanan pasien rawat jalan di poli umum"}, 1)
				step(bot.Update{Kind: bot.KindText, Text: "1 jam 30"}, 1)
				step(bot.Update{Kind: bot.KindText, Text: "12 pasien"}, 1)
				step(bot.Update{Kind: bot.KindPhoto, Media: &bot.Media{FileID: "f" + strconv.Itoa(i), Size: int64(len(photo))}}, 1)
				step(bot.Update{Kind: bot.KindText, Text: "selesai"}, 1)
				buttons := step(bot.Update{Kind: bot.KindText, Text: "lewati"}, 1).Buttons
				if len(buttons) == 0 {
					b.Error("no summary buttons")
					return
				}
				step(bot.Update{Kind: bot.KindCallback, Callback: &bot.Callback{ID: "c", Data: buttons[0][0].Data}}, 1)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	updates := len(lats)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "reports/s")
	b.ReportMetric(float64(updates)/elapsed.Seconds(), "updates/s")
	b.ReportMetric(float64(trips.Count()-trips0)/float64(updates), "redis_roundtrips/update")
	b.ReportMetric(float64(percentile(lats, 50).Microseconds())/1000, "p50_ms")
	b.ReportMetric(float64(percentile(lats, 99).Microseconds())/1000, "p99_ms")
}

func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*p/100)]
}
