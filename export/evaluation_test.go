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

// seedEvaluations stores November's evaluations of the Puskesmas: Budi's
// rated with a formula-looking note, objected and confirmed by the admin;
// Sari's still due. October's of Budi and November's of another unit are
// not November's export's.
func seedEvaluations(t *testing.T, st storage.Store) {
	t.Helper()
	ctx := context.Background()
	must := func(_ storage.Evaluation, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	prep := func(nip, unit, period string) storage.Evaluation {
		t.Helper()
		e, _, err := st.PrepareEvaluation(ctx, storage.Evaluation{NIP: nip, UnitCode: unit, Period: period, SupervisorNIP: nipRina})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	budi := prep(nipBudi, "PKM", "2026-11")
	must(st.StepEvaluation(ctx, budi.ID, 1, storage.EvalStep{To: storage.EvalRated, ByNIP: nipRina, Hasil: storage.RatingBelow,
		Perilaku: storage.RatingMeets, Predikat: storage.PredikatButuhPerbaikan, Note: descFormula,
		At: time.Date(2026, 12, 1, 23, 30, 0, 0, time.UTC)})) // 2 December in WITA
	must(st.StepEvaluation(ctx, budi.ID, 2, storage.EvalStep{To: storage.EvalObjected, ByNIP: nipBudi,
		Note: "Target bulan ini berubah karena posyandu ditunda"}))
	must(st.StepEvaluation(ctx, budi.ID, 3, storage.EvalStep{To: storage.EvalConfirmed, ByNIP: nipAdmin, AsAdmin: true,
		Note: "Penilaian sesuai data laporan"}))
	prep(nipSari, "PKM", "2026-11")
	prep(nipBudi, "PKM", "2026-10")
	prep(nipOut, "DISDIK", "2026-11")
}

// Evaluasi: the evaluations of the periods ending in the month, with the
// catalogue's words, the rater and date, the note as text (never a
// formula), the keberatan and its decision.
func TestEvaluasiSheet(t *testing.T) {
	st := seed(t)
	seedEvaluations(t, st)
	b, err := build(t, st, export.Request{Month: "2026-11", Unit: "PKM", Lang: i18n.ID}).XLSX()
	if err != nil {
		t.Fatal(err)
	}
	f := open(t, b)
	if got := strings.Join(f.GetSheetList(), ","); !strings.HasSuffix(got, ",Evaluasi") {
		t.Fatalf("sheets %s", got)
	}
	assertNoFormulas(t, f)
	s := readSheet(t, f, export.SheetEvaluasi)
	if len(s.rows) != 3 || s.str(1, 1) != "Nama" || s.str(5, 1) != "Predikat" {
		t.Fatalf("Evaluasi rows %q, want the header, Budi's and Sari's", s.rows)
	}
	r := s.row(1, "Budi Santoso")
	for i, want := range []string{"19900115 201903 1 004", "Budi Santoso", "2026-11", "Di bawah ekspektasi", "Sesuai ekspektasi",
		"Butuh Perbaikan", "ditetapkan setelah keberatan", "dr. Rina"} {
		if got := s.str(i, r); got != want {
			t.Errorf("Budi's column %d = %q, want %q", i+1, got, want)
		}
	}
	if got := s.date(8, r); got != "2026-12-02" {
		t.Errorf("rated on %q, want the unit's local date 2026-12-02", got)
	}
	for i, want := range []string{descFormula, "Target bulan ini berubah karena posyandu ditunda", "Penilaian sesuai data laporan",
		"Admin Dinkes (admin)"} {
		if got := s.str(9+i, r); got != want {
			t.Errorf("Budi's column %d = %q, want %q", 10+i, got, want)
		}
	}
	r = s.row(1, "Sari Dewi")
	if s.str(6, r) != "menunggu penilaian" || len(s.rows[r-1]) > 7 {
		t.Errorf("Sari's due evaluation %q", s.rows[r-1])
	}
}

// A team export lists the team's evaluations; a month without any has no
// Evaluasi sheet; the CSV zip carries Evaluasi.csv with the note behind an
// apostrophe.
func TestEvaluasiTeamAndCSV(t *testing.T) {
	st := seed(t)
	if _, ok := build(t, st, export.Request{Month: "2026-11", Unit: "PKM", Lang: i18n.ID}).Sheet(export.SheetEvaluasi); ok {
		t.Error("an Evaluasi sheet without evaluations")
	}
	seedEvaluations(t, st)
	w := build(t, st, export.Request{Month: "2026-11", Team: nipRina, Lang: i18n.EN})
	s, ok := w.Sheet(export.SheetEvaluasi)
	if !ok || len(s.Rows) != 2 || s.Rows[0][1] != "Budi Santoso" || s.Rows[0][5] != "Butuh Perbaikan (needs improvement)" ||
		s.Columns[10].Header != "Objection (keberatan)" {
		t.Fatalf("team Evaluasi %v %q", ok, s.Rows)
	}
	rows := csvFiles(t, w)["Evaluasi.csv"]
	if len(rows) != 3 || rows[1][9] != "'"+descFormula || rows[1][8] != "2026-12-02" {
		t.Fatalf("Evaluasi.csv %q", rows)
	}
}
