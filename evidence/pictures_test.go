package evidence

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"testing"
)

// Generated pictures for the DC hash's tests and the inspection benchmark.

func encodeJPEG(tb testing.TB, img image.Image, quality int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// blocksPicture is what the load generator sends (bench/loadgen makePhoto):
// a two-colour gradient with a dozen textured blocks of colour.
func blocksPicture(w, h int, seed uint64) *image.RGBA {
	rng := rand.New(rand.NewPCG(seed+1, 0x6b696e65726a61))
	rc := func() color.RGBA {
		return color.RGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255}
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	c0, c1 := rc(), rc()
	mix := func(a, b uint8, t float64) uint8 { return uint8(float64(a)*(1-t) + float64(b)*t) }
	for y := range h {
		for x := range w {
			t := float64(x+y) / float64(w+h)
			img.SetRGBA(x, y, color.RGBA{mix(c0.R, c1.R, t), mix(c0.G, c1.G, t), mix(c0.B, c1.B, t), 255})
		}
	}
	for range 12 {
		bw, bh := w/16+rng.IntN(w*3/8), h/12+rng.IntN(h*5/12)
		x0, y0 := rng.IntN(w-bw), rng.IntN(h-bh)
		c := rc()
		for y := y0; y < y0+bh; y++ {
			for x := x0; x < x0+bw; x++ {
				n := uint8(rng.IntN(24))
				img.SetRGBA(x, y, color.RGBA{c.R ^ n, c.G ^ n, c.B ^ n, 255})
			}
		}
	}
	return img
}

// ringsPicture is syntheticJPEG's picture before encoding.
func ringsPicture(w, h int, seed uint64) *image.RGBA {
	rng := rand.New(rand.NewPCG(seed, 1))
	src := image.NewRGBA(image.Rect(0, 0, w, h))
	cx, cy := rng.Float64()*float64(w), rng.Float64()*float64(h)
	for y := range h {
		for x := range w {
			dx, dy := float64(x)-cx, float64(y)-cy
			ring := uint8(int(dx*dx+dy*dy) / (1 + w/8) % 64)
			block := uint8((x/(1+w/7) + y/(1+h/5)) % 3 * 40)
			noise := uint8(rng.IntN(24))
			src.SetRGBA(x, y, color.RGBA{uint8(x*200/w) + noise, ring + block + noise, uint8(y*150/h) + block, 255})
		}
	}
	return src
}

// BenchmarkInspectPhoto: Inspect on the fixture (4:4:4) and on photos like
// the load generator's and a phone's (4:2:0).
//
//	go test -run '^$' -bench InspectPhoto -benchmem -count 6 ./evidence/ | tee new.txt
func BenchmarkInspectPhoto(b *testing.B) {
	for _, bm := range []struct {
		name string
		data func(testing.TB) []byte
	}{
		{"fixture-640x480-444", func(tb testing.TB) []byte { return readFixture(tb, fxK1) }},
		{"loadgen-640x480-420", func(tb testing.TB) []byte { return encodeJPEG(tb, blocksPicture(640, 480, 1), 80) }},
		{"phone-1280x960-420", func(tb testing.TB) []byte { return encodeJPEG(tb, ringsPicture(1280, 960, 2), 85) }},
	} {
		b.Run(bm.name, func(b *testing.B) {
			data := bm.data(b)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Inspect(data, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
