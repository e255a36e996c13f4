package storetest

import (
	"errors"
	"reflect"
	"sync"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

func evaluationCases() []testCase {
	return []testCase{
		{"prepare stores a due evaluation once per person and period", testEvalPrepareOnce},
		{"preparations racing store one evaluation", testEvalPrepareRace},
		{"a bad preparation is ErrInvalid", testEvalPrepareInvalid},
		{"rate, object, change: the trail keeps every step", testEvalCycle},
		{"a step its state does not allow is ErrInvalid", testEvalBadStep},
		{"a step at an old version is ErrConflict", testEvalOldVersion},
		{"two racing rating writes store one rating", testEvalRateRace},
		{"list by unit and period, supervisor and state", testEvalList},
		{"unknown evaluation is ErrNotFound", testEvalUnknown},
	}
}

func evalFor(n int, period string) storage.Evaluation {
	return storage.Evaluation{NIP: nip(n), UnitCode: "PKM01", Period: period, SupervisorNIP: nip(900)}
}

func mustPrepare(t *testing.T, s storage.Store, e storage.Evaluation) storage.Evaluation {
	t.Helper()
	got, _, err := s.PrepareEvaluation(t.Context(), e)
	if err != nil {
		t.Fatalf("PrepareEvaluation: %v", err)
	}
	return got
}

func rate(by int, h, p storage.Rating, pr storage.Predikat) storage.EvalStep {
	return storage.EvalStep{To: storage.EvalRated, ByNIP: nip(by), Hasil: h, Perilaku: p, Predikat: pr, Note: "catatan", At: at(60)}
}

func checkEval(t *testing.T, got, want storage.Evaluation) {
	t.Helper()
	norm := func(e storage.Evaluation) storage.Evaluation {
		e.CreatedAt, e.UpdatedAt = ms(e.CreatedAt), ms(e.UpdatedAt)
		if len(e.Audit) == 0 {
			e.Audit = nil
		}
		for i := range e.Audit {
			e.Audit[i].At = ms(e.Audit[i].At)
		}
		return e
	}
	if g, w := norm(got), norm(want); !reflect.DeepEqual(g, w) {
		t.Errorf("evaluation mismatch\n got: %+v\nwant: %+v", g, w)
	}
}

func testEvalPrepareOnce(t *testing.T, s storage.Store) {
	in := evalFor(1, "2026-11")
	in.State, in.Version, in.Hasil = storage.EvalAccepted, 7, storage.RatingAbove // ignored
	in.CreatedAt = at(0)
	got, created, err := s.PrepareEvaluation(t.Context(), in)
	if err != nil || !created {
		t.Fatalf("PrepareEvaluation = %v, %v; want created", created, err)
	}
	want := storage.NewEvaluation(in, got.UpdatedAt)
	if want.ID != nip(1)+"202611" || got.State != storage.EvalDue || got.Version != 1 {
		t.Errorf("prepared %+v", got)
	}
	checkEval(t, got, want)
	again := evalFor(1, "2026-11")
	again.SupervisorNIP = nip(901)
	second, created, err := s.PrepareEvaluation(t.Context(), again)
	if err != nil || created {
		t.Fatalf("second PrepareEvaluation = %v, %v; want not created", created, err)
	}
	checkEval(t, second, want)
	stored, err := s.GetEvaluation(t.Context(), want.ID)
	if err != nil {
		t.Fatalf("GetEvaluation: %v", err)
	}
	checkEval(t, stored, want)
	if other := mustPrepare(t, s, evalFor(1, "2026-Q4")); other.ID == want.ID {
		t.Error("another period shares the id")
	}
}

func testEvalPrepareRace(t *testing.T, s storage.Store) {
	const n = 8
	var wg sync.WaitGroup
	created := make(chan bool, n)
	for i := range n {
		wg.Go(func() {
			e := evalFor(1, "2026")
			e.SupervisorNIP = nip(900 + i)
			_, c, err := s.PrepareEvaluation(t.Context(), e)
			if err != nil {
				t.Errorf("PrepareEvaluation: %v", err)
			}
			created <- c
		})
	}
	wg.Wait()
	close(created)
	count := 0
	for c := range created {
		if c {
			count++
		}
	}
	list, err := s.ListEvaluations(t.Context(), storage.EvaluationFilter{NIP: nip(1)})
	if count != 1 || err != nil || len(list) != 1 {
		t.Errorf("racing preparations: %d created, %d stored (%v); want 1 and 1", count, len(list), err)
	}
}

func testEvalPrepareInvalid(t *testing.T, s storage.Store) {
	for _, e := range []storage.Evaluation{
		{UnitCode: "PKM01", Period: "2026-11"},
		{NIP: nip(1), Period: "2026-11"},
		{NIP: nip(1), UnitCode: "PKM01", Period: "2026-13"},
		{NIP: nip(1), UnitCode: "PKM01", Period: "2026-q4"}, // not canonical
	} {
		if _, _, err := s.PrepareEvaluation(t.Context(), e); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("PrepareEvaluation(%+v) = %v, want ErrInvalid", e, err)
		}
	}
}

func testEvalCycle(t *testing.T, s storage.Store) {
	e := mustPrepare(t, s, evalFor(1, "2026-Q4"))
	steps := []storage.EvalStep{
		rate(900, storage.RatingMeets, storage.RatingBelow, storage.PredikatKurang),
		{To: storage.EvalObjected, ByNIP: nip(1), Note: "perilaku saya baik", At: at(120)},
		{To: storage.EvalChanged, ByNIP: nip(950), ActingFor: nip(951), Hasil: storage.RatingMeets,
			Perilaku: storage.RatingMeets, Predikat: storage.PredikatBaik, Note: "diubah", Update: "telegram:9", At: at(180)},
	}
	want := e
	for _, st := range steps {
		got, err := s.StepEvaluation(t.Context(), e.ID, e.Version, st)
		if err != nil {
			t.Fatalf("StepEvaluation to %s: %v", st.To, err)
		}
		want, err = storage.ApplyEvalStep(want, st, got.UpdatedAt)
		if err != nil {
			t.Fatal(err)
		}
		checkEval(t, got, want)
		e = got
	}
	stored, err := s.GetEvaluation(t.Context(), e.ID)
	if err != nil {
		t.Fatalf("GetEvaluation: %v", err)
	}
	checkEval(t, stored, want)
	if stored.SupervisorNIP != nip(900) || stored.ReviewedBy != nip(950) || stored.Objection != "perilaku saya baik" ||
		stored.Predikat != storage.PredikatBaik || len(stored.Audit) != 3 || stored.Audit[0].Predikat != storage.PredikatKurang {
		t.Errorf("after the cycle: %+v", stored)
	}
}

func testEvalBadStep(t *testing.T, s storage.Store) {
	e := mustPrepare(t, s, evalFor(1, "2026-11"))
	for _, st := range []storage.EvalStep{
		{To: storage.EvalAccepted, ByNIP: nip(1)},                                                             // not rated yet
		{To: storage.EvalRated, ByNIP: nip(900), Hasil: "baik", Perilaku: storage.RatingMeets, Predikat: "x"}, // no such rating
		{To: storage.EvalRated, Hasil: storage.RatingMeets, Perilaku: storage.RatingMeets, Predikat: storage.PredikatBaik},
	} {
		if _, err := s.StepEvaluation(t.Context(), e.ID, 1, st); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("StepEvaluation(%+v) = %v, want ErrInvalid", st, err)
		}
	}
	got, _ := s.GetEvaluation(t.Context(), e.ID)
	checkEval(t, got, e)
}

func testEvalOldVersion(t *testing.T, s storage.Store) {
	e := mustPrepare(t, s, evalFor(1, "2026-11"))
	st := rate(900, storage.RatingAbove, storage.RatingAbove, storage.PredikatSangatBaik)
	if _, err := s.StepEvaluation(t.Context(), e.ID, 2, st); !errors.Is(err, storage.ErrConflict) {
		t.Errorf("StepEvaluation at a future version = %v, want ErrConflict", err)
	}
	if _, err := s.StepEvaluation(t.Context(), e.ID, 1, st); err != nil {
		t.Fatalf("StepEvaluation: %v", err)
	}
	if _, err := s.StepEvaluation(t.Context(), e.ID, 1, st); !errors.Is(err, storage.ErrConflict) {
		t.Errorf("the same step again at version 1 = %v, want ErrConflict", err)
	}
}

func testEvalRateRace(t *testing.T, s storage.Store) {
	e := mustPrepare(t, s, evalFor(1, "2026-11"))
	ratings := []storage.Rating{storage.RatingAbove, storage.RatingMeets, storage.RatingBelow, storage.RatingAbove}
	var wg sync.WaitGroup
	wins := make(chan storage.Evaluation, len(ratings))
	for i, r := range ratings {
		wg.Go(func() {
			got, err := s.StepEvaluation(t.Context(), e.ID, 1, rate(900+i, r, storage.RatingMeets, storage.PredikatBaik))
			switch {
			case err == nil:
				wins <- got
			case !errors.Is(err, storage.ErrConflict):
				t.Errorf("StepEvaluation: %v, want nil or ErrConflict", err)
			}
		})
	}
	wg.Wait()
	close(wins)
	var won []storage.Evaluation
	for w := range wins {
		won = append(won, w)
	}
	if len(won) != 1 {
		t.Fatalf("%d racing ratings won, want 1", len(won))
	}
	stored, err := s.GetEvaluation(t.Context(), e.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkEval(t, stored, won[0])
	if stored.Version != 2 || len(stored.Audit) != 1 {
		t.Errorf("stored after the race: version %d, %d audit entries; want 2 and 1", stored.Version, len(stored.Audit))
	}
}

func testEvalList(t *testing.T, s storage.Store) {
	a := mustPrepare(t, s, evalFor(2, "2026-11"))
	b := mustPrepare(t, s, evalFor(1, "2026-11"))
	c := mustPrepare(t, s, evalFor(1, "2026-10"))
	other := evalFor(3, "2026-11")
	other.UnitCode, other.SupervisorNIP = "PKM02", nip(901)
	d := mustPrepare(t, s, other)
	b, err := s.StepEvaluation(t.Context(), b.ID, 1, rate(900, storage.RatingMeets, storage.RatingMeets, storage.PredikatBaik))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		f    storage.EvaluationFilter
		want []storage.Evaluation
	}{
		{"all, by period then NIP", storage.EvaluationFilter{}, []storage.Evaluation{c, b, a, d}},
		{"a unit's period (exports)", storage.EvaluationFilter{UnitCode: "PKM01", Period: "2026-11"}, []storage.Evaluation{b, a}},
		{"a supervisor's due", storage.EvaluationFilter{SupervisorNIP: nip(900), States: []storage.EvalState{storage.EvalDue}}, []storage.Evaluation{c, a}},
		{"states", storage.EvaluationFilter{States: []storage.EvalState{storage.EvalRated, storage.EvalObjected}}, []storage.Evaluation{b}},
		{"a person", storage.EvaluationFilter{NIP: nip(3)}, []storage.Evaluation{d}},
		{"a team member's period (exports)", storage.EvaluationFilter{NIP: nip(1), Period: "2026-11"}, []storage.Evaluation{b}},
		{"nothing", storage.EvaluationFilter{Period: "2025"}, nil},
	}
	for _, tc := range cases {
		got, err := s.ListEvaluations(t.Context(), tc.f)
		if err != nil || got == nil || len(got) != len(tc.want) {
			t.Errorf("%s: ListEvaluations = %d, %v (nil: %v); want %d", tc.name, len(got), err, got == nil, len(tc.want))
			continue
		}
		for i := range got {
			checkEval(t, got[i], tc.want[i])
		}
	}
}

func testEvalUnknown(t *testing.T, s storage.Store) {
	if _, err := s.GetEvaluation(t.Context(), "nope"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("GetEvaluation = %v, want ErrNotFound", err)
	}
	st := rate(900, storage.RatingMeets, storage.RatingMeets, storage.PredikatBaik)
	if _, err := s.StepEvaluation(t.Context(), "nope", 1, st); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("StepEvaluation = %v, want ErrNotFound", err)
	}
}
