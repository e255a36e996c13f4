package storage

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Rating is a supervisor's rating of hasil kerja or of perilaku kerja
// (PermenPANRB 6/2022). Stored values.
type Rating string

// Ratings.
const (
	RatingAbove Rating = "di_atas"  // di atas ekspektasi
	RatingMeets Rating = "sesuai"   // sesuai ekspektasi
	RatingBelow Rating = "di_bawah" // di bawah ekspektasi
)

// Ratings are the ratings, best first.
var Ratings = []Rating{RatingAbove, RatingMeets, RatingBelow}

// Valid reports whether r is one of Ratings.
func (r Rating) Valid() bool { return slices.Contains(Ratings, r) }

// Predikat is the predikat kinerja that follows from the two ratings
// (package evaluation has the matrix). Stored values.
type Predikat string

// Predikat values, best first.
const (
	PredikatSangatBaik     Predikat = "sangat_baik"
	PredikatBaik           Predikat = "baik"
	PredikatButuhPerbaikan Predikat = "butuh_perbaikan"
	PredikatKurang         Predikat = "kurang"
	PredikatSangatKurang   Predikat = "sangat_kurang"
)

// EvalState is where a periodic evaluation stands. Stored values.
type EvalState string

// States of an evaluation: prepared and waiting for the supervisor (due),
// rated and waiting for the person (rated), then accepted, or objected
// (keberatan) and waiting for the supervisor's supervisor, who confirms
// it or changes it.
const (
	EvalDue       EvalState = "due"
	EvalRated     EvalState = "rated"
	EvalAccepted  EvalState = "accepted"
	EvalObjected  EvalState = "objected"
	EvalConfirmed EvalState = "confirmed"
	EvalChanged   EvalState = "changed"
)

// evalNext is every step an evaluation may take from each state.
var evalNext = map[EvalState][]EvalState{
	EvalDue:      {EvalRated},
	EvalRated:    {EvalAccepted, EvalObjected},
	EvalObjected: {EvalConfirmed, EvalChanged},
}

// Final reports whether no step follows s.
func (s EvalState) Final() bool { return len(evalNext[s]) == 0 }

// Evaluation is one person's periodic evaluation for one period: at most
// one per NIP and period (its ID is derived from both, EvaluationID).
type Evaluation struct {
	ID       string `json:"id" bson:"_id"`
	NIP      string `json:"nip" bson:"nip"`
	UnitCode string `json:"unit_code" bson:"unit_code"`
	// Period is "2026-11", "2026-Q4" or "2026" (ParsePeriod's forms).
	Period string `json:"period" bson:"period"`
	// SupervisorNIP is the supervisor when the evaluation was prepared,
	// then who rated it.
	SupervisorNIP string    `json:"supervisor_nip" bson:"supervisor_nip"`
	State         EvalState `json:"state" bson:"state"`
	// Version rises by one with every step.
	Version  int      `json:"version" bson:"version"`
	Hasil    Rating   `json:"hasil,omitempty" bson:"hasil,omitempty"`
	Perilaku Rating   `json:"perilaku,omitempty" bson:"perilaku,omitempty"`
	Predikat Predikat `json:"predikat,omitempty" bson:"predikat,omitempty"`
	// Note is the supervisor's note to the person.
	Note string `json:"note,omitempty" bson:"note,omitempty"`
	// Objection is the person's reason for a keberatan.
	Objection string `json:"objection,omitempty" bson:"objection,omitempty"`
	// ReviewedBy decided the keberatan; ReviewNote is their note.
	ReviewedBy string      `json:"reviewed_by,omitempty" bson:"reviewed_by,omitempty"`
	ReviewNote string      `json:"review_note,omitempty" bson:"review_note,omitempty"`
	Audit      []EvalAudit `json:"audit,omitempty" bson:"audit,omitempty"`
	CreatedAt  time.Time   `json:"created_at" bson:"created_at"`
	UpdatedAt  time.Time   `json:"updated_at" bson:"updated_at"`
}

// EvalAudit is one step of an evaluation's trail: who took it, in what
// capacity, and what it set.
type EvalAudit struct {
	At        time.Time `json:"at" bson:"at"`
	To        EvalState `json:"to" bson:"to"`
	ByNIP     string    `json:"by_nip" bson:"by_nip"`
	AsAdmin   bool      `json:"as_admin,omitempty" bson:"as_admin,omitempty"`
	ActingFor string    `json:"acting_for,omitempty" bson:"acting_for,omitempty"`
	Hasil     Rating    `json:"hasil,omitempty" bson:"hasil,omitempty"`
	Perilaku  Rating    `json:"perilaku,omitempty" bson:"perilaku,omitempty"`
	Predikat  Predikat  `json:"predikat,omitempty" bson:"predikat,omitempty"`
	Note      string    `json:"note,omitempty" bson:"note,omitempty"`
	// Update names the message that took the step ("platform:update id").
	Update string `json:"update,omitempty" bson:"update,omitempty"`
}

// EvalStep is a step to take: To, by whom, and, for rated and changed,
// the ratings and their predikat. Note is the supervisor's note (rated),
// the person's reason (objected) or the reviewer's note (confirmed,
// changed).
type EvalStep struct {
	To        EvalState
	ByNIP     string
	AsAdmin   bool
	ActingFor string
	Hasil     Rating
	Perilaku  Rating
	Predikat  Predikat
	Note      string
	Update    string
	At        time.Time
}

// EvaluationID is the id of nip's evaluation for period: the NIP and the
// period without its dash ("…2026Q4"), letters and digits only.
func EvaluationID(nip, period string) string {
	return nip + strings.ReplaceAll(period, "-", "")
}

// CheckEvaluation refuses, with ErrInvalid, an evaluation to prepare
// without NIP, unit or a valid period.
func CheckEvaluation(e Evaluation) error {
	if e.NIP == "" || e.UnitCode == "" {
		return fmt.Errorf("%w: evaluation without nip or unit", ErrInvalid)
	}
	if p, ok := ParsePeriod(e.Period); !ok || p != e.Period {
		return fmt.Errorf("%w: evaluation period %q", ErrInvalid, e.Period)
	}
	return nil
}

// NewEvaluation is e as PrepareEvaluation stores it: its ID, state due,
// version 1, no ratings or trail, times stamped from now when zero.
func NewEvaluation(e Evaluation, now time.Time) Evaluation {
	out := Evaluation{ID: EvaluationID(e.NIP, e.Period), NIP: e.NIP, UnitCode: e.UnitCode, Period: e.Period,
		SupervisorNIP: e.SupervisorNIP, State: EvalDue, Version: 1, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
	if out.CreatedAt.IsZero() {
		out.CreatedAt = now
	}
	if out.UpdatedAt.IsZero() {
		out.UpdatedAt = now
	}
	out.CreatedAt, out.UpdatedAt = out.CreatedAt.UTC().Truncate(time.Millisecond), out.UpdatedAt.UTC().Truncate(time.Millisecond)
	return out
}

// NextEvaluation is what a store writes for step st on cur, read at
// version: ErrConflict when cur has moved on, else ApplyEvalStep's result
// (and its error, wrapped).
func NextEvaluation(cur Evaluation, version int, st EvalStep, now time.Time) (Evaluation, error) {
	if cur.Version != version {
		return Evaluation{}, fmt.Errorf("step evaluation to %s: at version %d, not %d: %w", st.To, cur.Version, version, ErrConflict)
	}
	next, err := ApplyEvalStep(cur, st, now)
	if err != nil {
		return Evaluation{}, fmt.Errorf("step evaluation: %w", err)
	}
	return next, nil
}

// ApplyEvalStep is e after step st, taken at now (st.At when set): the
// stores write what it returns, conditioned on e's version. ErrInvalid
// when st is not a step e's state allows, or lacks its ratings or NIP.
func ApplyEvalStep(e Evaluation, st EvalStep, now time.Time) (Evaluation, error) {
	if !slices.Contains(evalNext[e.State], st.To) {
		return e, fmt.Errorf("%w: evaluation step %s → %s", ErrInvalid, e.State, st.To)
	}
	if st.ByNIP == "" {
		return e, fmt.Errorf("%w: evaluation step without nip", ErrInvalid)
	}
	rates := st.To == EvalRated || st.To == EvalChanged
	if rates && (!st.Hasil.Valid() || !st.Perilaku.Valid() || st.Predikat == "") {
		return e, fmt.Errorf("%w: evaluation step %s without ratings", ErrInvalid, st.To)
	}
	at := st.At
	if at.IsZero() {
		at = now
	}
	at = at.UTC().Truncate(time.Millisecond)
	switch st.To {
	case EvalRated:
		e.SupervisorNIP, e.Note = st.ByNIP, st.Note
	case EvalObjected:
		e.Objection = st.Note
	case EvalConfirmed, EvalChanged:
		e.ReviewedBy, e.ReviewNote = st.ByNIP, st.Note
	}
	if rates {
		e.Hasil, e.Perilaku, e.Predikat = st.Hasil, st.Perilaku, st.Predikat
	}
	e.Audit = append(slices.Clone(e.Audit), EvalAudit{At: at, To: st.To, ByNIP: st.ByNIP, AsAdmin: st.AsAdmin,
		ActingFor: st.ActingFor, Hasil: st.Hasil, Perilaku: st.Perilaku, Predikat: st.Predikat, Note: st.Note, Update: st.Update})
	e.State, e.Version, e.UpdatedAt = st.To, e.Version+1, now.UTC().Truncate(time.Millisecond)
	return e, nil
}

// EvaluationFilter selects evaluations: every field set must match
// (States: any of them); an empty filter selects all.
type EvaluationFilter struct {
	NIP           string
	UnitCode      string
	Period        string
	SupervisorNIP string
	States        []EvalState
}

// Match reports whether e passes f (the stores' queries do the same).
func (f EvaluationFilter) Match(e Evaluation) bool {
	return (f.NIP == "" || e.NIP == f.NIP) && (f.UnitCode == "" || e.UnitCode == f.UnitCode) &&
		(f.Period == "" || e.Period == f.Period) && (f.SupervisorNIP == "" || e.SupervisorNIP == f.SupervisorNIP) &&
		(len(f.States) == 0 || slices.Contains(f.States, e.State))
}

// EvaluationReader reads periodic evaluations.
type EvaluationReader interface {
	// GetEvaluation returns the evaluation with the id (ErrNotFound).
	GetEvaluation(ctx context.Context, id string) (Evaluation, error)
	// ListEvaluations returns the evaluations f selects, ordered by
	// period, then NIP. A unit's evaluations of a period (the exports'
	// Evaluasi sheet) are ListEvaluations(EvaluationFilter{UnitCode: u,
	// Period: p}), a team member's {NIP, Period}: both read an index.
	ListEvaluations(ctx context.Context, f EvaluationFilter) ([]Evaluation, error)
}

// EvaluationWriter writes periodic evaluations, one record per write.
type EvaluationWriter interface {
	// PrepareEvaluation stores NewEvaluation(e) unless an evaluation of
	// e's NIP and period is stored (a unique key: preparations racing
	// store one). It returns the evaluation stored and whether this call
	// created it. ErrInvalid for what CheckEvaluation refuses.
	PrepareEvaluation(ctx context.Context, e Evaluation) (Evaluation, bool, error)
	// StepEvaluation takes step st (ApplyEvalStep) on the evaluation at
	// version, in one conditional update: ErrConflict when it is no longer
	// at that version (another press came first: two ratings racing store
	// one), ErrNotFound for an unknown id, ErrInvalid for a step its state
	// does not allow. It returns the evaluation as updated.
	StepEvaluation(ctx context.Context, id string, version int, st EvalStep) (Evaluation, error)
}
