package memredis

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/internal/testlog"
)

// fakeClock is a settable clock for the expiry tests.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// open opens a durable server in dir and a client of it, both closed at
// the end of the test unless closed before.
func open(t testing.TB, dir string, opt Options) (*Server, *redis.Client) {
	t.Helper()
	s, err := Open(dir, opt)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	c := redis.NewClient(&redis.Options{Addr: s.Addr(), MaxRetries: -1})
	var once sync.Once
	t.Cleanup(func() { once.Do(func() { c.Close(); s.Close() }) })
	closeBoth := func() { once.Do(func() { c.Close(); s.Close() }) }
	closers.Store(s, closeBoth)
	return s, c
}

var closers sync.Map

// stop closes a server opened by open, and its client.
func stop(s *Server) {
	if f, ok := closers.LoadAndDelete(s); ok {
		f.(func())()
	}
}

// crashCopy copies dir's files as they are now, as a process killed at
// this instant leaves them (the lock aside, which the kernel releases).
func crashCopy(t *testing.T, dir string) string {
	t.Helper()
	to := t.TempDir()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.Name() == lockName {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if errors.Is(err, fs.ErrNotExist) {
			continue // a compaction's temporary file, renamed since the listing: a crash now would not find it
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return to
}

var script = redis.NewScript(`
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('ZADD', 'ready', 'NX', ARGV[3], KEYS[1])
return redis.call('LLEN', KEYS[2])`)

// write stores one of each type, with and without TTLs, through every path
// the engine's clients use: plain commands, a script (EVAL then EVALSHA), a
// MULTI/EXEC pipeline and a plain pipeline.
func write(t *testing.T, c *redis.Client) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(c.Set(ctx, "str", "v", 0).Err())
	must(c.Set(ctx, "str:ttl", "v", time.Hour).Err())
	must(c.HSet(ctx, "hash", "v", "3", "d", `{"flow":"report"}`).Err())
	must(c.PExpire(ctx, "hash", 24*time.Hour).Err())
	must(c.RPush(ctx, "list", "a", "b", "c").Err())
	must(c.SAdd(ctx, "set", "x", "y").Err())
	must(c.ZAdd(ctx, "zset", redis.Z{Score: 1.5, Member: "m"}, redis.Z{Score: -2, Member: "n"}).Err())
	must(script.Run(ctx, c, []string{"lease", "inbox"}, "u1", 30_000, 7).Err())
	must(script.Run(ctx, c, []string{"lease", "inbox"}, "u2", 30_000, 8).Err())
	_, err := c.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, "tx:a", "1", time.Hour)
		p.Del(ctx, "tx:gone")
		return nil
	})
	must(err)
	_, err = c.Pipelined(ctx, func(p redis.Pipeliner) error {
		for _, k := range []string{"p1", "p2", "p3"} {
			p.Set(ctx, k, k, 0)
		}
		return nil
	})
	must(err)
}

// check reads back what write stored.
func check(t *testing.T, c *redis.Client) {
	t.Helper()
	ctx := context.Background()
	eq := func(what string, got, want any) {
		t.Helper()
		if g, w := toString(got), toString(want); g != w {
			t.Errorf("%s = %s, want %s", what, g, w)
		}
	}
	eq("str", c.Get(ctx, "str").Val(), "v")
	eq("hash", c.HGetAll(ctx, "hash").Val(), map[string]string{"v": "3", "d": `{"flow":"report"}`})
	eq("list", c.LRange(ctx, "list", 0, -1).Val(), []string{"a", "b", "c"})
	eq("set", c.SMembers(ctx, "set").Val(), []string{"x", "y"})
	eq("zset", c.ZRangeWithScores(ctx, "zset", 0, -1).Val(), []redis.Z{{Score: -2, Member: "n"}, {Score: 1.5, Member: "m"}})
	eq("script list", c.LRange(ctx, "inbox", 0, -1).Val(), []string{"u1", "u2"})
	eq("script string", c.Get(ctx, "lease").Val(), "u2")
	eq("script zset", c.ZScore(ctx, "ready", "lease").Val(), 7.0)
	eq("tx", c.Get(ctx, "tx:a").Val(), "1")
	eq("pipeline", c.MGet(ctx, "p1", "p2", "p3").Val(), []any{"p1", "p2", "p3"})
	for key, want := range map[string]time.Duration{"str:ttl": time.Hour, "hash": 24 * time.Hour, "lease": 30 * time.Second, "tx:a": time.Hour} {
		if ttl := c.PTTL(ctx, key).Val(); ttl <= want-10*time.Second || ttl > want {
			t.Errorf("TTL of %s = %s, want about %s", key, ttl, want)
		}
	}
	if ttl := c.PTTL(ctx, "str").Val(); ttl != -1 {
		t.Errorf("TTL of str = %s, want none", ttl)
	}
	// The script is still loaded: EVALSHA alone finds it.
	if err := c.EvalSha(ctx, script.Hash(), []string{"lease", "inbox"}, "u3", 30_000, 9).Err(); err != nil {
		t.Errorf("EVALSHA after the restart: %v", err)
	}
}

func toString(v any) string { return fmt.Sprint(v) }

func TestGracefulRestartKeepsEverything(t *testing.T) {
	dir := t.TempDir()
	s, c := open(t, dir, Options{})
	write(t, c)
	stop(s)
	_, c = open(t, dir, Options{})
	check(t, c)
}

// A process killed at any instant leaves files from which every
// acknowledged command comes back, whether or not a compaction ran since.
func TestCrashKeepsWhatWasAcknowledged(t *testing.T) {
	for _, tc := range []struct {
		name string
		max  int64
	}{{"one journal", 0}, {"compactions meanwhile", 2 << 10}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			_, c := open(t, dir, Options{JournalMax: tc.max})
			write(t, c)
			for i := range 50 { // enough to pass the small journal's size several times
				if err := c.RPush(context.Background(), "more", strings.Repeat("x", 100)+string(rune('a'+i%26))).Err(); err != nil {
					t.Fatal(err)
				}
			}
			crashed := crashCopy(t, dir)
			_, c2 := open(t, crashed, Options{})
			check(t, c2)
			if n := c2.LLen(context.Background(), "more").Val(); n != 50 {
				t.Errorf("%d of 50 acknowledged pushes back", n)
			}
		})
	}
}

// The reply to a command leaves only after the journal record is synced.
func TestReplyWaitsForTheDisk(t *testing.T) {
	var hold atomic.Bool
	syncing := make(chan struct{}, 16)
	held := make(chan struct{}, 16)
	release := make(chan struct{})
	var once sync.Once
	free := func() { once.Do(func() { close(release) }) }
	_, c := open(t, t.TempDir(), Options{beforeSync: func() {
		if hold.Load() {
			syncing <- struct{}{}
			<-release
		}
	}, held: func() {
		if hold.Load() {
			held <- struct{}{}
		}
	}})
	t.Cleanup(free) // runs before the server's Close, which waits for the fsync
	ctx := context.Background()
	if err := c.Ping(ctx).Err(); err != nil { // the connection is made
		t.Fatal(err)
	}
	hold.Store(true)
	done := make(chan error, 1)
	go func() { done <- c.Set(ctx, "k", "v", 0).Err() }()
	select {
	case <-syncing:
	case <-time.After(10 * time.Second):
		t.Fatal("the write never reached the journal's fsync")
	}
	select {
	case <-held:
	case <-done:
		t.Fatal("SET was answered before its journal record was synced")
	case <-time.After(10 * time.Second):
		t.Fatal("the reply was neither held nor sent")
	}
	hold.Store(false)
	free()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("SET not answered after the fsync")
	}
}

// Keys expire across a restart by the wall time that passed while the
// process was down, and a command replays against the expiry clock it ran
// with: a lease that had expired when a script took over the chat has
// expired in the replay too.
func TestExpiryAcrossRestarts(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)}
	dir := t.TempDir()
	s, c := open(t, dir, Options{now: clock.Now})
	ctx := context.Background()
	c.Set(ctx, "short", "1", time.Minute)
	c.Set(ctx, "long", "1", 10*time.Minute)
	c.Set(ctx, "lease", "other", 100*time.Millisecond)
	clock.Add(150 * time.Millisecond)
	s.tick()
	claim := redis.NewScript(`if redis.call('GET', KEYS[1]) then return 0 end
redis.call('SET', KEYS[1], 'mine', 'PX', 30000) return 1`)
	if n, err := claim.Run(ctx, c, []string{"lease"}).Int(); err != nil || n != 1 {
		t.Fatalf("claim = %d, %v; want 1 (the other lease expired)", n, err)
	}
	stop(s)

	clock.Add(2 * time.Minute)
	_, c = open(t, dir, Options{now: clock.Now})
	if n := c.Exists(ctx, "short").Val(); n != 0 {
		t.Error("a key whose minute ran out while the process was down still exists")
	}
	if ttl := c.PTTL(ctx, "long").Val(); ttl < 7*time.Minute || ttl > 8*time.Minute {
		t.Errorf("TTL of long = %s, want about 8m", ttl)
	}
	if v := c.Get(ctx, "lease").Val(); v != "" {
		t.Errorf("lease = %q, want it expired (30s after the claim, 2m ago)", v)
	}
}

func TestReplayRunsAtTheRecordedClock(t *testing.T) {
	clock := &fakeClock{now: time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)}
	dir := t.TempDir()
	s, c := open(t, dir, Options{now: clock.Now})
	ctx := context.Background()
	c.Set(ctx, "lease", "other", 100*time.Millisecond)
	clock.Add(150 * time.Millisecond)
	s.tick()
	claim := redis.NewScript(`if redis.call('GET', KEYS[1]) then return 0 end
redis.call('SET', KEYS[2], 'claimed') return 1`)
	if n, _ := claim.Run(ctx, c, []string{"lease", "owner"}).Int(); n != 1 {
		t.Fatalf("claim = %d, want 1", n)
	}
	crashed := crashCopy(t, dir)
	_, c2 := open(t, crashed, Options{now: clock.Now})
	if v := c2.Get(ctx, "owner").Val(); v != "claimed" {
		t.Fatalf("after the replay owner = %q: the script replayed before the lease had expired", v)
	}
}

// A damaged or cut-short end of the journal is logged and cut at the last
// good record; the start goes on with everything before it.
func TestDamagedJournalEnd(t *testing.T) {
	cases := []struct {
		name   string
		damage func(b []byte) []byte
		kept   int
	}{
		{"cut inside the last record", func(b []byte) []byte { return b[:len(b)-3] }, 9},
		{"a flipped byte in the last record", func(b []byte) []byte { b[len(b)-2] ^= 0xff; return b }, 9},
		{"zeros after the end", func(b []byte) []byte { return append(b, make([]byte, 4096)...) }, 10},
		{"garbage after the end", func(b []byte) []byte { return append(b, "\x10\x00\x00\x00garbage"...) }, 10},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			s, c := open(t, dir, Options{})
			for i := range 10 {
				c.RPush(context.Background(), "l", string(rune('a'+i)))
			}
			stop(s)
			gens, _ := journalGens(dir)
			path := filepath.Join(dir, journalName(gens[len(gens)-1]))
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, tc.damage(b), 0o600); err != nil {
				t.Fatal(err)
			}
			logs := &testlog.Buffer{}
			_, c = open(t, dir, Options{Log: slog.New(slog.NewTextHandler(logs, nil))})
			if n := c.LLen(context.Background(), "l").Val(); int(n) != tc.kept {
				t.Errorf("%d pushes kept, want %d", n, tc.kept)
			}
			if !strings.Contains(logs.String(), "cut at the last good record") {
				t.Errorf("the cut was not logged:\n%s", logs)
			}
		})
	}
}

// A damaged snapshot keeps what was before the damage and never stops the
// start.
func TestDamagedSnapshotStillStarts(t *testing.T) {
	dir := t.TempDir()
	s, c := open(t, dir, Options{})
	write(t, c)
	stop(s)
	s, _ = open(t, dir, Options{}) // compacts: everything is in the snapshot now
	stop(s)
	path := filepath.Join(dir, snapshotName)
	b, _ := os.ReadFile(path)
	b[len(b)/2] ^= 0xff
	os.WriteFile(path, b, 0o600)
	logs := &testlog.Buffer{}
	_, c = open(t, dir, Options{Log: slog.New(slog.NewTextHandler(logs, nil))})
	if err := c.Ping(context.Background()).Err(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "snapshot is damaged") {
		t.Errorf("the damage was not logged:\n%s", logs)
	}
}

// Compaction keeps the files bounded: a journal past JournalMax is turned
// into a snapshot and a new journal, and old journals are removed.
func TestCompactionBoundsTheFiles(t *testing.T) {
	dir := t.TempDir()
	compacted := make(chan uint64, 100)
	s, c := open(t, dir, Options{JournalMax: 8 << 10, compacted: func(g uint64) { compacted <- g }})
	<-compacted // the one at start
	ctx := context.Background()
	value := strings.Repeat("v", 1000)
	for i := 0; ; i++ {
		if err := c.Set(ctx, "k"+string(rune('a'+i%20)), value, 0).Err(); err != nil {
			t.Fatal(err)
		}
		if i == 20 {
			break
		}
	}
	select {
	case <-compacted:
	case <-time.After(10 * time.Second):
		t.Fatal("no compaction after 20 kB of writes with JournalMax 8 kB")
	}
	stop(s)
	gens, _ := journalGens(dir)
	if len(gens) > 2 {
		t.Errorf("%d journals left (%v), want the compacted ones removed", len(gens), gens)
	}
	_, c = open(t, dir, Options{})
	if n := c.DBSize(ctx).Val(); n != 20 {
		t.Errorf("%d keys after compactions and a restart, want 20", n)
	}
}

func TestSecondProcessIsRefused(t *testing.T) {
	dir := t.TempDir()
	open(t, dir, Options{})
	_, err := Open(dir, Options{})
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "REDIS_URL") || !strings.Contains(err.Error(), "process") {
		t.Fatalf("second Open: %v, want ErrInUse naming the holder and REDIS_URL", err)
	}
	addr, err := HolderAddr(dir)
	if err != nil || !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Fatalf("HolderAddr = %q, %v", addr, err)
	}
}

func TestFilesArePrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "conversation")
	_, c := open(t, dir, Options{})
	c.Set(context.Background(), "k", "v", 0)
	st, err := os.Stat(dir)
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("directory mode %v, %v; want 0700", st.Mode().Perm(), err)
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		info, _ := e.Info()
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", e.Name(), info.Mode().Perm())
		}
	}
}

// Commands the journal could not replay as they ran are refused; a script's
// own commands are journaled once, with the script; a discarded
// transaction leaves nothing.
func TestWhatIsJournaled(t *testing.T) {
	dir := t.TempDir()
	s, c := open(t, dir, Options{})
	ctx := context.Background()
	for _, cmd := range [][]any{{"SELECT", "1"}, {"WATCH", "k"}, {"SPOP", "s"}, {"BLPOP", "l", "1"}, {"XADD", "x", "*", "a", "b"}} {
		if err := c.Do(ctx, cmd...).Err(); err == nil || !strings.Contains(err.Error(), "refused") {
			t.Errorf("%v: %v, want refused", cmd, err)
		}
	}
	before := s.j.appended.Load()
	if err := script.Run(ctx, c, []string{"a", "b"}, "x", 1000, 1).Err(); err != nil {
		t.Fatal(err)
	}
	c.Get(ctx, "a")
	c.LRange(ctx, "b", 0, -1)
	if n := s.j.appended.Load() - before; n != 2 { // EVALSHA (NOSCRIPT), then EVAL
		t.Errorf("%d records for one script call and two reads, want 2", n)
	}
	conn := c.Conn()
	defer conn.Close()
	conn.Do(ctx, "MULTI")
	conn.Do(ctx, "SET", "discarded", "1")
	conn.Do(ctx, "DISCARD")
	if err := conn.Set(ctx, "after", "1", 0).Err(); err != nil {
		t.Fatal(err)
	}
	stop(s)
	_, c = open(t, dir, Options{})
	if c.Exists(ctx, "discarded").Val() != 0 || c.Exists(ctx, "after").Val() != 1 {
		t.Error("a discarded transaction came back, or the command after it did not")
	}
}

func TestMemoryOnlyStart(t *testing.T) {
	s, err := Start()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := redis.NewClient(&redis.Options{Addr: s.Addr()})
	defer c.Close()
	if err := c.Set(context.Background(), "k", "v", 0).Err(); err != nil {
		t.Fatal(err)
	}
}
