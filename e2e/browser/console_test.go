package browser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/kinerjabot/kinerjabot/console"
	"github.com/kinerjabot/kinerjabot/demo"
	"github.com/kinerjabot/kinerjabot/storage"
)

// The console's roster files: the bad one has a row whose NIP is short
// (line 3), the good one adds a nurse under the head of the Puskesmas.
const (
	rosterHead = "nip,name,unit_code,unit_name,position,supervisor_nip,phone,role\n"
	newNIP     = "199811112023032001"
	goodRoster = rosterHead + newNIP + ",Nadia Putri,PKM-SEMPAJA,,Perawat Terampil," + demoHeadNIP + ",,\n"
	badRoster  = goodRoster + "12345,Salah Ketik,PKM-SEMPAJA,,Perawat,,,\n"
)

// The promise in a real browser: the demo admin asks the bot for
// a login link in her playground chat, opens it, enters, sees Ringkasan,
// checks a roster with a bad row (the row's reason is on the page),
// confirms a good one, downloads a unit's month as a workbook, and each
// of those actions left its audit row. Ringkasan is kept as a screenshot
// (docs/console.png with KINERJA_UPDATE_SCREENSHOT=1).
func TestConsoleInBrowser(t *testing.T) {
	chrome := findChromium(t)
	app := startApp(t)
	month := seedConsoleDemo(t, app.store)
	p := &page{t: t, ctx: newBrowser(t, chrome)}
	p.do("open the playground", chromedp.Steps(
		chromedp.EmulateViewport(1600, 1000),
		chromedp.Navigate(app.url+"/playground"),
	))
	p.poll("panes rendered", `!!document.querySelector('#pane-yuliana .start')`)

	link := p.consoleLinkFromChat()
	p.do("open the link", chromedp.Steps(chromedp.EmulateViewport(1200, 900), chromedp.Navigate(link)))
	p.submit("press Masuk", "Masuk")
	p.settle("Ringkasan shown", `location.pathname === '/console/' && document.querySelector('h1').textContent === 'Ringkasan'
		&& document.body.textContent.includes('PKM-SEMPAJA')`)
	p.consoleScreenshot(t)

	p.do("go to Impor", chromedp.Click(chromedp.CSS(`nav a[href="/console/impor"]`)))
	p.settle("Impor shown", `location.pathname === '/console/impor' && !!document.querySelector('input[name=file]')`)
	p.upload(t, "roster-salah.csv", badRoster)
	p.settle("the bad row refused with its reason", `[...document.querySelectorAll('tr.refused')].some(r =>
		r.cells[0].textContent === '3' && r.cells[1].textContent.includes('12345') && r.cells[4].textContent.includes('NIP'))`)
	p.settle("no confirmation for a file with a bad row", `!document.querySelector('form[action="/console/impor/simpan"]')`)
	p.upload(t, "roster.csv", goodRoster)
	p.submit("confirm the good file", "Simpan")
	p.settle("the import written", `document.querySelector('.report .ok')?.textContent.includes('Tersimpan')`)
	if e, err := app.store.GetEmployee(t.Context(), newNIP); err != nil || e.Name != "Nadia Putri" || e.SupervisorNIP != demoHeadNIP {
		t.Fatalf("the confirmed person on file: %+v, %v", e, err)
	}

	p.download(t, month)
	for _, action := range []console.Action{console.ActionLogin, console.ActionImportCheck, console.ActionImport, console.ActionExport} {
		if !hasAuditRow(t, app.store, action) {
			t.Errorf("no audit row of %s by the demo admin", action)
		}
	}
}

// consoleLinkFromChat registers the demo admin in her pane, sends /konsol
// and returns the link the bot's answer carries.
func (p *page) consoleLinkFromChat() string {
	p.t.Helper()
	p.press("yuliana", ".start", "Mulai")
	p.press("yuliana", ".kb .key", "📱")
	p.botSaid("yuliana", "Pendaftaran berhasil")
	p.say("yuliana", "/konsol")
	p.botSaid("yuliana", "Tautan masuk konsol")
	text, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('#pane-yuliana .msg.bot .text')]
		.map(m => m.textContent).filter(s => s.includes('Tautan masuk konsol')).pop()`))
	if err != nil {
		p.t.Fatal(err)
	}
	link := regexp.MustCompile(`http://\S+/console/masuk\?t=[A-Za-z0-9_-]{22}\b`).FindString(text)
	if link == "" {
		p.t.Fatalf("no login link in the bot's answer %q", text)
	}
	return link
}

// settle waits until the JavaScript expression is truthy on the page a
// form or link is loading, never on the page a form was sent from (the
// sender marks it window.left): a poll the navigation interrupts (its
// JavaScript context destroyed) is polled again on the new page.
func (p *page) settle(what, expr string) {
	p.t.Helper()
	deadline := time.Now().Add(wait)
	for {
		_, err := chromedp.Run(p.ctx, chromedp.Poll[bool]("!window.left && "+expr, chromedp.WithPollingTimeout(time.Until(deadline))))
		switch {
		case err == nil:
			return
		case time.Now().Before(deadline) && navigated.MatchString(err.Error()):
			continue
		}
		body, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](`document.body.innerText.slice(0, 2000)`))
		p.t.Fatalf("%s: %v\npage: %s", what, err, body)
	}
}

// navigated matches the errors of a poll whose page was replaced.
var navigated = regexp.MustCompile(`(?i)context with specified id|execution context was destroyed|inspected target navigated`)

// submit clicks the page's submit button labelled label (once it is
// there). The page the click loads may replace the poll's context before
// it answers: that is the click's success.
func (p *page) submit(what, label string) {
	p.t.Helper()
	_, err := chromedp.Run(p.ctx, chromedp.Poll[bool](fmt.Sprintf(`(() => {
		const b = [...document.querySelectorAll('main button[type=submit]')].find(b => b.textContent.trim() === %s);
		if (!b) return false;
		window.left = true;
		setTimeout(() => b.click());
		return true;
	})()`, js(label)), chromedp.WithPollingTimeout(wait)))
	if err != nil && !navigated.MatchString(err.Error()) {
		p.t.Fatalf("%s: %v", what, err)
	}
}

// upload checks a roster file (content) on the Impor page.
func (p *page) upload(t *testing.T, name, content string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	p.do("upload "+name, chromedp.Steps(
		chromedp.SetUploadFiles(chromedp.CSS(`form.upload input[name=file]`), []string{file}),
		chromedp.Evaluate[chromedp.Void](`window.left = true; document.querySelector('form.upload').requestSubmit()`),
	))
	p.settle(name+" checked", `document.querySelector('.report') !== null
		&& [...document.querySelectorAll('.import-report td')].some(c => c.textContent === 'Nadia Putri')`)
}

// download exports the Puskesmas' month from Ekspor as a workbook into a
// directory of its own and opens it.
func (p *page) download(t *testing.T, month string) {
	t.Helper()
	dir := t.TempDir()
	done := chromedp.Events(p.ctx, browser.DownloadProgress)
	enable := true
	p.do("go to Ekspor", chromedp.Steps(
		chromedp.Click(chromedp.CSS(`nav a[href="/console/ekspor"]`)),
		chromedp.WaitVisible(chromedp.CSS(`select[name=unit]`)),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &enable})
			return err
		}),
		chromedp.SetValue(chromedp.CSS(`select[name=unit]`), "PKM-SEMPAJA"),
		chromedp.SetValue(chromedp.CSS(`input[name=month]`), month),
	))
	p.submit("download the export", "Unduh")
	var file string
	for ev, err := range done {
		if err != nil {
			t.Fatalf("download: %v", err)
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("the download was cancelled")
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			file = filepath.Join(dir, ev.GUID)
			break
		}
	}
	wb, err := excelize.OpenFile(file)
	if err != nil {
		t.Fatalf("the export does not open as a workbook: %v", err)
	}
	defer wb.Close()
	if !workbookHolds(t, wb, "Rizal Maulana") {
		t.Errorf("the workbook %v does not list Rizal's reports", wb.GetSheetList())
	}
}

// workbookHolds reports whether a cell of any sheet contains text.
func workbookHolds(t *testing.T, wb *excelize.File, text string) bool {
	t.Helper()
	for _, sheet := range wb.GetSheetList() {
		rows, err := wb.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, cell := range row {
				if strings.Contains(cell, text) {
					return true
				}
			}
		}
	}
	return false
}

// hasAuditRow reports whether the audit log holds a row of action by the
// demo admin.
func hasAuditRow(t *testing.T, st storage.Store, action console.Action) bool {
	t.Helper()
	page, err := st.ListAuditLog(t.Context(), storage.AuditFilter{Actor: demo.AdminNIP, Action: string(action), Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return len(page.Rows) == 1
}

// consoleScreenshot keeps Ringkasan as a test artifact, and as
// docs/console.png when KINERJA_UPDATE_SCREENSHOT=1.
func (p *page) consoleScreenshot(t *testing.T) {
	t.Helper()
	png, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	out := filepath.Join(t.ArtifactDir(), "console.png")
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes) at %s", out, len(png), time.Now().Format(time.TimeOnly))
	if os.Getenv("KINERJA_UPDATE_SCREENSHOT") == "1" {
		if err := os.WriteFile("../../docs/console.png", png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("copied to docs/console.png")
	}
}
