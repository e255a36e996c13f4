package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/handlers"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// countSender counts replies and signals when the expected number is in.
type countSender struct {
	n    atomic.Int64
	want int64
	done chan struct{}
	once sync.Once
}

func (s *countSender) Send(ctx context.Context, r bot.Reply) (bot.MessageRef, error) {
	if s.n.Add(1) == s.want {
		s.once.Do(func() { close(s.done) })
	}
	return bot.MessageRef{}, nil
}

func (s *countSender) AnswerCallback(context.Context, string, string) error { return nil }

// serverCalls sums the calls in INFO commandstats (commands run inside
// scripts included). Only meaningful on a real Redis used by nothing else.
func serverCalls(ctx context.Context, c redis.UniversalClient) int64 {
	info, err := c.Info(ctx, "commandstats").Result()
	if err != nil {
		return -1
	}
	var total int64
	for _, line := range strings.Split(info, "\n") {
		_, rest, ok := strings.Cut(line, "calls=")
		if !ok || strings.HasPrefix(line, "cmdstat_info:") {
			continue
		}
		v, _, _ := strings.Cut(rest, ",")
		n, _ := strconv.ParseInt(v, 10, 64)
		total += n
	}
	return total
}

// BenchmarkRegistration measures the engine handling registration updates
// end to end minus the platform: a shared contact from a new chat, matched
// against the roster in the embedded store and linked, with the welcome
// reply. Chats run concurrently, as they do in production.
//
//	go test -run '^$' -bench Registration -benchtime 5000x ./e2e/
func BenchmarkRegistration(b *testing.B) {
	ctx := context.Background()
	rdb := redistest.New(b)
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "kb.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close(ctx)
	seedEmployees(b, st, b.N)
	rt := &redistest.Trips{}
	rdb.AddHook(rt)
	snd := &countSender{want: int64(b.N), done: make(chan struct{})}
	eng := conversation.New(rdb, handlers.New(st, quiet(), handlers.Options{Language: "id"}),
		handlers.Applier{Store: st}, quiet(), conversation.Options{Prefix: rdb.Prefix, Workers: 16})
	eng.AddSender(bot.Telegram, snd)
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go eng.Run(runCtx)

	calls0, rt0 := serverCalls(ctx, rdb), rt.Count()
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	const feeders = 8
	for f := range feeders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := f; i < b.N; i += feeders {
				chat := strconv.Itoa(5_000_000 + i)
				u := bot.Update{ID: chat, Platform: bot.Telegram, ChatID: chat, UserID: chat, Kind: bot.KindContact,
					Contact: &bot.Contact{Phone: benchPhone(i), UserID: chat}}
				if err := eng.Accept(ctx, u); err != nil {
					b.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	select {
	case <-snd.done:
	case <-time.After(5 * time.Minute):
		b.Fatalf("only %d of %d replies", snd.n.Load(), b.N)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "updates/s")
	b.ReportMetric(float64(rt.Count()-rt0)/float64(b.N), "redis_roundtrips/update")
	if rdb.Real {
		b.ReportMetric(float64(serverCalls(ctx, rdb)-calls0-int64(1))/float64(b.N), "redis_cmds/update")
	}
	if n, err := linkedCount(ctx, st); err != nil || n != b.N {
		b.Fatalf("%d employees linked, want %d (%v)", n, b.N, err)
	}
}

func benchPhone(i int) string { return fmt.Sprintf("+62812%08d", i) }

func seedEmployees(b *testing.B, st storage.Store, n int) {
	ctx := context.Background()
	if err := st.UpsertUnit(ctx, storage.Unit{Code: "U", Name: "Unit", Timezone: "Asia/Makassar"}); err != nil {
		b.Fatal(err)
	}
	for i := range n {
		nip := fmt.Sprintf("199001012019%06d", i) // unique, 18 digits
		e := storage.Employee{NIP: nip, Name: "Pegawai " + strconv.Itoa(i), UnitCode: "U", Phone: benchPhone(i), Active: true}
		if err := st.UpsertEmployee(ctx, e); err != nil {
			b.Fatal(err)
		}
	}
}

func linkedCount(ctx context.Context, st storage.Store) (int, error) {
	es, err := st.ListEmployees(ctx)
	n := 0
	for _, e := range es {
		if _, ok := e.Accounts["telegram"]; ok {
			n++
		}
	}
	return n, err
}
