// Command faults runs kinerjabot's fault suite (issue 8): each scenario
// drives the real binary with the load generator (bench/loadgen, `loadgen
// fault`) while a fault is injected, then checks the store against what the
// people were told, and writes docs/reliability.md.
//
//	faults run [-scenario all|replay,crash,crash-embedded,crash-replicas,redis,store,store-all,concurrency] [-out docs/reliability.md]
//	faults check -ledger L [-db D]    check one run's ledger against its store
//	faults report -out F results/*.json
//	faults redis-down -port P -dir D  outage helper: stop a private redis-server, start it again on SIGTERM
//	faults sqlite-lock -db F [-mode write|all]  outage helper: hold a lock on the embedded store until SIGTERM
//	faults sentinel-kill -sentinel-port P -dir D  outage helper: SIGKILL the Sentinel-watched master, time the failover
//
// See bench/faults/README.md; `bash bench/faults/run.sh` builds and runs all.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/redis/go-redis/v9"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: faults run|check|report|redis-down|sqlite-lock …")
		os.Exit(2)
	}
	args := os.Args[2:]
	var code int
	switch os.Args[1] {
	case "run":
		code = cmdRun(args)
	case "check":
		code = cmdCheck(args)
	case "report":
		code = cmdReport(args)
	case "redis-down":
		code = cmdRedisDown(args)
	case "sqlite-lock":
		code = cmdSQLiteLock(args)
	case "sentinel-kill":
		code = cmdSentinelKill(args)
	default:
		fmt.Fprintln(os.Stderr, "faults: unknown command", os.Args[1])
		code = 2
	}
	os.Exit(code)
}

func cmdCheck(args []string) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	ledgerPath := fs.String("ledger", "", "the ledger of a `loadgen fault` run")
	db := fs.String("db", "", "the store (default: the ledger's DATA_DIR/kinerjabot.db)")
	if err := fs.Parse(args); err != nil || *ledgerPath == "" {
		return 2
	}
	_, c, err := runCheck(context.Background(), *ledgerPath, *db)
	if err != nil {
		fmt.Fprintln(os.Stderr, "faults check:", err)
		return 1
	}
	b, _ := json.MarshalIndent(c, "", "  ")
	fmt.Println(string(b))
	if !c.Pass {
		return 1
	}
	return 0
}

// Private redis-server instances.

// redisArgs are the settings of the suite's Redis: persistence as in
// docker-compose.yml (appendonly yes, fsync every second), no snapshots, on
// loopback, in dir.
func redisArgs(port int, dir string) []string {
	return []string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--dir", dir,
		"--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
		"--daemonize", "yes", "--pidfile", filepath.Join(dir, "redis.pid"), "--logfile", filepath.Join(dir, "redis.log")}
}

// startRedis starts a private server in dir (extra: more redis-server
// arguments, such as --replicaof).
func startRedis(port int, dir string, extra ...string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	out, err := exec.Command("redis-server", append(redisArgs(port, dir), extra...)...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("redis-server: %v: %s", err, out)
	}
	return waitRedis(port, true, 15*time.Second)
}

// waitRedis waits until the server on port answers PING (up) or refuses
// connections (!up).
func waitRedis(port int, up bool, limit time.Duration) error {
	rdb := redis.NewClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", port), MaxRetries: -1, DialTimeout: time.Second})
	defer rdb.Close()
	deadline := time.Now().Add(limit)
	for {
		if up {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			err := rdb.Ping(ctx).Err()
			cancel()
			if err == nil {
				return nil
			}
		} else {
			c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 200*time.Millisecond)
			if err != nil {
				return nil
			}
			c.Close()
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("redis on port %d not %s after %s", port, map[bool]string{true: "up", false: "down"}[up], limit)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stopRedis shuts a private server down (SHUTDOWN: the append-only file is
// written and synced first, as on a normal restart).
func stopRedis(port int) error {
	rdb := redis.NewClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", port), MaxRetries: -1})
	defer rdb.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = rdb.Shutdown(ctx).Err() // the connection closes: no reply
	return waitRedis(port, false, 15*time.Second)
}

// cmdRedisDown is an outage helper for `loadgen fault -outage-cmd`: it
// shuts the private Redis down, says "down", and on SIGTERM starts it again
// (with the same directory, so it reloads its append-only file), waits for
// PING, says "up" and exits.
func cmdRedisDown(args []string) int {
	fs := flag.NewFlagSet("redis-down", flag.ContinueOnError)
	port := fs.Int("port", 0, "the private redis-server's port (never 6379)")
	dir := fs.String("dir", "", "its directory")
	if err := fs.Parse(args); err != nil || *port == 0 || *dir == "" {
		return 2
	}
	if *port == 6379 {
		fmt.Fprintln(os.Stderr, "faults redis-down: refusing to stop the shared Redis on 6379")
		return 2
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	if err := stopRedis(*port); err != nil {
		fmt.Fprintln(os.Stderr, "faults redis-down:", err)
		return 1
	}
	fmt.Println("down")
	<-sig
	if err := startRedis(*port, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "faults redis-down:", err)
		return 1
	}
	fmt.Println("up")
	return 0
}

// cmdSQLiteLock is an outage helper: from another process it takes a lock
// on the embedded store, says "down", and on SIGTERM lets go, says "up" and
// exits. Nothing is written.
//
//   - -mode write: BEGIN EXCLUSIVE, as another program with a long write
//     transaction would (an import, a tool): in WAL mode the bot's reads go
//     on, and every write waits busy_timeout and fails with SQLITE_BUSY.
//   - -mode all: every lock byte of the WAL index (see walLockOffset), as a
//     process stuck while holding them would: no transaction of the bot,
//     read or write, can begin.
func cmdSQLiteLock(args []string) int {
	fs := flag.NewFlagSet("sqlite-lock", flag.ContinueOnError)
	path := fs.String("db", "", "the store's file (DATA_DIR/kinerjabot.db)")
	mode := fs.String("mode", "write", "write or all")
	if err := fs.Parse(args); err != nil || *path == "" || (*mode != "write" && *mode != "all") {
		return 2
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	hold := holdWriteLock
	if *mode == "all" {
		hold = holdAllLocks
	}
	if err := hold(*path, sig, func() { fmt.Println("down") }); err != nil {
		fmt.Fprintln(os.Stderr, "faults sqlite-lock:", err)
		return 1
	}
	fmt.Println("up")
	return 0
}

// holdWriteLock holds a write transaction (BEGIN EXCLUSIVE) on the file
// until release.
func holdWriteLock(path string, release <-chan os.Signal, locked func()) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if _, err := os.Stat(abs); err != nil {
		return err
	}
	u := url.URL{Scheme: "file", Path: abs, RawQuery: "_busy_timeout=30000"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		return fmt.Errorf("BEGIN EXCLUSIVE: %w", err)
	}
	locked()
	<-release
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		return fmt.Errorf("ROLLBACK: %w", err)
	}
	if err := conn.Close(); err != nil {
		return err
	}
	return db.Close()
}

// The WAL index's lock bytes (sqlite3.c: WALINDEX_LOCK_OFFSET 120, then
// the write, checkpoint and recovery locks and five read marks). A reader
// needs a shared lock on one read mark, a writer the write lock: with all
// eight held exclusively by another process, no transaction can begin. The
// byte after them (the "DMS" lock, held shared by every open connection) is
// left alone.
const (
	walLockOffset = 120
	walLocks      = 8
)

// holdAllLocks holds every lock byte of the WAL index until release.
func holdAllLocks(path string, release <-chan os.Signal, locked func()) error {
	f, err := os.OpenFile(path+"-shm", os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	// One byte at a time, each waiting for the bot's holder to let go: a
	// request for the whole range could wait for ever under load.
	for i := range walLocks {
		lk := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: int64(walLockOffset + i), Len: 1}
		if err := syscall.FcntlFlock(f.Fd(), syscall.F_SETLKW, &lk); err != nil {
			return fmt.Errorf("lock byte %d of the WAL index: %w", walLockOffset+i, err)
		}
	}
	locked()
	<-release
	lk := syscall.Flock_t{Type: syscall.F_UNLCK, Whence: 0, Start: walLockOffset, Len: walLocks}
	if err := syscall.FcntlFlock(f.Fd(), syscall.F_SETLK, &lk); err != nil {
		return fmt.Errorf("unlock: %w", err)
	}
	return f.Close()
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
