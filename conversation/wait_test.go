package conversation

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
)

// replicasOf is how many replicas the master of key has.
func replicasOf(t *testing.T, rdb redis.UniversalClient, key string) int {
	t.Helper()
	node := redis.Cmdable(rdb)
	if cc, ok := ClusterOf(rdb); ok {
		n, err := cc.MasterForKey(context.Background(), key)
		if err != nil {
			t.Fatal(err)
		}
		node = n
	}
	n, err := ReplicasOnline(context.Background(), node)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// With WaitReplicas, Accept answers once that many replicas of the chat's
// master have the update. Asked for more replicas than the master has, it
// refuses the acknowledgement (bot.ErrNotReplicated) within the bound, yet
// the update is handled, and only once when the platform delivers it again.
func TestAcceptWaitsForReplicas(t *testing.T) {
	for _, m := range []redistest.EngineMode{redistest.Sentinel, redistest.Cluster} {
		t.Run(string(m), func(t *testing.T) {
			f := newFixture(t)
			f.rdb = redistest.Engine(t, m)
			have := replicasOf(t, f.rdb, f.key("inbox", "telegram:1500"))

			f.opts.WaitReplicas, f.opts.WaitTimeout = have+1, 50*time.Millisecond
			e := f.engine(t, true)
			waitRunning(t, e)
			u := text("1500", 1, "a")
			start := time.Now()
			for range 2 { // the platform delivers a refused update again
				if err := e.Accept(context.Background(), u); !errors.Is(err, bot.ErrNotReplicated) {
					t.Fatalf("accept with %d replicas asked of %d: %v, want ErrNotReplicated", have+1, have, err)
				}
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Fatalf("two refused accepts took %s; WAIT is bounded by 50ms each", d)
			}
			if r := f.snd.next(t); r.Text != "got a" {
				t.Fatalf("reply %q", r.Text)
			}
			f.snd.none(t, 200*time.Millisecond)

			if have == 0 {
				return
			}
			f.opts.WaitReplicas, f.opts.WaitTimeout = have, time.Second
			e2 := f.engine(t, true)
			waitRunning(t, e2)
			if err := e2.Accept(context.Background(), text("1501", 2, "b")); err != nil {
				t.Fatalf("accept with %d replicas asked of %d: %v", have, have, err)
			}
			if r := f.snd.next(t); r.Text != "got b" {
				t.Fatalf("reply %q", r.Text)
			}
		})
	}
}

// BenchmarkAcceptWait measures what WAIT adds to an accepted update (the
// latency the platform sees before its acknowledgement): Accept alone, one
// at a time, on the Sentinel-watched master, without WAIT and waiting for
// its replica.
//
//	eval "$(.ci/redis-engines.sh up)"
//	go test -run '^$' -bench AcceptWait -benchtime 5000x ./conversation/
func BenchmarkAcceptWait(b *testing.B) {
	for _, replicas := range []int{0, 1} {
		b.Run("replicas="+strconv.Itoa(replicas), func(b *testing.B) {
			rdb := redistest.Engine(b, redistest.Sentinel)
			e := New(rdb, benchHandler{}, nil, quietLog(), Options{Prefix: rdb.Prefix, WaitReplicas: replicas, WaitTimeout: time.Second})
			ctx := context.Background()
			b.ResetTimer()
			for i := range b.N {
				chat := strconv.Itoa(i % 1000)
				err := e.Accept(ctx, bot.Update{ID: strconv.Itoa(i), Platform: bot.Telegram, ChatID: chat, UserID: chat, Kind: bot.KindCommand, Command: "start"})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N), "µs/accept")
		})
	}
}
