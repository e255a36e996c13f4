package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/app"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/linkcode"
	"github.com/kinerjabot/kinerjabot/measure"
	"github.com/kinerjabot/kinerjabot/storage"
)

const codeUsage = "usage: kinerjabot code --nip NIP"

// runCode issues a one-time registration code for an employee who cannot
// register by phone number (a WhatsApp account known only by its LID):
// kinerjabot code --nip NIP. It prints the code, its expiry in the
// employee's unit time zone, and the instruction to give the person. A new
// code replaces the previous one. Exit codes: 0 issued, 1 a store failure,
// 2 a command line problem or a NIP that gets no code (not on the roster,
// inactive).
func runCode(ctx context.Context, args []string, cfg config.Config, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("code", flag.ContinueOnError)
	fs.SetOutput(stderr)
	raw := fs.String("nip", "", "the employee's NIP (18 digits; spaces and dots allowed)")
	if err := fs.Parse(args); err != nil || *raw == "" {
		fmt.Fprintln(stderr, codeUsage)
		return 2
	}
	// An unquoted "--nip 19860926 201505 1 001" leaves the rest as
	// arguments: they are part of the NIP.
	nip, err := ident.ParseNIP(strings.Join(append([]string{*raw}, fs.Args()...), " "))
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %v\n%s\n", err, codeUsage)
		return 2
	}
	st, err := app.OpenStore(ctx, cfg, slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
		return 1
	}
	defer st.Close(context.WithoutCancel(ctx))
	emp, err := st.GetEmployee(ctx, nip)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		fmt.Fprintf(stderr, "kinerjabot: NIP %s is not on the roster (import it with import-roster); no code issued\n", ident.FormatNIP(nip))
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
		return 1
	case !emp.Active:
		fmt.Fprintf(stderr, "kinerjabot: %s (NIP %s) is inactive on the roster; no code issued\n", emp.Name, ident.FormatNIP(nip))
		return 2
	}
	unit, loc, err := unitZone(ctx, st, emp.UnitCode, cfg.DefaultTimezone)
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
		return 1
	}
	code, lc, err := linkcode.New(emp.NIP, time.Now())
	if err == nil {
		err = st.IssueLinkCode(ctx, lc)
	}
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: issue the code: %v\n", err)
		return 1
	}
	printCode(stdout, botLang(cfg), emp, unit, code, lc.ExpiresAt.In(loc))
	return 0
}

// unitZone is the unit's name and time zone (the default zone when the
// unit or its zone is not on file).
func unitZone(ctx context.Context, st storage.Store, code, defaultZone string) (string, *time.Location, error) {
	name, zone := code, defaultZone
	u, err := st.GetUnit(ctx, code)
	switch {
	case err == nil:
		name = u.Name
		if u.Timezone != "" {
			zone = u.Timezone
		}
	case !errors.Is(err, storage.ErrNotFound):
		return "", nil, err
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return "", nil, fmt.Errorf("time zone of unit %s: %w", code, err)
	}
	return name, loc, nil
}

func printCode(w io.Writer, l i18n.Lang, e storage.Employee, unit, code string, expires time.Time) {
	nip := ident.FormatNIP(e.NIP)
	fmt.Fprintf(w, "%s\n\n    %s\n\n", l.T(i18n.CLICodeTitle, e.Name, nip, unit), code)
	fmt.Fprintf(w, "%s\n\n", l.T(i18n.CLICodeValid, measure.FormatDateTimeLong(string(l), expires), storage.MaxLinkCodeTries))
	fmt.Fprintln(w, l.T(i18n.CLICodeGive, e.Name))
	fmt.Fprintln(w, "  "+l.T(i18n.CLICodeSend, "/kode "+nip+" "+code))
}
