package sqlite

import (
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// ListEvaluations reads an index for each filter it is used with (the
// exports' unit and period, a team member's period, /evaluasi's states, a
// person's own), never the whole table.
func TestListEvaluationsPlans(t *testing.T) {
	s := openTemp(t)
	for _, c := range []struct {
		f     storage.EvaluationFilter
		index string
	}{
		{storage.EvaluationFilter{UnitCode: "PKM", Period: "2026-11"}, "evaluations_unit_period"},
		{storage.EvaluationFilter{NIP: "199001152019031004", Period: "2026-11"}, "sqlite_autoindex_evaluations"},
		{storage.EvaluationFilter{NIP: "199001152019031004"}, "sqlite_autoindex_evaluations"},
		{storage.EvaluationFilter{SupervisorNIP: "x", States: []storage.EvalState{storage.EvalDue}}, "evaluations_supervisor_state"},
		{storage.EvaluationFilter{States: []storage.EvalState{storage.EvalDue, storage.EvalObjected}}, "evaluations_state"},
	} {
		query, args := listEvaluationsSQL(c.f)
		if plan := queryPlan(t, s.db.w, query, args...); !strings.Contains(plan, c.index) || strings.Contains(plan, "SCAN evaluations\n") {
			t.Errorf("plan of %+v: %s\n%s\ndoes not use %s", c.f, query, plan, c.index)
		}
	}
}
