package roster

import (
	"context"

	"github.com/kinerjabot/kinerjabot/storage"
)

// EvaluationMonths picks the unit's evaluation cadence in months (1
// monthly, 3 quarterly; 0 inherits).
func EvaluationMonths(u storage.Unit) int { return u.EvaluationMonths }

// Reviewer is who decides a keberatan against rater's evaluation on the
// local date day: whoever decides rater's own reports (Decider), or, for a
// rater at the top of the chain (no supervisor on the roster), an admin
// of rater's unit or the nearest unit above, as for a chain that ends.
func Reviewer(ctx context.Context, d Directory, rater storage.Employee, day string) (Answer, error) {
	a, err := Decider(ctx, d, rater, day)
	if err != nil || a.NIP != "" || rater.SupervisorNIP != "" {
		return a, err
	}
	nip, err := unitAdmin(ctx, d, rater)
	return Answer{NIP: nip, Admin: nip != ""}, err
}
