package scheduler_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/scheduler"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

func TestStatsBehind(t *testing.T) {
	for _, tc := range []struct {
		name string
		st   scheduler.Stats
		want int
	}{
		{"all sent", scheduler.Stats{Due: 3, Sent: 3}, 0},
		{"sent, already, failed, unconfirmed", scheduler.Stats{Due: 4, Sent: 1, Already: 1, Failed: 1, Unconfirmed: 1}, 0},
		{"two left for later", scheduler.Stats{Due: 5, Sent: 2, Already: 1}, 2},
		{"nothing due", scheduler.Stats{}, 0},
	} {
		if got := tc.st.Behind(); got != tc.want {
			t.Errorf("%s: Behind() = %d, want %d", tc.name, got, tc.want)
		}
	}
}

type passResult struct {
	st  scheduler.Stats
	err error
}

// TestRunReportsPasses: Run tells OnPass each pass's outcome, a store
// outage as a failed pass, and the passes after it as good ones again.
func TestRunReportsPasses(t *testing.T) {
	rdb := redistest.New(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	store := &dyingStore{Store: st}
	store.dead.Store(true)
	passes := make(chan passResult, 100)
	s, err := scheduler.New(store, rdb, map[bot.Platform]scheduler.Outbox{}, scheduler.Options{
		Every: 20 * time.Millisecond, LeaseTTL: 300 * time.Millisecond, LeaseKey: rdb.Prefix + "lease",
		OnPass: func(st scheduler.Stats, err error) { passes <- passResult{st, err} },
	})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { _ = s.Run(ctx); close(done) }()
	next := func() passResult {
		select {
		case p := <-passes:
			return p
		case <-time.After(10 * time.Second):
			t.Fatal("no pass reported")
		}
		return passResult{}
	}
	if p := next(); !errors.Is(p.err, errDead) {
		t.Fatalf("pass with the store down: err %v, want %v", p.err, errDead)
	}
	store.dead.Store(false)
	for next().err != nil { // a pass may have started before the store came back
	}
	cancel()
	<-done
}
