// Package browser drives the web playground in a real headless Chromium
// (Debian's chromium package) through chromedp: the page, its scripts and
// its event stream against the real adapter, engine, flows and embedded
// store. Without a chromium binary the test skips and says so, unless
// KINERJA_REQUIRE_BROWSER=1 (then it fails).
//
// Run it alone:
//
//	go test -count=1 -run TestPlaygroundInBrowser -v ./e2e/browser/
//
// KINERJA_UPDATE_SCREENSHOT=1 also copies the final screenshot to
// docs/playground.png; -artifacts keeps it under the output directory.
package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumNames are the binaries looked for on PATH, after KINERJA_CHROMIUM.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"}

// findChromium returns the browser to drive, or skips the test.
func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("KINERJA_CHROMIUM"); p != "" {
		return p
	}
	for _, n := range chromiumNames {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	msg := "no chromium binary found (looked for KINERJA_CHROMIUM and " + fmt.Sprint(chromiumNames) +
		" on PATH); install it with `apt-get install -y chromium` to run the browser test"
	if os.Getenv("KINERJA_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg + " (KINERJA_REQUIRE_BROWSER=1)")
	}
	t.Skip(msg)
	return ""
}

// newBrowser starts a fresh headless Chromium with its own profile and
// returns a tab's context.
func newBrowser(t *testing.T, path string) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "id-ID"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1600, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx, chromedp.WithLogf(t.Logf))
	ctx, cancelTime := context.WithTimeout(ctx, 45*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	return ctx
}

// page drives the playground page in one tab.
type page struct {
	t   *testing.T
	ctx context.Context
}

// wait bounds each wait on the page.
const wait = 15 * time.Second

func (p *page) do(what string, a chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, a); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

// poll waits until the JavaScript expression is truthy.
func (p *page) poll(what, expr string) {
	p.t.Helper()
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(wait))); err != nil {
		p.t.Fatalf("%s: %v\npane texts: %s", what, err, p.texts())
	}
}

// texts is what every pane shows, for failure messages.
func (p *page) texts() string {
	out, _ := chromedp.Run(p.ctx, chromedp.Evaluate[map[string][]string](`Object.fromEntries(
		[...document.querySelectorAll('.pane')].map(p => [p.dataset.person,
			[...p.querySelectorAll('.msg')].map(m => m.textContent.slice(0, 120))]))`))
	b, _ := json.MarshalIndent(out, "", "  ")
	return string(b)
}

func js(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// botSaid waits for a bot message in the pane containing text.
func (p *page) botSaid(pane, text string) {
	p.t.Helper()
	p.poll(pane+" receives "+text, fmt.Sprintf(
		`[...document.querySelectorAll('#pane-%s .msg.bot')].some(m => m.textContent.includes(%s))`, pane, js(text)))
}

// say types text into the pane and sends it.
func (p *page) say(pane, text string) {
	p.t.Helper()
	sel := "#pane-" + pane
	p.do("type into "+pane, chromedp.Steps(
		chromedp.SetValue(chromedp.CSS(sel+" input.text"), text),
		chromedp.Click(chromedp.CSS(sel+" button.send")),
	))
}

// press waits for the newest button in the pane labelled label, else the
// newest whose label starts with label (an inline button, a keyboard key
// or the start button), and clicks it.
func (p *page) press(pane, sel, label string) {
	p.t.Helper()
	p.poll(pane+" presses "+label, fmt.Sprintf(`(() => {
		const all = [...document.querySelectorAll('#pane-%s %s')].reverse().filter(b => !b.classList.contains('busy'));
		const b = all.find(b => b.textContent.trim() === %[3]s) || all.find(b => b.textContent.trim().startsWith(%[3]s));
		if (!b) return false;
		b.scrollIntoView({block: 'nearest'});
		b.click();
		return true;
	})()`, pane, sel, js(label)))
}

// The README's promise, in a real browser: the demo staff member registers
// by sharing his contact, files a report with a photo, his supervisor
// (registered the same way) approves it from her pane, and his pane shows
// the outcome. The final state is kept as a screenshot; then every role's
// pane must stay on screen at 1,400 and 1,280 px and on a phone.
func TestPlaygroundInBrowser(t *testing.T) {
	chrome := findChromium(t)
	start := time.Now()
	app := startApp(t)
	p := &page{t: t, ctx: newBrowser(t, chrome)}
	p.do("open the playground", chromedp.Steps(
		chromedp.EmulateViewport(1600, 1000),
		chromedp.Navigate(app.url+"/playground"),
	))
	p.poll("panes rendered", `document.querySelectorAll('.pane').length >= 4 && !!document.querySelector('#pane-rizal .start')`)
	t.Logf("browser up and page loaded in %v", time.Since(start).Round(time.Millisecond))

	// Both register: Mulai (/start), then share their own contact.
	for _, who := range []string{"maya", "rizal"} {
		p.press(who, ".start", "Mulai")
		p.botSaid(who, "Kirim nomor HP saya")
		p.press(who, ".kb .key", "📱")
		p.botSaid(who, "Pendaftaran berhasil")
	}

	// Rizal files a report with a photo and the demo location.
	p.reportUpToPhoto(t)
	p.poll("photo shown in rizal's pane", `!!document.querySelector('#pane-rizal .msg.me img')`)
	p.botSaid("rizal", "Foto 1 dari maksimal 3 diterima")
	p.press("rizal", ".msg.bot .inline", "Selesai")
	p.botSaid("rizal", "Bagikan lokasi")
	p.press("rizal", ".kb .key", "📍")
	p.botSaid("rizal", "Periksa laporan Anda")
	p.press("rizal", ".msg.bot .inline", "✅ Kirim")
	p.botSaid("rizal", "terkirim ke atasan Anda, dr. Maya Kartika")

	// The supervisor's pane has the prompt with the photo; she approves.
	p.poll("prompt with photo in maya's pane", `[...document.querySelectorAll('#pane-maya .msg.bot')].some(m =>
		m.querySelector('img') && m.textContent.includes('Kunjungan rumah') && m.textContent.includes('Setujui'))`)
	p.press("maya", ".msg.bot .inline", "✅ Setujui")
	p.botSaid("rizal", "✅ Disetujui oleh dr. Maya Kartika")
	p.poll("prompt edited in place, buttons gone", `[...document.querySelectorAll('#pane-maya .msg.bot')].some(m =>
		m.querySelector('img') && m.textContent.includes('diedit') && !m.querySelector('.inline'))`)
	if n := app.approved(t); n != 1 {
		t.Fatalf("%d approved reports on file, want 1", n)
	}

	// The admin registers; the citizen scans the Puskesmas' QR code (a
	// shortcut sending its /start link) and answers the first question.
	p.press("yuliana", ".start", "Mulai")
	p.press("yuliana", ".kb .key", "📱")
	p.botSaid("yuliana", "Pendaftaran berhasil")
	p.press("warga", ".shortcut", "📷 QR Puskesmas")
	p.botSaid("warga", "Pertanyaan 1 dari 9")
	p.press("warga", ".msg.bot .inline", "Sangat")
	p.botSaid("warga", "Pertanyaan 2 dari 9")

	// The clock control shifts the shared clock; the header shows it.
	p.do("jump to 15:30", chromedp.Click(chromedp.CSS(`button[data-jump="15:30"]`)))
	p.poll("clock shifted", `document.querySelector('#clock-now').textContent.includes('15.3') &&
		document.querySelector('#clock').classList.contains('shifted')`)
	p.screenshot(t)
	t.Logf("whole cycle in the browser in %v", time.Since(start).Round(time.Millisecond))

	// Every role stays on screen from 1,400 px down to a phone.
	p.checkLayout(t)
}

// screenshot keeps the final page as a test artifact, and as
// docs/playground.png when KINERJA_UPDATE_SCREENSHOT=1.
// reportUpToPhoto files Rizal's report through /lapor's questions and
// uploads its photo (the steps the playground test and the guides share).
func (p *page) reportUpToPhoto(t *testing.T) {
	p.say("rizal", "/lapor")
	p.botSaid("rizal", "Tulis uraian kegiatan")
	p.say("rizal", "Kunjungan rumah pasien TB di RT 12 Sempaja Selatan")
	p.botSaid("rizal", "Berapa lama")
	p.say("rizal", "1 jam 30")
	p.botSaid("rizal", "Apa hasilnya")
	p.say("rizal", "3 dokumen")
	p.botSaid("rizal", "Kirim foto bukti dukung")
	photo, err := filepath.Abs("../../evidence/testdata/kegiatan-1.jpg")
	if err != nil {
		t.Fatal(err)
	}
	p.do("upload the photo", chromedp.SetUploadFiles(chromedp.CSS("#pane-rizal input.file"), []string{photo}))
}

func (p *page) screenshot(t *testing.T) {
	t.Helper()
	p.poll("animations over", `document.getAnimations().length === 0`)
	p.do("scroll panes to the latest", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('.msgs').forEach(m => m.scrollTop = m.scrollHeight)`))
	png, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	out := filepath.Join(t.ArtifactDir(), "playground.png")
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", out, len(png))
	if os.Getenv("KINERJA_UPDATE_SCREENSHOT") == "1" {
		if err := os.WriteFile("../../docs/playground.png", png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Log("copied to docs/playground.png")
	}
}
