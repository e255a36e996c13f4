package scheduler_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/scheduler"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// The lease goes to the preferred replica (the WhatsApp pod): it marks
// that it wants the lease, the holder gives it up at its next renewal,
// others do not take it while the mark is there, and once the preferred
// replica lets it go the others take it again.
func TestLeasePreferredTakesOver(t *testing.T) {
	rdb := redistest.New(t)
	ctx := context.Background()
	const ttl = time.Second
	other := scheduler.NewLease(rdb, rdb.Prefix+"lease", ttl, false)
	third := scheduler.NewLease(rdb, rdb.Prefix+"lease", ttl, false)
	pref := scheduler.NewLease(rdb, rdb.Prefix+"lease", ttl, true)

	held, err := other.Acquire(ctx)
	if err != nil || held == "" {
		t.Fatalf("a free lease is not taken: %q, %v", held, err)
	}
	if ok, err := other.Renew(ctx, held); !ok || err != nil {
		t.Fatalf("holder cannot renew with no one wanting the lease: %v, %v", ok, err)
	}
	if tok, err := pref.Acquire(ctx); tok != "" || err != nil {
		t.Fatalf("preferred took a held lease: %q, %v", tok, err)
	}
	if ok, err := other.Renew(ctx, held); ok || !errors.Is(err, scheduler.ErrHandedOver) {
		t.Fatalf("holder kept the lease a preferred replica wants: %v, %v", ok, err)
	}
	if tok, err := third.Acquire(ctx); tok != "" || err != nil {
		t.Fatalf("another replica took the lease the preferred one wants: %q, %v", tok, err)
	}
	mine, err := pref.Acquire(ctx)
	if err != nil || mine == "" {
		t.Fatalf("preferred did not take the lease given up: %q, %v", mine, err)
	}
	if ok, err := pref.Renew(ctx, mine); !ok || err != nil {
		t.Fatalf("preferred cannot renew: %v, %v", ok, err)
	}
	if err := pref.Release(ctx, mine); err != nil {
		t.Fatal(err)
	}
	if tok, err := third.Acquire(ctx); tok == "" || err != nil {
		t.Fatalf("after the preferred replica left, the lease is not taken: %q, %v", tok, err)
	}
}

// Two schedulers: the one without the platform runs the passes until the
// preferred one starts; then the preferred one runs them and the other
// stops.
func TestSchedulerPreferredReplicaRunsThePasses(t *testing.T) {
	rdb := redistest.New(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	start := func(store *dyingStore, prefer bool) chan struct{} {
		s, err := scheduler.New(store, rdb.Another(t), map[bot.Platform]scheduler.Outbox{},
			scheduler.Options{MonthEndWarningDays: -1, Every: 20 * time.Millisecond, LeaseTTL: 300 * time.Millisecond,
				LeaseKey: rdb.Prefix + "lease", PreferLease: prefer, RemindersOff: true})
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		go func() { s.Run(ctx); close(done) }()
		return done
	}
	other, pref := &dyingStore{Store: st}, &dyingStore{Store: st}
	d1 := start(other, false)
	waitUntil(t, 10*time.Second, func() string {
		if other.passes.Load() < 2 {
			return "the only replica runs no passes"
		}
		return ""
	})
	d2 := start(pref, true)
	waitUntil(t, 10*time.Second, func() string {
		if pref.passes.Load() < 3 {
			return fmt.Sprintf("the preferred replica ran %d passes", pref.passes.Load())
		}
		return ""
	})
	// From now on the other replica starts none: the preferred one's
	// passes go on while the other's count stands still.
	before, from := other.passes.Load(), pref.passes.Load()
	waitUntil(t, 10*time.Second, func() string {
		if pref.passes.Load()-from < 5 {
			return "the preferred replica stopped"
		}
		return ""
	})
	if got := other.passes.Load(); got > before+1 {
		t.Errorf("the other replica ran %d passes after handing over", got-before)
	}
	cancel()
	<-d1
	<-d2
}
