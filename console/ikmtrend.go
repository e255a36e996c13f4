package console

import (
	"context"
	"fmt"
	"time"

	"github.com/kinerjabot/kinerjabot/ikm"
	"github.com/kinerjabot/kinerjabot/storage"
)

// trendMonths is how many months Ringkasan's IKM trend shows.
const trendMonths = 6

// ikmTrend is a unit's IKM in each of the months up to a month, oldest
// first; the last is the month's.
type ikmTrend []ikmMonth

// ikmMonth is a unit's IKM over one month (package ikm, DOMAIN.md).
type ikmMonth struct {
	Month  string
	Result ikm.Result
}

// Last is the trend's last month.
func (t ikmTrend) Last() ikmMonth {
	if len(t) == 0 {
		return ikmMonth{}
	}
	return t[len(t)-1]
}

// Any reports whether any month has respondents.
func (t ikmTrend) Any() bool {
	for _, m := range t {
		if m.Result.Respondents > 0 {
			return true
		}
	}
	return false
}

// ikmTrend reads u's nine-element surveys of the n months up to month.
func (c *Console) ikmTrend(ctx context.Context, u storage.Unit, month string, n int) (ikmTrend, error) {
	last, err := time.Parse("2006-01", month)
	if err != nil {
		return nil, err
	}
	out := make(ikmTrend, 0, n)
	for i := n - 1; i >= 0; i-- {
		first := last.AddDate(0, -i, 0)
		s, err := c.d.Store.SurveyStats(ctx, u.Code, storage.SurveySKM, first.Format(time.DateOnly), first.AddDate(0, 1, -1).Format(time.DateOnly))
		if err != nil {
			return nil, fmt.Errorf("survey stats: %w", err)
		}
		out = append(out, ikmMonth{Month: first.Format("2006-01"), Result: ikm.Compute(s)})
	}
	return out, nil
}

// GradeKey is the catalogue key of the month's grade label ("" with no
// respondents), for the templates' t.
func (m ikmMonth) GradeKey() string { return string(m.Result.Grade.Label) }
