package scheduler_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/scheduler"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
	"github.com/redis/go-redis/v9"
)

var errDead = errors.New("process killed")

// replica is one scheduler process: its own Redis connection, its view of
// the store and its outbound path. kill makes all three fail at once, as a
// SIGKILL would: nothing it does afterwards reaches anyone.
type replica struct {
	name  string
	rdb   redis.UniversalClient
	store *dyingStore
	dead  atomic.Bool
}

func (r *replica) kill() {
	r.dead.Store(true)
	r.store.dead.Store(true)
	r.rdb.Close()
}

// dyingStore is the shared store as seen by one replica. passes counts
// the passes it started (each lists the units once).
type dyingStore struct {
	storage.Store
	dead   atomic.Bool
	passes atomic.Int32
}

func (d *dyingStore) ListUnits(ctx context.Context) ([]storage.Unit, error) {
	if d.dead.Load() {
		return nil, errDead
	}
	d.passes.Add(1)
	return d.Store.ListUnits(ctx)
}

func (d *dyingStore) ClaimReminder(ctx context.Context, r storage.Reminder) (bool, storage.Reminder, error) {
	if d.dead.Load() {
		return false, storage.Reminder{}, errDead
	}
	return d.Store.ClaimReminder(ctx, r)
}

func (d *dyingStore) StartReminder(ctx context.Context, key, run string) error {
	if d.dead.Load() {
		return errDead
	}
	return d.Store.StartReminder(ctx, key, run)
}

func (d *dyingStore) FinishReminder(ctx context.Context, key, run string, s storage.ReminderStatus, reason string) error {
	if d.dead.Load() {
		return errDead
	}
	return d.Store.FinishReminder(ctx, key, run, s, reason)
}

func (d *dyingStore) ReleaseReminder(ctx context.Context, key, run string) error {
	if d.dead.Load() {
		return errDead
	}
	return d.Store.ReleaseReminder(ctx, key, run)
}

// platform is the chat platform both replicas send to: one message at a
// time (as outbound.Queue paces them), counted per chat.
type platform struct {
	mu        sync.Mutex
	got       map[string]int
	delivered int
	// killAt kills the sending replica right after that many deliveries,
	// before it can record the send.
	killAt int
	killed string
}

type replicaOutbox struct {
	r *replica
	p *platform
}

func (o replicaOutbox) BulkIf(ctx context.Context, m bot.Reply, start func(context.Context) error) error {
	p := o.p
	p.mu.Lock()
	defer p.mu.Unlock()
	if o.r.dead.Load() {
		return errDead
	}
	if err := start(ctx); err != nil {
		return err
	}
	p.got[m.Chat.ChatID]++
	p.delivered++
	if p.delivered == p.killAt {
		o.r.kill()
		p.killed = o.r.name
		return errDead
	}
	return nil
}

// Two schedulers share one real Redis and one store; whichever holds the
// lease is killed mid-run, right after a delivery it could not record.
// The other takes the lease when it expires and finishes the run: every
// person gets their reminder exactly once, and the deliveries the dead
// replica never confirmed (that one, and any of its other workers' sends
// delivered but not yet recorded when it died) are reported as
// unconfirmed, not sent again.
func TestLeaseTwoReplicasOneKilledMidRun(t *testing.T) {
	rdb := redistest.New(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	if err := st.UpsertUnit(ctx, storage.Unit{Code: "PKM", Name: "Puskesmas", Timezone: "Asia/Makassar"}); err != nil {
		t.Fatal(err)
	}
	const people, workers = 200, 4
	for i := range people {
		e := storage.Employee{NIP: fmt.Sprintf("19900115201903%04d", i), Name: fmt.Sprintf("Pegawai %d", i),
			UnitCode: "PKM", Position: "Staf", Active: true}
		if err := st.UpsertEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
		chat := fmt.Sprint(1000 + i)
		if err := st.LinkAccount(ctx, e.NIP, "telegram", storage.Account{UserID: chat, ChatID: chat}); err != nil {
			t.Fatal(err)
		}
	}
	now := utc("2026-11-30 07:31")
	p := &platform{got: map[string]int{}, killAt: 50}
	var unconfirmed atomic.Int32
	done := make(chan struct{}, 2)
	replicas := map[string]*replica{}
	for _, name := range []string{"a", "b"} {
		r := &replica{name: name, rdb: rdb.Another(t), store: &dyingStore{Store: st}}
		replicas[name] = r
		s, err := scheduler.New(r.store, r.rdb, map[bot.Platform]scheduler.Outbox{bot.Telegram: replicaOutbox{r: r, p: p}},
			scheduler.Options{
				MonthEndWarningDays: -1, Now: func() time.Time { return now },
				Every: 50 * time.Millisecond, LeaseTTL: 600 * time.Millisecond, LeaseKey: rdb.Prefix + "lease",
				Workers: workers, OnUnconfirmed: func(string) { unconfirmed.Add(1) },
			})
		if err != nil {
			t.Fatal(err)
		}
		go func() { s.Run(ctx); done <- struct{}{} }()
	}

	var killed string
	waitUntil(t, 20*time.Second, func() string {
		p.mu.Lock()
		n := p.delivered
		killed = p.killed
		p.mu.Unlock()
		if n >= people && killed != "" && unconfirmed.Load() >= 1 {
			return ""
		}
		return fmt.Sprintf("%d of %d delivered, killed %q, unconfirmed %d", n, people, killed, unconfirmed.Load())
	})
	// A few more passes of the survivor: nothing more may go out. A pass
	// starts only once the one before has ended, so the third start from
	// here means two whole passes ran.
	var alive *dyingStore
	for name, r := range replicas {
		if name != killed {
			alive = r.store
		}
	}
	from := alive.passes.Load()
	waitUntil(t, 10*time.Second, func() string {
		if n := alive.passes.Load() - from; n < 3 {
			return fmt.Sprintf("the survivor started %d more passes, want 3", n)
		}
		return ""
	})
	cancel()
	<-done
	<-done

	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.got) != people {
		t.Errorf("%d people reached, want %d", len(p.got), people)
	}
	for chat, n := range p.got {
		if n != 1 {
			t.Errorf("chat %s got %d reminders", chat, n)
		}
	}
	if p.delivered != people {
		t.Errorf("%d deliveries for %d people", p.delivered, people)
	}
	if n := unconfirmed.Load(); n < 1 || n > workers {
		t.Errorf("%d unconfirmed, want the killed send and at most its %d workers' others", n, workers)
	}
	t.Logf("replica %s killed after delivery %d; the other finished; %d unconfirmed", p.killed, p.killAt, unconfirmed.Load())
}

// waitUntil looks at what every 10ms until it returns "" (done), and fails
// the test with its last answer when that takes longer than limit.
func waitUntil(t *testing.T, limit time.Duration, what func() string) {
	t.Helper()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	deadline := time.After(limit)
	for {
		state := what()
		if state == "" {
			return
		}
		select {
		case <-tick.C:
		case <-deadline:
			t.Fatalf("after %v: %s", limit, state)
		}
	}
}
