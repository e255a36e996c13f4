package console

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// fig reads the figure the page marks data-fig=name within the section of
// unit code.
func fig(t *testing.T, body, code, name string) string {
	t.Helper()
	sec := section(t, body, code)
	m := regexp.MustCompile(`data-fig="` + name + `">([^<]*)<`).FindStringSubmatch(sec)
	if m == nil {
		t.Fatalf("no figure %s for %s in:\n%s", name, code, sec)
	}
	return m[1]
}

// section is the HTML of unit code's section of Ringkasan.
func section(t *testing.T, body, code string) string {
	t.Helper()
	i := strings.Index(body, `id="unit-`+code+`"`)
	if i < 0 {
		t.Fatalf("no section for unit %s", code)
	}
	sec := body[i:]
	if j := strings.Index(sec, "</section>"); j >= 0 {
		sec = sec[:j]
	}
	return sec
}

func TestSummaryFigures(t *testing.T) {
	s := seed(t)
	rec := s.get(t, admin(), "/console/?unit=PKM1&month=2026-11")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	body := rec.Body.String()
	sec := section(t, body, "PKM1")
	for _, want := range []string{
		"4 pegawai aktif",
		"25% (1/4)",  // today: Ani of the four
		"12% (6/52)", // Ani 2 days, Budi 3, Citra 1, of 4 people × 13 work days
		"di bawah 50%: <strong", "50–79%: <strong", "80–99%: <strong", "100% ke atas: <strong",
	} {
		if !strings.Contains(sec, want) {
			t.Errorf("PKM1 section lacks %q:\n%s", want, sec)
		}
	}
	for name, want := range map[string]string{
		"age01": "1", "age23": "1", "age4": "1", // today, Monday the 16th, the 10th
		"evaldue": "1",
		"cap0":    "2", // the head and Ani: nothing approved
		"cap1":    "1", // Citra: 600 of 1,000
		"cap2":    "0",
		"cap3":    "1", // Budi: 1,000 of 1,000
		"ikm":     "87.50",
	} {
		if got := fig(t, body, "PKM1", name); got != want {
			t.Errorf("PKM1 %s = %q, want %q", name, got, want)
		}
	}
	if !strings.Contains(sec, "2026-10: 100.00") || !strings.Contains(sec, "2026-11: 87.50") {
		t.Errorf("PKM1 IKM trend lacks October's 100.00 and November's 87.50:\n%s", sec)
	}
	if !strings.Contains(sec, "<svg") {
		t.Error("no inline SVG chart")
	}
}

// Without ?unit= a unit admin sees their whole branch and nothing else.
func TestSummaryScope(t *testing.T) {
	s := seed(t)
	rec := s.get(t, admin(), "/console/")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	body := rec.Body.String()
	for _, code := range []string{"DINKES", "PKM1"} {
		section(t, body, code)
	}
	for _, code := range []string{"KEC", "ROOT"} {
		if strings.Contains(body, `id="unit-`+code+`"`) {
			t.Errorf("the DINKES admin's Ringkasan shows %s", code)
		}
	}
	for _, target := range []string{"/console/?unit=KEC", "/console/?unit=ROOT", "/console/?unit=NOPE"} {
		if rec := s.get(t, admin(), target); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s as the DINKES admin: status %d, want 404", target, rec.Code)
		}
	}
	super := &Viewer{NIP: "1", Role: RoleSuper, Lang: "en", CSRF: "test-csrf"}
	rec = s.get(t, super, "/console/?unit=KEC")
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "1 active staff") {
		t.Errorf("GET ?unit=KEC as a super-admin: status %d, want 200 in English:\n%s", rec.Code, rec.Body)
	}
}

func TestSummaryBadMonth(t *testing.T) {
	s := seed(t)
	for _, m := range []string{"2026-13", "nov", "2026-12"} {
		rec := s.get(t, admin(), "/console/?month="+m)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "TTTT-BB") {
			t.Errorf("month %q: status %d %q, want 400 with the reason", m, rec.Code, rec.Body)
		}
	}
}

// A unit without people counts nobody today, on a work day: it is not
// shown as a day off.
func TestSummaryUnitWithoutPeople(t *testing.T) {
	s := seed(t)
	if err := s.st.UpsertUnit(t.Context(), storage.Unit{Code: "PKM2", Name: "Puskesmas Dua", ParentCode: "DINKES", Timezone: "Asia/Jakarta"}); err != nil {
		t.Fatal(err)
	}
	sec := section(t, s.get(t, admin(), "/console/?month=2026-11").Body.String(), "PKM2")
	if !strings.Contains(sec, "0 pegawai aktif") || strings.Contains(sec, "bukan hari kerja") || !strings.Contains(sec, "0% (0/0)") {
		t.Errorf("an empty unit's section on a work day:\n%s", sec)
	}
}
