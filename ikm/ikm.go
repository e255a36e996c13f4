// Package ikm computes the Indeks Kepuasan Masyarakat (IKM) of PermenPANRB
// 14/2017 from the sums a store aggregates: the NRR of each of the nine
// elements, the IKM with weights of exactly 1/9 (the regulation's worked
// example rounds the weight to 0.11; we do not), the grade, and the
// Krejcie–Morgan sample size. Pure functions.
package ikm

import (
	"math"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Weight is each element's weight: exactly 1/9.
const Weight = 1.0 / storage.SKMElements

// Result is a unit's IKM over a period.
type Result struct {
	Respondents int
	// NRR[i] is the mean answer (1..4) to element i+1.
	NRR [storage.SKMElements]float64
	// Weighted[i] is NRR[i] × 1/9.
	Weighted [storage.SKMElements]float64
	// Index is the IKM on the 25–100 scale (unrounded); Score is it rounded
	// to two decimals, the figure reports show and grades are read from.
	Index, Score float64
	Grade        Grade
}

// Grade is the service quality grade (mutu pelayanan) of an IKM.
type Grade struct {
	Letter string // A, B, C, D
	// Label is the performance label ("Baik"), a text of the catalogue.
	Label i18n.Key
}

// Compute turns aggregated sums into the IKM. With no respondents it
// returns the zero Result (no grade).
func Compute(s storage.SurveyStats) Result {
	r := Result{Respondents: s.Respondents}
	if s.Respondents == 0 {
		return r
	}
	var total float64
	for i := range storage.SKMElements {
		r.NRR[i] = float64(s.Sums[i]) / float64(s.Respondents)
		r.Weighted[i] = r.NRR[i] * Weight
		total += r.Weighted[i]
	}
	r.Index = total * 25
	r.Score = math.Round(r.Index*100) / 100
	r.Grade = GradeOf(r.Score)
	return r
}

// GradeOf grades an IKM score (two decimals): A Sangat baik 88.31–100,
// B Baik 76.61–88.30, C Kurang baik 65.00–76.60, D Tidak baik 25.00–64.99.
func GradeOf(score float64) Grade {
	switch cents := math.Round(score * 100); {
	case cents >= 8831:
		return Grade{"A", i18n.IKMGradeA}
	case cents >= 7661:
		return Grade{"B", i18n.IKMGradeB}
	case cents >= 6500:
		return Grade{"C", i18n.IKMGradeC}
	default:
		return Grade{"D", i18n.IKMGradeD}
	}
}

// SampleSize is the Krejcie–Morgan sample for a population of n service
// users: S = 3.841·N·0.25 / (0.0025·(N−1) + 3.841·0.25), rounded to the
// nearest whole respondent (100 → 80, 1,000 → 278, 10,000 → 370, large
// N → 384). Zero for an unknown population.
func SampleSize(n int) int {
	if n <= 0 {
		return 0
	}
	N := float64(n)
	return int(math.Round(3.841 * N * 0.25 / (0.0025*(N-1) + 3.841*0.25)))
}

// QuickMean is the mean of the quick one-question ratings (1..4), reported
// apart from the IKM.
func QuickMean(s storage.SurveyStats) float64 {
	if s.Respondents == 0 {
		return 0
	}
	return float64(s.Sums[0]) / float64(s.Respondents)
}
