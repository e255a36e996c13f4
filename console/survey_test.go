package console

import (
	"bytes"
	"fmt"
	"image/png"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

func TestSurveyPage(t *testing.T) {
	s := seed(t)
	rec := s.get(t, admin(), "/console/survei?unit=PKM1&from=2026-11-01&to=2026-11-30")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	body := rec.Body.String()
	for _, want := range []string{
		`data-fig="ikm">87.50<`, "2 responden", "Sampel minimal (Krejcie–Morgan): 80",
		"Jumlah responden belum memenuhi sampel minimal", "<td>3.50</td>", "<td>0.3889</td>",
		"/console/survei/poster?unit=PKM1&amp;counter=2&amp;format=pdf",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("Survei lacks %q", want)
		}
	}
	for _, re := range []string{`(?s)id="ikm-PKM1">.*?<td>87.50</td><td>B \(Baik\)</td><td>2</td>`, `(?s)id="ikm-DINKES">.*?<td>–</td><td></td><td>0</td>`} {
		if !regexp.MustCompile(re).MatchString(body) {
			t.Errorf("the IKM table does not match %s", re)
		}
	}
	if strings.Contains(body, `id="ikm-KEC"`) {
		t.Error("the IKM table shows another branch's unit")
	}
	newer, older := strings.Index(body, "Ruang tunggu panas"), strings.Index(body, "Antrean tertib")
	if newer < 0 || older < 0 || newer > older {
		t.Errorf("comments not both shown newest first (at %d and %d)", newer, older)
	}
	for i := range 3 {
		if hash := fmt.Sprintf("%064x", 0xC4A7+i); strings.Contains(body, hash) {
			t.Errorf("Survei shows a chat hash")
		}
	}
}

func TestSurveyScope(t *testing.T) {
	s := seed(t)
	for _, target := range []string{
		"/console/survei?unit=KEC",
		"/console/survei/poster?unit=KEC&counter=0&format=png",
		"/console/survei/poster?unit=ROOT&counter=0&format=pdf",
	} {
		if rec := s.get(t, admin(), target); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s as the DINKES admin: status %d, want 404", target, rec.Code)
		}
	}
	for _, target := range []string{
		"/console/survei/poster?unit=PKM1&counter=3&format=png", // PKM1 has two counters
		"/console/survei/poster?unit=PKM1&counter=0&quick=1&format=png",
		"/console/survei/poster?unit=PKM1&counter=0&format=svg",
		"/console/survei?unit=PKM1&from=2026-11-30&to=2026-11-01",
	} {
		if rec := s.get(t, admin(), target); rec.Code != http.StatusBadRequest {
			t.Errorf("GET %s: status %d, want 400", target, rec.Code)
		}
	}
	if rows := s.audit.rows(); len(rows) != 0 {
		t.Errorf("refused downloads audited: %v", rows)
	}
}

func TestPosterDownloads(t *testing.T) {
	s := seed(t)
	rec := s.get(t, admin(), "/console/survei/poster?unit=PKM1&counter=2&format=png")
	if rec.Code != http.StatusOK {
		t.Fatalf("PNG: status %d: %s", rec.Code, rec.Body)
	}
	if _, err := png.Decode(bytes.NewReader(rec.Body.Bytes())); err != nil {
		t.Errorf("the PNG poster does not decode: %v", err)
	}
	if cd := rec.Header().Get("Content-Disposition"); cd != "attachment; filename=poster-skm-PKM1-loket2.png" {
		t.Errorf("Content-Disposition %q", cd)
	}
	rec = s.get(t, admin(), "/console/survei/poster?unit=PKM1&counter=0&format=pdf")
	if rec.Code != http.StatusOK || !bytes.HasPrefix(rec.Body.Bytes(), []byte("%PDF-")) || rec.Header().Get("Content-Type") != "application/pdf" {
		t.Errorf("PDF: status %d, type %q, starts %q", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes()[:min(8, rec.Body.Len())])
	}
	rows := s.audit.rows()
	if len(rows) != 2 {
		t.Fatalf("audit rows %v, want the two poster downloads", rows)
	}
	for i, detail := range []string{"counter=2 quick=false format=png", "counter=0 quick=false format=pdf"} {
		if rows[i].Action != string(ActionPoster) || rows[i].Target != "PKM1" || rows[i].Detail != detail || rows[i].Actor != nipAdmin {
			t.Errorf("audit row %d = %v, want a poster of PKM1 (%s)", i, rows[i], detail)
		}
	}
}

// Without the bot's username the page says so and offers no posters.
func TestSurveyWithoutBot(t *testing.T) {
	s := seed(t)
	s.c.d.BotUsername = nil
	body := s.get(t, admin(), "/console/survei?unit=PKM1").Body.String()
	if !strings.Contains(body, "TELEGRAM_BOT_USERNAME") || strings.Contains(body, "/console/survei/poster") {
		t.Error("the page offers posters without the bot's username")
	}
	if rec := s.get(t, admin(), "/console/survei/poster?unit=PKM1&counter=0&format=png"); rec.Code != http.StatusNotFound {
		t.Errorf("poster without the bot's username: status %d, want 404", rec.Code)
	}
}
