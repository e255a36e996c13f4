package handlers

import (
	"context"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// The evaluation summary's count of supervisor feedback (the router wires
// Options.SupervisorFeedback to it): the period's dates in the person's
// unit's zone (WITA), both ends included.
func TestFeedbackCountForTheEvaluation(t *testing.T) {
	st := rosterStore(t)
	ctx := context.Background()
	wita := time.FixedZone("WITA", 8*3600)
	for i, at := range []time.Time{
		time.Date(2026, 10, 31, 23, 30, 0, 0, wita), // before the period
		time.Date(2026, 11, 1, 0, 10, 0, 0, wita),
		time.Date(2026, 11, 30, 23, 50, 0, 0, wita),
		time.Date(2026, 12, 1, 0, 5, 0, 0, wita), // after
	} {
		c := storage.Coaching{ID: "01JQAC0000000000000000000" + string(rune('1'+i)), FromNIP: nipKapus, ToNIP: nipStaff,
			Note: "Bagus", At: at}
		if err := st.AddCoaching(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	r := newRouter(st, "id")
	for _, tc := range []struct {
		nip, from, to string
		want          int
	}{
		{nipStaff, "2026-11-01", "2026-11-30", 2},
		{nipStaff, "2026-10-01", "2026-12-31", 4},
		{nipKapus, "2026-11-01", "2026-11-30", 0},
	} {
		if got, err := r.opt.SupervisorFeedback(ctx, tc.nip, tc.from, tc.to); err != nil || got != tc.want {
			t.Errorf("feedback of %s %s..%s = %d, %v; want %d", tc.nip, tc.from, tc.to, got, err, tc.want)
		}
	}
}
