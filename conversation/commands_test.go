package conversation

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
)

// signalSender tells each send on a channel.
type signalSender struct{ sent chan struct{} }

func (s signalSender) Send(context.Context, bot.Reply) (bot.MessageRef, error) {
	s.sent <- struct{}{}
	return bot.MessageRef{}, nil
}

func (signalSender) AnswerCallback(context.Context, string, string) error { return nil }

// maxCommandsPerUpdate bounds the Redis commands (script calls and the
// commands the scripts run) that one update of a person answering at once
// costs: 18.3 in the load benchmark (docs/benchmarks.md), 21.4 before the
// scripts stopped reading back what they had just written.
const maxCommandsPerUpdate = 19

// TestRedisCommandsPerUpdate counts, with MONITOR on a real Redis, every
// command on the test's keys while one chat sends updates one after
// another, each as soon as the last one's reply was sent (as the load
// generator's users do).
func TestRedisCommandsPerUpdate(t *testing.T) {
	if os.Getenv("KINERJA_TEST_REDIS_MODE") != "" {
		// Cluster or Sentinel: the keys live on other servers than the one
		// MONITOR would watch.
		t.Skip("MONITOR counts on a single Redis server only")
	}
	rdb := redistest.New(t)
	if !rdb.Real {
		t.Skip("MONITOR needs a real Redis")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	feed := monitor(t, ctx)
	// mark writes a command on a marker key and waits until MONITOR shows
	// it, sending it again while MONITOR may not be on yet; the lines
	// before it that touch the test's keys are counted.
	mark := func(name string) (touched int) {
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		deadline := time.After(10 * time.Second)
		rdb.Get(ctx, rdb.Prefix+name)
		for {
			select {
			case line := <-feed:
				if strings.Contains(line, rdb.Prefix+name) {
					return touched
				}
				if perUpdate(line, rdb.Prefix) {
					touched++
				}
			case <-tick.C:
				rdb.Get(ctx, rdb.Prefix+name)
			case <-deadline:
				t.Fatalf("MONITOR never showed %s", name)
			}
		}
	}
	mark("start") // MONITOR is on

	snd := signalSender{sent: make(chan struct{}, 1)}
	e := New(rdb, benchHandler{}, nil, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Prefix: rdb.Prefix, Workers: 4})
	e.AddSender(bot.Telegram, snd)
	go e.Run(ctx)
	const updates = 40
	for i := range updates {
		if err := e.Accept(ctx, bot.Update{ID: strconv.Itoa(i), Platform: bot.Telegram, ChatID: "7", UserID: "7", Kind: bot.KindCommand, Command: "start"}); err != nil {
			t.Fatal(err)
		}
		select {
		case <-snd.sent:
		case <-time.After(10 * time.Second):
			t.Fatalf("no reply to update %d", i)
		}
	}
	count := mark("end")
	per := float64(count) / updates
	t.Logf("%d commands for %d updates: %.2f per update", count, updates, per)
	if per > maxCommandsPerUpdate {
		t.Errorf("%.2f Redis commands per update, want at most %d", per, maxCommandsPerUpdate)
	}
}

// perUpdate reports whether a MONITOR line is a command on the prefix's
// keys made for an update: all but the reads of the ready set, which the
// engine makes at start and every few seconds whatever the traffic.
func perUpdate(line, prefix string) bool {
	return strings.Contains(line, prefix) && !strings.Contains(strings.ToLower(line), `"zrange`)
}

// monitor sends MONITOR on a connection of its own to the tests' Redis
// (go-redis's pool drops a connection that keeps receiving) and returns
// the lines it shows.
func monitor(t *testing.T, ctx context.Context) <-chan string {
	t.Helper()
	opt, err := redis.ParseURL(redistest.URL())
	if err != nil {
		t.Fatal(err)
	}
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", opt.Addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if opt.Password != "" {
		fmt.Fprintf(conn, "AUTH %s %s\r\n", cmp.Or(opt.Username, "default"), opt.Password)
	}
	if _, err := io.WriteString(conn, "MONITOR\r\n"); err != nil {
		t.Fatal(err)
	}
	feed := make(chan string, 1<<16)
	go func() {
		defer close(feed)
		sc := bufio.NewScanner(conn)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			select {
			case feed <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
	}()
	return feed
}
