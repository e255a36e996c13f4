package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/chromedp/chromedp"
)

// layout is what the page shows at one size.
type layout struct {
	// Overflow is how far the page or the panes scroll sideways (0: not).
	Overflow int `json:"overflow"`
	// Panes are the shown panes.
	Panes []paneBox `json:"panes"`
}

// paneBox is where a shown pane lies.
type paneBox struct {
	Person string `json:"person"`
	Role   string `json:"role"`
	// InWidth: within the page's width; OnScreen: within the window too,
	// header to composer; Fits: no taller than the window.
	InWidth  bool `json:"in_width"`
	OnScreen bool `json:"on_screen"`
	Fits     bool `json:"fits"`
}

// layoutJS measures the page: sideways scrolling of the document and the
// panes, and where each shown pane lies.
const layoutJS = `(() => {
	const doc = document.documentElement, panes = document.querySelector('#panes');
	const w = doc.clientWidth, h = window.innerHeight;
	return {
		overflow: Math.max(doc.scrollWidth - doc.clientWidth, panes.scrollWidth - panes.clientWidth),
		panes: [...document.querySelectorAll('.pane:not([hidden])')].map(p => {
			const r = p.getBoundingClientRect();
			const inWidth = r.width > 0 && r.left >= 0 && r.right <= w + 0.5;
			return {person: p.dataset.person, role: p.dataset.role, in_width: inWidth,
				on_screen: inWidth && r.top >= 0 && r.bottom <= h + 0.5, fits: r.height <= h + 0.5};
		}),
	};
})()`

// layoutWidths are the widths checkLayout looks at: a 1,400 px and a
// 1,280 px desktop, and a phone.
var layoutWidths = []struct {
	width, height int64
	phone         bool
}{{1400, 900, false}, {1280, 800, false}, {390, 844, true}}

// checkLayout resizes the page to each of layoutWidths and wants nothing to
// scroll sideways and every pane no taller than the window; on a desktop
// every role's pane on screen at once (the panes share the width, and wrap
// onto further rows when more are shown), on a phone one under the other,
// each within the width. Screenshots of the whole page are kept as
// artifacts.
func (p *page) checkLayout(t *testing.T) {
	t.Helper()
	for _, s := range layoutWidths {
		var opts []chromedp.EmulateViewportOption
		if s.phone {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
		}
		p.do(fmt.Sprintf("resize to %d px", s.width), chromedp.EmulateViewport(s.width, s.height, opts...))
		got, err := chromedp.Run(p.ctx, chromedp.Evaluate[layout](layoutJS))
		if err != nil {
			t.Fatal(err)
		}
		p.keep(t, fmt.Sprintf("playground-%d.png", s.width))
		if got.Overflow > 0 {
			t.Errorf("%d px: the page scrolls %d px sideways", s.width, got.Overflow)
		}
		var seen []string
		for _, b := range got.Panes {
			if !b.Fits || !b.InWidth || !s.phone && !b.OnScreen {
				t.Errorf("%d px: pane %+v", s.width, b)
				continue
			}
			seen = append(seen, b.Role)
		}
		for _, role := range []string{"pegawai", "atasan", "admin", "warga"} {
			if !slices.Contains(seen, role) {
				t.Errorf("%d px: no %s pane in view (shown: %+v)", s.width, role, got.Panes)
			}
		}
	}
}

// keep saves a screenshot of the whole page as a test artifact.
func (p *page) keep(t *testing.T, name string) {
	t.Helper()
	png, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	out := filepath.Join(t.ArtifactDir(), name)
	if err := os.WriteFile(out, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", out)
}
