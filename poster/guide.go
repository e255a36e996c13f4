package poster

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"
)

// Guide is a printable one-page guide (panduan) for one role: a title,
// the bot's QR link, and a few numbered things to know. The words come
// from the caller, in its language.
type Guide struct {
	Title    string
	Subtitle string
	// Scan is the line under the QR code ("Pindai untuk membuka bot").
	Scan string
	// Link is the text encoded in the QR code and printed under it.
	Link   string
	Things []string
	Footer string
}

// ErrGuideEmpty: a guide without title, link or things to know.
var ErrGuideEmpty = errors.New("poster: guide without title, link or content")

// A4 portrait in points, for guides.
const (
	a4WidthPt  = 210 * 72 / 25.4
	a4HeightPt = 297 * 72 / 25.4
)

// PDF renders the guide on one A4 portrait page: a header band, the QR
// code (vector, clickable) with the link, and the numbered list.
func (g Guide) PDF() (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("poster: writing guide PDF: %v", r)
		}
	}()
	if strings.TrimSpace(g.Title) == "" || strings.TrimSpace(g.Link) == "" || len(g.Things) == 0 {
		return nil, ErrGuideEmpty
	}
	code, err := encodeQR(strings.TrimSpace(g.Link), qrLevel)
	if err != nil {
		return nil, fmt.Errorf("poster: encoding QR code: %w", err)
	}
	f, err := newPDFSized(a4WidthPt, a4HeightPt)
	if err != nil {
		return nil, err
	}
	f.SetTitle(cleanText(g.Title), true)
	f.SetSubject(g.Link, true)
	f.SetCreator("kinerjabot", true)
	f.AddPage()
	g.draw(f, code.Size, func(x, y int) bool { return code.Black(x-quietModules, y-quietModules) })
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("poster: writing guide PDF: %w", err)
	}
	return buf.Bytes(), nil
}

func (g Guide) draw(f *fpdf.Fpdf, size int, dark func(x, y int) bool) {
	const margin = 48.0
	w := a4WidthPt - 2*margin
	f.SetFillColor(int(colAccent.R), int(colAccent.G), int(colAccent.B))
	f.Rect(0, 0, a4WidthPt, 110, "F")
	f.SetTextColor(255, 255, 255)
	f.SetFont(pdfFamily, "B", 26)
	f.SetXY(margin, 30)
	f.MultiCell(w, 30, cleanText(g.Title), "", "L", false)
	f.SetFont(pdfFamily, "", 13)
	f.SetX(margin)
	f.MultiCell(w, 18, cleanText(g.Subtitle), "", "L", false)

	side := 170.0
	qx, qy := margin, 140.0
	drawQR(f, size+2*quietModules, dark, qx, qy, side)
	f.LinkString(qx, qy, side, side, g.Link)
	f.SetTextColor(int(colBlack.R), int(colBlack.G), int(colBlack.B))
	f.SetFont(pdfFamily, "B", 14)
	f.SetXY(qx+side+20, qy+50)
	f.MultiCell(w-side-20, 20, cleanText(g.Scan), "", "L", false)
	f.SetFont(pdfFamily, "", 12)
	f.SetX(qx + side + 20)
	f.MultiCell(w-side-20, 16, g.Link, "", "L", false)

	y := qy + side + 30
	for i, t := range g.Things {
		f.SetFont(pdfFamily, "B", 16)
		f.SetXY(margin, y)
		f.CellFormat(28, 22, fmt.Sprintf("%d.", i+1), "", 0, "L", false, 0, "")
		f.SetFont(pdfFamily, "", 13)
		f.SetXY(margin+28, y+2)
		f.MultiCell(w-28, 18, cleanText(t), "", "L", false)
		y = f.GetY() + 12
	}
	f.SetFont(pdfFamily, "", 10)
	f.SetTextColor(90, 90, 90)
	f.SetXY(margin, a4HeightPt-60)
	f.MultiCell(w, 14, cleanText(g.Footer), "", "C", false)
}

// drawQR fills the dark modules of an n x n QR square (quiet zone
// included) at (x, y), side wide, as one path of horizontal runs (a
// single fill leaves no hairline seams between squares).
func drawQR(f *fpdf.Fpdf, n int, dark func(x, y int) bool, x, y, side float64) {
	mod := side / float64(n)
	f.SetFillColor(int(colBlack.R), int(colBlack.G), int(colBlack.B))
	for my := 0; my < n; my++ {
		for mx := 0; mx < n; {
			if !dark(mx, my) {
				mx++
				continue
			}
			start := mx
			for mx < n && dark(mx, my) {
				mx++
			}
			x0, x1 := x+float64(start)*mod, x+float64(mx)*mod
			y0, y1 := y+float64(my)*mod, y+float64(my+1)*mod
			f.MoveTo(x0, y0)
			f.LineTo(x1, y0)
			f.LineTo(x1, y1)
			f.LineTo(x0, y1)
			f.ClosePath()
		}
	}
	f.DrawPath("F")
}

// BotLink builds https://t.me/<bot>, the bot's own link (no payload), for
// the guides. botUsername is checked as DeepLink checks it.
func BotLink(botUsername string) (string, error) {
	bot := strings.TrimPrefix(botUsername, "@")
	if !validBot(bot) {
		return "", fmt.Errorf("%w %q: want 5-32 of A-Z a-z 0-9 _, starting with a letter", ErrBotUsername, botUsername)
	}
	return "https://t.me/" + bot, nil
}
