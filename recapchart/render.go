package recapchart

import (
	"bytes"
	"fmt"
	"image/color"
	"strconv"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/measure"
)

// Size of the picture in pixels (at 72 dpi, one point a pixel): wide enough for 31 bars, and legible on a
// phone's screen, where it is shown about 400 points wide.
const (
	Width  = 1000
	Height = 600
)

// Colours of the chart.
var (
	approvedColor = color.RGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff} // green
	pendingColor  = color.RGBA{R: 0xf9, G: 0xa8, B: 0x25, A: 0xff} // amber
	targetColor   = color.RGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff} // red
	weekendColor  = color.RGBA{R: 0xe6, G: 0xe6, B: 0xe6, A: 0xff} // light grey
	holidayColor  = color.RGBA{R: 0xbb, G: 0xde, B: 0xfb, A: 0xff} // light blue
)

// Render draws the month as a PNG of Width × Height pixels.
func Render(m Month) ([]byte, error) {
	p, err := build(m)
	if err != nil {
		return nil, err
	}
	c := vgimg.NewWith(vgimg.UseWH(Width, Height), vgimg.UseDPI(72), vgimg.UseBackgroundColor(color.White))
	p.Draw(draw.New(c))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart png: %w", err)
	}
	return buf.Bytes(), nil
}

// build lays out the chart: the shaded days off behind stacked bars of
// hours approved and pending, and the daily target across.
func build(m Month) (*plot.Plot, error) {
	l := m.Lang
	t, _ := time.Parse("2006-01", m.Month) // checked by parse, or a test's own month
	p := plot.New()
	p.Title.Text = l.T(i18n.ChartTitle, measure.MonthName(string(l), t))
	p.Y.Label.Text = l.T(i18n.ChartHours)
	p.X.Label.Text = l.T(i18n.ChartDay)
	p.Y.Min = 0
	legible(p)

	approved, pending := hours(m.Days)
	barA, err := plotter.NewBarChart(approved, vg.Points(20))
	if err != nil {
		return nil, fmt.Errorf("chart bars: %w", err)
	}
	barP, err := plotter.NewBarChart(pending, vg.Points(20))
	if err != nil {
		return nil, fmt.Errorf("chart bars: %w", err)
	}
	barA.Color, barA.LineStyle.Width = approvedColor, 0
	barP.Color, barP.LineStyle.Width = pendingColor, 0
	barP.StackOn(barA)
	grid := plotter.NewGrid()
	grid.Vertical.Width = 0
	p.Add(daysOff{days: m.Days}, grid, barA, barP)
	p.Legend.Add(l.T(i18n.ChartApproved), barA)
	p.Legend.Add(l.T(i18n.ChartPending), barP)
	if m.Target > 0 {
		addTarget(p, m)
	}
	p.Legend.Add(l.T(i18n.ChartWeekend), swatch(weekendColor))
	p.Legend.Add(l.T(i18n.ChartHoliday), swatch(holidayColor))
	p.NominalX(dayLabels(len(m.Days))...)
	// Room above the highest bar for the legend.
	p.Y.Max = max(p.Y.Max, float64(m.Target)/60, 1) * 1.5
	p.Y.Tick.Marker = hourTicks{}
	return p, nil
}

// legible sets type sizes that read on a phone.
func legible(p *plot.Plot) {
	p.Title.TextStyle.Font.Size = vg.Points(26)
	p.Title.Padding = vg.Points(10)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font.Size = vg.Points(18)
		a.Tick.Label.Font.Size = vg.Points(15)
	}
	p.Legend.TextStyle.Font.Size = vg.Points(17)
	p.Legend.Top = true
	p.Legend.ThumbnailWidth = vg.Points(24)
	p.Legend.Padding = vg.Points(4)
}

// hours are the days' approved and pending minutes in hours.
func hours(days []Day) (approved, pending plotter.Values) {
	approved, pending = make(plotter.Values, len(days)), make(plotter.Values, len(days))
	for i, d := range days {
		approved[i], pending[i] = float64(d.Approved)/60, float64(d.Pending)/60
	}
	return approved, pending
}

// addTarget draws the daily target across the month.
func addTarget(p *plot.Plot, m Month) {
	y := float64(m.Target) / 60
	line, _ := plotter.NewLine(plotter.XYs{{X: -0.5, Y: y}, {X: float64(len(m.Days)) - 0.5, Y: y}}) // finite points
	line.Color, line.Width, line.Dashes = targetColor, vg.Points(3), []vg.Length{vg.Points(10), vg.Points(6)}
	p.Add(line)
	p.Legend.Add(m.Lang.T(i18n.ChartTarget, measure.FormatMinutes(m.Target, string(m.Lang))), line)
}

func dayLabels(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = strconv.Itoa(i + 1)
	}
	return out
}

// hourTicks marks every hour, or every second hour on a tall axis.
type hourTicks struct{}

// Ticks implements plot.Ticker.
func (hourTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 1.0
	if hi-lo > 12 {
		step = 2
	}
	var ts []plot.Tick
	for v := 0.0; v <= hi; v += step {
		if v >= lo {
			ts = append(ts, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'f', 0, 64)})
		}
	}
	return ts
}
