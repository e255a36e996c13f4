package outbound_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/outbound"
)

// A 403 puts the chat on the Redis block list; a queue started afterwards
// (a restart, another replica) skips it without trying; the person's next
// message answered takes it off again.
func TestBlockListSurvivesRestartAndUnblocksOnReply(t *testing.T) {
	rdb := redistest.New(t)
	bl := outbound.NewBlockList(rdb, rdb.Prefix+"blocked", slog.New(slog.NewTextHandler(io.Discard, nil)))
	newQ := func(s *fakeSender) *outbound.Queue {
		q := newQueue(s, outbound.Options{Platform: bot.Telegram, PerSecond: 1000, PerChatInterval: time.Millisecond,
			Blocked: bl.Blocked, OnBlocked: bl.Add, OnUnblocked: bl.Remove})
		start(t, q)
		return q
	}
	s1 := newFakeSender(realClock{})
	s1.fail = func(r bot.Reply, try int) error {
		if r.Chat == key(1) {
			return bot.ErrBlocked
		}
		return nil
	}
	q1 := newQ(s1)
	ctx := context.Background()
	if err := q1.Bulk(ctx, msg(1, 1)); !errors.Is(err, bot.ErrBlocked) {
		t.Fatalf("bulk to a chat that blocked: %v", err)
	}
	if !bl.Blocked(ctx, key(1)) || bl.Blocked(ctx, key(2)) {
		t.Fatal("block list does not hold exactly chat 1")
	}

	s2 := newFakeSender(realClock{})
	q2 := newQ(s2)
	if err := q2.Bulk(ctx, msg(1, 2)); !errors.Is(err, bot.ErrBlocked) {
		t.Fatalf("after restart, bulk to the blocked chat: %v", err)
	}
	if err := q2.Bulk(ctx, msg(2, 1)); err != nil {
		t.Fatal(err)
	}
	if c := s2.next(t); c.r.Chat != key(2) {
		t.Fatalf("sent to %v; the blocked chat must not be tried", c.r.Chat)
	}
	s2.none(t)

	// The person writes again: the reply goes out and unblocks.
	if _, err := q2.Send(ctx, msg(1, 3)); err != nil {
		t.Fatal(err)
	}
	s2.next(t)
	if bl.Blocked(ctx, key(1)) {
		t.Fatal("still on the block list after a delivered reply")
	}
	if err := q2.Bulk(ctx, msg(1, 4)); err != nil {
		t.Fatalf("bulk after unblocking: %v", err)
	}
}

// A nil log discards the list's logs: Redis being out is logged into
// nothing, and the list fails open.
func TestBlockListNilLogFailsOpen(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: 100 * time.Millisecond})
	defer rdb.Close()
	bl := outbound.NewBlockList(rdb, "kbtest:blocked", nil)
	if bl.Blocked(t.Context(), key(1)) {
		t.Error("an unreadable list blocks")
	}
	bl.Add(t.Context(), key(1))
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }
func (realClock) Timer(d time.Duration) (<-chan time.Time, func()) {
	t := time.NewTimer(d)
	return t.C, func() { t.Stop() }
}
