package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/kinerjabot/kinerjabot/app"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/ikm"
	"github.com/kinerjabot/kinerjabot/poster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// runIKM prints a unit's IKM report: kinerjabot ikm --unit CODE --from DATE --to DATE.
func runIKM(ctx context.Context, args []string, cfg config.Config, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("ikm", flag.ContinueOnError)
	fs.SetOutput(stderr)
	unit := fs.String("unit", "", "unit code")
	from := fs.String("from", fmt.Sprintf("%d-01-01", time.Now().Year()), "first date, YYYY-MM-DD")
	to := fs.String("to", time.Now().Format(time.DateOnly), "last date, YYYY-MM-DD")
	if err := fs.Parse(args); err != nil || *unit == "" || fs.NArg() != 0 || !isDate(*from) || !isDate(*to) {
		fmt.Fprintln(stderr, "usage: kinerjabot ikm --unit CODE [--from YYYY-MM-DD] [--to YYYY-MM-DD]")
		return 2
	}
	st, u, code := openUnit(ctx, cfg, *unit, stderr)
	if code != 0 {
		return code
	}
	defer st.Close(context.WithoutCancel(ctx))
	rep, err := ikm.Build(ctx, st, u, *from, *to, 1000)
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
		return 1
	}
	fmt.Fprint(stdout, rep.Text(cfg.BotLanguage))
	return 0
}

// runQR writes a unit's survey poster as PNG and PDF:
// kinerjabot qr --unit CODE [--counter N] [--quick] [--bot USERNAME] [--out DIR].
func runQR(ctx context.Context, args []string, cfg config.Config, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("qr", flag.ContinueOnError)
	fs.SetOutput(stderr)
	unit := fs.String("unit", "", "unit code")
	counter := fs.Int("counter", 0, "service counter (loket) number, 0 for none")
	quick := fs.Bool("quick", false, "the one-question quick rating instead of the nine-element survey")
	botName := fs.String("bot", cfg.TelegramBotUsername, "the bot's Telegram username (default TELEGRAM_BOT_USERNAME)")
	out := fs.String("out", ".", "directory to write the PNG and PDF to")
	if err := fs.Parse(args); err != nil || *unit == "" || fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: kinerjabot qr --unit CODE [--counter N] [--quick] [--bot USERNAME] [--out DIR]")
		return 2
	}
	link, err := poster.DeepLink(*botName, *unit, *counter, *quick)
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %v (set --bot or TELEGRAM_BOT_USERNAME to the bot's username)\n", err)
		return 2
	}
	st, u, code := openUnit(ctx, cfg, *unit, stderr)
	if code != 0 {
		return code
	}
	defer st.Close(context.WithoutCancel(ctx))
	p := poster.Poster{UnitName: u.Name, Counter: *counter, Link: link, Quick: *quick, Lang: cfg.BotLanguage}
	base := filepath.Join(*out, poster.FileName(u.Code, *counter, *quick))
	for ext, render := range map[string]func() ([]byte, error){".png": p.PNG, ".pdf": p.PDF} {
		b, err := render()
		if err == nil {
			err = os.WriteFile(base+ext, b, 0o644)
		}
		if err != nil {
			fmt.Fprintf(stderr, "kinerjabot: poster %s: %v\n", ext, err)
			return 1
		}
		fmt.Fprintln(stdout, base+ext)
	}
	fmt.Fprintln(stdout, link)
	return 0
}

// openUnit opens the store and finds the unit (exit code 0 when found).
func openUnit(ctx context.Context, cfg config.Config, code string, stderr io.Writer) (storage.Store, storage.Unit, int) {
	st, err := app.OpenStore(ctx, cfg, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
		return nil, storage.Unit{}, 1
	}
	u, err := st.GetUnit(ctx, code)
	if err != nil {
		st.Close(context.WithoutCancel(ctx))
		if errors.Is(err, storage.ErrNotFound) {
			fmt.Fprintf(stderr, "kinerjabot: unit %s is not known (import it with import-units)\n", code)
			return nil, storage.Unit{}, 2
		}
		fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
		return nil, storage.Unit{}, 1
	}
	return st, u, 0
}

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
