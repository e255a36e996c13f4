package poster

import (
	"bytes"
	"compress/zlib"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"github.com/go-pdf/fpdf"
	"github.com/makiuchi-d/gozxing"
	gzqr "github.com/makiuchi-d/gozxing/qrcode"
	"golang.org/x/image/font"
	"rsc.io/qr/coding"
)

const longName = "Unit Pelaksana Teknis Daerah Pusat Kesehatan Masyarakat Maulafa " +
	"Dinas Kesehatan Pengendalian Penduduk dan Keluarga Berencana Kota Kupang " +
	"Provinsi Nusa Tenggara Timur"

func mustLink(t testing.TB, code string, counter int, quick bool) string {
	t.Helper()
	link, err := DeepLink("KinerjaBot", code, counter, quick)
	if err != nil {
		t.Fatal(err)
	}
	return link
}

func samplePosters(t testing.TB) map[string]Poster {
	return map[string]Poster{
		"plain":   {UnitName: "Puskesmas Maulafa", Link: mustLink(t, "PKM-MAULAFA", 0, false)},
		"counter": {UnitName: "Kelurahan Oebufu", Counter: 2, Link: mustLink(t, "KEL-OEBUFU", 2, false)},
		"quick":   {UnitName: "Kelurahan Oebufu", Counter: 12, Quick: true, Link: mustLink(t, "KEL-OEBUFU", 12, true)},
		"english": {UnitName: "Maulafa Community Health Centre", Lang: "en", Link: mustLink(t, "PKM-MAULAFA", 0, false)},
		"long":    {UnitName: longName, Counter: 7, Link: mustLink(t, strings.Repeat("X", 47), 7, true)},
		"longword": {UnitName: "Puskesmas " + strings.Repeat("Maulafa", 12) + " Kupang",
			Link: mustLink(t, "PKM-MAULAFA", 0, false)},
	}
}

func mustNewPDF(t *testing.T) *fpdf.Fpdf {
	t.Helper()
	f, err := newPDF()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("png.Decode: %v", err)
	}
	if got := img.Bounds(); got != image.Rect(0, 0, PNGWidth, PNGHeight) {
		t.Fatalf("PNG bounds %v, want %dx%d", got, PNGWidth, PNGHeight)
	}
	return img
}

// readQR decodes the one QR code in img (the whole poster, text and all).
func readQR(t *testing.T, img image.Image) string {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	hints := map[gozxing.DecodeHintType]interface{}{gozxing.DecodeHintType_TRY_HARDER: true}
	res, err := gzqr.NewQRCodeReader().Decode(bmp, hints)
	if err != nil {
		t.Fatalf("decoding QR code: %v", err)
	}
	return res.GetText()
}

func TestPNGDecodesToLink(t *testing.T) {
	for name, p := range samplePosters(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b, err := p.PNG()
			if err != nil {
				t.Fatal(err)
			}
			img := decodePNG(t, b)
			if got := readQR(t, img); got != p.Link {
				t.Errorf("QR holds %q, want %q", got, p.Link)
			}
			checkMargins(t, img)
		})
	}
}

// checkMargins asserts that nothing is drawn in the white margin.
func checkMargins(t *testing.T, img image.Image) {
	t.Helper()
	m := int(relMargin * PNGWidth)
	inner := image.Rect(m, m, PNGWidth-m, PNGHeight-m)
	bad := 0
	for y := 0; y < PNGHeight; y++ {
		for x := 0; x < PNGWidth; x++ {
			if (image.Point{x, y}).In(inner) {
				continue
			}
			if c := color.GrayModel.Convert(img.At(x, y)).(color.Gray); c.Y != 0xFF {
				if bad++; bad <= 5 {
					t.Errorf("pixel (%d,%d) in the margin is %v, want white", x, y, c)
				}
			}
		}
	}
	if bad > 5 {
		t.Errorf("... %d non-white margin pixels in all", bad)
	}
}

// TestLayoutFits checks, for both outputs, that every line of text fits
// between the margins by its measured width, and that the unit name is
// shown whole (or cut with an ellipsis only when it cannot fit).
func TestLayoutFits(t *testing.T) {
	fs, err := goFonts()
	if err != nil {
		t.Fatal(err)
	}
	for name, p := range samplePosters(t) {
		faces := &pxFaces{fonts: fs, faces: map[faceKey]font.Face{}}
		for _, out := range []struct {
			kind string
			w, h float64
			m    measurer
		}{
			{"png", PNGWidth, PNGHeight, faces},
			{"pdf", pdfWidthPt, pdfHeightPt, pdfMeasurer{mustNewPDF(t)}},
		} {
			l, err := p.layout(out.w, out.h, out.m)
			if err != nil {
				t.Fatalf("%s %s: %v", name, out.kind, err)
			}
			var all []string
			for _, it := range l.texts {
				all = append(all, it.s)
				right := it.x + out.m.width(it.bold, it.size, it.s)
				if it.x < l.margin-0.01 || right > l.w-l.margin+0.01 {
					t.Errorf("%s %s: line %q spans x %.1f..%.1f, outside %.1f..%.1f", name, out.kind, it.s, it.x, right, l.margin, l.w-l.margin)
				}
				if top, bottom := it.y-ascentRatio*it.size, it.y+0.22*it.size; top < l.margin-0.01 || bottom > l.h-l.margin+0.01 {
					t.Errorf("%s %s: line %q at baseline %.1f outside the page's margins", name, out.kind, it.s, it.y)
				}
			}
			joined := strings.Join(all, " ")
			if name != "longword" && !strings.Contains(joined, p.UnitName) && !strings.Contains(joined, "…") {
				t.Errorf("%s %s: unit name %q not found in %q", name, out.kind, p.UnitName, joined)
			}
			if l.qrSide < relQRMin*out.w {
				t.Errorf("%s %s: QR side %.1f too small", name, out.kind, l.qrSide)
			}
			if mod := l.qrSide / float64(l.modules()); out.kind == "png" && mod < 10 {
				t.Errorf("%s: %.1f px per module, want >= 10", name, mod)
			}
		}
	}
}

func TestLongNameWraps(t *testing.T) {
	p := samplePosters(t)["long"]
	fs, _ := goFonts()
	l, err := p.layout(PNGWidth, PNGHeight, &pxFaces{fonts: fs, faces: map[faceKey]font.Face{}})
	if err != nil {
		t.Fatal(err)
	}
	var unitLines int
	for _, it := range l.texts {
		if it.bold && it.color == colText {
			unitLines++
		}
	}
	if unitLines < 3 || unitLines > maxUnitLines {
		t.Errorf("long unit name on %d lines, want 3..%d", unitLines, maxUnitLines)
	}

	// A name too long for four lines at the smallest size is cut with "…".
	p.UnitName = strings.Repeat("WMWMWMWM ", 22)
	l, err = p.layout(PNGWidth, PNGHeight, &pxFaces{fonts: fs, faces: map[faceKey]font.Face{}})
	if err != nil {
		t.Fatal(err)
	}
	var last string
	unitLines = 0
	for _, it := range l.texts {
		if it.bold && it.color == colText {
			unitLines++
			last = it.s
		}
	}
	if unitLines != maxUnitLines || !strings.HasSuffix(last, "…") {
		t.Errorf("over-long name: %d lines, last %q; want %d lines ending in …", unitLines, last, maxUnitLines)
	}
	b, err := p.PNG()
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b)
	checkMargins(t, img)
	if got := readQR(t, img); got != p.Link {
		t.Errorf("QR holds %q, want %q", got, p.Link)
	}
}

func TestPDF(t *testing.T) {
	for name, p := range samplePosters(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b, err := p.PDF()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[len(b)-32:], []byte("%%EOF")) {
				t.Fatalf("not a PDF: %q ... %q", b[:16], b[len(b)-16:])
			}
			if n := bytes.Count(b, []byte("/Type /Page\n")) + bytes.Count(b, []byte("/Type /Page ")); n != 1 {
				t.Errorf("%d pages, want 1", n)
			}
			if !regexp.MustCompile(`/MediaBox \[0 0 419\.5\d* 595\.2\d*\]`).Match(b) {
				t.Errorf("page is not A5 portrait: %q", regexp.MustCompile(`/MediaBox \[[^]]*\]`).Find(b))
			}
			if !bytes.Contains(b, []byte("/FontFile2")) {
				t.Error("no embedded TrueType font")
			}
			text := pdfText(t, b)
			words := strings.Join(strings.Fields(text), " ")
			if name != "longword" && !strings.Contains(words, p.UnitName) {
				t.Errorf("unit name %q not in PDF text %q", p.UnitName, text)
			}
			if !strings.Contains(strings.ReplaceAll(text, "\n", ""), p.Link) {
				t.Errorf("link %q not in PDF text %q", p.Link, text)
			}
			if !bytes.Contains(b, []byte("/URI ("+p.Link+")")) {
				t.Errorf("no link annotation to %q", p.Link)
			}
		})
	}
}

func TestLanguages(t *testing.T) {
	link := mustLink(t, "KEL-OEBUFU", 2, false)
	cases := []struct {
		lang, quickWant string
		quick           bool
		want            []string
	}{
		{"", "", false, []string{"Survei Kepuasan Masyarakat", "Loket 2", "9 pertanyaan", "Tanpa nama", "PermenPANRB"}},
		{"id", "", true, []string{"Survei Kepuasan Masyarakat", "Loket 2", "1 pertanyaan", "kurang dari 1 menit"}},
		{"id-ID", "", false, []string{"Survei Kepuasan Masyarakat", "Pindai kode QR"}},
		{"en", "", false, []string{"Public Satisfaction Survey", "Counter 2", "9 short questions", "Anonymous", "Regulation"}},
		{"EN_us", "", true, []string{"Public Satisfaction Survey", "1 short question", "under 1 minute"}},
	}
	for _, c := range cases {
		p := Poster{UnitName: "Kelurahan Oebufu", Counter: 2, Link: link, Lang: c.lang, Quick: c.quick}
		b, err := p.PDF()
		if err != nil {
			t.Fatalf("lang %q: %v", c.lang, err)
		}
		text := strings.Join(strings.Fields(pdfText(t, b)), " ")
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("lang %q quick %v: %q not in %q", c.lang, c.quick, w, text)
			}
		}
		english := strings.HasPrefix(strings.ToLower(c.lang), "en")
		if english == strings.Contains(text, "Survei") || english != strings.Contains(text, "Survey") {
			t.Errorf("lang %q: mixed languages in %q", c.lang, text)
		}
		if c.quick && strings.Contains(text, "PermenPANRB") {
			t.Errorf("lang %q: quick poster cites the regulation: %q", c.lang, text)
		}
	}
	// The PNG follows the language too (the layout it draws is checked
	// above through the PDF; here the pixels must differ).
	id, err := Poster{UnitName: "Kelurahan Oebufu", Link: link}.image()
	if err != nil {
		t.Fatal(err)
	}
	en, err := Poster{UnitName: "Kelurahan Oebufu", Link: link, Lang: "en"}.image()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(id.Pix, en.Pix) {
		t.Error("PNG is the same in id and en")
	}
	fs, _ := goFonts()
	l, err := Poster{UnitName: "Kelurahan Oebufu", Link: link, Lang: "en", Counter: 4}.layout(PNGWidth, PNGHeight, &pxFaces{fonts: fs, faces: map[faceKey]font.Face{}})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, it := range l.texts {
		lines = append(lines, it.s)
	}
	if text := strings.Join(lines, " "); !strings.Contains(text, "Public Satisfaction Survey") || !strings.Contains(text, "Counter 4") || strings.Contains(text, "Survei") {
		t.Errorf("English PNG text: %q", text)
	}
}

func TestErrors(t *testing.T) {
	link := mustLink(t, "KEL-OEBUFU", 0, false)
	cases := []struct {
		name string
		p    Poster
		want error
	}{
		{"empty link", Poster{UnitName: "Kelurahan Oebufu"}, ErrEmptyLink},
		{"blank link", Poster{UnitName: "Kelurahan Oebufu", Link: " \t\n"}, ErrEmptyLink},
		{"empty unit", Poster{Link: link}, ErrEmptyUnit},
		{"blank unit", Poster{UnitName: " \u200b\t", Link: link}, ErrEmptyUnit},
		{"language", Poster{UnitName: "Kelurahan Oebufu", Link: link, Lang: "jv"}, ErrLang},
		{"counter", Poster{UnitName: "Kelurahan Oebufu", Link: link, Counter: -1}, ErrCounter},
		{"unit too long", Poster{UnitName: strings.Repeat("a", MaxUnitNameRunes+1), Link: link}, nil},
		{"link too long for a QR code", Poster{UnitName: "Kelurahan Oebufu", Link: strings.Repeat("x", 3000)}, nil},
	}
	for _, c := range cases {
		for kind, render := range map[string]func() ([]byte, error){"PNG": c.p.PNG, "PDF": c.p.PDF} {
			b, err := render()
			if err == nil || b != nil {
				t.Errorf("%s %s: got %d bytes, error %v; want an error", c.name, kind, len(b), err)
				continue
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("%s %s: error %v, want %v", c.name, kind, err, c.want)
			}
		}
	}
}

// TestOddText feeds text that trips naive renderers: invalid UTF-8, emoji
// (outside the BMP), control and combining characters, CJK.
func TestOddText(t *testing.T) {
	link := mustLink(t, "KEL-OEBUFU", 0, false)
	for _, name := range []string{
		"Kelurahan \xff\xfe Oebufu", "Puskesmas 🏥 Maulafa 😀", "Kel.\x00\x07 Oebufu\r\n(Kupang)",
		"Kelurahan Oebufu\u0301\u200d", "区役所 Kupang", "\\(Kantor) Camat\\", "\U00010000 Linear B",
	} {
		p := Poster{UnitName: name, Link: link}
		if _, err := p.image(); err != nil {
			t.Errorf("PNG %q: %v", name, err)
		}
		b, err := p.PDF()
		if err != nil {
			t.Errorf("PDF %q: %v", name, err)
			continue
		}
		if want := cleanText(name); !strings.Contains(strings.Join(strings.Fields(pdfText(t, b)), " "), want) {
			t.Errorf("PDF of %q lacks %q", name, want)
		}
	}
	if got := cleanText("  a\tb\n\x00c 😀 \xff "); got != "a b c \uFFFD \uFFFD" {
		t.Errorf("cleanText = %q", got)
	}
}

// TestEveryMaskDecodes checks the QR encoder with each of the eight data
// masks, not only the one the penalty score picks for a given link.
func TestEveryMaskDecodes(t *testing.T) {
	text := mustLink(t, "PKM-MAULAFA", 3, true)
	enc := coding.String(text)
	for m := coding.Mask(0); m < 8; m++ {
		c, err := encodeMask(enc, 4, coding.Level(qrLevel), m)
		if err != nil {
			t.Fatalf("mask %d: %v", m, err)
		}
		const scale = 6
		n := c.Size + 2*quietModules
		img := image.NewGray(image.Rect(0, 0, n*scale, n*scale))
		for y := range n * scale {
			for x := range n * scale {
				if !c.Black(x/scale-quietModules, y/scale-quietModules) {
					img.Pix[y*img.Stride+x] = 0xFF
				}
			}
		}
		if got := readQR(t, img); got != text {
			t.Errorf("mask %d: decoded %q, want %q", m, got, text)
		}
	}
	// The chosen code is at level M or better and small enough to scan.
	code, err := encodeQR(text, qrLevel)
	if err != nil {
		t.Fatal(err)
	}
	if qrLevel < 1 /* qr.M */ || code.Size > 41 {
		t.Errorf("level %d, %d modules", qrLevel, code.Size)
	}
}

func TestConcurrent(t *testing.T) {
	p := samplePosters(t)["counter"]
	want, err := p.image()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if img, err := p.image(); err != nil || !bytes.Equal(img.Pix, want.Pix) {
				t.Errorf("concurrent PNG differs (err %v)", err)
			}
			if _, err := p.PDF(); err != nil {
				t.Errorf("concurrent PDF: %v", err)
			}
		}()
	}
	wg.Wait()
}

// TestWriteSample regenerates docs/poster-contoh.png when
// KINERJA_WRITE_POSTER=1:
//
//	KINERJA_WRITE_POSTER=1 go test -run TestWriteSample ./poster/
func TestWriteSample(t *testing.T) {
	if os.Getenv("KINERJA_WRITE_POSTER") != "1" {
		t.Skip("set KINERJA_WRITE_POSTER=1 to write docs/poster-contoh.png")
	}
	p := Poster{
		UnitName: "UPTD Puskesmas Maulafa",
		Counter:  1,
		Link:     mustLink(t, "PKM-MAULAFA", 1, false),
	}
	b, err := p.PNG()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "docs", "poster-contoh.png")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d bytes)", path, len(b))
}

// pdfText extracts the strings shown with Tj from every content stream of
// the PDF (inflating Flate streams), one per line, decoded from the UTF-16BE
// that the writer uses for Unicode fonts.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	var out []string
	rest := pdf
	for {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			break
		}
		rest = rest[i+len("stream\n"):]
		j := bytes.Index(rest, []byte("\nendstream"))
		if j < 0 {
			t.Fatal("unterminated stream")
		}
		data := rest[:j]
		rest = rest[j+len("\nendstream"):]
		if zr, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
			if d, err := io.ReadAll(zr); err == nil {
				data = d
			}
		}
		out = append(out, showStrings(data)...)
	}
	return strings.Join(out, "\n")
}

// showStrings returns the literal strings followed by the Tj operator in a
// content stream.
func showStrings(data []byte) []string {
	var out []string
	for i := 0; i < len(data); i++ {
		if data[i] != '(' {
			continue
		}
		var s []byte
		j := i + 1
		for ; j < len(data) && data[j] != ')'; j++ {
			c := data[j]
			if c == '\\' && j+1 < len(data) {
				j++
				switch e := data[j]; e {
				case 'n':
					c = '\n'
				case 'r':
					c = '\r'
				case 't':
					c = '\t'
				case 'b':
					c = '\b'
				case 'f':
					c = '\f'
				default:
					if e >= '0' && e <= '7' {
						k := j
						for k < len(data) && k < j+3 && data[k] >= '0' && data[k] <= '7' {
							k++
						}
						v, _ := strconv.ParseUint(string(data[j:k]), 8, 8)
						c = byte(v)
						j = k - 1
					} else {
						c = e
					}
				}
			}
			s = append(s, c)
		}
		if j >= len(data) {
			break
		}
		if !bytes.HasPrefix(bytes.TrimLeft(data[j+1:], " "), []byte("Tj")) {
			continue
		}
		i = j
		if len(s)%2 == 0 {
			u := make([]uint16, len(s)/2)
			for k := range u {
				u[k] = uint16(s[2*k])<<8 | uint16(s[2*k+1])
			}
			out = append(out, string(utf16.Decode(u)))
		}
	}
	return out
}
