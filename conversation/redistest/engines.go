package redistest

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// An EngineMode is one of Redis's scale-out engines.
type EngineMode string

// The engines the tests run on when their settings are given.
const (
	Cluster  EngineMode = "cluster"
	Sentinel EngineMode = "sentinel"
)

// Mode is the engine KINERJA_TEST_REDIS_MODE selects for New ("": none).
func Mode() EngineMode { return EngineMode(os.Getenv("KINERJA_TEST_REDIS_MODE")) }

// ClusterAddrs are the seed addresses of the test cluster
// (KINERJA_TEST_REDIS_CLUSTER=host:port,…), or nil.
func ClusterAddrs() []string { return split(os.Getenv("KINERJA_TEST_REDIS_CLUSTER")) }

// SentinelAddrs are the test Sentinel's master name and sentinel addresses
// (KINERJA_TEST_REDIS_SENTINEL=master@host:port,…), or "" and nil.
func SentinelAddrs() (master string, addrs []string) {
	m, a, ok := strings.Cut(os.Getenv("KINERJA_TEST_REDIS_SENTINEL"), "@")
	if !ok {
		return "", nil
	}
	return m, split(a)
}

func split(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ",") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// Engine returns a client of the engine m for the test, skipping the test
// with the reason when the engine's setting is unset (failing it instead
// when KINERJA_TEST_REDIS_MODE asks for that engine, or it does not answer).
func Engine(t testing.TB, m EngineMode) *Client {
	t.Helper()
	var dial func() redis.UniversalClient
	switch m {
	case Cluster:
		addrs := ClusterAddrs()
		if len(addrs) == 0 {
			unset(t, m, "KINERJA_TEST_REDIS_CLUSTER=host:port,… (a Redis Cluster; .ci/redis-engines.sh up starts one)")
		}
		dial = func() redis.UniversalClient { return redis.NewClusterClient(&redis.ClusterOptions{Addrs: addrs}) }
	case Sentinel:
		master, addrs := SentinelAddrs()
		if len(addrs) == 0 {
			unset(t, m, "KINERJA_TEST_REDIS_SENTINEL=master@host:port,… (sentinels; .ci/redis-engines.sh up starts them)")
		}
		dial = func() redis.UniversalClient {
			return redis.NewFailoverClient(&redis.FailoverOptions{MasterName: master, SentinelAddrs: addrs})
		}
	default:
		t.Fatalf("KINERJA_TEST_REDIS_MODE=%q: want cluster or sentinel", m)
	}
	probe := dial()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := probe.Ping(ctx).Err()
	probe.Close()
	if err != nil {
		t.Fatalf("Redis %s does not answer: %v", m, err)
	}
	return newClient(t, true, dial)
}

// unset skips the test for want of the engine's setting, or fails it when
// KINERJA_TEST_REDIS_MODE asked for that very engine.
func unset(t testing.TB, m EngineMode, setting string) {
	t.Helper()
	if Mode() == m {
		t.Fatalf("KINERJA_TEST_REDIS_MODE=%s needs %s", m, setting)
	}
	t.Skipf("skipped: no Redis %s (set %s)", m, setting)
}
