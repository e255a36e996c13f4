// Command profbot is kinerjabot's Telegram webhook serving path built by
// package app exactly as cmd/kinerjabot's serve builds it, plus
// net/http/pprof on PPROF_ADDR, so that the load generator can be run
// against a profiled bot:
//
//	go build -o /tmp/profbot ./bench/profbot
//	loadgen -bot kinerjabot -bin /tmp/profbot -bot-env PPROF_ADDR=127.0.0.1:6060 …
//	go tool pprof -top http://127.0.0.1:6060/debug/pprof/profile?seconds=10
//
// It takes the same environment as kinerjabot (Telegram in webhook mode) and
// the sub-commands import-units and import-roster FILE that the generator
// runs first.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	_ "net/http/pprof" // on PPROF_ADDR only: http.DefaultServeMux
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"
	_ "time/tzdata"

	"github.com/kinerjabot/kinerjabot/app"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/importer"
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
	st, err := app.OpenStore(ctx, cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	opts := importer.Options{DefaultTimezone: cfg.DefaultTimezone}
	var rep importer.Report
	switch cmd {
	case "import-units":
		rep, err = importer.ImportUnits(ctx, st, f, opts)
	case "import-roster":
		rep, err = importer.ImportRoster(ctx, st, f, opts)
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
	app.TuneRuntime()
	a, err := app.New(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	return a.Run(ctx)
}
