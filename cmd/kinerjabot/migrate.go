package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/kinerjabot/kinerjabot/app"
	"github.com/kinerjabot/kinerjabot/config"
)

const migrateUsage = "usage: kinerjabot migrate [--timeout 30m] [--sweep-evidence [--older-than 1h]]"

// runMigrate is `kinerjabot migrate`: bring the record store's schema to
// this version (MongoDB: reconcile the indexes by name and record the
// version; `serve` does the same at start, within two minutes), and
// optionally sweep evidence bytes no record points at. Exit codes: 0 done,
// 1 a store failure, 2 a command line problem.
func runMigrate(ctx context.Context, args []string, cfg config.Config, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	timeout := fs.Duration("timeout", 30*time.Minute, "give up after this long (index builds on large collections take time)")
	sweep := fs.Bool("sweep-evidence", false, "also remove evidence bytes no record points at (MongoDB)")
	older := fs.Duration("older-than", time.Hour, "with --sweep-evidence: only bytes uploaded this long ago or more")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 || *timeout <= 0 || *older < time.Minute {
		fmt.Fprintln(stderr, migrateUsage)
		return 2
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	res, err := app.Migrate(ctx, cfg, log, app.MigrateOptions{SweepEvidence: *sweep, SweepOlderThan: *older})
	printMigrate(stdout, res)
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
		return 1
	}
	return 0
}

func printMigrate(w io.Writer, res app.MigrateResult) {
	r := res.Indexes
	switch {
	case r == nil:
		fmt.Fprintln(w, "embedded store: its schema is migrated whenever it is opened; nothing else to do")
		return
	case r.Newer:
		fmt.Fprintf(w, "MongoDB schema version %d is newer than this binary's: indexes left as they are\n", r.From)
	case len(r.Changes) == 0:
		fmt.Fprintf(w, "MongoDB indexes as wanted; schema version %d (was %d)\n", r.To, r.From)
	default:
		for _, c := range r.Changes {
			fmt.Fprintf(w, "%-6s %s.%s (%s)\n", c.Action, c.Collection, c.Index, c.Reason)
		}
		fmt.Fprintf(w, "MongoDB schema version %d (was %d)\n", r.To, r.From)
	}
	if s := res.Sweep; s != nil {
		fmt.Fprintf(w, "evidence sweep: %d unreferenced files and %d partial uploads removed\n", s.Files, s.Partial)
	}
}
