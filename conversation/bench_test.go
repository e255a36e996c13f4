package conversation

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
)

// benchHandler answers like a registration step: one reply of a few
// hundred bytes with a keyboard, and a small session.
type benchHandler struct{}

func (benchHandler) Handle(ctx context.Context, in Input) (Outcome, error) {
	return Outcome{
		Next: Session{Flow: "register", State: "await_contact"},
		Replies: []bot.Reply{{Text: "Selamat datang di kinerjabot 👋\n\nUntuk mendaftar, tekan tombol «📱 Kirim nomor HP saya» di bawah. " +
			"Nomor itu dicocokkan dengan data pegawai dari admin OPD Anda.",
			Keyboard: [][]bot.KeyButton{{{Label: "📱 Kirim nomor HP saya", RequestContact: true}}}}},
	}, nil
}

func (benchHandler) Failure(Input, error) ([]bot.Reply, string) { return nil, "" }

type countingSender struct {
	n    atomic.Int64
	want int64
	done chan struct{}
}

func (s *countingSender) Send(ctx context.Context, r bot.Reply) (bot.MessageRef, error) {
	if s.n.Add(1) == s.want {
		close(s.done)
	}
	return bot.MessageRef{}, nil
}

func (s *countingSender) AnswerCallback(context.Context, string, string) error { return nil }

// BenchmarkEngine measures the engine alone on Redis: accept, claim,
// handle, commit and send, for one update per chat across many chats
// (burst=1), or several updates per chat in a row (burst=4, a person typing
// quickly), with a registration-sized reply and no record store.
//
//	go test -run '^$' -bench Engine -benchtime 20000x ./conversation/
func BenchmarkEngine(b *testing.B) {
	for _, burst := range []int{1, 4} {
		b.Run("burst="+strconv.Itoa(burst), func(b *testing.B) { benchEngine(b, burst) })
	}
}

func benchEngine(b *testing.B, burst int) {
	ctx := context.Background()
	rdb := redistest.New(b)
	trips := &redistest.Trips{}
	rdb.AddHook(trips)
	snd := &countingSender{want: int64(b.N), done: make(chan struct{})}
	e := New(rdb, benchHandler{}, nil, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Prefix: rdb.Prefix, Workers: 16})
	e.AddSender(bot.Telegram, snd)
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go e.Run(runCtx)
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	const feeders = 8
	for f := range feeders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := f; i < b.N; i += feeders {
				chat := strconv.Itoa(i / burst)
				if err := e.Accept(ctx, bot.Update{ID: strconv.Itoa(i), Platform: bot.Telegram, ChatID: chat, UserID: chat, Kind: bot.KindCommand, Command: "start"}); err != nil {
					b.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	<-snd.done
	elapsed := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "updates/s")
	b.ReportMetric(float64(trips.Count())/float64(b.N), "redis_roundtrips/update")
}
