package console

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/export"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// BenchmarkSummary serves a super-admin's Ringkasan (the first 20 of 21
// units) over 20 units of 100 people, each with a report on every work
// day of November so far (26,000 reports, half approved).
//
//	go test -run '^$' -bench Summary -benchtime 5x ./console/
func BenchmarkSummary(b *testing.B) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(benchDir(b), "kinerja.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close(ctx)
	if err := st.UpsertUnit(ctx, storage.Unit{Code: "ROOT", Name: "Root", Timezone: "Asia/Jakarta"}); err != nil {
		b.Fatal(err)
	}
	days := []string{}
	for d := 2; d <= 18; d++ {
		t := time.Date(2026, 11, d, 0, 0, 0, 0, jakarta)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			days = append(days, t.Format(time.DateOnly))
		}
	}
	n := 0
	for u := range 20 {
		code := fmt.Sprintf("U%02d", u)
		if err := st.UpsertUnit(ctx, storage.Unit{Code: code, Name: code, ParentCode: "ROOT", Timezone: "Asia/Jakarta"}); err != nil {
			b.Fatal(err)
		}
		people := make([]storage.Employee, 100)
		for p := range people {
			people[p] = storage.Employee{NIP: fmt.Sprintf("1990010120150%02d%03d", u, p), Name: "P", UnitCode: code, Active: true, SupervisorNIP: fmt.Sprintf("1990010120150%02d%03d", u, 0)}
		}
		if err := st.UpsertEmployees(ctx, people); err != nil {
			b.Fatal(err)
		}
		for _, e := range people {
			for _, day := range days {
				n++
				at, _ := time.ParseInLocation(time.DateOnly, day, jakarta)
				a := storage.Activity{ID: fmt.Sprintf("01KBENCH%018d", n), NIP: e.NIP, UnitCode: code, SupervisorNIP: e.SupervisorNIP, Date: day,
					Content: storage.Content{Minutes: 300, Description: "x"}, SubmittedAt: at.Add(8 * time.Hour)}
				if err := st.CreateActivity(ctx, a); err != nil {
					b.Fatal(err)
				}
				if n%2 == 0 {
					if _, err := st.DecideActivity(ctx, a.ID, 1, storage.Decide{To: storage.StatusApproved, ByNIP: e.SupervisorNIP, At: a.SubmittedAt}); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	}
	c := New(Deps{Store: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return testNow },
		Export: export.Options{DefaultTimezone: "Asia/Jakarta"}})
	s := seeded{c: c, st: st}
	super := &Viewer{NIP: "1", Role: RoleSuper, Lang: "id", CSRF: "test-csrf"}
	b.ResetTimer()
	for range b.N {
		if rec := s.get(b, super, "/console/?month=2026-11"); rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

func benchDir(b *testing.B) string {
	if d := os.Getenv("BENCH_DIR"); d != "" {
		return d
	}
	return b.TempDir()
}
