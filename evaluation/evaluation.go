// Package evaluation owns the rules of the periodic evaluation of
// PermenPANRB 6/2022: the predikat kinerja that follows from the ratings of
// hasil kerja and perilaku kerja (the matrix), and the evaluation periods
// (monthly, quarterly, and the year) with the period that has just ended.
// It is pure: no I/O. The records are storage.Evaluation.
package evaluation

import (
	"fmt"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// matrix is the predikat of each pair, hasil kerja first (PermenPANRB
// 6/2022; the table of ../shared/DOMAIN.md):
//
//	hasil \ perilaku | di bawah       | sesuai          | di atas
//	di atas          | Kurang         | Baik            | Sangat Baik
//	sesuai           | Kurang         | Baik            | Baik
//	di bawah         | Sangat Kurang  | Butuh Perbaikan | Butuh Perbaikan
//
// Perilaku di bawah ekspektasi is Kurang (misconduct) whatever the results,
// unless the results too are below: Sangat Kurang.
var matrix = map[[2]storage.Rating]storage.Predikat{
	{storage.RatingAbove, storage.RatingBelow}: storage.PredikatKurang,
	{storage.RatingAbove, storage.RatingMeets}: storage.PredikatBaik,
	{storage.RatingAbove, storage.RatingAbove}: storage.PredikatSangatBaik,
	{storage.RatingMeets, storage.RatingBelow}: storage.PredikatKurang,
	{storage.RatingMeets, storage.RatingMeets}: storage.PredikatBaik,
	{storage.RatingMeets, storage.RatingAbove}: storage.PredikatBaik,
	{storage.RatingBelow, storage.RatingBelow}: storage.PredikatSangatKurang,
	{storage.RatingBelow, storage.RatingMeets}: storage.PredikatButuhPerbaikan,
	{storage.RatingBelow, storage.RatingAbove}: storage.PredikatButuhPerbaikan,
}

// Predikat is the predikat kinerja of a rating of hasil kerja and one of
// perilaku kerja; false when either is not a rating.
func Predikat(hasil, perilaku storage.Rating) (storage.Predikat, bool) {
	p, ok := matrix[[2]storage.Rating{hasil, perilaku}]
	return p, ok
}

// Cadence is how often a unit evaluates: every month or every quarter
// (the year's evaluation comes on top of either). Its value is the number
// of months, as the units' setting stores it.
type Cadence int

// Cadences.
const (
	Monthly   Cadence = 1
	Quarterly Cadence = 3
)

// ParseCadence reads a setting: bulanan/monthly or triwulan/quarterly
// (any case); "" is false.
func ParseCadence(s string) (Cadence, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "bulanan", "monthly", "1":
		return Monthly, true
	case "triwulan", "triwulanan", "quarterly", "3":
		return Quarterly, true
	}
	return 0, false
}

// Valid reports whether c is Monthly or Quarterly.
func (c Cadence) Valid() bool { return c == Monthly || c == Quarterly }

// PeriodOf is the period of cadence c that holds day's date: "2026-11"
// (monthly) or "2026-Q4" (quarterly).
func PeriodOf(day time.Time, c Cadence) string {
	y, m, _ := day.Date()
	if c == Quarterly {
		return fmt.Sprintf("%04d-Q%d", y, (int(m)-1)/3+1)
	}
	return fmt.Sprintf("%04d-%02d", y, int(m))
}

// Ended returns the periods to evaluate on local date day (in its
// location): the period of cadence c that ended before the one holding
// day, and the year before day's year when day lies in January (the
// annual evaluation). For 2027-01-04: monthly ["2026-12", "2026"],
// quarterly ["2026-Q4", "2026"]; for 2026-12-01 monthly ["2026-11"].
func Ended(day time.Time, c Cadence) []string {
	y, m, _ := day.Date()
	months := int(c)
	if !c.Valid() {
		months = int(Monthly)
	}
	first := time.Date(y, m-time.Month((int(m)-1)%months), 1, 0, 0, 0, 0, day.Location())
	out := []string{PeriodOf(first.AddDate(0, 0, -1), Cadence(months))}
	if m == time.January {
		out = append(out, fmt.Sprintf("%04d", y-1))
	}
	return out
}

// Bounds are the first and last dates (YYYY-MM-DD) of a period in
// storage.ParsePeriod's forms; false when it is not one.
func Bounds(period string) (from, to string, ok bool) {
	p, ok := storage.ParsePeriod(period)
	if !ok {
		return "", "", false
	}
	var y, n int
	var start time.Time
	var months int
	switch {
	case len(p) == 4:
		_, _ = fmt.Sscanf(p, "%04d", &y)
		start, months = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), 12
	case p[5] == 'Q':
		_, _ = fmt.Sscanf(p, "%04d-Q%d", &y, &n)
		start, months = time.Date(y, time.Month(3*n-2), 1, 0, 0, 0, 0, time.UTC), 3
	default:
		_, _ = fmt.Sscanf(p, "%04d-%02d", &y, &n)
		start, months = time.Date(y, time.Month(n), 1, 0, 0, 0, 0, time.UTC), 1
	}
	return start.Format(time.DateOnly), start.AddDate(0, months, -1).Format(time.DateOnly), true
}

// Opening reports whether day (in its location) lies in the first n days
// of a period of cadence c: while evaluations of the period that ended are
// still prepared.
func Opening(day time.Time, c Cadence, n int) bool {
	months := int(c)
	if !c.Valid() {
		months = int(Monthly)
	}
	return (int(day.Month())-1)%months == 0 && day.Day() <= n
}

// EndingIn are the periods that end in the month (year, m): the month
// itself, its quarter when m closes one, and the year in December. Every
// period ends in exactly one month, so a month's export lists each
// evaluation once: "2026-11" → ["2026-11"]; "2026-12" → ["2026-12",
// "2026-Q4", "2026"].
func EndingIn(year int, m time.Month) []string {
	first := time.Date(year, m, 1, 0, 0, 0, 0, time.UTC)
	out := []string{PeriodOf(first, Monthly)}
	if m%3 == 0 {
		out = append(out, PeriodOf(first, Quarterly))
	}
	if m == time.December {
		out = append(out, fmt.Sprintf("%04d", year))
	}
	return out
}
