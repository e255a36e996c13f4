package console

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/storage"
)

// evaluationsDue counts the unit's periodic evaluations waiting for their
// supervisor's rating (an index read: unit, then period).
func (f *figuresRun) evaluationsDue(ctx context.Context, unit string) (int, error) {
	list, err := f.c.d.Store.ListEvaluations(ctx, storage.EvaluationFilter{UnitCode: unit, States: []storage.EvalState{storage.EvalDue}})
	if err != nil {
		return 0, fmt.Errorf("list evaluations: %w", err)
	}
	return len(list), nil
}
