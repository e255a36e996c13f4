package storetest

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Records are compared after normalising what stores may represent
// differently: times at millisecond precision in UTC, and an empty list the
// same as none.

func normContent(c storage.Content) storage.Content {
	c.EvidenceIDs = nilIfEmpty(c.EvidenceIDs)
	return c
}

func normActivity(a storage.Activity) storage.Activity {
	a.Content = normContent(a.Content)
	if len(a.History) == 0 {
		a.History = nil
	} else {
		history := make([]storage.Content, len(a.History))
		for i, c := range a.History {
			history[i] = normContent(c)
		}
		a.History = history
	}
	if a.Decision != nil {
		d := *a.Decision
		d.At = ms(d.At)
		a.Decision = &d
	}
	if len(a.Audit) == 0 {
		a.Audit = nil
	} else {
		audit := make([]storage.AuditEntry, len(a.Audit))
		for i, e := range a.Audit {
			e.At = ms(e.At)
			audit[i] = e
		}
		a.Audit = audit
	}
	a.Prompts = nilIfEmpty(a.Prompts)
	a.SubmittedAt, a.CreatedAt, a.UpdatedAt = ms(a.SubmittedAt), ms(a.CreatedAt), ms(a.UpdatedAt)
	return a
}

func normEvidence(e storage.Evidence) storage.Evidence {
	e.Bands = nilIfEmpty(e.Bands)
	if e.TakenAt != nil {
		t := ms(*e.TakenAt)
		e.TakenAt = &t
	}
	e.CreatedAt = ms(e.CreatedAt)
	return e
}

func normSKPTarget(t storage.SKPTarget) storage.SKPTarget {
	t.UpdatedAt = ms(t.UpdatedAt)
	return t
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return slices.Clone(s)
}

func checkActivity(t *testing.T, got, want storage.Activity) {
	t.Helper()
	if g, w := normActivity(got), normActivity(want); !reflect.DeepEqual(g, w) {
		t.Errorf("activity %s mismatch\n got: %s\nwant: %s", want.ID, describe(g), describe(w))
	}
}

func checkEvidence(t *testing.T, got, want storage.Evidence) {
	t.Helper()
	if g, w := normEvidence(got), normEvidence(want); !reflect.DeepEqual(g, w) {
		t.Errorf("evidence %s mismatch\n got: %s\nwant: %s", want.ID, describe(g), describe(w))
	}
}

func checkSKPTarget(t *testing.T, got, want storage.SKPTarget) {
	t.Helper()
	if g, w := normSKPTarget(got), normSKPTarget(want); !reflect.DeepEqual(g, w) {
		t.Errorf("SKP target %s mismatch\n got: %s\nwant: %s", want.ID, describe(g), describe(w))
	}
}

// describe shows a record with the values behind its pointers.
func describe(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// ids lists the records' ids in order, joined by commas.
func ids[T any](all []T, id func(T) string) string {
	out := make([]string, len(all))
	for i, v := range all {
		out[i] = id(v)
	}
	return strings.Join(out, ",")
}

func activityID(a storage.Activity) string   { return a.ID }
func evidenceIDOf(e storage.Evidence) string { return e.ID }
func skpTargetID(t storage.SKPTarget) string { return t.ID }

// checkNotNil fails when a list method returned a nil slice: the contract
// wants an empty one.
func checkNotNil[T any](t *testing.T, list []T, what string) {
	t.Helper()
	if list == nil {
		t.Errorf("%s returned a nil slice, want an empty one", what)
	}
}

func mustCreateActivity(t *testing.T, s storage.Store, a storage.Activity) {
	t.Helper()
	if err := s.CreateActivity(t.Context(), a); err != nil {
		t.Fatalf("CreateActivity(%s): %v", a.ID, err)
	}
}

func mustGetActivity(t *testing.T, s storage.Store, id string) storage.Activity {
	t.Helper()
	a, err := s.GetActivity(t.Context(), id)
	if err != nil {
		t.Fatalf("GetActivity(%s): %v", id, err)
	}
	return a
}

func mustDecide(t *testing.T, s storage.Store, id string, version int, d storage.Decide) storage.Activity {
	t.Helper()
	a, err := s.DecideActivity(t.Context(), id, version, d)
	if err != nil {
		t.Fatalf("DecideActivity(%s, %d, %s): %v", id, version, d.To, err)
	}
	return a
}

func mustResubmit(t *testing.T, s storage.Store, id string, version int, c storage.Content, at time.Time) storage.Activity {
	t.Helper()
	a, err := s.ResubmitActivity(t.Context(), id, version, c, nip(1), "whatsapp", at)
	if err != nil {
		t.Fatalf("ResubmitActivity(%s, %d): %v", id, version, err)
	}
	return a
}

func mustAddPrompt(t *testing.T, s storage.Store, id string, ref storage.MessageRef) {
	t.Helper()
	if err := s.AddPrompt(t.Context(), id, ref); err != nil {
		t.Fatalf("AddPrompt(%s, %s): %v", id, ref.MessageID, err)
	}
}

func mustPutEvidence(t *testing.T, s storage.Store, e storage.Evidence, data []byte) {
	t.Helper()
	if err := s.PutEvidence(t.Context(), e, data); err != nil {
		t.Fatalf("PutEvidence(%s): %v", e.ID, err)
	}
}

func mustUpsertSKPTarget(t *testing.T, s storage.Store, target storage.SKPTarget) {
	t.Helper()
	if err := s.UpsertSKPTarget(t.Context(), target); err != nil {
		t.Fatalf("UpsertSKPTarget(%s): %v", target.ID, err)
	}
}

// checkUnchanged fails unless the report is still exactly before.
func checkUnchanged(t *testing.T, s storage.Store, before storage.Activity) {
	t.Helper()
	checkActivity(t, mustGetActivity(t, s, before.ID), before)
}

// countErrors tallies racing calls' results: successes, ErrConflicts, and
// fails on anything else.
func countErrors(t *testing.T, errs []error) (ok, conflicts int) {
	t.Helper()
	for i, err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, storage.ErrConflict):
			conflicts++
		default:
			t.Errorf("racing call %d: %v, want nil or ErrConflict", i, err)
		}
	}
	return ok, conflicts
}
