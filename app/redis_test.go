package app

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/config"
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

// The connections' buffers are the small ones the engine needs, on every
// kind of client; REDIS_URL may set the pipeline connections' own.
func TestRedisBuffers(t *testing.T) {
	for _, tc := range []struct {
		name     string
		env      map[string]string
		pipeline int // 0: no pipeline pool's (a cluster client's)
	}{
		{"one node", map[string]string{"REDIS_URL": "redis://127.0.0.1:6379/0"}, redisPipelineBuffer},
		{"URL's own", map[string]string{"REDIS_URL": "redis://127.0.0.1:6379/0?pipeline_read_buffer_size=65536"}, 65536},
		{"sentinel", map[string]string{"REDIS_SENTINEL_ADDRS": "127.0.0.1:26379", "REDIS_SENTINEL_MASTER": "m"}, redisPipelineBuffer},
		{"cluster", map[string]string{"REDIS_CLUSTER_ADDRS": "127.0.0.1:7000"}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := config.Load(func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok })
			if err != nil {
				t.Fatal(err)
			}
			c, _, err := redisClient(cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			var read, write, pipeline int
			switch v := c.(type) {
			case *redis.Client:
				o := v.Options()
				read, write, pipeline = o.ReadBufferSize, o.WriteBufferSize, o.PipelineReadBufferSize
			case *redis.ClusterClient:
				o := v.Options()
				read, write, pipeline = o.ReadBufferSize, o.WriteBufferSize, o.PipelineReadBufferSize
			default:
				t.Fatalf("client %T", c)
			}
			if read != redisBuffer || write != redisBuffer || pipeline != tc.pipeline {
				t.Errorf("buffers %d/%d, pipeline %d; want %d/%d, %d", read, write, pipeline, redisBuffer, redisBuffer, tc.pipeline)
			}
		})
	}
}
