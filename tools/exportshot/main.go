// Command exportshot draws the README's picture of an export opened as a
// table: it seeds a throw-away store with the demo roster and a few
// November 2026 reports, builds the Puskesmas's workbook (package
// export), opens the XLSX again with excelize, renders its Rekap and
// Kegiatan sheets as HTML tables (the values as a spreadsheet shows them,
// through the cells' number formats) and screenshots them in headless
// Chromium: go run ./tools/exportshot [-o docs/export-table.png] [-chromium /usr/bin/chromium].
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/kinerjabot/kinerjabot/export"
	"github.com/kinerjabot/kinerjabot/i18n"
)

func main() {
	out := flag.String("o", "docs/export-table.png", "the PNG to write")
	browser := flag.String("chromium", "/usr/bin/chromium", "the Chromium to render with")
	flag.Parse()
	if err := run(*out, *browser); err != nil {
		fmt.Fprintln(os.Stderr, "exportshot:", err)
		os.Exit(1)
	}
}

func run(out, browser string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dir, err := os.MkdirTemp("", "exportshot")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	st, err := seed(ctx, filepath.Join(dir, "demo.db"))
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	defer st.Close(context.WithoutCancel(ctx))
	q := export.Request{Month: "2026-11", Unit: "PKM-SEMPAJA", Lang: i18n.ID}
	w, err := export.New(st, export.Options{PhotoDateDays: 3}).Build(ctx, q, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		return err
	}
	xlsx, err := w.XLSX()
	if err != nil {
		return err
	}
	page, err := render(xlsx, export.FileName(q, export.XLSX))
	if err != nil {
		return err
	}
	html := filepath.Join(dir, "export.html")
	if err := os.WriteFile(html, page, 0o600); err != nil {
		return err
	}
	png, err := shoot(ctx, browser, "file://"+html)
	if err == nil {
		err = os.WriteFile(out, png, 0o644) // a picture of demo data for the docs
	}
	if err != nil {
		return err
	}
	fmt.Printf("wrote %s (%d bytes)\n", out, len(png))
	return nil
}

// sheet is one sheet as read back from the file.
type sheet struct {
	Name string
	Rows [][]string
}

// render reads the XLSX back and writes its Rekap and Kegiatan sheets as
// an HTML page that looks like a spreadsheet.
func render(xlsx []byte, name string) ([]byte, error) {
	f, err := excelize.OpenReader(bytes.NewReader(xlsx))
	if err != nil {
		return nil, fmt.Errorf("open the export: %w", err)
	}
	defer f.Close()
	var sheets []sheet
	for _, s := range []string{export.SheetRekap, export.SheetKegiatan} {
		rows, err := f.GetRows(s)
		if err != nil {
			return nil, err
		}
		for i := range rows { // GetRows leaves out a row's empty cells at its end
			rows[i] = append(rows[i], make([]string, max(0, len(rows[0])-len(rows[i])))...)
		}
		sheets = append(sheets, sheet{Name: s, Rows: rows})
	}
	var buf bytes.Buffer
	err = pageTemplate.Execute(&buf, map[string]any{"File": name, "Sheets": sheets})
	return buf.Bytes(), err
}

// shoot screenshots the whole page at url.
func shoot(ctx context.Context, browser, url string) ([]byte, error) {
	actx, cancel := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(browser), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1500, 800))
	defer cancel()
	tctx, cancelTab := chromedp.NewContext(actx)
	defer cancelTab()
	if err := chromedp.Do(tctx, chromedp.Navigate(url)); err != nil {
		return nil, fmt.Errorf("open the page: %w", err)
	}
	png, err := chromedp.Run(tctx, chromedp.FullScreenshot(100))
	if err != nil {
		return nil, fmt.Errorf("screenshot: %w", err)
	}
	return png, nil
}

// numeric: a shown number, percentage or date, aligned right.
var numeric = regexp.MustCompile(`^[0-9][0-9.,%: -]*$`)

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"col":     func(i int) string { n, _ := excelize.ColumnNumberToName(i + 1); return n },
	"inc":     func(i int) int { return i + 1 },
	"numeric": numeric.MatchString,
}).Parse(`<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>{{.File}}</title><style>
body { font: 12px "DejaVu Sans", Arial, sans-serif; margin: 12px; background: #fff; }
h1 { font-size: 14px; margin: 0 0 8px; } h2 { font-size: 13px; margin: 14px 0 4px; }
table { border-collapse: collapse; table-layout: auto; }
td, th { border: 1px solid #c8c8c8; padding: 2px 5px; vertical-align: top; max-width: 260px; }
th.c, td.r { background: #f0f0f0; color: #555; font-weight: normal; text-align: center; }
tr.h td { background: #ddebf7; font-weight: bold; border-bottom: 2px solid #8ea9db; }
td.n { text-align: right; white-space: nowrap; }
</style></head><body>
<h1>{{.File}} — dibuka sebagai tabel</h1>
{{range .Sheets}}<h2>Lembar {{.Name}}</h2>
<table><tr><th class="c"></th>{{range $i, $c := index .Rows 0}}<th class="c">{{col $i}}</th>{{end}}</tr>
{{range $r, $row := .Rows}}<tr{{if eq $r 0}} class="h"{{end}}><td class="r">{{inc $r}}</td>{{range $row}}<td{{if numeric .}} class="n"{{end}}>{{.}}</td>{{end}}</tr>
{{end}}</table>
{{end}}</body></html>`))
