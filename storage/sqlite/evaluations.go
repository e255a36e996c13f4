package sqlite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// insertEvaluationSQL stores a new evaluation unless one of its NIP and
// period (or id) is stored: the UNIQUE key decides between racing writers.
const insertEvaluationSQL = `
INSERT INTO evaluations (id, nip, period, unit_code, supervisor_nip, state, version, doc)
VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`

// stepEvaluationSQL writes a step only over the version it was taken from.
const stepEvaluationSQL = `
UPDATE evaluations SET supervisor_nip = ?, state = ?, version = ?, doc = ? WHERE id = ? AND version = ?`

// listEvaluationsSQL is the query of the fields f sets, and its
// arguments: only those conditions, so SQLite reads an index (the UNIQUE
// (nip, period) key, evaluations_unit_period, evaluations_supervisor_state
// or evaluations_state) rather than the whole table. The states come as
// one JSON array.
func listEvaluationsSQL(f storage.EvaluationFilter) (string, []any) {
	var where []string
	var args []any
	for _, c := range []struct{ col, val string }{
		{"nip", f.NIP}, {"unit_code", f.UnitCode}, {"period", f.Period}, {"supervisor_nip", f.SupervisorNIP},
	} {
		if c.val != "" {
			where, args = append(where, c.col+" = ?"), append(args, c.val)
		}
	}
	if len(f.States) > 0 {
		states, _ := json.Marshal(f.States) // strings: never fails
		where, args = append(where, "state IN (SELECT value FROM json_each(?))"), append(args, string(states))
	}
	query := "SELECT doc FROM evaluations"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	return query + " ORDER BY period, nip", args
}

// PrepareEvaluation implements storage.EvaluationWriter.
func (s *Store) PrepareEvaluation(ctx context.Context, e storage.Evaluation) (storage.Evaluation, bool, error) {
	if err := storage.CheckEvaluation(e); err != nil {
		return storage.Evaluation{}, false, fmt.Errorf("prepare evaluation: %w", err)
	}
	e = storage.NewEvaluation(e, s.now())
	created, err := s.insertEvaluation(ctx, e)
	if err != nil {
		return storage.Evaluation{}, false, fmt.Errorf("prepare evaluation nip=%s period=%s: %w", ident.MaskNIP(e.NIP), e.Period, err)
	}
	if created {
		return e, true, nil
	}
	got, err := s.GetEvaluation(ctx, e.ID)
	return got, false, err
}

// insertEvaluation stores e unless its key is taken; true when it did.
func (s *Store) insertEvaluation(ctx context.Context, e storage.Evaluation) (bool, error) {
	doc, err := json.Marshal(e)
	if err != nil {
		return false, err
	}
	res, err := s.db.ExecContext(ctx, insertEvaluationSQL, e.ID, e.NIP, e.Period, e.UnitCode, e.SupervisorNIP,
		string(e.State), e.Version, string(doc))
	if err != nil {
		return false, mapErr(err)
	}
	n, err := res.RowsAffected()
	return n == 1, mapErr(err)
}

// GetEvaluation implements storage.EvaluationReader.
func (s *Store) GetEvaluation(ctx context.Context, id string) (storage.Evaluation, error) {
	var doc string
	err := s.db.QueryRowContext(ctx, "SELECT doc FROM evaluations WHERE id = ?", id).Scan(&doc)
	if err != nil {
		return storage.Evaluation{}, fmt.Errorf("get evaluation: %w", mapErr(err))
	}
	return decodeEvaluation(doc)
}

// StepEvaluation implements storage.EvaluationWriter: read, apply, and one
// UPDATE conditioned on the version read.
func (s *Store) StepEvaluation(ctx context.Context, id string, version int, st storage.EvalStep) (storage.Evaluation, error) {
	cur, err := s.GetEvaluation(ctx, id)
	if err != nil {
		return storage.Evaluation{}, err
	}
	next, err := storage.NextEvaluation(cur, version, st, s.now())
	if err != nil {
		return cur, err
	}
	doc, err := json.Marshal(next)
	if err != nil {
		return cur, fmt.Errorf("step evaluation: %w", err)
	}
	res, err := s.db.ExecContext(ctx, stepEvaluationSQL, next.SupervisorNIP, string(next.State), next.Version, string(doc), id, version)
	if err != nil {
		return cur, fmt.Errorf("step evaluation to %s: %w", st.To, mapErr(err))
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return cur, fmt.Errorf("step evaluation to %s: changed meanwhile: %w", st.To, storage.ErrConflict)
	}
	return next, nil
}

// ListEvaluations implements storage.EvaluationReader.
func (s *Store) ListEvaluations(ctx context.Context, f storage.EvaluationFilter) ([]storage.Evaluation, error) {
	query, args := listEvaluationsSQL(f)
	docs, err := queryAll(ctx, s.db, func(sc scanner) (string, error) {
		var d string
		return d, sc.Scan(&d)
	}, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list evaluations: %w", mapErr(err))
	}
	out := make([]storage.Evaluation, 0, len(docs))
	for _, d := range docs {
		e, err := decodeEvaluation(d)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

func decodeEvaluation(doc string) (storage.Evaluation, error) {
	var e storage.Evaluation
	if err := json.Unmarshal([]byte(doc), &e); err != nil {
		return e, fmt.Errorf("evaluation record: %w", errors.New("unreadable JSON"))
	}
	return e, nil
}
