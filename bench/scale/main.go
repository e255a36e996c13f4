// Command scale times one scheduler pass (what `serve` runs every minute:
// moves, leavers, staff reminders, digests, escalations) over the store
// DATA_DIR names, at a given moment, and prints the pass's figures with
// the process's peak RSS. Nothing is sent: the people of a synthetic
// roster have no chat account, so every reminder is planned and skipped.
//
//	DATA_DIR=/tmp/scale/d1m go run ./bench/scale -at "2026-12-07 16:05"
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"log/slog"
	"os"
	"syscall"
	"time"

	"github.com/kinerjabot/kinerjabot/app"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/scheduler"
)

func main() {
	at := flag.String("at", "2026-12-07 16:05", "the moment of the pass, in DEFAULT_TIMEZONE")
	flag.Parse()
	cfg, err := config.Load(os.LookupEnv)
	if err != nil {
		log.Fatal(err)
	}
	loc, err := time.LoadLocation(cfg.DefaultTimezone)
	if err != nil {
		log.Fatal(err)
	}
	when, err := time.ParseInLocation("2006-01-02 15:04", *at, loc)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	lg := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := app.OpenStore(ctx, cfg, lg)
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close(ctx)
	s, err := scheduler.New(st, nil, nil, app.SchedulerOptions(cfg, lg, func() time.Time { return when }))
	if err != nil {
		log.Fatal(err)
	}
	start := time.Now()
	stats, err := s.RunOnce(ctx, "bench")
	if err != nil {
		log.Fatal(err)
	}
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Printf("scheduler pass at %s: %v, due %d, sent %d; peak RSS %d MB\n",
		when.Format("2006-01-02 15:04 MST"), time.Since(start).Round(time.Millisecond), stats.Due, stats.Sent, ru.Maxrss>>10)
}
