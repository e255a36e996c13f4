package poster

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"math"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// goFonts parses the embedded Go fonts once; an *opentype.Font is safe for
// concurrent use (faces made from it are not, so each render makes its own).
var goFonts = sync.OnceValues(func() ([2]*opentype.Font, error) {
	var fs [2]*opentype.Font
	for i, b := range [][]byte{goregular.TTF, gobold.TTF} {
		f, err := opentype.Parse(b)
		if err != nil {
			return fs, fmt.Errorf("poster: parsing Go font: %w", err)
		}
		fs[i] = f
	}
	return fs, nil
})

// pxFaces makes and caches font faces, sized in pixels, for one render.
type pxFaces struct {
	fonts [2]*opentype.Font
	faces map[faceKey]font.Face
	err   error
}

type faceKey struct {
	bold bool
	size float64
}

func (p *pxFaces) face(bold bool, size float64) font.Face {
	k := faceKey{bold, size}
	if f, ok := p.faces[k]; ok {
		return f
	}
	i := 0
	if bold {
		i = 1
	}
	// Size is in points at 72 dpi, that is in pixels. NewFace fails only
	// for invalid options; keep the first error for the caller and measure
	// with a stand-in face meanwhile.
	f, err := opentype.NewFace(p.fonts[i], &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		if p.err == nil {
			p.err = fmt.Errorf("poster: font face: %w", err)
		}
		return basicfont.Face7x13
	}
	p.faces[k] = f
	return f
}

func (p *pxFaces) width(bold bool, size float64, s string) float64 {
	return fromFixed(font.MeasureString(p.face(bold, size), s))
}

func fromFixed(v fixed.Int26_6) float64 { return float64(v) / 64 }
func toFixed(v float64) fixed.Int26_6   { return fixed.Int26_6(math.Round(v * 64)) }

// PNG renders the poster as a PNGWidth x PNGHeight PNG image (A5 portrait
// proportions) on a white background.
func (p Poster) PNG() ([]byte, error) {
	img, err := p.image()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("poster: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

func (p Poster) image() (*image.RGBA, error) {
	fs, err := goFonts()
	if err != nil {
		return nil, err
	}
	faces := &pxFaces{fonts: fs, faces: map[faceKey]font.Face{}}
	l, err := p.layout(PNGWidth, PNGHeight, faces)
	if err == nil {
		err = faces.err
	}
	if err != nil {
		return nil, err
	}
	img := image.NewRGBA(image.Rect(0, 0, PNGWidth, PNGHeight))
	draw.Draw(img, img.Bounds(), image.NewUniform(colWhite), image.Point{}, draw.Src)

	for _, r := range l.rects {
		fillRoundRect(img, r)
	}
	for _, t := range l.texts {
		d := font.Drawer{
			Dst:  img,
			Src:  image.NewUniform(t.color),
			Face: faces.face(t.bold, t.size),
			Dot:  fixed.Point26_6{X: toFixed(t.x), Y: toFixed(t.y)},
		}
		d.DrawString(t.s)
	}

	// QR code: whole pixels per module so the modules stay sharp.
	n := l.modules()
	mod := int(l.qrSide) / n
	if mod < 1 {
		return nil, fmt.Errorf("poster: QR code too small (%d modules in %.0f px)", n, l.qrSide)
	}
	x0 := int(math.Round(l.qrX + (l.qrSide-float64(mod*n))/2))
	y0 := int(math.Round(l.qrY + (l.qrSide-float64(mod*n))/2))
	black := image.NewUniform(colBlack)
	for my := 0; my < n; my++ {
		for mx := 0; mx < n; mx++ {
			if l.dark(mx, my) {
				r := image.Rect(x0+mx*mod, y0+my*mod, x0+(mx+1)*mod, y0+(my+1)*mod)
				draw.Draw(img, r, black, image.Point{}, draw.Src)
			}
		}
	}
	if faces.err != nil {
		return nil, faces.err
	}
	return img, nil
}

// fillRoundRect draws an anti-aliased rectangle with rounded corners.
func fillRoundRect(dst *image.RGBA, r rectItem) {
	// Rasterize only the rectangle's own pixels, not the whole page.
	b := image.Rect(int(math.Floor(r.x)), int(math.Floor(r.y)), int(math.Ceil(r.x+r.w)), int(math.Ceil(r.y+r.h))).Intersect(dst.Bounds())
	if b.Empty() {
		return
	}
	z := vector.NewRasterizer(b.Dx(), b.Dy())
	ox, oy := float32(b.Min.X), float32(b.Min.Y)
	x0, y0, x1, y1 := float32(r.x)-ox, float32(r.y)-oy, float32(r.x+r.w)-ox, float32(r.y+r.h)-oy
	rad := float32(math.Min(r.r, math.Min(r.w, r.h)/2))
	const k = 0.5523 // cubic Bézier approximation of a quarter circle
	c := rad * (1 - k)
	z.MoveTo(x0+rad, y0)
	z.LineTo(x1-rad, y0)
	z.CubeTo(x1-c, y0, x1, y0+c, x1, y0+rad)
	z.LineTo(x1, y1-rad)
	z.CubeTo(x1, y1-c, x1-c, y1, x1-rad, y1)
	z.LineTo(x0+rad, y1)
	z.CubeTo(x0+c, y1, x0, y1-c, x0, y1-rad)
	z.LineTo(x0, y0+rad)
	z.CubeTo(x0, y0+c, x0+c, y0, x0+rad, y0)
	z.ClosePath()
	z.Draw(dst, b, image.NewUniform(r.color), image.Point{})
}
