package memredis

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// acceptLike is shaped like the engine's accept and commit scripts: a
// de-duplication mark, an inbox, the ready set, a session hash.
var acceptLike = redis.NewScript(`
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', 90000000) then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[3], 'NX', ARGV[2], KEYS[2])
redis.call('HSET', KEYS[4], 'v', ARGV[2], 'd', ARGV[1])
redis.call('PEXPIRE', KEYS[4], 86400000)
return 1`)

// BenchmarkScriptCall measures one script call like an update's accept, by
// 16 concurrent clients, on the in-process server in memory and journaled
// (each reply after its fsync, in groups). It reports calls/s and the p99
// of one call.
//
//	go test -run '^$' -bench ScriptCall -benchtime 5000x ./conversation/memredis/
func BenchmarkScriptCall(b *testing.B) {
	for _, mode := range []string{"memory", "journal"} {
		b.Run(mode, func(b *testing.B) {
			var c *redis.Client
			if mode == "memory" {
				s, err := Start()
				if err != nil {
					b.Fatal(err)
				}
				defer s.Close()
				c = redis.NewClient(&redis.Options{Addr: s.Addr(), PoolSize: 32})
				defer c.Close()
			} else {
				_, c = open(b, b.TempDir(), Options{})
			}
			benchCalls(b, c)
		})
	}
}

func benchCalls(b *testing.B, c *redis.Client) {
	ctx := context.Background()
	payload := `{"id":"123","platform":"telegram","chat":"42","kind":"text","text":"Penyuluhan gizi balita di Posyandu Melati"}`
	const clients = 16
	var next atomic.Int64
	lat := make([][]time.Duration, clients)
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1)
				if i > int64(b.N) {
					return
				}
				id := strconv.FormatInt(i, 10)
				t0 := time.Now()
				err := acceptLike.Run(ctx, c, []string{"seen:" + id, "inbox:" + id, "ready", "session:" + id}, payload, i).Err()
				lat[w] = append(lat[w], time.Since(t0))
				if err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	all := slices.Concat(lat...)
	slices.Sort(all)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "calls/s")
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(all[len(all)/2].Microseconds())/1000, "p50-ms")
}

// BenchmarkStart measures a start after a crash: loading a journal of
// 10,000 script calls like an update's accept (about 3,300 updates), then
// the compaction every start makes. It reports records replayed per second.
//
//	go test -run '^$' -bench Start -benchtime 5x ./conversation/memredis/
func BenchmarkStart(b *testing.B) {
	const records = 10_000
	dir := b.TempDir()
	s, c := open(b, dir, Options{})
	ctx := context.Background()
	payload := `{"id":"123","platform":"telegram","chat":"42","kind":"text","text":"Penyuluhan gizi balita di Posyandu Melati"}`
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < records; i += 16 {
				id := strconv.Itoa(i)
				if err := acceptLike.Run(ctx, c, []string{"seen:" + id, "inbox:" + id, "ready", "session:" + id}, payload, i).Err(); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	stop(s)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		to := b.TempDir()
		copyDir(b, dir, to)
		b.StartTimer()
		s, err := Open(to, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(records)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

func copyDir(t testing.TB, from, to string) {
	ents, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err == nil {
			err = os.WriteFile(filepath.Join(to, e.Name()), b, 0o600)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}
