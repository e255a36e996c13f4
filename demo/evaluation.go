package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/kinerjabot/kinerjabot/evaluation"
	"github.com/kinerjabot/kinerjabot/storage"
)

// EvaluationStore prepares the demo's evaluation; storage.Store is one.
type EvaluationStore interface {
	PrepareEvaluation(ctx context.Context, e storage.Evaluation) (storage.Evaluation, bool, error)
}

// The demo's evaluation: Rizal's, rated by Maya.
const (
	evalPerson = "199607142020121003" // rizal
	evalRater  = "198003122006042009" // maya
)

// SeedEvaluation prepares, so that the playground shows one periodic
// evaluation end to end without waiting for a period to end, Rizal's
// evaluation of the month before now's (in the demo's zone), to be rated by
// Maya: Maya opens it with /evaluasi and rates it, Rizal accepts it or
// files a keberatan, which Yuliana decides (the Dinas's admin: Maya has no
// supervisor in the demo). Preparing it again changes nothing.
func SeedEvaluation(ctx context.Context, st EvaluationStore, now time.Time) error {
	zone, err := time.LoadLocation(Zone)
	if err != nil {
		return fmt.Errorf("demo: zone: %w", err)
	}
	local := now.In(zone)
	period := evaluation.PeriodOf(time.Date(local.Year(), local.Month(), 1, 0, 0, 0, 0, zone).AddDate(0, 0, -1), evaluation.Monthly)
	_, _, err = st.PrepareEvaluation(ctx, storage.Evaluation{NIP: evalPerson, UnitCode: "PKM-SEMPAJA", Period: period,
		SupervisorNIP: evalRater})
	if err != nil {
		return fmt.Errorf("demo: prepare the evaluation: %w", err)
	}
	return nil
}
