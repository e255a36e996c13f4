package recapchart

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// daysOff shades the columns of weekends and holidays (a plot.Plotter
// drawn first, behind the bars).
type daysOff struct{ days []Day }

// Plot implements plot.Plotter.
func (d daysOff) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	for i, day := range d.days {
		col, ok := offColor(day.Kind)
		if !ok {
			continue
		}
		x0, x1 := trX(float64(i)-0.5), trX(float64(i)+0.5)
		c.FillPolygon(col, []vg.Point{{X: x0, Y: c.Min.Y}, {X: x1, Y: c.Min.Y}, {X: x1, Y: c.Max.Y}, {X: x0, Y: c.Max.Y}})
	}
}

// DataRange implements plot.DataRanger: the whole month, from zero.
func (d daysOff) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -0.5, float64(len(d.days)) - 0.5, 0, 0
}

func offColor(k DayKind) (color.Color, bool) {
	switch k {
	case Weekend:
		return weekendColor, true
	case Holiday:
		return holidayColor, true
	}
	return nil, false
}

// swatch is a legend entry of a plain colour.
type swatch color.RGBA

// Thumbnail implements plot.Thumbnailer.
func (s swatch) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(color.RGBA(s), []vg.Point{
		{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y},
	})
}
