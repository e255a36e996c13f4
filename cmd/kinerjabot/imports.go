package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"

	"github.com/kinerjabot/kinerjabot/app"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/demo"
	"github.com/kinerjabot/kinerjabot/importer"
	"github.com/kinerjabot/kinerjabot/storage"
)

// runImport runs import-roster, import-units, import-skp,
// import-holidays or import-acting. Exit codes: 0 all rows written, 1 some or all rows
// refused (the report says which) or a store failure, 2 a command line or
// file problem.
func runImport(ctx context.Context, cmd string, args []string, cfg config.Config, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	partial := fs.Bool("partial", false, "write the good rows even when some rows are refused")
	sheet := fs.String("sheet", "", "the sheet of an .xlsx file to read (default: the first)")
	usageLine := fmt.Sprintf("usage: kinerjabot %s FILE [--partial] [--sheet NAME]\n", cmd)
	var replaceYear string
	var deactivate, confirmed bool
	switch cmd {
	case "import-roster":
		fs.BoolVar(&deactivate, "deactivate-missing", false,
			"the file is a full export: the active people on file it lacks become inactive (asks for --yes first)")
		fs.BoolVar(&confirmed, "yes", false, "with --deactivate-missing: write, and deactivate the people the report lists")
		usageLine = "usage: kinerjabot import-roster FILE [--partial] [--sheet NAME] [--deactivate-missing [--yes]]\n"
	case "import-holidays":
		fs.StringVar(&replaceYear, "replace-year", "",
			"the file is the whole list of that year: once every row is written, delete that year's holidays the file does not contain")
		usageLine = "usage: kinerjabot import-holidays FILE [--partial] [--sheet NAME] [--replace-year YYYY]\n"
	case "import-acting":
		usageLine = "usage: kinerjabot import-acting FILE [--sheet NAME]\n" // the whole list: all or nothing
	}
	// Flags may come before or after the file name.
	if err := fs.Parse(args); err != nil || fs.NArg() == 0 {
		fmt.Fprint(stderr, usageLine)
		return 2
	}
	path := fs.Arg(0)
	if err := fs.Parse(fs.Args()[1:]); err != nil || fs.NArg() != 0 || (cmd == "import-acting" && *partial) {
		fmt.Fprint(stderr, usageLine)
		return 2
	}
	year, ok := parseReplaceYear(replaceYear)
	if !ok {
		fmt.Fprintf(stderr, "kinerjabot: --replace-year %q is not a year from %d to %d\n%s",
			replaceYear, importer.MinHolidayYear, importer.MaxHolidayYear, usageLine)
		return 2
	}
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
		return 2
	}
	defer f.Close()
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := app.OpenStore(ctx, cfg, log)
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
		return 1
	}
	defer st.Close(context.WithoutCancel(ctx))
	opts := importer.Options{DefaultTimezone: cfg.DefaultTimezone, Partial: *partial, Sheet: *sheet,
		DeactivateMissing: deactivate, ConfirmDeactivate: confirmed}
	var rep importer.Report
	switch cmd {
	case "import-roster":
		limitImportMemory()
		rep, err = importer.ImportRoster(ctx, st, f, opts)
	case "import-units":
		rep, err = importer.ImportUnits(ctx, st, f, opts)
	case "import-holidays":
		if year != 0 {
			rep, err = importer.ReplaceHolidayYear(ctx, st, f, year, opts)
		} else {
			rep, err = importer.ImportHolidays(ctx, st, f, opts)
		}
	case "import-acting":
		rep, err = importer.ImportActing(ctx, st, f, opts)
	default:
		rep, err = importer.ImportSKP(ctx, st, f, opts)
	}
	if err != nil {
		if len(rep.Accepted)+len(rep.Refused) > 0 { // rows were read: say which
			rep.Write(stdout, cfg.BotLanguage)
		}
		fmt.Fprintf(stderr, "kinerjabot: %s: %s\n", path, errorText(err, cfg.BotLanguage))
		return 2
	}
	rep.Write(stdout, cfg.BotLanguage)
	if cmd == "import-roster" && rep.Written {
		retireDemo(ctx, st, stdout, stderr)
	}
	if !rep.OK() {
		return 1
	}
	return 0
}

// errorText is an import error in the language when it has a text of its
// own (a file's format, header or sheet), else as is.
func errorText(err error, lang string) string {
	var m interface{ Message(lang string) string }
	if errors.As(err, &m) {
		return m.Message(lang)
	}
	return err.Error()
}

// parseReplaceYear reads the --replace-year value: 0 when not given, else
// a four-digit year from importer.MinHolidayYear to importer.MaxHolidayYear.
func parseReplaceYear(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 || y < importer.MinHolidayYear || y > importer.MaxHolidayYear {
		return 0, false
	}
	return y, true
}

// retireDemo deactivates the playground's demo roster once a real roster is
// imported (see package demo); a failure is reported, not fatal, and the
// next serve retries it.
func retireDemo(ctx context.Context, st storage.Store, stdout, stderr io.Writer) {
	n, err := demo.RetireIfReplaced(ctx, st)
	switch {
	case err != nil:
		fmt.Fprintf(stderr, "kinerjabot: retire the demo roster: %v\n", err)
	case n > 0:
		fmt.Fprintf(stdout, "Demo roster replaced: %d demo people deactivated.\n", n)
	}
}
