package poster

import (
	"bytes"
	"fmt"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

const pdfFamily = "Go"

// pdfMeasurer measures text with the PDF writer's own metrics (user unit:
// point).
type pdfMeasurer struct{ f *fpdf.Fpdf }

func (m pdfMeasurer) width(bold bool, size float64, s string) float64 {
	m.f.SetFont(pdfFamily, pdfStyle(bold), size)
	return m.f.GetStringWidth(s)
}

func pdfStyle(bold bool) string {
	if bold {
		return "B"
	}
	return ""
}

// newPDF returns a PDF writer for an A5 portrait page measured in points,
// with the Go fonts loaded.
func newPDF() (*fpdf.Fpdf, error) { return newPDFSized(pdfWidthPt, pdfHeightPt) }

// newPDFSized returns a PDF writer for a w x h point page, with the Go
// fonts loaded.
func newPDFSized(w, h float64) (*fpdf.Fpdf, error) {
	f := fpdf.NewCustom(&fpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "pt",
		Size:           fpdf.SizeType{Wd: w, Ht: h},
	})
	f.SetMargins(0, 0, 0)
	f.SetAutoPageBreak(false, 0)
	f.SetCompression(true)
	f.AddUTF8FontFromBytes(pdfFamily, "", goregular.TTF)
	f.AddUTF8FontFromBytes(pdfFamily, "B", gobold.TTF)
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("poster: loading fonts: %w", err)
	}
	return f, nil
}

// PDF renders the poster on one ISO A5 portrait page (148 x 210 mm): vector
// text in the embedded Go fonts (subset, Unicode) and the QR code drawn as
// filled squares, so it prints sharp at any resolution. The QR code and the
// printed link are also a clickable link.
func (p Poster) PDF() (out []byte, err error) {
	// The PDF writer panics on some malformed input; cleanText removes what
	// is known to trigger that, and this turns anything else into an error.
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("poster: writing PDF: %v", r)
		}
	}()
	t, err := p.content()
	if err != nil {
		return nil, err
	}
	f, err := newPDF()
	if err != nil {
		return nil, err
	}
	l, err := p.layout(pdfWidthPt, pdfHeightPt, pdfMeasurer{f})
	if err != nil {
		return nil, err
	}
	lang, _ := normLang(p.Lang) // validated by content
	f.SetTitle(t.title+" - "+t.unit, true)
	f.SetSubject(l.link, true)
	f.SetCreator("kinerjabot", true)
	f.SetLang(string(lang))

	f.AddPage()
	for _, r := range l.rects {
		f.SetFillColor(int(r.color.R), int(r.color.G), int(r.color.B))
		if r.r > 0 {
			f.RoundedRect(r.x, r.y, r.w, r.h, r.r, "1234", "F")
		} else {
			f.Rect(r.x, r.y, r.w, r.h, "F")
		}
	}
	for _, it := range l.texts {
		f.SetFont(pdfFamily, pdfStyle(it.bold), it.size)
		f.SetTextColor(int(it.color.R), int(it.color.G), int(it.color.B))
		f.Text(it.x, it.y, it.s)
	}

	drawQR(f, l.modules(), l.dark, l.qrX, l.qrY, l.qrSide)
	f.LinkString(l.linkBox.x, l.linkBox.y, l.linkBox.w, l.linkBox.h, l.link)

	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("poster: writing PDF: %w", err)
	}
	return buf.Bytes(), nil
}
