package storetest

import (
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

func surveyCases() []testCase {
	return []testCase{
		{"stats: hand-computed IKM example, others excluded", testSurveyStatsExample},
		{"stats: each element summed in its own place", testSurveyStatsPlaces},
		{"stats: quick mode sums index 0 only, apart from SKM", testSurveyStatsQuick},
		{"stats of nothing are zero", testSurveyStatsEmpty},
		{"add is idempotent by ID", testSurveyIdempotent},
		{"has: stored or not", func(t *testing.T, s storage.Store) {
			checkHas(t, s, surveyID(1), false)
			mustAddSurvey(t, s, quick(1, "2025-03-10", 0, 4))
			checkHas(t, s, surveyID(1), true)
			checkHas(t, s, surveyID(2), false)
			checkHas(t, s, "", false)
		}},
		{"a survey breaking the record's rules is ErrInvalid", testSurveyInvalid},
		{"comments: non-empty only, oldest first, at most limit", testSurveyComments},
		{"comments of nothing are empty, not nil", func(t *testing.T, s storage.Store) {
			checkComments(t, s, "PKM01", storage.SurveySKM, "2025-03-01", "2025-03-31", 10)
			mustAddSurvey(t, s, skm(1, "2025-03-10", 0, ones()...)) // no comment
			checkComments(t, s, "PKM01", storage.SurveySKM, "2025-03-01", "2025-03-31", 10)
		}},
	}
}

// testSurveyStatsExample stores the example that ikm's own test computes
// from the sums (ikm.TestHandComputedExample), so the two meet: 4
// respondents, answers by element:
//
//	element   r1 r2 r3 r4   sum   NRR = sum/4   NRR × 1/9
//	1          4  4  3  3    14   3.50          0.38889
//	2          3  3  3  3    12   3.00          0.33333
//	3          2  3  4  3    12   3.00          0.33333
//	4          4  4  4  4    16   4.00          0.44444
//	5          3  4  3  4    14   3.50          0.38889
//	6          4  3  3  3    13   3.25          0.36111
//	7          4  4  4  3    15   3.75          0.41667
//	8          3  3  2  3    11   2.75          0.30556
//	9          3  3  3  4    13   3.25          0.36111
//
// Sum of NRR = 30.00; sum of NRR × 1/9 = 30/9 = 3.33333; IKM = 3.33333 × 25
// = 83.33, grade B (Baik). The store only sums: respondents 4 and the nine
// sums above are what it must give.
//
// r1 is dated on the first day of the range and r4 on the last (both
// inclusive). Surveys answered 1 throughout, which would show in every sum,
// are stored for another unit, in the quick mode, and a day before and a
// day after the range: none may count.
func testSurveyStatsExample(t *testing.T, s storage.Store) {
	for _, sv := range []storage.Survey{
		skm(1, "2025-03-01", 0, 4, 3, 2, 4, 3, 4, 4, 3, 3),
		survey(10, "PKM02", storage.SurveySKM, "2025-03-10", 1, ones()...), // another unit
		skm(2, "2025-03-10", 2, 4, 3, 3, 4, 4, 3, 4, 3, 3),
		quick(11, "2025-03-10", 3, 1),       // another mode
		skm(12, "2025-02-28", 4, ones()...), // the day before
		skm(3, "2025-03-15", 5, 3, 3, 4, 4, 3, 3, 4, 2, 3),
		skm(13, "2025-04-01", 6, ones()...), // the day after
		skm(4, "2025-03-31", 7, 3, 3, 3, 4, 4, 3, 3, 3, 4),
		survey(14, "PKM010", storage.SurveySKM, "2025-03-10", 8, ones()...), // a code PKM01 is a prefix of
	} {
		mustAddSurvey(t, s, sv)
	}
	example := storage.SurveyStats{Respondents: 4, Sums: [9]int{14, 12, 12, 16, 14, 13, 15, 11, 13}}
	checkStats(t, s, "PKM01", storage.SurveySKM, "2025-03-01", "2025-03-31", example)

	// What was left out is stored, and counted where it belongs.
	one := storage.SurveyStats{Respondents: 1, Sums: [9]int{1, 1, 1, 1, 1, 1, 1, 1, 1}}
	checkStats(t, s, "PKM02", storage.SurveySKM, "2025-03-01", "2025-03-31", one)
	checkStats(t, s, "PKM01", storage.SurveyQuick, "2025-03-01", "2025-03-31", storage.SurveyStats{Respondents: 1, Sums: [9]int{1}})
	wider := example
	wider.Respondents += 2
	for i := range wider.Sums {
		wider.Sums[i] += 2
	}
	checkStats(t, s, "PKM01", storage.SurveySKM, "2025-02-28", "2025-04-01", wider)
	// A one-day range: r2 alone.
	checkStats(t, s, "PKM01", storage.SurveySKM, "2025-03-10", "2025-03-10",
		storage.SurveyStats{Respondents: 1, Sums: [9]int{4, 3, 3, 4, 4, 3, 4, 3, 3}})
}

// testSurveyStatsPlaces: three surveys whose nine sums all differ (3 to
// 11), so that an element summed into another's place shows. (The
// hand-computed example has equal sums for elements 2 and 3, 1 and 5, 6
// and 9.)
func testSurveyStatsPlaces(t *testing.T, s storage.Store) {
	mustAddSurvey(t, s, skm(1, "2025-03-10", 0, 1, 1, 1, 2, 2, 2, 3, 3, 3))
	mustAddSurvey(t, s, skm(2, "2025-03-10", 1, 1, 1, 2, 2, 2, 3, 3, 3, 4))
	mustAddSurvey(t, s, skm(3, "2025-03-10", 2, 1, 2, 2, 2, 3, 3, 3, 4, 4))
	checkStats(t, s, "PKM01", storage.SurveySKM, "2025-03-10", "2025-03-10",
		storage.SurveyStats{Respondents: 3, Sums: [9]int{3, 4, 5, 6, 7, 8, 9, 10, 11}})
}

// testSurveyStatsQuick: a quick rating has one answer, summed in Sums[0];
// the other sums stay 0. The quick ratings and the SKM surveys of one unit
// never mix.
func testSurveyStatsQuick(t *testing.T, s storage.Store) {
	for _, sv := range []storage.Survey{
		quick(1, "2025-03-10", 0, 4),
		quick(2, "2025-03-11", 1, 3),
		skm(3, "2025-03-11", 2, 2, 2, 2, 2, 2, 2, 2, 2, 2),
		quick(4, "2025-03-12", 3, 2),
		quick(5, "2025-03-12", 4, 4),
	} {
		mustAddSurvey(t, s, sv)
	}
	// 4 + 3 + 2 + 4 = 13 over 4 respondents: a mean of 3.25.
	checkStats(t, s, "PKM01", storage.SurveyQuick, "2025-03-01", "2025-03-31",
		storage.SurveyStats{Respondents: 4, Sums: [9]int{13}})
	checkStats(t, s, "PKM01", storage.SurveySKM, "2025-03-01", "2025-03-31",
		storage.SurveyStats{Respondents: 1, Sums: [9]int{2, 2, 2, 2, 2, 2, 2, 2, 2}})
	checkStats(t, s, "PKM01", storage.SurveyQuick, "2025-03-11", "2025-03-11",
		storage.SurveyStats{Respondents: 1, Sums: [9]int{3}})
}

func testSurveyStatsEmpty(t *testing.T, s storage.Store) {
	zero := storage.SurveyStats{}
	checkStats(t, s, "PKM01", storage.SurveySKM, "2025-03-01", "2025-03-31", zero)
	mustAddSurvey(t, s, skm(1, "2025-03-10", 0, ones()...))
	checkStats(t, s, "PKM01", storage.SurveySKM, "2025-03-11", "2025-03-31", zero) // outside
	checkStats(t, s, "PKM01", storage.SurveySKM, "2025-03-31", "2025-03-01", zero) // from after to
	checkStats(t, s, "NOPE", storage.SurveySKM, "2025-03-01", "2025-03-31", zero)
	checkStats(t, s, "PKM01", storage.SurveyQuick, "2025-03-01", "2025-03-31", zero)
	checkStats(t, s, "PKM01", "lain", "2025-03-01", "2025-03-31", zero)
}

// testSurveyIdempotent: a second AddSurvey of an ID, whatever it holds,
// is nil and changes nothing: not the sums, not the comment, not the unit.
// Checked after each add: a store that overwrote would be found out before
// the third add restored the first.
func testSurveyIdempotent(t *testing.T, s storage.Store) {
	first := commented(skm(1, "2025-03-10", 0, 4, 4, 4, 4, 4, 4, 4, 4, 4), "Pelayanan cepat")
	mustAddSurvey(t, s, first)
	again := commented(survey(1, "PKM02", storage.SurveySKM, "2025-03-11", 30, ones()...), "Antrean lama")
	sameUnit := commented(skm(1, "2025-03-10", 0, ones()...), "Antrean lama")
	for _, sv := range []storage.Survey{again, sameUnit, first} {
		if err := s.AddSurvey(t.Context(), sv); err != nil {
			t.Fatalf("AddSurvey of the same id again: %v, want nil", err)
		}
		checkStats(t, s, "PKM01", storage.SurveySKM, "2025-03-01", "2025-03-31",
			storage.SurveyStats{Respondents: 1, Sums: [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4}})
		checkStats(t, s, "PKM02", storage.SurveySKM, "2025-03-01", "2025-03-31", storage.SurveyStats{})
		checkComments(t, s, "PKM01", storage.SurveySKM, "2025-03-01", "2025-03-31", 10, "Pelayanan cepat")
		checkHas(t, s, surveyID(1), true)
	}
}

// testSurveyInvalid: the stores refuse what storage.Survey's comments rule
// out, since their sums could not count it rightly, and store nothing.
func testSurveyInvalid(t *testing.T, s storage.Store) {
	nine := []int{4, 4, 4, 4, 4, 4, 4, 4, 4}
	for _, c := range []struct {
		name string
		edit func(*storage.Survey)
	}{
		{"empty id", func(sv *storage.Survey) { sv.ID = "" }},
		{"empty unit", func(sv *storage.Survey) { sv.UnitCode = "" }},
		{"unknown mode", func(sv *storage.Survey) { sv.Mode = "skm9" }},
		{"eight answers for skm", func(sv *storage.Survey) { sv.Answers = nine[:8] }},
		{"ten answers for skm", func(sv *storage.Survey) { sv.Answers = append(nine[:9:9], 4) }},
		{"no answers", func(sv *storage.Survey) { sv.Answers = nil }},
		{"nine answers for the quick mode", func(sv *storage.Survey) { sv.Mode = storage.SurveyQuick }},
		{"an answer of 0", func(sv *storage.Survey) { sv.Answers = []int{4, 4, 4, 4, 0, 4, 4, 4, 4} }},
		{"an answer of 5", func(sv *storage.Survey) { sv.Answers = []int{4, 4, 4, 4, 4, 4, 4, 4, 5} }},
		{"date without zero padding", func(sv *storage.Survey) { sv.Date = "2025-3-10" }},
		{"date day first", func(sv *storage.Survey) { sv.Date = "10-03-2025" }},
		{"no such date", func(sv *storage.Survey) { sv.Date = "2025-02-30" }},
		{"empty date", func(sv *storage.Survey) { sv.Date = "" }},
		{"negative counter", func(sv *storage.Survey) { sv.Counter = -1 }},
	} {
		sv := skm(1, "2025-03-10", 0, nine...)
		c.edit(&sv)
		checkErr(t, s.AddSurvey(t.Context(), sv), storage.ErrInvalid, "AddSurvey with "+c.name)
	}
	checkHas(t, s, surveyID(1), false)
	checkStats(t, s, "PKM01", storage.SurveySKM, "0000-01-01", "9999-12-31", storage.SurveyStats{})
	// The same survey, valid, with a counter and quick mode's one answer.
	ok := quick(1, "2025-03-10", 0, 1)
	ok.Counter = 2
	mustAddSurvey(t, s, ok)
	checkHas(t, s, surveyID(1), true)
}

func testSurveyComments(t *testing.T, s storage.Store) {
	odd := "Antre \"lama\",\nmohon ditambah kursi — terima kasih ✓"
	for _, sv := range []storage.Survey{
		commented(skm(1, "2025-03-12", 30, ones()...), "ketiga"),
		skm(2, "2025-03-10", 5, ones()...), // no comment
		commented(skm(3, "2025-03-10", 10, ones()...), "pertama"),
		commented(skm(4, "2025-03-31", 40, ones()...), odd), // last day of the range
		commented(skm(5, "2025-03-11", 20, ones()...), "kedua"),
		commented(survey(6, "PKM02", storage.SurveySKM, "2025-03-10", 0, ones()...), "unit lain"),
		commented(quick(7, "2025-03-10", 1, 4), "mode lain"),
		commented(skm(8, "2025-02-28", 0, ones()...), "sebelum"),
		commented(skm(9, "2025-04-01", 50, ones()...), "sesudah"),
	} {
		mustAddSurvey(t, s, sv)
	}
	checkComments(t, s, "PKM01", storage.SurveySKM, "2025-03-01", "2025-03-31", 10, "pertama", "kedua", "ketiga", odd)
	checkComments(t, s, "PKM01", storage.SurveySKM, "2025-03-01", "2025-03-31", 2, "pertama", "kedua")
	checkComments(t, s, "PKM01", storage.SurveySKM, "2025-03-01", "2025-03-31", 1, "pertama")
	checkComments(t, s, "PKM01", storage.SurveySKM, "2025-03-01", "2025-03-31", 0)
	checkComments(t, s, "PKM01", storage.SurveySKM, "2025-03-11", "2025-03-12", 10, "kedua", "ketiga")
	checkComments(t, s, "PKM01", storage.SurveyQuick, "2025-03-01", "2025-03-31", 10, "mode lain")
	checkComments(t, s, "PKM02", storage.SurveySKM, "2025-03-01", "2025-03-31", 10, "unit lain")
	_, err := s.SurveyComments(t.Context(), "PKM01", storage.SurveySKM, "2025-03-01", "2025-03-31", -1)
	checkErr(t, err, storage.ErrInvalid, "SurveyComments with limit -1")
}

func mustAddSurvey(t *testing.T, s storage.Store, sv storage.Survey) {
	t.Helper()
	if err := s.AddSurvey(t.Context(), sv); err != nil {
		t.Fatalf("AddSurvey(%s): %v", sv.ID, err)
	}
}

func checkHas(t *testing.T, s storage.Store, id string, want bool) {
	t.Helper()
	got, err := s.HasSurvey(t.Context(), id)
	if err != nil || got != want {
		t.Errorf("HasSurvey(%q) = %v, %v; want %v", id, got, err, want)
	}
}

// checkStats fails unless SurveyStats gives exactly want.
func checkStats(t *testing.T, s storage.Store, unit, mode, from, to string, want storage.SurveyStats) {
	t.Helper()
	got, err := s.SurveyStats(t.Context(), unit, mode, from, to)
	if err != nil {
		t.Fatalf("SurveyStats(%s, %s, %s, %s): %v", unit, mode, from, to, err)
	}
	if got != want {
		t.Errorf("SurveyStats(%s, %s, %s, %s)\n got: %+v\nwant: %+v", unit, mode, from, to, got, want)
	}
}

// checkComments fails unless SurveyComments gives exactly want, in order,
// as a non-nil slice.
func checkComments(t *testing.T, s storage.Store, unit, mode, from, to string, limit int, want ...string) {
	t.Helper()
	got, err := s.SurveyComments(t.Context(), unit, mode, from, to, limit)
	if err != nil {
		t.Fatalf("SurveyComments(%s, %s, %s, %s, %d): %v", unit, mode, from, to, limit, err)
	}
	checkNotNil(t, got, "SurveyComments")
	if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
		t.Errorf("SurveyComments(%s, %s, %s, %s, %d) = %q, want %q", unit, mode, from, to, limit, got, want)
	}
}
