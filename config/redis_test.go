package config

import (
	"strings"
	"testing"
)

func TestRedisModes(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want RedisMode
		errs []string
	}{
		{"nothing: in-process", nil, RedisEmbedded, nil},
		{"url", map[string]string{"REDIS_URL": "redis://r:6379/0"}, RedisSingle, nil},
		{"sentinel", map[string]string{"REDIS_SENTINEL_ADDRS": "s1:26379, s2:26379", "REDIS_SENTINEL_MASTER": "kb"}, RedisSentinel, nil},
		{"cluster", map[string]string{"REDIS_CLUSTER_ADDRS": "c1:6379,c2:6379"}, RedisCluster, nil},
		{"two modes", map[string]string{"REDIS_URL": "redis://r:6379/0", "REDIS_CLUSTER_ADDRS": "c1:6379"}, RedisCluster,
			[]string{"REDIS_URL: set only one of"}},
		{"sentinel without master", map[string]string{"REDIS_SENTINEL_ADDRS": "s1:26379"}, RedisSentinel, []string{"REDIS_SENTINEL_MASTER"}},
		{"sentinel master without addresses", map[string]string{"REDIS_SENTINEL_MASTER": "kb"}, RedisSentinel, []string{"REDIS_SENTINEL_MASTER"}},
		{"cluster address without port", map[string]string{"REDIS_CLUSTER_ADDRS": "c1:6379,c2"}, RedisCluster, []string{`REDIS_CLUSTER_ADDRS: want host:port,host:port…, got "c2"`}},
		{"prefix with a hash tag", map[string]string{"REDIS_PREFIX": "kb{x}:"}, RedisEmbedded, []string{"REDIS_PREFIX: must not contain"}},
		{"wait on the in-process server", map[string]string{"REDIS_WAIT_REPLICAS": "1"}, RedisEmbedded, []string{"REDIS_WAIT_REPLICAS: the in-process server has no replicas"}},
		{"wait too many", map[string]string{"REDIS_URL": "redis://r:6379/0", "REDIS_WAIT_REPLICAS": "9"}, RedisSingle, []string{"REDIS_WAIT_REPLICAS: must be between 0"}},
		{"wait too long", map[string]string{"REDIS_URL": "redis://r:6379/0", "REDIS_WAIT_REPLICAS": "1", "REDIS_WAIT_TIMEOUT": "3s"}, RedisSingle, []string{"REDIS_WAIT_TIMEOUT"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(lookup(tc.env))
			if len(tc.errs) == 0 && err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			for _, w := range tc.errs {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Fatalf("error %v, want it to mention %q", err, w)
				}
			}
			if got := c.RedisMode(); got != tc.want {
				t.Fatalf("mode %s, want %s", got, tc.want)
			}
		})
	}
}

func TestRedisPasswordsMasked(t *testing.T) {
	c, err := Load(lookup(map[string]string{"REDIS_SENTINEL_ADDRS": "s1:26379", "REDIS_SENTINEL_MASTER": "kb",
		"REDIS_SENTINEL_PASSWORD": "sentinel-secret", "REDIS_PASSWORD": "data-secret"}))
	if err != nil {
		t.Fatal(err)
	}
	s := c.LogValue().String()
	for _, secret := range []string{"sentinel-secret", "data-secret"} {
		if strings.Contains(s, secret) {
			t.Fatalf("log shows a Redis password: %s", s)
		}
	}
	if !strings.Contains(s, "s1:26379") || !strings.Contains(s, "kb") {
		t.Fatalf("log lacks the sentinel settings: %s", s)
	}
}
