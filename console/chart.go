package console

import "fmt"

// The charts are inline SVG written by the templates from these shapes
// (no script, nothing fetched): each stands beside its figures as text,
// so the SVG is decoration (aria-hidden) and the numbers carry the
// meaning.

// segment is one part of a stacked bar, in percent of its width.
type segment struct {
	X, W  float64
	Class string
}

// Segments lays b out as a stacked bar 100 wide: one segment per band
// with a count, classed s0, s1, … by band.
func (b bands) Segments() []segment {
	total := b.Total()
	if total == 0 {
		return nil
	}
	var out []segment
	x := 0.0
	for i, n := range b {
		if n == 0 {
			continue
		}
		w := 100 * float64(n) / float64(total)
		out = append(out, segment{X: x, W: w, Class: fmt.Sprintf("s%d", i)})
		x += w
	}
	return out
}

// column is one column of a small column chart 10 units wide a column
// and trendHeight high.
type column struct {
	X, Y, H float64
	Title   string
}

// trendHeight is the height of the IKM trend chart.
const trendHeight = 30

// Width is the trend chart's width.
func (t ikmTrend) Width() int { return 10 * len(t) }

// Columns lays the trend out: a column per month, its height the IKM on
// the 0–100 scale (no column for a month without respondents).
func (t ikmTrend) Columns() []column {
	var out []column
	for i, m := range t {
		if m.Result.Respondents == 0 {
			continue
		}
		h := trendHeight * m.Result.Score / 100
		out = append(out, column{X: float64(10*i) + 1, Y: trendHeight - h, H: h, Title: fmt.Sprintf("%s: %.2f", m.Month, m.Result.Score)})
	}
	return out
}
