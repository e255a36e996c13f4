package app

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/playground"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/demo"
)

// playgroundPath is where the playground is served on HTTP_ADDR.
const playgroundPath = playground.DefaultBase

// newClock is the playground's clock control over base (nil: real time),
// then shared by the engine, the flows and the scheduler. It is nil (no
// clock control on the page) when the playground is off, and when a
// platform (Telegram or WhatsApp) is on too: shifting the clock would move
// real people's report dates and reminders.
func newClock(cfg config.Config, base func() time.Time) *playground.Clock {
	if !cfg.PlaygroundOn() || cfg.PlatformOn() {
		return nil
	}
	return playground.NewClock(base)
}

// startPlayground prepares the demo roster and builds the playground
// adapter, registers it as the engine's sender and the downloader of the
// files panes upload, and mounts it, when the playground is on.
func (a *App) startPlayground(ctx context.Context) error {
	cfg, log, st := a.cfg, a.log, a.store
	if !cfg.PlaygroundOn() {
		log.Info("playground is off (PLAYGROUND=on turns it on)")
		return nil
	}
	if cfg.PlatformOn() {
		log.Warn("playground is on beside a real platform (PLAYGROUND=on): what its panes do is stored "+
			"with the real records (registrations, reports, survey answers); its clock stays real time",
			"telegram", cfg.TelegramToken != "", "whatsapp", cfg.WhatsAppEnabled)
	}
	if err := prepareDemo(ctx, st, a.set.seedDemo, a.clockNow(), log); err != nil {
		return err
	}
	zone, err := time.LoadLocation(demo.Zone)
	if err != nil {
		return fmt.Errorf("playground zone: %w", err)
	}
	pg, err := playground.New(playground.Options{
		People:   playgroundPeople(st),
		Clock:    a.clock,
		Zone:     zone,
		Public:   cfg.PlaygroundPublicOn(),
		Password: cfg.PlaygroundPassword,
		FileDir:  filepath.Join(cfg.DataDir, "playground"),
		Reset:    func(ctx context.Context) error { return resetDemo(ctx, st, a.rdb, cfg.RedisPrefix) },
		Log:      log,
	})
	if err != nil {
		return fmt.Errorf("start playground: %w", err)
	}
	a.engine.AddSender(bot.Playground, pg)
	h := pg.Handler(a.engine)
	a.hooks[playgroundPath] = h
	a.hooks[playgroundPath+"/"] = h
	a.playground = pg
	a.media[bot.Playground] = pg
	a.adapters = append(a.adapters, pg)
	a.onListen = announcePlayground(a.set.out, log, cfg.PlaygroundPublicOn())
	log.Info("playground is on", "path", playgroundPath, "public", cfg.PlaygroundPublicOn())
	return nil
}

// playgroundPeople lists the playground's panes: the demo's people (see
// demo.People) as the playground's type.
func playgroundPeople(st demo.RosterReader) func(context.Context) ([]playground.Person, error) {
	return func(ctx context.Context) ([]playground.Person, error) {
		people, err := demo.People(ctx, st)
		if err != nil {
			return nil, err
		}
		panes := make([]playground.Person, len(people))
		for i, p := range people {
			panes[i] = pane(p)
		}
		return panes, nil
	}
}

// pane is a demo person as the playground shows them.
func pane(p demo.Person) playground.Person {
	var shortcuts []playground.Shortcut
	for _, s := range p.Shortcuts {
		shortcuts = append(shortcuts, playground.Shortcut(s))
	}
	return playground.Person{ID: p.ID, Name: p.Name, Title: p.Title, Role: p.Role, Phone: p.Phone,
		Location: p.Location, Shortcuts: shortcuts, Hidden: p.Hidden}
}

// prepareDemo retires the demo roster when a real one is on file, and seeds
// it into an empty store unless --demo=false.
func prepareDemo(ctx context.Context, st demo.Store, seed bool, now time.Time, log *slog.Logger) error {
	n, err := demo.RetireIfReplaced(ctx, st)
	if err != nil {
		return err
	}
	if n > 0 {
		log.Info("demo roster retired: a real roster is on file", "people", n)
	}
	if !seed {
		log.Info("demo roster not seeded (--demo=false)")
		return nil
	}
	seeded, err := demo.Seed(ctx, st)
	if err != nil {
		return err
	}
	if !seeded {
		return nil
	}
	log.Info("demo roster seeded into the empty store (a Puskesmas and a Kelurahan in WITA); " +
		"`kinerjabot import-roster FILE` replaces it")
	return demo.SeedEvaluation(ctx, st, now)
}

// clockNow is the app's time now (its clock's, or real time).
func (a *App) clockNow() time.Time {
	if a.now != nil {
		return a.now()
	}
	return time.Now()
}

// resetDemo is the playground's "reset demo" outside the adapter: the
// store's playground accounts and demo roster, then the playground chats'
// sessions, inboxes and outboxes in Redis.
func resetDemo(ctx context.Context, st demo.Store, rdb redis.UniversalClient, prefix string) error {
	if err := demo.Reset(ctx, st); err != nil {
		return err
	}
	return clearPlaygroundChats(ctx, rdb, prefix)
}

// clearPlaygroundChats deletes the engine's per-chat keys of every
// playground chat (see the key layout in package conversation), so each
// pane starts at rest. Keys are deleted one by one, on the node that has
// them, which also works on a Redis Cluster.
func clearPlaygroundChats(ctx context.Context, rdb redis.UniversalClient, prefix string) error {
	for _, kind := range []string{"session", "inbox", "outbox"} {
		pattern := conversation.GlobEscape(prefix) + kind + ":{s*}:" + string(bot.Playground) + ":*"
		err := scanKeys(ctx, rdb, pattern, func(node redis.UniversalClient, key string) error {
			return node.Del(ctx, key).Err()
		})
		if err != nil {
			return fmt.Errorf("reset playground chats: %w", err)
		}
	}
	return nil
}

// playgroundURL is the address to open, from the address the server
// listens on: a loopback address when it listens on every interface.
func playgroundURL(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return "http://" + addr.String() + playgroundPath
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + playgroundPath
}

// announcePlayground prints the address to open once the server listens.
func announcePlayground(w io.Writer, log *slog.Logger, public bool) func(net.Addr) {
	return func(addr net.Addr) {
		url := playgroundURL(addr)
		fmt.Fprintf(w, "Playground: %s\n", url)
		if public {
			fmt.Fprintln(w, "(PLAYGROUND_PUBLIC=on: other machines may open it with this host's address and PLAYGROUND_PASSWORD)")
		}
		log.Info("playground ready", "url", url)
	}
}

// withHome answers / with a page linking to the playground; other paths go
// to mux.
func withHome(mux http.Handler, consoleDemo string) http.Handler {
	outer := http.NewServeMux()
	outer.Handle("/", mux)
	outer.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><meta charset="utf-8"><title>kinerjabot</title>`+
			`<p>kinerjabot is running. <a href="%s">Open the playground</a>%s · <a href="/healthz">/healthz</a> · <a href="/metrics">/metrics</a></p>`,
			html.EscapeString(playgroundPath), consoleDemo)
	})
	return outer
}
