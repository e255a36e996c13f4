package poster

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"rsc.io/qr"
)

// The layout is computed once per output in the output's own units (pixels
// for PNG, points for PDF) from sizes given as fractions of the page width,
// so both outputs have the same design. Text is wrapped by measuring it with
// the output's own font metrics.

// Relative sizes, as fractions of the page width.
const (
	relMargin     = 0.075 // white margin on every side; nothing is drawn there
	relPadding    = 0.030 // inner padding of the header band
	relCorner     = 0.022 // corner radius of the header band
	relTitle      = 0.046
	relCounter    = 0.040
	relInvitation = 0.030
	relLink       = 0.020
	relFooter     = 0.018
	relGap        = 0.035
	relQRMax      = 0.72 // largest QR side, quiet zone included
	relQRMin      = 0.40 // smallest QR side accepted by the layout
)

// Unit name sizes tried in turn until the name fits in the given number of
// lines: a long name first gets smaller, then a fourth line.
var unitSizes = []struct {
	rel   float64
	lines int
}{{0.056, 3}, {0.050, 3}, {0.044, 3}, {0.038, 4}, {0.034, 4}, {0.030, 4}}

const (
	maxUnitLines = 4
	lineFactor   = 1.25 // line advance / font size
	ascentRatio  = 0.95 // Go fonts: ascent 0.945 em
	// qrLevel is the error correction level: M recovers about 15% damage,
	// enough for a printed and laminated poster while keeping the modules
	// large.
	qrLevel = qr.M
	// quietModules is the white border around the symbol required by
	// ISO/IEC 18004 (4 modules).
	quietModules = 4
)

var (
	colAccent = color.RGBA{0x0B, 0x4F, 0x6C, 0xFF} // deep blue-teal
	colText   = color.RGBA{0x1A, 0x1A, 0x1A, 0xFF}
	colBody   = color.RGBA{0x33, 0x33, 0x33, 0xFF}
	colMuted  = color.RGBA{0x55, 0x55, 0x55, 0xFF}
	colWhite  = color.RGBA{0xFF, 0xFF, 0xFF, 0xFF}
	colBlack  = color.RGBA{0x00, 0x00, 0x00, 0xFF}
)

// measurer gives the advance width of s in the layout's units.
type measurer interface {
	width(bold bool, size float64, s string) float64
}

type textItem struct {
	s     string
	bold  bool
	size  float64
	x, y  float64 // left end of the baseline
	color color.RGBA
}

type rectItem struct {
	x, y, w, h, r float64
	color         color.RGBA
}

type pageLayout struct {
	w, h   float64
	margin float64
	rects  []rectItem
	texts  []textItem
	// QR code: the square (x, y, side) includes the quiet zone.
	code             *qr.Code
	qrX, qrY, qrSide float64
	link             string
	// linkBox covers the QR code and the printed link (for a PDF link
	// annotation).
	linkBox rectItem
}

// modules is the number of modules across the QR square, quiet zone
// included.
func (l *pageLayout) modules() int { return l.code.Size + 2*quietModules }

// dark reports whether module (x, y) of the QR square, counted from the
// top-left corner of the quiet zone, is dark.
func (l *pageLayout) dark(x, y int) bool {
	return l.code.Black(x-quietModules, y-quietModules)
}

// layout validates p and places everything on a w x h page.
func (p Poster) layout(w, h float64, m measurer) (*pageLayout, error) {
	t, err := p.content()
	if err != nil {
		return nil, err
	}
	link := strings.TrimSpace(p.Link)
	code, err := encodeQR(link, qrLevel)
	if err != nil {
		return nil, fmt.Errorf("poster: encoding QR code: %w", err)
	}
	l := &pageLayout{w: w, h: h, margin: relMargin * w, code: code, link: link}
	left, right := l.margin, w-l.margin
	cw := right - left
	gap := relGap * w

	// centered adds wrapped, centered lines starting with the top of the
	// first line at y, and returns the y below the last line.
	centered := func(lines []string, bold bool, size float64, col color.RGBA, y float64) float64 {
		for _, s := range lines {
			x := left + (cw-m.width(bold, size, s))/2
			l.texts = append(l.texts, textItem{s: s, bold: bold, size: size, x: x, y: y + ascentRatio*size, color: col})
			y += lineFactor * size
		}
		return y
	}

	// Header band with the title in white.
	y := l.margin
	pad := relPadding * w
	titleSize := relTitle * w
	titleLines := wrap(t.title, cw-2*pad, func(s string) float64 { return m.width(true, titleSize, s) })
	bandH := 2*pad + float64(len(titleLines))*lineFactor*titleSize - (lineFactor-1)*titleSize
	l.rects = append(l.rects, rectItem{x: left, y: y, w: cw, h: bandH, r: relCorner * w, color: colAccent})
	centered(titleLines, true, titleSize, colWhite, y+pad-(lineFactor-1)*titleSize/2)
	y += bandH + gap

	// Unit name: the largest size at which it fits, else the smallest size
	// with the last line cut short (only names near MaxUnitNameRunes made
	// of wide letters get there).
	var unitLines []string
	var unitSize float64
	for i, us := range unitSizes {
		unitSize = us.rel * w
		mw := func(s string) float64 { return m.width(true, unitSize, s) }
		unitLines = wrap(t.unit, cw, mw)
		if len(unitLines) <= us.lines {
			break
		}
		if i == len(unitSizes)-1 {
			unitLines = unitLines[:us.lines]
			unitLines[us.lines-1] = ellipsize(unitLines[us.lines-1], cw, mw)
		}
	}
	y = centered(unitLines, true, unitSize, colText, y)
	if t.counter != "" {
		y += 0.2 * relCounter * w
		cs := relCounter * w
		y = centered(wrap(t.counter, cw, func(s string) float64 { return m.width(true, cs, s) }), true, cs, colAccent, y)
	}

	// A thin rule, then the invitation.
	y += gap / 2
	ruleW := 0.25 * cw
	l.rects = append(l.rects, rectItem{x: left + (cw-ruleW)/2, y: y, w: ruleW, h: 0.004 * w, color: colAccent})
	y += gap / 2
	is := relInvitation * w
	y = centered(wrap(t.invitation, cw, func(s string) float64 { return m.width(false, is, s) }), false, is, colBody, y)
	top := y + gap/2

	// From the bottom up: footer, then the link under the QR code.
	bottom := h - l.margin
	if t.footer != "" {
		fs := relFooter * w
		lines := wrap(t.footer, cw, func(s string) float64 { return m.width(false, fs, s) })
		fh := float64(len(lines)) * lineFactor * fs
		centered(lines, false, fs, colMuted, bottom-fh)
		bottom -= fh + gap/2
	}
	ls := relLink * w
	linkLines := wrapChars(cleanText(link), cw, func(s string) float64 { return m.width(false, ls, s) })
	linkH := float64(len(linkLines)) * lineFactor * ls

	// The QR code takes the room left, up to relQRMax of the width; the
	// QR + link block is centred vertically in that room.
	avail := bottom - top - linkH
	side := math.Min(avail, relQRMax*w)
	if side < relQRMin*w {
		return nil, fmt.Errorf("poster: no room left for the QR code (%.0f of %.0f)", side, relQRMin*w)
	}
	y = top + (avail-side)/2
	l.qrX, l.qrY, l.qrSide = left+(cw-side)/2, y, side
	y = centered(linkLines, false, ls, colMuted, y+side)
	l.linkBox = rectItem{x: l.qrX, y: l.qrY, w: side, h: y - l.qrY}
	return l, nil
}

// wrap breaks text into lines no wider than max, at spaces; a word wider
// than max on its own is broken between characters.
func wrap(text string, max float64, width func(string) float64) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(text) {
		if cur != "" {
			if cand := cur + " " + word; width(cand) <= max {
				cur = cand
				continue
			}
			lines = append(lines, cur)
			cur = ""
		}
		if width(word) <= max {
			cur = word
			continue
		}
		parts := wrapChars(word, max, width)
		lines = append(lines, parts[:len(parts)-1]...)
		cur = parts[len(parts)-1]
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// wrapChars breaks s between characters into lines no wider than max (a
// line holds at least one character, whatever its width).
func wrapChars(s string, max float64, width func(string) float64) []string {
	var lines []string
	rs := []rune(s)
	for len(rs) > 0 {
		n := 1
		for n < len(rs) && width(string(rs[:n+1])) <= max {
			n++
		}
		lines = append(lines, string(rs[:n]))
		rs = rs[n:]
	}
	return lines
}

// ellipsize shortens s until s + "…" fits in max.
func ellipsize(s string, max float64, width func(string) float64) string {
	rs := []rune(s)
	for len(rs) > 0 && width(string(rs)+"…") > max {
		rs = rs[:len(rs)-1]
	}
	return strings.TrimRight(string(rs), " ") + "…"
}
