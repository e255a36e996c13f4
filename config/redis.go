package config

import (
	"fmt"
	"log/slog"
	"net"
	"strings"
	"time"
)

// RedisMode is how the conversation state's Redis is reached.
type RedisMode string

// The Redis modes: the in-process server (no Redis setting), one node
// (REDIS_URL), a Sentinel-watched master (REDIS_SENTINEL_ADDRS +
// REDIS_SENTINEL_MASTER) or a Redis Cluster (REDIS_CLUSTER_ADDRS).
const (
	RedisEmbedded RedisMode = "embedded"
	RedisSingle   RedisMode = "single"
	RedisSentinel RedisMode = "sentinel"
	RedisCluster  RedisMode = "cluster"
)

// RedisScale are the settings of a Redis beyond one node: Sentinel or
// Cluster, the credentials they share, and the replication the webhook and
// the WhatsApp inbox wait for before acknowledging an update (WAIT).
type RedisScale struct {
	// RedisSentinelAddrs: host:port of each sentinel, comma separated (a
	// string, so that Config stays comparable; SentinelAddrs splits it).
	RedisSentinelAddrs    string `env:"REDIS_SENTINEL_ADDRS"`
	RedisSentinelMaster   string `env:"REDIS_SENTINEL_MASTER"`
	RedisSentinelPassword string `env:"REDIS_SENTINEL_PASSWORD"`
	// RedisClusterAddrs: host:port of a few cluster nodes (seeds).
	RedisClusterAddrs string `env:"REDIS_CLUSTER_ADDRS"`
	// RedisUsername and RedisPassword authenticate to the data nodes in
	// every mode (REDIS_URL may carry them instead).
	RedisUsername string `env:"REDIS_USERNAME"`
	RedisPassword string `env:"REDIS_PASSWORD"`
	// RedisWaitReplicas: an update is acknowledged to the platform only
	// once this many replicas have it (WAIT); 0 turns the wait off.
	RedisWaitReplicas int `env:"REDIS_WAIT_REPLICAS" envDefault:"0"`
	// RedisWaitTimeout bounds that wait; past it the update is refused, so
	// that the platform delivers it again.
	RedisWaitTimeout time.Duration `env:"REDIS_WAIT_TIMEOUT" envDefault:"200ms"`
}

// RedisMode is the mode the settings select (Validate checks that at most
// one is set).
func (c Config) RedisMode() RedisMode {
	switch {
	case c.RedisClusterAddrs != "":
		return RedisCluster
	case c.RedisSentinelAddrs != "" || c.RedisSentinelMaster != "":
		return RedisSentinel
	case c.RedisURL != "":
		return RedisSingle
	}
	return RedisEmbedded
}

// SentinelAddrs are REDIS_SENTINEL_ADDRS's addresses.
func (r RedisScale) SentinelAddrs() []string { return splitList(r.RedisSentinelAddrs) }

// ClusterAddrs are REDIS_CLUSTER_ADDRS's addresses.
func (r RedisScale) ClusterAddrs() []string { return splitList(r.RedisClusterAddrs) }

// splitList splits a comma separated list, dropping blanks.
func splitList(s string) []string {
	var out []string
	for _, a := range strings.Split(s, ",") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// maxWaitReplicas bounds REDIS_WAIT_REPLICAS (a master rarely has more).
const maxWaitReplicas = 8

func (c Config) validateRedis() []error {
	var errs []error
	bad := func(name, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{name}, args...)...))
	}
	set := 0
	for _, on := range []bool{c.RedisURL != "", c.RedisSentinelAddrs != "" || c.RedisSentinelMaster != "", c.RedisClusterAddrs != ""} {
		if on {
			set++
		}
	}
	if set > 1 {
		bad("REDIS_URL", "set only one of REDIS_URL, REDIS_SENTINEL_ADDRS (+ REDIS_SENTINEL_MASTER) and REDIS_CLUSTER_ADDRS")
	}
	if c.RedisMode() == RedisSentinel && (len(c.SentinelAddrs()) == 0 || strings.TrimSpace(c.RedisSentinelMaster) == "") {
		bad("REDIS_SENTINEL_MASTER", "Sentinel needs both REDIS_SENTINEL_ADDRS (host:port,…) and REDIS_SENTINEL_MASTER (the master's name)")
	}
	errs = append(errs, badAddrs("REDIS_SENTINEL_ADDRS", c.SentinelAddrs())...)
	errs = append(errs, badAddrs("REDIS_CLUSTER_ADDRS", c.ClusterAddrs())...)
	if strings.ContainsAny(c.RedisPrefix, "{}") {
		bad("REDIS_PREFIX", "must not contain { or }: the engine's keys carry a Redis Cluster hash tag after it")
	}
	if c.RedisWaitReplicas < 0 || c.RedisWaitReplicas > maxWaitReplicas {
		bad("REDIS_WAIT_REPLICAS", "must be between 0 (off) and %d, got %d", maxWaitReplicas, c.RedisWaitReplicas)
	}
	if c.RedisWaitReplicas > 0 && c.RedisMode() == RedisEmbedded {
		bad("REDIS_WAIT_REPLICAS", "the in-process server has no replicas: set REDIS_URL, REDIS_SENTINEL_ADDRS or REDIS_CLUSTER_ADDRS, or 0")
	}
	if c.RedisWaitTimeout < 10*time.Millisecond || c.RedisWaitTimeout > 2*time.Second {
		bad("REDIS_WAIT_TIMEOUT", "must be between 10ms and 2s (the platform waits for the answer), got %s", c.RedisWaitTimeout)
	}
	return errs
}

// badAddrs reports each entry of a host:port list that is not one.
func badAddrs(name string, addrs []string) []error {
	var errs []error
	for _, a := range addrs {
		if host, port, err := net.SplitHostPort(a); err != nil || host == "" || port == "" {
			errs = append(errs, fmt.Errorf("%s: want host:port,host:port…, got %q", name, a))
		}
	}
	return errs
}

// LogValue prints the Redis scale-out settings with the passwords masked.
func (r RedisScale) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("sentinel_addrs", r.RedisSentinelAddrs),
		slog.String("sentinel_master", r.RedisSentinelMaster),
		slog.String("sentinel_password", mask(r.RedisSentinelPassword)),
		slog.String("cluster_addrs", r.RedisClusterAddrs),
		slog.String("username", r.RedisUsername),
		slog.String("password", mask(r.RedisPassword)),
		slog.Int("wait_replicas", r.RedisWaitReplicas),
		slog.Duration("wait_timeout", r.RedisWaitTimeout),
	)
}
