package ikm

import (
	"math"
	"testing"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// A hand-computed example: 4 respondents.
//
//	element   answers      sum  NRR   NRR×1/9
//	1         4 4 3 3      14   3.50  0.38889
//	2         3 3 3 3      12   3.00  0.33333
//	3         2 3 4 3      12   3.00  0.33333
//	4         4 4 4 4      16   4.00  0.44444
//	5         3 4 3 4      14   3.50  0.38889
//	6         4 3 3 3      13   3.25  0.36111
//	7         4 4 4 3      15   3.75  0.41667
//	8         3 3 2 3      11   2.75  0.30556
//	9         3 3 3 4      13   3.25  0.36111
//	sum of NRR = 30.00; sum of NRR×1/9 = 30/9 = 3.33333; IKM = 3.33333 × 25 = 83.3333 → 83.33, B (Baik)
func TestHandComputedExample(t *testing.T) {
	s := storage.SurveyStats{Respondents: 4, Sums: [9]int{14, 12, 12, 16, 14, 13, 15, 11, 13}}
	r := Compute(s)
	wantNRR := [9]float64{3.5, 3, 3, 4, 3.5, 3.25, 3.75, 2.75, 3.25}
	if r.NRR != wantNRR {
		t.Fatalf("NRR = %v, want %v", r.NRR, wantNRR)
	}
	if math.Abs(r.Index-83.3333333) > 1e-6 || r.Score != 83.33 || r.Grade.Letter != "B" || i18n.ID.T(r.Grade.Label) != "Baik" {
		t.Fatalf("IKM = %v (%v) %+v, want 83.33 B", r.Index, r.Score, r.Grade)
	}
	if math.Abs(r.Weighted[0]-3.5/9) > 1e-12 {
		t.Fatalf("weight is not exactly 1/9: %v", r.Weighted[0])
	}
}

// The regulation's rounded weight 0.11 would give a different figure: we
// use exactly 1/9.
func TestExactWeightNotPointEleven(t *testing.T) {
	s := storage.SurveyStats{Respondents: 1, Sums: [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4}}
	if r := Compute(s); r.Score != 100 || r.Grade.Letter != "A" {
		t.Fatalf("all 4s = %v %s, want 100 A (0.11 weights would give 99)", r.Score, r.Grade.Letter)
	}
	s = storage.SurveyStats{Respondents: 1, Sums: [9]int{1, 1, 1, 1, 1, 1, 1, 1, 1}}
	if r := Compute(s); r.Score != 25 || r.Grade.Letter != "D" {
		t.Fatalf("all 1s = %v %s, want 25 D", r.Score, r.Grade.Letter)
	}
}

func TestGradeBoundaries(t *testing.T) {
	cases := []struct {
		score  float64
		letter string
	}{
		{100, "A"}, {88.31, "A"}, {88.30, "B"}, {76.61, "B"}, {76.60, "C"}, {65.00, "C"}, {64.99, "D"}, {25, "D"},
	}
	for _, tc := range cases {
		if g := GradeOf(tc.score); g.Letter != tc.letter {
			t.Errorf("GradeOf(%.2f) = %s, want %s", tc.score, g.Letter, tc.letter)
		}
	}
}

// Sums that land either side of 88.30/88.31 after rounding to two decimals.
func TestGradeBoundaryFromAnswers(t *testing.T) {
	// The sum of the NRRs is total/n, so IKM = total/(9·n) × 25. With
	// n = 900 respondents: total 28,611 → 88.3056 → 88.31 (A); total
	// 28,610 → 88.3025 → 88.30 (B).
	a := storage.SurveyStats{Respondents: 900, Sums: spread(28611)}
	b := storage.SurveyStats{Respondents: 900, Sums: spread(28610)}
	if r := Compute(a); r.Score != 88.31 || r.Grade.Letter != "A" {
		t.Fatalf("total 28611: %v %s, want 88.31 A", r.Score, r.Grade.Letter)
	}
	if r := Compute(b); r.Score != 88.30 || r.Grade.Letter != "B" {
		t.Fatalf("total 28610: %v %s, want 88.30 B", r.Score, r.Grade.Letter)
	}
}

// spread splits a total over the nine elements.
func spread(total int) [9]int {
	var s [9]int
	for i := range s {
		s[i] = total / 9
	}
	for i := 0; i < total%9; i++ {
		s[i]++
	}
	return s
}

func TestSampleSize(t *testing.T) {
	cases := map[int]int{0: 0, 100: 80, 1000: 278, 10000: 370, 1_000_000: 384, 1_000_000_000: 384}
	for n, want := range cases {
		if got := SampleSize(n); got != want {
			t.Errorf("SampleSize(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestNoRespondents(t *testing.T) {
	if r := Compute(storage.SurveyStats{}); r.Score != 0 || r.Grade.Letter != "" {
		t.Fatalf("empty = %+v", r)
	}
	if QuickMean(storage.SurveyStats{Respondents: 4, Sums: [9]int{13}}) != 3.25 {
		t.Fatal("quick mean")
	}
}
