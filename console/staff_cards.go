package console

import (
	"bytes"
	"fmt"
	"time"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// codeCard is one person's card: who, the code, until when.
type codeCard struct {
	Name, NIP, Unit, Code string
	Expires               time.Time
}

// The cards' page: A4 portrait in points, two columns of four cards, cut
// along the dashed lines.
const (
	cardPageW, cardPageH = 595.28, 841.89
	cardMargin, cardGap  = 28.0, 12.0
	cardCols, cardRows   = 2, 4
	cardPad              = 14.0
	cardFont             = "Go"
)

// codeCardsPDF lays out the cards, eight to a page, in the language l.
func codeCardsPDF(l i18n.Lang, cards []codeCard) (out []byte, err error) {
	defer func() { // the PDF writer panics on some malformed input
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("code cards: writing PDF: %v", r)
		}
	}()
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "pt", Size: fpdf.SizeType{Wd: cardPageW, Ht: cardPageH}})
	f.SetMargins(0, 0, 0)
	f.SetAutoPageBreak(false, 0)
	f.SetCompression(true)
	f.AddUTF8FontFromBytes(cardFont, "", goregular.TTF)
	f.AddUTF8FontFromBytes(cardFont, "B", gobold.TTF)
	f.SetTitle(l.T(i18n.ConsoleStaffCardTitle), true)
	f.SetCreator("kinerjabot", true)
	w := (cardPageW - 2*cardMargin - (cardCols-1)*cardGap) / cardCols
	h := (cardPageH - 2*cardMargin - (cardRows-1)*cardGap) / cardRows
	for i, card := range cards {
		slot := i % (cardCols * cardRows)
		if slot == 0 {
			f.AddPage()
		}
		x := cardMargin + float64(slot%cardCols)*(w+cardGap)
		y := cardMargin + float64(slot/cardCols)*(h+cardGap)
		drawCard(f, l, card, x, y, w, h)
	}
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("code cards: %w", err)
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("code cards: writing PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// drawCard draws one card in the box at x, y of w x h.
func drawCard(f *fpdf.Fpdf, l i18n.Lang, c codeCard, x, y, w, h float64) {
	f.SetDrawColor(150, 150, 150)
	f.SetDashPattern([]float64{4, 3}, 0)
	f.Rect(x, y, w, h, "D")
	f.SetDashPattern(nil, 0)
	inner := w - 2*cardPad
	line := func(dy float64, bold bool, size float64, s string) {
		fitText(f, bold, size, inner, s)
		f.Text(x+cardPad, y+dy, s)
	}
	f.SetTextColor(11, 79, 138)
	line(24, true, 10, l.T(i18n.ConsoleStaffCardTitle))
	f.SetTextColor(27, 31, 36)
	line(46, true, 13, c.Name)
	line(62, false, 10, "NIP "+c.NIP)
	line(76, false, 9, c.Unit)
	line(100, false, 9, l.T(i18n.ConsoleStaffCardCode))
	line(126, true, 26, c.Code)
	line(144, false, 8.5, expiryText(l, c.Expires))
	line(160, false, 8.5, l.T(i18n.ConsoleStaffCardHow))
	line(176, true, 10, "/kode "+c.NIP+" "+c.Code)
}

// fitText sets the font at size, smaller when s would be wider than w.
func fitText(f *fpdf.Fpdf, bold bool, size, w float64, s string) {
	style := ""
	if bold {
		style = "B"
	}
	for f.SetFont(cardFont, style, size); size > 5 && f.GetStringWidth(s) > w; size -= 0.5 {
		f.SetFont(cardFont, style, size-0.5)
	}
}
