package console

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// The menu's six pages, by the path each page is served at.
var navPages = []struct {
	path string
	key  i18n.Key
}{
	{"", i18n.ConsoleNavSummary},
	{"pegawai", i18n.ConsoleNavStaff},
	{"impor", i18n.ConsoleNavImport},
	{"ekspor", i18n.ConsoleNavExport},
	{"survei", i18n.ConsoleNavSurvey},
	{"audit", i18n.ConsoleNavAudit},
}

// current is the menu entry a page marks as the current one.
func current(page string) string {
	return regexpFind(`<a href="(/console/[a-z]*)" aria-current="page">`, page)
}

// Every page of a signed-in viewer carries the whole menu with its own
// entry marked, and switches language with ?lang= (a person's page is
// marked as Pegawai).
func TestLayoutMenuOnEveryPage(t *testing.T) {
	f := newAuthFixture(t)
	id, _ := f.login(nipAdminA)
	pages := append([]string{}, "pegawai/"+nipStaff)
	for _, p := range navPages {
		pages = append(pages, p.path)
	}
	for _, p := range pages {
		w := f.request(http.MethodGet, Prefix+p+"?lang=id", id, nil)
		body := w.Body.String()
		if w.Code != http.StatusOK || !strings.Contains(body, `<html lang="id">`) {
			t.Fatalf("GET %s: %d, html lang %q", p, w.Code, regexpFind(`<html lang="([a-z]*)">`, body))
		}
		for _, n := range navPages {
			if !strings.Contains(body, `<a href="/console/`+n.path+`"`) || !strings.Contains(body, i18n.ID.T(n.key)+"</a>") {
				t.Errorf("%s: the menu lacks %s", p, n.key)
			}
		}
		want := Prefix + strings.SplitN(p, "/", 2)[0]
		if got := current(body); got != want {
			t.Errorf("%s: menu marks %q, want %q", p, got, want)
		}
		body = f.request(http.MethodGet, Prefix+p+"?lang=en", id, nil).Body.String()
		if !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, i18n.EN.T(i18n.ConsoleNavSummary)+"</a>") {
			t.Errorf("%s?lang=en is not in English", p)
		}
		if sw := regexpFind(`<a href="([^"]*)">Bahasa Indonesia</a>`, body); !strings.Contains(sw, "lang=id") {
			t.Errorf("%s?lang=en: the switch back is %q", p, sw)
		}
		if n := len(regexp.MustCompile(`aria-current="page"`).FindAllString(body, -1)); n != 1 {
			t.Errorf("%s: %d entries marked current", p, n)
		}
	}
}

// The language switch keeps the page's filters.
func TestLanguageSwitchKeepsFilters(t *testing.T) {
	f := newAuthFixture(t)
	id, _ := f.login(nipAdminA)
	body := f.request(http.MethodGet, Prefix+"?month=2026-02&unit=A1", id, nil).Body.String()
	sw := regexpFind(`<a href="(\?[^"]*)">English</a>`, body)
	if sw != "?lang=en&amp;month=2026-02&amp;unit=A1" {
		t.Errorf("switch link %q", sw)
	}
}

// The layout names the viewer's role in their language: what they may do
// in the console.
func TestLayoutNamesTheRole(t *testing.T) {
	f := newAuthFixture(t)
	for _, tc := range []struct {
		nip  string
		want i18n.Key
	}{{nipAdminA, i18n.ConsoleRoleAdmin}, {nipSuper, i18n.ConsoleRoleSuper}, {nipAuditor, i18n.ConsoleRoleAuditor}} {
		id, _ := f.login(tc.nip)
		body := f.request(http.MethodGet, Prefix+"?lang=en", id, nil).Body.String()
		who := regexpFind(`(?s)<div class="who">(.*?)</div>`, body)
		if !strings.Contains(who, " · "+i18n.EN.T(tc.want)) {
			t.Errorf("%s: the user line %q does not name %s", tc.nip, who, tc.want)
		}
	}
}
