// Command profbot is kinerjabot's Telegram webhook serving path wired the
// way cmd/kinerjabot's serve wires it (embedded store, Redis, the engine,
// the Telegram adapter behind the outbound queue), plus net/http/pprof on
// PPROF_ADDR, so that the load generator can be run against a profiled bot:
//
//	go build -o /tmp/profbot ./bench/profbot
//	loadgen -bot kinerjabot -bin /tmp/profbot -bot-env PPROF_ADDR=127.0.0.1:6060 …
//	go tool pprof -top http://127.0.0.1:6060/debug/pprof/profile?seconds=10
//
// It takes the same environment as kinerjabot (Telegram in webhook mode, no
// playground, MongoDB not supported) and the sub-commands import-units and
// import-roster FILE that the generator runs first. It is a benchmark tool:
// if serve's wiring changes, change this too.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	_ "net/http/pprof" // on PPROF_ADDR only: http.DefaultServeMux
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"syscall"
	"time"
	_ "time/tzdata"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/evidence"
	"github.com/kinerjabot/kinerjabot/handlers"
	"github.com/kinerjabot/kinerjabot/metrics"
	"github.com/kinerjabot/kinerjabot/outbound"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/server"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := config.Load(os.LookupEnv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "profbot:", err)
		os.Exit(2)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if len(os.Args) == 3 {
		if err := importFile(ctx, cfg, os.Args[1], os.Args[2]); err != nil {
			fmt.Fprintln(os.Stderr, "profbot:", err)
			os.Exit(1)
		}
		return
	}
	if err := serve(ctx, cfg, log); err != nil {
		fmt.Fprintln(os.Stderr, "profbot:", err)
		os.Exit(1)
	}
}

func importFile(ctx context.Context, cfg config.Config, cmd, path string) error {
	st, err := sqlite.Open(ctx, filepath.Join(cfg.DataDir, "kinerjabot.db"))
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	opts := roster.Options{DefaultTimezone: cfg.DefaultTimezone}
	var rep roster.Report
	switch cmd {
	case "import-units":
		rep, err = roster.ImportUnits(ctx, st, f, opts)
	case "import-roster":
		rep, err = roster.ImportRoster(ctx, st, f, opts)
	default:
		return fmt.Errorf("unknown command %q", cmd)
	}
	if err == nil && !rep.OK() {
		err = fmt.Errorf("%s: rows refused: %+v", path, rep.Refused)
	}
	return err
}

func serve(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	if addr := os.Getenv("PPROF_ADDR"); addr != "" {
		runtime.SetBlockProfileRate(int(time.Millisecond))
		runtime.SetMutexProfileFraction(100)
		go func() { log.Warn("pprof stopped", "err", http.ListenAndServe(addr, nil)) }()
	}
	if !cfg.Webhook() || cfg.TelegramToken == "" {
		return errors.New("profbot serves Telegram in webhook mode only")
	}
	var st storage.Store
	st, err := sqlite.Open(ctx, filepath.Join(cfg.DataDir, "kinerjabot.db"))
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	opt, err := redis.ParseURL(cfg.RedisURL)
	if err != nil {
		return err
	}
	rdb := redis.NewClient(opt)
	defer rdb.Close()

	m := metrics.New()
	st = m.InstrumentStore(st)
	var tg *telegram.Adapter
	router := handlers.New(st, log, handlers.Options{
		Language: cfg.BotLanguage, DefaultTimezone: cfg.DefaultTimezone,
		MaxPhotos: cfg.MaxEvidencePhotos, EvidenceRequired: cfg.EvidenceRequired, MaxEvidenceBytes: cfg.MaxEvidenceBytes,
		Photos:       evidence.NewInspector(cfg.MaxPhotoPixels, cfg.PhotoDecodeBudget),
		BackdateDays: cfg.ReportBackdateDays, MonthlyTarget: cfg.MonthlyTargetMinutes, Media: fetcher{&tg},
		SurveyKey: []byte(cfg.SurveySecret), FeedbackPerDay: cfg.FeedbackPerDay,
		BotUsername: func() string { return tg.Username() },
	})
	applier := router.Applier(st)
	engine := conversation.New(rdb, router, applier, log, conversation.Options{
		Prefix: cfg.RedisPrefix, Workers: cfg.Workers, SessionTTL: cfg.SessionTTL, Observer: m, Media: applier,
	})
	tg, err = telegram.New(ctx, telegram.Options{
		Token: cfg.TelegramToken, APIURL: cfg.TelegramAPIURL, Mode: cfg.TelegramMode,
		WebhookURL: cfg.TelegramWebhookURL, WebhookSecret: cfg.TelegramWebhookSecret,
	}, log)
	if err != nil {
		return err
	}
	out := outbound.New(tg, outbound.Options{
		Platform: bot.Telegram, Log: log,
		OnSent: m.OutboundSent, OnDropped: m.OutboundDropped, OnRateLimited: m.OutboundRateLimited,
		OnBlocked: func(_ context.Context, c bot.ChatKey) { m.OutboundBlocked(c.Platform) },
	})
	engine.AddSender(bot.Telegram, out)
	hooks := map[string]http.Handler{"POST " + cfg.WebhookPath(): tg.WebhookHandler(engine)}
	health := server.NewHealth(log, map[string]server.Check{
		"redis": func(ctx context.Context) error { return rdb.Ping(ctx).Err() },
		"store": st.Ping,
	})
	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: server.Mux(health, m.Handler(), hooks), ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 4)
	go func() { errc <- srv.Serve(ln) }()
	go func() { errc <- engine.Run(ctx) }()
	go func() { errc <- tg.Run(ctx, engine) }()
	go func() { errc <- out.Run(ctx) }()
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	return err
}

// fetcher downloads photos through the Telegram adapter.
type fetcher struct{ tg **telegram.Adapter }

func (f fetcher) Fetch(ctx context.Context, _ bot.Platform, fileID string, maxBytes int64) ([]byte, error) {
	return (*f.tg).Download(ctx, fileID, maxBytes)
}
