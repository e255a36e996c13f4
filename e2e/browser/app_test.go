package browser

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/app"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/demo"
	"github.com/kinerjabot/kinerjabot/storage"
)

// served is the bot as `kinerjabot serve` runs it with nothing configured,
// built by package app: the embedded store with the demo roster, the engine
// on Redis or the in-process server, the flows, the playground adapter, on
// a loopback httptest server. CONSOLE_URL is that server's /console/, so
// the links /konsol sends open this console.
type served struct {
	url   string
	store storage.Store
}

func startApp(t *testing.T) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	rdb := redistest.New(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"HTTP_ADDR": "127.0.0.1:0", "CONSOLE_URL": "http://" + ln.Addr().String() + "/console/", "DATA_DIR": t.TempDir(), "REDIS_PREFIX": rdb.Prefix,
		"WORKERS": "4", "DEFAULT_TIMEZONE": demo.Zone, "REMINDERS": "off"}
	cfg, err := config.Load(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	bot, err := app.New(ctx, cfg, quiet, app.WithRedis(rdb), app.WithSweepEvery(200*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(bot.Handler())
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	done := make(chan struct{})
	go func() { bot.Run(ctx); close(done) }()
	t.Cleanup(func() {
		cancel() // ends the event streams first, so the server can close
		<-done
		srv.Close()
		bot.Close()
	})
	return &served{url: srv.URL, store: bot.Store()}
}

// approved counts the approved reports on file.
func (a *served) approved(t *testing.T) int {
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
