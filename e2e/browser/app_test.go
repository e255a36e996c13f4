package browser

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/playground"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/demo"
	"github.com/kinerjabot/kinerjabot/handlers"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// app is the bot as `kinerjabot serve` wires it for the playground (the
// embedded store with the demo roster, the engine on Redis or the
// in-process server, the flows, the playground adapter), on a loopback
// httptest server.
type app struct {
	url   string
	store storage.Store
}

// photos fetches what panes upload through the playground adapter.
type photos struct{ pg *playground.Adapter }

func (f photos) Fetch(ctx context.Context, _ bot.Platform, fileID string, max int64) ([]byte, error) {
	return f.pg.Download(ctx, fileID, max)
}

func startApp(t *testing.T) *app {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	if seeded, err := demo.Seed(ctx, st); err != nil || !seeded {
		t.Fatalf("seed demo: %v (seeded %v)", err, seeded)
	}
	zone, err := time.LoadLocation(demo.Zone)
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	clock := playground.NewClock(nil)
	pg, err := playground.New(playground.Options{
		People: func(ctx context.Context) ([]playground.Person, error) { return demo.People(ctx, st) },
		Clock:  clock, Zone: zone, Log: quiet,
	})
	if err != nil {
		t.Fatal(err)
	}
	rdb := redistest.New(t)
	router := handlers.New(st, quiet, handlers.Options{Language: "id", DefaultTimezone: demo.Zone,
		MaxPhotos: 3, EvidenceRequired: true, BackdateDays: 2, Media: photos{pg}})
	applier := router.Applier(st)
	eng := conversation.New(rdb, router, applier, quiet, conversation.Options{
		Prefix: rdb.Prefix, Workers: 4, SweepEvery: 200 * time.Millisecond, Media: applier, Now: clock.Now,
	})
	eng.AddSender(bot.Playground, pg)
	srv := httptest.NewServer(pg.Handler(eng))
	done := make(chan struct{}, 2)
	go func() { eng.Run(ctx); done <- struct{}{} }()
	go func() { pg.Run(ctx, eng); done <- struct{}{} }()
	t.Cleanup(func() {
		cancel() // ends the event streams first, so the server can close
		<-done
		<-done
		srv.Close()
		st.Close(context.Background())
	})
	return &app{url: srv.URL, store: st}
}

// approved counts the approved reports on file.
func (a *app) approved(t *testing.T) int {
	t.Helper()
	n := 0
	emps, err := a.store.ListEmployees(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range emps {
		list, err := a.store.ListActivities(context.Background(), e.NIP, "2000-01-01", "2100-01-01")
		if err != nil {
			t.Fatal(err)
		}
		for _, act := range list {
			if act.Status == storage.StatusApproved {
				n++
			}
		}
	}
	return n
}
