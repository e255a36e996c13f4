package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkCoachingPairsSince is the scheduler's one read for the nudge
// (once a pass while a supervisor's time is due) over a year of feedback:
// 500 supervisors × 8 members, one a week each (≈ 200,000 rows), the last
// 30 days asked.
func BenchmarkCoachingPairsSince(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "kinerja.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = s.Close(ctx) }()
	end := time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)
	n := 0
	for week := range 52 { // a transaction a week: the seeding is not what is measured
		at := end.AddDate(0, 0, -7*week)
		err := s.db.tx(ctx, func(tx *sql.Tx) error {
			for i := range 500 * 8 {
				n++
				_, err := tx.ExecContext(ctx, insertCoachingSQL, fmt.Sprintf("C%025d", n), fmt.Sprintf("S%017d", i/8),
					fmt.Sprintf("M%017d", i), "", "", "Bagus, lanjutkan", millis(at))
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	since := end.AddDate(0, 0, -30)
	b.ResetTimer()
	for b.Loop() {
		pairs, err := s.CoachingPairsSince(ctx, since)
		if err != nil || len(pairs) != 4000 {
			b.Fatalf("%d pairs, %v", len(pairs), err)
		}
	}
}
