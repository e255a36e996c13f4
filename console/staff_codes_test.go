package console

import (
	"bytes"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/linkcode"
)

// pdfText is the text of a PDF by poppler's pdftotext (the test is skipped
// without it), with its page count.
func pdfText(t *testing.T, pdf []byte) (string, int) {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", pdf)
	}
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed")
	}
	path := filepath.Join(t.TempDir(), "codes.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out), strings.Count(string(out), "\f")
}

var cardLine = regexp.MustCompile(`/kode ([0-9 ]{21}) ([0-9]{6})`)

// Codes for the people picked come back as cards, one each, and each code
// is stored: the person can redeem it.
func TestCodesPDF(t *testing.T) {
	e := newStaffEnv(t)
	rec := e.post("/console/pegawai/kode", url.Values{"nip": {nipSiti, ident.FormatNIP(nipDewi), nipSiti, nipAndi}})
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" {
		t.Fatalf("codes: %d %s %s", rec.Code, rec.Header().Get("Content-Type"), body(rec))
	}
	text, pages := pdfText(t, rec.Body.Bytes())
	if pages != 1 || !strings.Contains(text, "Siti Aminah") || !strings.Contains(text, "Dewi Sartika") || strings.Contains(text, "Andi") {
		t.Fatalf("cards (%d pages) should be Siti's and Dewi's only (Andi is inactive):\n%s", pages, text)
	}
	found := cardLine.FindAllStringSubmatch(text, -1)
	if len(found) != 2 {
		t.Fatalf("want 2 /kode lines, got %q", found)
	}
	for _, m := range found {
		nip, _ := ident.ParseNIP(m[1])
		if _, err := e.st.RedeemLinkCode(t.Context(), nip, linkcode.Hash(nip, m[2]), "whatsapp:1@lid", e.c.d.Now()); err != nil {
			t.Errorf("the card's code of %s does not redeem: %v", m[1], err)
		}
	}
	if !strings.Contains(text, "11 Maret 2026") { // 10 March 02:00 UTC + 24 h, in WITA
		t.Errorf("the expiry is not on the cards:\n%s", text)
	}
	if got := e.audits.of(ActionCodes); len(got) != 1 || got[0].Detail != "2" {
		t.Errorf("audit = %v, want one of 2 codes", got)
	}
}

// "Everyone unregistered in a unit": the active people of the unit with no
// chat account linked.
func TestCodesForUnit(t *testing.T) {
	e := newStaffEnv(t)
	rec := e.post("/console/pegawai/kode", url.Values{"unit": {"PKM01"}})
	if rec.Code != http.StatusOK {
		t.Fatalf("codes: %d %s", rec.Code, body(rec))
	}
	text, _ := pdfText(t, rec.Body.Bytes())
	if !strings.Contains(text, "Siti Aminah") || strings.Contains(text, "Budi Santoso") {
		t.Errorf("cards should be Siti's only (Budi is on Telegram):\n%s", text)
	}
	if got := e.audits.of(ActionCodes); len(got) != 1 || got[0].Target != "PKM01" || got[0].Detail != "1" {
		t.Errorf("audit = %v", got)
	}
}

// Codes are refused for anyone out of scope (404), past the bound, or for
// nobody; nothing is issued then.
func TestCodesRefused(t *testing.T) {
	e := newStaffEnv(t)
	many := make([]string, maxCodes+1)
	for i := range many {
		many[i] = nipSiti
	}
	for _, c := range []struct {
		name string
		form url.Values
		want int
	}{
		{"another branch's person", url.Values{"nip": {nipSiti, nipGuru}}, http.StatusNotFound},
		{"another branch's unit", url.Values{"unit": {"DISDIK"}}, http.StatusNotFound},
		{"not on file", url.Values{"nip": {"199999999999999999"}}, http.StatusNotFound},
		{"too many", url.Values{"nip": many}, http.StatusUnprocessableEntity},
		{"only the inactive", url.Values{"nip": {nipAndi}}, http.StatusUnprocessableEntity},
		{"nobody", url.Values{}, http.StatusUnprocessableEntity},
	} {
		t.Run(c.name, func(t *testing.T) {
			if rec := e.post("/console/pegawai/kode", c.form); rec.Code != c.want {
				t.Errorf("status %d, want %d", rec.Code, c.want)
			}
		})
	}
	if _, err := e.st.RedeemLinkCode(t.Context(), nipSiti, linkcode.Hash(nipSiti, "000000"), "x:1", time.Now()); err == nil || !strings.Contains(err.Error(), "no link code") {
		t.Errorf("a refused request issued a code: %v", err)
	}
	if got := e.audits.of(ActionCodes); len(got) != 0 {
		t.Errorf("refused requests audited: %v", got)
	}
}
