package conversation

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
)

type outageHandler struct{ seqHandler }

func (*outageHandler) Failure(in Input, err error) ([]bot.Reply, string) {
	return []bot.Reply{{Text: "⚠️ layanan sedang gangguan"}}, "gangguan"
}

// With Redis unreachable, Accept fails (the platform keeps the update and
// delivers it again) and the person is told at once, straight through the
// platform, once per chat however often the update comes back.
func TestAcceptFailureTellsThePersonOnce(t *testing.T) {
	rdb := unreachableRedis(t)
	snd := newRecSender()
	e := New(rdb, &outageHandler{}, &recApplier{}, quietLog(), Options{Prefix: "kbtest:outage:"})
	e.AddSender(bot.Telegram, snd)
	start := time.Now()
	for i := range 3 {
		if err := e.Accept(context.Background(), text("900", 1, "halo")); err == nil {
			t.Fatalf("delivery %d accepted with Redis down", i)
		}
	}
	r := snd.next(t)
	if !strings.Contains(r.Text, "gangguan") || r.Chat != (bot.ChatKey{Platform: bot.Telegram, ChatID: "900"}) {
		t.Fatalf("notice = %+v", r)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the person waited %v for the outage notice", took)
	}
	snd.none(t, 300*time.Millisecond)
	if err := e.Accept(context.Background(), text("901", 2, "halo")); err == nil {
		t.Fatal("accepted")
	}
	if r := snd.next(t); r.Chat.ChatID != "901" {
		t.Fatalf("another chat's notice went to %s", r.Chat.ChatID)
	}
}

// unreachableRedis is a client of an address nothing listens on, closed
// when the test ends.
func unreachableRedis(t *testing.T) *redis.Client {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	rdb := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	t.Cleanup(func() { rdb.Close() })
	return rdb
}

// A nil log discards the engine's logs: the outage notice below, which no
// sender takes, is logged into nothing rather than panicking.
func TestNilLogDiscards(t *testing.T) {
	e := New(unreachableRedis(t), &outageHandler{}, &recApplier{}, nil, Options{Prefix: "kbtest:nillog:"})
	if err := e.Accept(context.Background(), text("860", 1, "halo")); err == nil {
		t.Fatal("accepted with Redis down")
	}
	e.bg.close() // waits for the notice
}
