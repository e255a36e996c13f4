package app

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
)

// Resetting the playground deletes the playground chats' engine keys,
// wherever their shard lives (every master of a cluster:
// KINERJA_TEST_REDIS_MODE=cluster), and leaves other chats' keys alone.
func TestClearPlaygroundChatsFindsEveryShard(t *testing.T) {
	rdb := redistest.New(t)
	ctx := context.Background()
	var gone, kept []string
	for _, id := range []string{"rizal", "sari", "warga", "kapus", "budi", "lina"} {
		for _, kind := range []string{"session", "inbox", "outbox"} {
			gone = append(gone, conversation.ChatKey(rdb.Prefix, kind, string(bot.Playground)+":"+id))
		}
		kept = append(kept, conversation.ChatKey(rdb.Prefix, "session", string(bot.Telegram)+":"+id))
	}
	for _, k := range append(gone, kept...) {
		if err := rdb.Set(ctx, k, "x", 0).Err(); err != nil {
			t.Fatal(err)
		}
	}
	if err := clearPlaygroundChats(ctx, rdb, rdb.Prefix); err != nil {
		t.Fatal(err)
	}
	for _, k := range gone {
		if rdb.Exists(ctx, k).Val() != 0 {
			t.Errorf("%s survived the reset", k)
		}
	}
	for _, k := range kept {
		if rdb.Exists(ctx, k).Val() != 1 {
			t.Errorf("%s, not a playground chat, was deleted", k)
		}
	}
}

// A master with fewer replicas online than REDIS_WAIT_REPLICAS is named in
// the log at start: every update would be refused until they connect.
func TestFewReplicasAreLogged(t *testing.T) {
	rdb := redistest.New(t)
	ctx := context.Background()
	have, err := conversation.ReplicasOnline(ctx, rdb)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		want int
		warn bool
	}{{have, false}, {have + 1, true}} {
		var buf bytes.Buffer
		warnFewReplicas(ctx, rdb, tc.want, slog.New(slog.NewTextHandler(&buf, nil)))
		if got := strings.Contains(buf.String(), "fewer replicas online than REDIS_WAIT_REPLICAS"); got != tc.warn {
			t.Errorf("%d replicas asked of %d: warned %v, want %v (%s)", tc.want, have, got, tc.warn, buf.String())
		}
	}
}
