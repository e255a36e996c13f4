package metrics

import (
	"context"

	"github.com/kinerjabot/kinerjabot/storage"
)

func (s Store) GetEvaluation(ctx context.Context, id string) (storage.Evaluation, error) {
	e, err := s.Store.GetEvaluation(ctx, id)
	return e, s.count("get_evaluation", err)
}

func (s Store) ListEvaluations(ctx context.Context, f storage.EvaluationFilter) ([]storage.Evaluation, error) {
	es, err := s.Store.ListEvaluations(ctx, f)
	return es, s.count("list_evaluations", err)
}

func (s Store) PrepareEvaluation(ctx context.Context, e storage.Evaluation) (storage.Evaluation, bool, error) {
	got, created, err := s.Store.PrepareEvaluation(ctx, e)
	return got, created, s.count("prepare_evaluation", err)
}

func (s Store) StepEvaluation(ctx context.Context, id string, version int, st storage.EvalStep) (storage.Evaluation, error) {
	e, err := s.Store.StepEvaluation(ctx, id, version, st)
	return e, s.count("step_evaluation", err)
}
