package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/kinerjabot/kinerjabot/app"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/export"
)

const exportUsage = "usage: kinerjabot export --unit CODE --month YYYY-MM [--subunits] [--format xlsx|csv] [--out DIR]"

// runExport writes a unit's month as a workbook (package export):
// kinerjabot export --unit CODE --month YYYY-MM [--subunits] [--format xlsx|csv] [--out DIR].
func runExport(ctx context.Context, args []string, cfg config.Config, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	unit := fs.String("unit", "", "unit code")
	month := fs.String("month", "", "the month, YYYY-MM")
	sub := fs.Bool("subunits", false, "include every unit below the unit")
	format := fs.String("format", "xlsx", "xlsx, or csv (a zip of one ';' CSV file per sheet)")
	out := fs.String("out", ".", "directory to write the file to")
	if err := fs.Parse(args); err != nil || *unit == "" || *month == "" || fs.NArg() != 0 {
		fmt.Fprintln(stderr, exportUsage)
		return 2
	}
	f, ok := export.ParseFormat(*format)
	if !ok {
		fmt.Fprintf(stderr, "kinerjabot: --format must be xlsx or csv, got %q\n%s\n", *format, exportUsage)
		return 2
	}
	if _, err := time.Parse("2006-01", *month); err != nil {
		fmt.Fprintf(stderr, "kinerjabot: --month must be a month as YYYY-MM (for example 2026-11), got %q\n", *month)
		return 2
	}
	st, u, code := openUnit(ctx, cfg, *unit, stderr)
	if code != 0 {
		return code
	}
	defer st.Close(context.WithoutCancel(ctx))
	q := export.Request{Month: *month, Unit: u.Code, SubUnits: *sub, Lang: botLang(cfg)}
	w, err := app.NewExporter(cfg, st).Build(ctx, q, time.Now())
	var data []byte
	if err == nil {
		data, err = w.Encode(f)
	}
	path := filepath.Join(*out, export.FileName(q, f))
	if err == nil {
		err = os.WriteFile(path, data, 0o600)
	}
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: export: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s\n%s\n", path, summary(w))
	return 0
}

// summary counts the rows of each sheet.
func summary(w export.Workbook) string {
	s := ""
	for i, sh := range w.Sheets {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s: %d", sh.Name, len(sh.Rows))
	}
	return s
}
