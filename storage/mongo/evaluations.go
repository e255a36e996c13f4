package mongo

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

func evaluationIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{
		{ // one evaluation per person and period, whatever the id
			Keys:    bson.D{{Key: "nip", Value: 1}, {Key: "period", Value: 1}},
			Options: options.Index().SetName("nip_period_unique").SetUnique(true),
		},
		{ // ListEvaluations of a unit's period (exports)
			Keys:    bson.D{{Key: "unit_code", Value: 1}, {Key: "period", Value: 1}, {Key: "nip", Value: 1}},
			Options: options.Index().SetName("unit_code_period_nip"),
		},
		{ // ListEvaluations of a supervisor's, or of a state (the scheduler)
			Keys:    bson.D{{Key: "supervisor_nip", Value: 1}, {Key: "state", Value: 1}},
			Options: options.Index().SetName("supervisor_nip_state"),
		},
		{
			Keys:    bson.D{{Key: "state", Value: 1}, {Key: "period", Value: 1}},
			Options: options.Index().SetName("state_period"),
		},
	}
}

// PrepareEvaluation implements storage.EvaluationWriter: one insert; a
// duplicate key (the id, or NIP and period) means it is stored already.
func (s *Store) PrepareEvaluation(ctx context.Context, e storage.Evaluation) (storage.Evaluation, bool, error) {
	if err := storage.CheckEvaluation(e); err != nil {
		return storage.Evaluation{}, false, fmt.Errorf("prepare evaluation: %w", err)
	}
	e = storage.NewEvaluation(e, s.now())
	_, err := s.evals.InsertOne(ctx, e)
	if err = mapErr(err); err == nil {
		return e, true, nil
	}
	if !errors.Is(err, storage.ErrConflict) {
		return storage.Evaluation{}, false, fmt.Errorf("prepare evaluation nip=%s period=%s: %w", ident.MaskNIP(e.NIP), e.Period, err)
	}
	var got storage.Evaluation
	err = s.evals.FindOne(ctx, bson.D{{Key: "nip", Value: e.NIP}, {Key: "period", Value: e.Period}}).Decode(&got)
	if err != nil {
		return storage.Evaluation{}, false, fmt.Errorf("prepare evaluation nip=%s period=%s: %w", ident.MaskNIP(e.NIP), e.Period, mapErr(err))
	}
	return got, false, nil
}

// GetEvaluation implements storage.EvaluationReader.
func (s *Store) GetEvaluation(ctx context.Context, id string) (storage.Evaluation, error) {
	var e storage.Evaluation
	if err := s.evals.FindOne(ctx, byID(id)).Decode(&e); err != nil {
		return storage.Evaluation{}, fmt.Errorf("get evaluation: %w", mapErr(err))
	}
	return e, nil
}

// StepEvaluation implements storage.EvaluationWriter: read, apply, and one
// replace conditioned on the _id and the version read.
func (s *Store) StepEvaluation(ctx context.Context, id string, version int, st storage.EvalStep) (storage.Evaluation, error) {
	cur, err := s.GetEvaluation(ctx, id)
	if err != nil {
		return storage.Evaluation{}, err
	}
	next, err := storage.NextEvaluation(cur, version, st, s.now())
	if err != nil {
		return cur, err
	}
	res, err := s.evals.ReplaceOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "version", Value: version}}, next)
	if err != nil {
		return cur, fmt.Errorf("step evaluation to %s: %w", st.To, mapErr(err))
	}
	if res.MatchedCount == 0 {
		return cur, fmt.Errorf("step evaluation to %s: changed meanwhile: %w", st.To, storage.ErrConflict)
	}
	return next, nil
}

// ListEvaluations implements storage.EvaluationReader.
func (s *Store) ListEvaluations(ctx context.Context, f storage.EvaluationFilter) ([]storage.Evaluation, error) {
	filter := bson.D{}
	for _, kv := range []struct{ key, value string }{
		{"nip", f.NIP}, {"unit_code", f.UnitCode}, {"period", f.Period}, {"supervisor_nip", f.SupervisorNIP},
	} {
		if kv.value != "" {
			filter = append(filter, bson.E{Key: kv.key, Value: kv.value})
		}
	}
	if len(f.States) > 0 {
		filter = append(filter, bson.E{Key: "state", Value: bson.D{{Key: "$in", Value: f.States}}})
	}
	sort := options.Find().SetSort(bson.D{{Key: "period", Value: 1}, {Key: "nip", Value: 1}})
	out, err := findAll[storage.Evaluation](ctx, s.evals, filter, sort)
	if err != nil {
		return nil, fmt.Errorf("list evaluations: %w", err)
	}
	if out == nil {
		out = []storage.Evaluation{}
	}
	return out, nil
}
