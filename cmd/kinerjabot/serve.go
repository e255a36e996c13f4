package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/kinerjabot/kinerjabot/app"
	"github.com/kinerjabot/kinerjabot/config"
)

// serveOptions are serve's command line flags and where it prints what a
// person must read (the address to open).
type serveOptions struct {
	demo   bool
	stdout io.Writer
}

// parseServe reads serve's flags: --demo=false keeps the demo roster out of
// an empty store.
func parseServe(args []string, stdout, stderr io.Writer) (serveOptions, bool) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := serveOptions{stdout: stdout}
	fs.BoolVar(&o.demo, "demo", true, "seed the demo roster into an empty store when the playground is on")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: kinerjabot [serve] [--demo=false]")
		return o, false
	}
	return o, true
}

// isServeFlag says whether the first argument is a flag of serve, the
// default command: `kinerjabot --demo=false` serves.
func isServeFlag(arg string) bool {
	return strings.HasPrefix(arg, "--demo") || strings.HasPrefix(arg, "-demo")
}

// serve runs the bot, as package app builds it, until ctx is cancelled.
func serve(ctx context.Context, cfg config.Config, log *slog.Logger, so serveOptions) error {
	log.Info("kinerjabot starting", "version", version, "config", cfg)
	app.TuneRuntime()
	a, err := app.New(ctx, cfg, log, app.WithDemo(so.demo), app.WithOutput(so.stdout))
	if err != nil {
		return err
	}
	defer a.Close()
	return a.Run(ctx)
}
