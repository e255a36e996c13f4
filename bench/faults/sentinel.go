package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/conversation"
)

// The sentinel-failover scenario's Redis: a master with two replicas,
// watched by three sentinels, all private (ports from the suite's), each
// server persisting as the suite's single Redis does. Two replicas, so
// that after a failover the new master still has one to acknowledge the
// bots' WAIT (REDIS_WAIT_REPLICAS=1) while the old master is down.

const sentinelMasterName = "kbfault"

// sentinelSet is the ports of one such set.
type sentinelSet struct {
	master    int
	replicas  []int
	sentinels []int
}

func (s sentinelSet) servers() []int { return append([]int{s.master}, s.replicas...) }

// url names the set to `loadgen fault -redis` (bench/loadgen/sentinel.go).
func (s sentinelSet) url() string {
	addrs := make([]string, len(s.sentinels))
	for i, p := range s.sentinels {
		addrs[i] = fmt.Sprintf("127.0.0.1:%d", p)
	}
	return "redis-sentinel://" + sentinelMasterName + "@" + strings.Join(addrs, ",")
}

// newSentinelSet picks six free ports from first on.
func newSentinelSet(first int) (sentinelSet, error) {
	var ports []int
	for p := first; len(ports) < 6; p++ {
		free, err := freeRedisPort(p)
		if err != nil {
			return sentinelSet{}, err
		}
		ports = append(ports, free)
		p = free
	}
	return sentinelSet{master: ports[0], replicas: ports[1:3], sentinels: ports[3:6]}, nil
}

// start starts the servers and the sentinels in dir (one directory each),
// and waits until the sentinels know the master and its replicas.
func (s sentinelSet) start(dir string) error {
	for _, p := range s.servers() {
		var extra []string
		if p != s.master {
			extra = []string{"--replicaof", "127.0.0.1", strconv.Itoa(s.master)}
		}
		if err := startRedis(p, filepath.Join(dir, strconv.Itoa(p)), extra...); err != nil {
			return err
		}
	}
	for _, p := range s.sentinels {
		d := filepath.Join(dir, strconv.Itoa(p))
		if err := os.MkdirAll(d, 0o700); err != nil {
			return err
		}
		m := sentinelMasterName
		conf := fmt.Sprintf("port %d\nbind 127.0.0.1\ndir %s\ndaemonize yes\npidfile %s\nlogfile %s\n", p, d,
			filepath.Join(d, "redis.pid"), filepath.Join(d, "redis.log")) +
			fmt.Sprintf("sentinel monitor %s 127.0.0.1 %d 2\n", m, s.master) +
			fmt.Sprintf("sentinel down-after-milliseconds %s 1000\nsentinel failover-timeout %s 5000\nsentinel parallel-syncs %s 1\n", m, m, m)
		path := filepath.Join(d, "sentinel.conf")
		if err := os.WriteFile(path, []byte(conf), 0o600); err != nil {
			return err
		}
		if out, err := exec.Command("redis-sentinel", path).CombinedOutput(); err != nil {
			return fmt.Errorf("redis-sentinel: %v: %s", err, out)
		}
		if err := waitRedis(p, true, 15*time.Second); err != nil {
			return err
		}
	}
	return waitFor(30*time.Second, func() bool {
		n, err := sentinelReplicas(s.sentinels[0])
		return err == nil && n == len(s.replicas)
	})
}

// stop shuts every server and sentinel of the set down.
func (s sentinelSet) stop() {
	for _, p := range append(s.sentinels, s.servers()...) {
		if err := stopRedis(p); err != nil {
			say("sentinel-failover: stopping %d: %v", p, err)
		}
	}
}

func sentinelClient(port int) *redis.SentinelClient {
	return redis.NewSentinelClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", port), MaxRetries: -1})
}

// sentinelMasterPort is the master's port as the sentinel on port says.
func sentinelMasterPort(port int) (int, error) {
	sc := sentinelClient(port)
	defer sc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	hp, err := sc.GetMasterAddrByName(ctx, sentinelMasterName).Result()
	if err != nil || len(hp) != 2 {
		return 0, fmt.Errorf("sentinel %d: master %v: %v", port, hp, err)
	}
	return strconv.Atoi(hp[1])
}

// sentinelReplicas is how many replicas the sentinel on port sees up.
func sentinelReplicas(port int) (int, error) {
	sc := sentinelClient(port)
	defer sc.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	rs, err := sc.Replicas(ctx, sentinelMasterName).Result()
	n := 0
	for _, r := range rs {
		if !strings.Contains(r["flags"], "down") && !strings.Contains(r["flags"], "disconnected") {
			n++
		}
	}
	return n, err
}

// connectedReplicas is how many replicas the server on port has online.
func connectedReplicas(port int) int {
	rdb := redis.NewClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", port), MaxRetries: -1})
	defer rdb.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	n, _ := conversation.ReplicasOnline(ctx, rdb)
	return n
}

func waitFor(limit time.Duration, ok func() bool) error {
	deadline := time.Now().Add(limit)
	for !ok() {
		if time.Now().After(deadline) {
			return fmt.Errorf("not within %s", limit)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return nil
}

// cmdSentinelKill is the outage helper of sentinel-failover: it kills the
// master the sentinel names (SIGKILL: no shutdown, no last fsync), says
// "down", then reports when the sentinels named a new master
// ("promoted-after-s N") and when that master had a replica again
// ("writable-after-s N": the bots' WAIT passes again). On SIGTERM it starts
// the old master again (the sentinels make it a replica), says "up" and
// exits.
func cmdSentinelKill(args []string) int {
	fs := flag.NewFlagSet("sentinel-kill", flag.ContinueOnError)
	sentinel := fs.Int("sentinel-port", 0, "a sentinel's port")
	dir := fs.String("dir", "", "the set's directory (one sub-directory per port)")
	if err := fs.Parse(args); err != nil || *sentinel == 0 || *dir == "" {
		return 2
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	old, err := sentinelMasterPort(*sentinel)
	if err == nil && old == 6379 {
		err = fmt.Errorf("refusing to kill the shared Redis on 6379")
	}
	if err == nil {
		err = killServer(filepath.Join(*dir, strconv.Itoa(old), "redis.pid"))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "faults sentinel-kill:", err)
		return 1
	}
	killed := time.Now()
	fmt.Println("down")
	var now int
	if err := waitFor(60*time.Second, func() bool { now, err = sentinelMasterPort(*sentinel); return err == nil && now != old }); err != nil {
		fmt.Fprintln(os.Stderr, "faults sentinel-kill: no new master:", err)
	} else {
		fmt.Printf("promoted-after-s %.2f (master %d -> %d)\n", time.Since(killed).Seconds(), old, now)
		if err := waitFor(60*time.Second, func() bool { return connectedReplicas(now) > 0 }); err == nil {
			fmt.Printf("writable-after-s %.2f (the new master has a replica)\n", time.Since(killed).Seconds())
		}
	}
	<-sig
	if err := startRedis(old, filepath.Join(*dir, strconv.Itoa(old))); err != nil {
		fmt.Fprintln(os.Stderr, "faults sentinel-kill:", err)
		return 1
	}
	fmt.Println("up")
	return 0
}

// killServer sends SIGKILL to the server whose pid file is path and waits
// for it to be gone.
func killServer(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		return fmt.Errorf("pid file %s: %w", path, err)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		return err
	}
	return waitFor(10*time.Second, func() bool { return syscall.Kill(pid, 0) != nil })
}
