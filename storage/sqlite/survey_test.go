package sqlite

import (
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// A database at schema version 2 (units without survey settings, no
// surveys or feedback) is migrated in place on Open: its units keep their
// fields and get the settings unset, and the new tables work.
func TestMigrateFromV2(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kinerja.db")
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		schemaV1,
		schemaV2,
		"PRAGMA user_version = 2",
		`INSERT INTO units (code, name, type, parent_code, timezone, latitude, longitude, created_at, updated_at)
		 VALUES ('PKM01', 'Puskesmas Lama', 'puskesmas', 'DINKES', 'Asia/Makassar', -0.5, 117.1, 1000, 2000)`,
	} {
		if _, err := db.ExecContext(t.Context(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	_ = db.Close()

	s := openAt(t, path)
	if got := userVersion(t, s.db.w); got != len(migrations()) {
		t.Errorf("user_version = %d, want %d", got, len(migrations()))
	}
	u, err := s.GetUnit(t.Context(), "PKM01")
	if err != nil {
		t.Fatalf("GetUnit after migration: %v", err)
	}
	if u.Name != "Puskesmas Lama" || u.ParentCode != "DINKES" || u.Latitude == nil || *u.Latitude != -0.5 ||
		u.CreatedAt.UnixMilli() != 1000 || u.ServiceUsers != 0 || u.Counters != 0 || u.QuickSurvey {
		t.Errorf("unit after migration = %+v", u)
	}
	u.ServiceUsers, u.Counters, u.QuickSurvey = 800, 2, true
	if err := s.UpsertUnit(t.Context(), u); err != nil {
		t.Fatalf("UpsertUnit after migration: %v", err)
	}
	if got, _ := s.GetUnit(t.Context(), "PKM01"); got.ServiceUsers != 800 || got.Counters != 2 || !got.QuickSurvey {
		t.Errorf("settings after migration = %+v", got)
	}
	sv := storage.Survey{ID: "s1", UnitCode: "PKM01", Date: "2025-03-10", Mode: storage.SurveyQuick, Answers: []int{4}}
	if err := s.AddSurvey(t.Context(), sv); err != nil {
		t.Fatalf("AddSurvey after migration: %v", err)
	}
	f := storage.Feedback{ID: "f1", FromNIP: testEmployee(1).NIP, ToNIP: testEmployee(2).NIP, Value: 2, Date: "2025-03-10"}
	if err := s.AddFeedback(t.Context(), f); err != nil {
		t.Fatalf("AddFeedback after migration: %v", err)
	}
}

// The answers are columns a1..a9, NULL where the mode has no element, so
// that SQL sums them; the query plans use the indexes.
func TestSurveyColumnsAndPlans(t *testing.T) {
	s := openTemp(t)
	for _, sv := range []storage.Survey{
		{ID: "q", UnitCode: "PKM01", Date: "2025-03-10", Mode: storage.SurveyQuick, Answers: []int{3}},
		{ID: "k", UnitCode: "PKM01", Date: "2025-03-10", Mode: storage.SurveySKM, Answers: []int{1, 2, 3, 4, 1, 2, 3, 4, 1}},
	} {
		if err := s.AddSurvey(t.Context(), sv); err != nil {
			t.Fatal(err)
		}
	}
	var a1, a9 sql.Null[int64]
	if err := s.db.QueryRowContext(t.Context(), "SELECT a1, a9 FROM surveys WHERE id = 'q'").Scan(&a1, &a9); err != nil {
		t.Fatal(err)
	}
	if !a1.Valid || a1.V != 3 || a9.Valid {
		t.Errorf("quick rating columns a1, a9 = %v, %v; want 3, NULL", a1, a9)
	}
	if err := s.db.QueryRowContext(t.Context(), "SELECT a1, a9 FROM surveys WHERE id = 'k'").Scan(&a1, &a9); err != nil {
		t.Fatal(err)
	}
	if a1.V != 1 || a9.V != 1 || !a9.Valid {
		t.Errorf("SKM columns a1, a9 = %v, %v; want 1, 1", a1, a9)
	}
	for _, c := range []struct {
		query string
		args  []any
		index string
	}{
		{surveyStatsSQL, []any{"PKM01", "skm", "2025-03-01", "2025-03-31"}, "surveys_unit_code_mode_date"},
		{surveyCommentsSQL, []any{"PKM01", "skm", "2025-03-01", "2025-03-31", 10}, "surveys_unit_code_mode_date"},
		{feedbackGivenSQL, []any{"x", "2025-03-10"}, "feedback_from_nip_date"},
		{feedbackCountsSQL, []any{`["x"]`, "2025-03-01", "2025-03-31"}, "feedback_to_nip_date"},
	} {
		if plan := queryPlan(t, s.db.w, c.query, c.args...); !strings.Contains(plan, c.index) {
			t.Errorf("plan of %s\n%s\ndoes not use %s", c.query, plan, c.index)
		}
	}
}

func queryPlan(t *testing.T, db *sql.DB, query string, args ...any) string {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatalf("EXPLAIN QUERY PLAN: %v", err)
	}
	defer func() { _ = rows.Close() }()
	var plan string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan += detail + "\n"
	}
	return plan
}
