package console

import (
	"bytes"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kinerjabot/kinerjabot/ident"
)

func TestExportDownload(t *testing.T) {
	s := seed(t)
	rec := s.get(t, admin(), "/console/ekspor/unduh?unit=DINKES&sub=1&month=2026-11&format=xlsx")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	h := rec.Header()
	if cd := h.Get("Content-Disposition"); cd != `attachment; filename=ekspor-DINKES-2026-11.xlsx` {
		t.Errorf("Content-Disposition %q", cd)
	}
	if h.Get("Cache-Control") != "no-store" || !strings.HasPrefix(h.Get("Content-Type"), "application/vnd.openxmlformats") {
		t.Errorf("headers %v", h)
	}
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatalf("the download does not open as XLSX: %v", err)
	}
	rows, err := f.GetRows("Rekap")
	if err != nil {
		t.Fatal(err)
	}
	var nips []string
	for _, r := range rows[1:] {
		nips = append(nips, r[0])
	}
	for _, want := range []string{nipHead, nipAni, nipBudi, nipCitra, nipAdmin} {
		if !slices.Contains(nips, ident.FormatNIP(want)) {
			t.Errorf("Rekap lacks %s: %v", want, nips)
		}
	}
	if slices.Contains(nips, ident.FormatNIP(nipOther)) {
		t.Errorf("Rekap holds the other branch's person: %v", nips)
	}
	audit := s.audit.rows()
	if len(audit) != 1 || audit[0].Action != string(ActionExport) || audit[0].Target != "DINKES" || audit[0].Actor != nipAdmin ||
		!strings.Contains(audit[0].Detail, "month=2026-11") {
		t.Errorf("audit rows %v, want one export of DINKES by the admin", audit)
	}
}

func TestExportRefused(t *testing.T) {
	s := seed(t)
	for target, want := range map[string]int{
		"/console/ekspor/unduh?unit=KEC&month=2026-11&format=xlsx":    http.StatusNotFound, // another branch
		"/console/ekspor/unduh?unit=ROOT&month=2026-11&format=xlsx":   http.StatusNotFound, // above the admin's unit
		"/console/ekspor/unduh?unit=PKM1&month=2026-12&format=xlsx":   http.StatusBadRequest,
		"/console/ekspor/unduh?unit=PKM1&month=2026-11&format=ods":    http.StatusBadRequest,
		"/console/ekspor/unduh?unit=PKM1&format=xlsx":                 http.StatusBadRequest,
		"/console/ekspor/unduh?unit=NOPE&month=2026-11&format=csv":    http.StatusNotFound,
		"/console/ekspor/unduh?month=2026-11&format=csv&unit=":        http.StatusBadRequest,
		"/console/ekspor/unduh?unit=PKM1&month=2026-11&format=csv&x=": http.StatusOK,
	} {
		if rec := s.get(t, admin(), target); rec.Code != want {
			t.Errorf("GET %s: status %d, want %d", target, rec.Code, want)
		}
	}
	for _, row := range s.audit.rows() {
		if row.Target != "PKM1" {
			t.Errorf("audit row for a refused export: %v", row)
		}
	}
}

func TestExportForm(t *testing.T) {
	s := seed(t)
	rec := s.get(t, admin(), "/console/ekspor")
	body := rec.Body.String()
	if rec.Code != http.StatusOK || !strings.Contains(body, `<option value="PKM1">`) || strings.Contains(body, `value="KEC"`) {
		t.Errorf("status %d; the form offers the branch's units only:\n%s", rec.Code, body)
	}
}
