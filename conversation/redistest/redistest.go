// Package redistest gives tests a Redis: the real server when one answers
// (KINERJA_TEST_REDIS_URL, or redis://127.0.0.1:6379), otherwise the
// in-process server from memredis, saying so. With KINERJA_REQUIRE_REDIS=1
// (as CI sets) a missing real Redis fails the test instead.
//
// Redis's scale-out engines (engines.go): KINERJA_TEST_REDIS_CLUSTER and
// KINERJA_TEST_REDIS_SENTINEL name a Redis Cluster and a Sentinel-watched
// master (.ci/redis-engines.sh starts both); KINERJA_TEST_REDIS_MODE=cluster
// or sentinel makes New use one, so a whole package's suite runs on it.
package redistest

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/oklog/ulid/v2"
	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/conversation/memredis"
)

// DefaultURL is where tests look for a real Redis.
const DefaultURL = "redis://127.0.0.1:6379/0"

// URL is the real Redis the tests try.
func URL() string {
	if u := os.Getenv("KINERJA_TEST_REDIS_URL"); u != "" {
		return u
	}
	return DefaultURL
}

// Required reports whether a real Redis is required.
func Required() bool { return os.Getenv("KINERJA_REQUIRE_REDIS") == "1" }

// Probe reports whether the real Redis answers a PING.
func Probe(ctx context.Context) error {
	opt, err := redis.ParseURL(URL())
	if err != nil {
		return fmt.Errorf("parse %s: %w", URL(), err)
	}
	opt.MaxRetries = -1
	c := redis.NewClient(opt)
	defer c.Close()
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return c.Ping(ctx).Err()
}

var (
	once     sync.Once
	real     bool
	probeErr error
	mem      *memredis.Server
	memErr   error
)

func choose() {
	probeErr = Probe(context.Background())
	real = probeErr == nil
	if !real && !Required() {
		mem, memErr = memredis.Start()
		fmt.Fprintf(os.Stderr, "redistest: no Redis answers at %s (%v); using the in-process Redis-compatible server\n", URL(), probeErr)
	}
}

// Client is a Redis client for one test and a key prefix unique to it; the
// prefix's keys are deleted when the test ends.
type Client struct {
	redis.UniversalClient
	Prefix string
	// Real says whether this is a real Redis server.
	Real bool
	// newClient makes another client of the same server.
	newClient func() redis.UniversalClient
}

// Cluster is the Redis Cluster client behind c, or nil (see
// conversation.ClusterOf).
func (c *Client) Cluster() *redis.ClusterClient {
	cc, _ := c.UniversalClient.(*redis.ClusterClient)
	return cc
}

// Another returns a second, independent client of the same server (as
// another process would have), closed when the test ends.
func (c *Client) Another(t testing.TB) redis.UniversalClient {
	other := c.newClient()
	t.Cleanup(func() { other.Close() })
	return other
}

// New returns a client for the test: the engine KINERJA_TEST_REDIS_MODE
// names, else the real single Redis, else the in-process server.
func New(t testing.TB) *Client {
	t.Helper()
	if m := Mode(); m != "" {
		return Engine(t, m)
	}
	once.Do(choose)
	var opt *redis.Options
	switch {
	case real:
		opt, _ = redis.ParseURL(URL())
	case Required():
		t.Fatalf("KINERJA_REQUIRE_REDIS=1 but no Redis answers at %s: %v", URL(), probeErr)
	case memErr != nil:
		t.Fatalf("no Redis at %s and the in-process server failed: %v", URL(), memErr)
	default:
		t.Logf("using the in-process Redis-compatible server (no Redis at %s)", URL())
		opt = &redis.Options{Addr: mem.Addr()}
	}
	return newClient(t, real, func() redis.UniversalClient { o := *opt; return redis.NewClient(&o) })
}

// newClient wraps a client for one test: a fresh key prefix, whose keys
// are deleted when the test ends (on every master of a cluster).
func newClient(t testing.TB, real bool, dial func() redis.UniversalClient) *Client {
	c := &Client{UniversalClient: dial(), Prefix: "kbtest:" + ulid.Make().String() + ":", Real: real, newClient: dial}
	t.Cleanup(func() {
		ctx := context.Background()
		del := func(ctx context.Context, node redis.UniversalClient) error {
			iter := node.Scan(ctx, 0, c.Prefix+"*", 500).Iterator()
			for iter.Next(ctx) {
				node.Del(ctx, iter.Val())
			}
			return nil
		}
		if cc := c.Cluster(); cc != nil {
			_ = cc.ForEachMaster(ctx, func(ctx context.Context, n *redis.Client) error { return del(ctx, n) })
		} else {
			_ = del(ctx, c.UniversalClient)
		}
		c.Close()
	})
	return c
}

// Trips counts the commands a client sends (a pipeline or a script call is
// one): add it with client.AddHook to measure round trips.
type Trips struct{ n atomic.Int64 }

// Count is the number of round trips so far.
func (r *Trips) Count() int64 { return r.n.Load() }

// DialHook implements redis.Hook.
func (r *Trips) DialHook(next redis.DialHook) redis.DialHook { return next }

// ProcessHook implements redis.Hook.
func (r *Trips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error { r.n.Add(1); return next(ctx, cmd) }
}

// ProcessPipelineHook implements redis.Hook.
func (r *Trips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error { r.n.Add(1); return next(ctx, cmds) }
}
