package export_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/export"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// The cycle's sheets: the month's supervisor feedback with its reply, and
// the competency reports with their JP; none of another month.
func TestCycleSheets(t *testing.T) {
	st := seed(t)
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	wita := time.FixedZone("WITA", 8*3600)
	for i, at := range []time.Time{
		time.Date(2026, 11, 12, 9, 30, 0, 0, wita), time.Date(2026, 12, 1, 0, 30, 0, 0, wita), // the second is December's
	} {
		must(st.AddCoaching(ctx, storage.Coaching{ID: "01JQAC0000000000000000000" + string(rune('1'+i)), FromNIP: nipRina,
			ToNIP: nipBudi, Note: "Catat kepatuhan minum obat", At: at}))
	}
	_, err := st.ReplyCoaching(ctx, "01JQAC00000000000000000001", nipBudi, storage.CoachingAnswered, "Siap", time.Time{})
	must(err)
	must(st.CreateActivity(ctx, storage.Activity{ID: "01JQAR0000000000000000KOMP", NIP: nipBudi, UnitCode: "PKM",
		SupervisorNIP: nipRina, Date: "2026-11-20", Content: storage.Content{Minutes: 360, Description: "Workshop PPI",
			Kind: storage.KindCompetency, Training: storage.TrainingWorkshop, JP: 8}}))

	w := build(t, st, export.Request{Month: "2026-11", Unit: "PKM", Lang: i18n.ID})
	b, err := w.XLSX()
	must(err)
	f := open(t, b)
	if got := strings.Join(f.GetSheetList(), ","); !strings.HasSuffix(got, ",UmpanBalik,Kompetensi") {
		t.Fatalf("sheets %s", got)
	}
	fb := readSheet(t, f, export.SheetUmpanBalik)
	if len(fb.rows) != 2 {
		t.Fatalf("feedback rows %q, want the header and November's one", fb.rows)
	}
	for i, want := range []string{"", "19900115 201903 1 004", "Budi Santoso", "dr. Rina", "", "Catat kepatuhan minum obat", "dibalas", "Siap"} {
		if want != "" && fb.str(i, 2) != want {
			t.Errorf("UmpanBalik column %d = %q, want %q", i+1, fb.str(i, 2), want)
		}
	}
	k := readSheet(t, f, export.SheetKompetensi)
	if len(k.rows) != 2 || k.str(3, 2) != "Workshop/seminar" || k.number(4, 2) != 8 || k.str(5, 2) != "Workshop PPI" {
		t.Fatalf("Kompetensi rows %q", k.rows)
	}
}
