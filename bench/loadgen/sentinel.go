package main

import (
	"errors"
	"fmt"
	"net"
	"strings"
)

// A Sentinel-watched Redis (fault scenario sentinel-failover) is named to
// `loadgen fault -redis` as redis-sentinel://MASTER@HOST:PORT,HOST:PORT:
// the bots get REDIS_SENTINEL_ADDRS and REDIS_SENTINEL_MASTER instead of
// REDIS_URL, and the generator asks the sentinels where the master is
// each time it reads Redis (the master moves at a failover).

const sentinelScheme = "redis-sentinel://"

// parseSentinelURL reads a redis-sentinel:// address; ok is false for any
// other.
func parseSentinelURL(s string) (master string, addrs []string, ok bool) {
	rest, found := strings.CutPrefix(s, sentinelScheme)
	if !found {
		return "", nil, false
	}
	master, list, found := strings.Cut(strings.TrimSuffix(rest, "/"), "@")
	if !found || master == "" {
		return "", nil, false
	}
	for _, a := range strings.Split(list, ",") {
		if a = strings.TrimSpace(a); a != "" {
			addrs = append(addrs, a)
		}
	}
	return master, addrs, len(addrs) > 0
}

// redisEnv is the bots' environment for their Redis: REDIS_URL (empty for
// the embedded state), or the Sentinel settings.
func redisEnv(redisURL string) []string {
	if master, addrs, ok := parseSentinelURL(redisURL); ok {
		return []string{"REDIS_URL=", "REDIS_SENTINEL_MASTER=" + master, "REDIS_SENTINEL_ADDRS=" + strings.Join(addrs, ",")}
	}
	return []string{"REDIS_URL=" + redisURL}
}

// sentinelMaster asks the sentinels, in turn, for the master's address.
func sentinelMaster(master string, addrs []string) (redisAddr, error) {
	var errs []error
	for _, a := range addrs {
		rc, err := dialRedis(redisAddr{host: a})
		if err != nil {
			errs = append(errs, err)
			continue
		}
		v, err := rc.do("SENTINEL", "get-master-addr-by-name", master)
		rc.Close()
		hp, _ := v.([]any)
		if err != nil || len(hp) != 2 {
			errs = append(errs, fmt.Errorf("sentinel %s: %v %v", a, v, err))
			continue
		}
		host, _ := hp[0].(string)
		port, _ := hp[1].(string)
		return redisAddr{host: net.JoinHostPort(host, port)}, nil
	}
	return redisAddr{}, fmt.Errorf("no sentinel names master %s: %w", master, errors.Join(errs...))
}
