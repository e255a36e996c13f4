package storage

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Kinds of SKP target (SKPTarget.Kind): hasil kerja utama and tambahan.
const (
	SKPKindUtama    = "utama"
	SKPKindTambahan = "tambahan"
)

// Years an SKP period may name, inclusive.
const (
	minPeriodYear = 2000
	maxPeriodYear = 2100
)

// ParsePeriod checks an SKP period and returns its canonical form: a year
// "2026", a quarter "2026-Q4" (Q1 to Q4, any case) or a month "2026-11"
// (two-digit month), for years 2000 to 2100. Surrounding spaces are
// ignored.
func ParsePeriod(s string) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	year, rest, hasRest := strings.Cut(s, "-")
	if len(year) != 4 || !allDigits(year) {
		return "", false
	}
	if y, _ := strconv.Atoi(year); y < minPeriodYear || y > maxPeriodYear {
		return "", false
	}
	switch {
	case !hasRest:
		return year, true
	case len(rest) == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4':
		return year + "-" + rest, true
	case len(rest) == 2 && allDigits(rest):
		if m, _ := strconv.Atoi(rest); m >= 1 && m <= 12 {
			return year + "-" + rest, true
		}
	}
	return "", false
}

// CurrentPeriods returns the periods that contain now's date, month first,
// then quarter, then year: for 2026-11-23, ["2026-11", "2026-Q4", "2026"].
// Give now in the unit's time zone: the date is read in now's location. The
// report flow offers the targets of any of them.
func CurrentPeriods(now time.Time) []string {
	y, m, _ := now.Date()
	return []string{
		fmt.Sprintf("%04d-%02d", y, int(m)),
		fmt.Sprintf("%04d-Q%d", y, (int(m)-1)/3+1),
		fmt.Sprintf("%04d", y),
	}
}

// allDigits reports whether s is ASCII digits only (callers check length).
func allDigits(s string) bool { return strings.Trim(s, "0123456789") == "" }
