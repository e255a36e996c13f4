package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/kinerjabot/kinerjabot/app"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/onboarding"
	"github.com/kinerjabot/kinerjabot/storage"
)

// runStatus prints who has started with the bot in a unit (and below):
// kinerjabot status --unit CODE [--subunits].
func runStatus(ctx context.Context, args []string, cfg config.Config, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	fs.SetOutput(stderr)
	unit := fs.String("unit", "", "unit code")
	subunits := fs.Bool("subunits", false, "also every unit below it, each apart, with a total")
	if err := fs.Parse(args); err != nil || *unit == "" || fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: kinerjabot status --unit CODE [--subunits]")
		return 2
	}
	st, err := app.OpenStore(ctx, cfg, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
		return 1
	}
	defer st.Close(context.WithoutCancel(ctx))
	lang := botLang(cfg)
	var total onboarding.UnitStatus
	n := 0
	err = onboarding.Each(ctx, st, *unit, *subunits, func(s onboarding.UnitStatus) error {
		total.Add(s)
		n++
		return onboarding.Write(stdout, lang, s)
	})
	if errors.Is(err, storage.ErrNotFound) {
		fmt.Fprintf(stderr, "kinerjabot: unit %s is not known (import it with import-units)\n", *unit)
		return 2
	}
	if err == nil && n > 1 {
		err = onboarding.WriteTotal(stdout, lang, total, n)
	}
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
		return 1
	}
	return 0
}
