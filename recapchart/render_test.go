package recapchart

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/i18n"
)

func TestRender(t *testing.T) {
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			m := Sample(lang)
			data, err := Maker{}.MakeFile(t.Context(), strings.TrimPrefix(m.Ref(), Kind+":"))
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("not a PNG: %v", err)
			}
			if b := img.Bounds(); b.Dx() != Width || b.Dy() != Height {
				t.Errorf("size %v, want %dx%d", b, Width, Height)
			}
			if len(data) > 200<<10 {
				t.Errorf("%d bytes, want at most 200 KB", len(data))
			}
			if !hasColor(img, holidayColor) || !hasColor(img, weekendColor) || !hasColor(img, approvedColor) {
				t.Error("holidays, weekends or approved bars not drawn")
			}
		})
	}
}

func TestParseRefusesWrongMonths(t *testing.T) {
	tests := map[string]string{
		"not json":       "x",
		"bad month":      `{"m":"2026-13","d":[]}`,
		"days not month": `{"m":"2026-02","d":[{},{}]}`,
	}
	for name, args := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := (Maker{}).MakeFile(t.Context(), args); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func hasColor(img image.Image, want interface{ RGBA() (r, g, b, a uint32) }) bool {
	wr, wg, wb, _ := want.RGBA()
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r == wr && g == wg && bl == wb {
				return true
			}
		}
	}
	return false
}
