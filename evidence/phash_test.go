package evidence

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

func decodeFixture(t testing.TB, name string) image.Image {
	t.Helper()
	data := readFixture(t, name)
	var (
		img image.Image
		err error
	)
	if strings.HasSuffix(name, ".webp") {
		img, err = webp.Decode(bytes.NewReader(data))
	} else {
		img, _, err = image.Decode(bytes.NewReader(data))
	}
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestFixtureDistances measures every fixture pair (the figures are quoted in
// the MatchDistance comment; run with -v to see them) and checks that the
// same picture matches while different pictures are far beyond the threshold.
func TestFixtureDistances(t *testing.T) {
	names := []string{fxK1, fxUlang, fxK2, fxPNG, fxWebP}
	hash := map[string]uint64{}
	for _, n := range names {
		hash[n] = mustInspect(t, readFixture(t, n)).PHash
	}
	same := map[[2]string]bool{{fxK1, fxUlang}: true}
	for i, a := range names {
		for _, b := range names[i+1:] {
			d := Distance(hash[a], hash[b])
			t.Logf("distance %-20s %-20s %2d", a, b, d)
			if same[[2]string{a, b}] {
				if d > MatchDistance {
					t.Errorf("%s and %s are the same picture: distance %d > MatchDistance %d", a, b, d, MatchDistance)
				}
				if !shareBand(Bands(hash[a]), Bands(hash[b])) {
					t.Errorf("%s and %s share no band", a, b)
				}
			} else if d <= 3*MatchDistance {
				// Not only no match: a wide margin above the threshold.
				t.Errorf("%s and %s are different pictures: distance %d <= 3*MatchDistance", a, b, d)
			}
		}
	}
}

func scaleImage(img image.Image, f float64, k draw.Interpolator) image.Image {
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, int(float64(b.Dx())*f), int(float64(b.Dy())*f)))
	k.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
	return dst
}

func reencode(t *testing.T, img image.Image, quality int) image.Image {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		t.Fatal(err)
	}
	out, err := jpeg.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mapPixels(img image.Image, f func(x, y int, c color.Color) (int, int, color.Color)) image.Image {
	b := img.Bounds()
	dst := image.NewRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			dx, dy, c := f(x, y, img.At(x, y))
			dst.Set(dx, dy, c)
		}
	}
	return dst
}

// TestPHashTransforms: edits that keep the picture must stay within
// MatchDistance; a mirror image or a 10 % crop is another picture for pHash.
// Run with -v for the figures quoted in the MatchDistance comment.
func TestPHashTransforms(t *testing.T) {
	for _, name := range []string{fxK1, fxK2, fxWebP} {
		src := decodeFixture(t, name)
		h := PHash(src)
		b := src.Bounds()
		brighter := mapPixels(src, func(x, y int, c color.Color) (int, int, color.Color) {
			r, g, bl, _ := c.RGBA()
			add := func(v uint32) uint8 { return uint8(min(255, v>>8+25)) }
			return x, y, color.RGBA{add(r), add(g), add(bl), 255}
		})
		mirrored := mapPixels(src, func(x, y int, c color.Color) (int, int, color.Color) {
			return b.Max.X - 1 - (x - b.Min.X), y, c
		})
		crop := b.Inset(b.Dx() / 10)
		cropped := image.NewRGBA(image.Rect(0, 0, crop.Dx(), crop.Dy()))
		draw.Draw(cropped, cropped.Bounds(), src, crop.Min, draw.Src)

		const (
			match   = 1
			other   = -1
			logOnly = 0
		)
		for _, tt := range []struct {
			edit string
			img  image.Image
			want int
		}{
			{"JPEG q60", reencode(t, src, 60), match},
			{"JPEG q30", reencode(t, src, 30), match},
			{"85% Catmull-Rom, q60", reencode(t, scaleImage(src, 0.85, draw.CatmullRom), 60), match},
			{"50% bilinear", scaleImage(src, 0.5, draw.BiLinear), match},
			{"25% Catmull-Rom, q60", reencode(t, scaleImage(src, 0.25, draw.CatmullRom), 60), match},
			{"200% Catmull-Rom", scaleImage(src, 2, draw.CatmullRom), match},
			{"brightness +25", brighter, match},
			// Aliasing on purpose (every 4th pixel): no resampler an app
			// would use; measured, not asserted (it reaches 6).
			{"25% nearest", scaleImage(src, 0.25, draw.NearestNeighbor), logOnly},
			{"mirrored", mirrored, other},
			{"10% crop", cropped, other},
		} {
			d := Distance(h, PHash(tt.img))
			t.Logf("%-20s %-22s distance %2d", name, tt.edit, d)
			switch {
			case tt.want == match && d > MatchDistance:
				t.Errorf("%s %s: distance %d > MatchDistance, want a match", name, tt.edit, d)
			case tt.want == other && d <= MatchDistance:
				t.Errorf("%s %s: distance %d <= MatchDistance, want no match", name, tt.edit, d)
			}
		}
	}
}

// TestPHashImageTypes checks that the fast paths for each decoded image type
// agree with the generic one (image.Image.At) on the same picture.
func TestPHashImageTypes(t *testing.T) {
	src := decodeFixture(t, fxK1) // *image.YCbCr
	if _, ok := src.(*image.YCbCr); !ok {
		t.Fatalf("fixture decodes to %T", src)
	}
	b := src.Bounds()
	rgba := image.NewRGBA(b)
	nrgba := image.NewNRGBA(b)
	gray := image.NewGray(b)
	rgba64 := image.NewRGBA64(b) // no fast path: generic At
	nycbcra := image.NewNYCbCrA(b, image.YCbCrSubsampleRatio444)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := src.At(x, y)
			rgba.Set(x, y, c)
			nrgba.Set(x, y, c)
			gray.Set(x, y, c)
			rgba64.Set(x, y, c)
			yc := c.(color.YCbCr)
			nycbcra.Y[nycbcra.YOffset(x, y)] = yc.Y
			nycbcra.Cb[nycbcra.COffset(x, y)] = yc.Cb
			nycbcra.Cr[nycbcra.COffset(x, y)] = yc.Cr
			nycbcra.A[nycbcra.AOffset(x, y)] = 255
		}
	}
	want := PHash(src)
	for _, tt := range []struct {
		name string
		img  image.Image
	}{
		{"RGBA", rgba}, {"NRGBA", nrgba}, {"Gray", gray}, {"RGBA64", rgba64}, {"NYCbCrA", nycbcra},
		{"RGBA sub-image", shifted(rgba)},
		{"YCbCr sub-image", src.(*image.YCbCr).SubImage(image.Rect(0, 0, 640, 480))},
	} {
		if d := Distance(want, PHash(tt.img)); d > 2 {
			t.Errorf("%s: distance %d to the YCbCr hash", tt.name, d)
		}
	}
}

// shifted returns the same pixels seen through a sub-image whose parent
// starts at negative coordinates and is larger on every side.
func shifted(img *image.RGBA) image.Image {
	b := img.Bounds()
	big := image.NewRGBA(image.Rect(-7, -3, b.Dx()+20, b.Dy()+9))
	draw.Draw(big, b, img, b.Min, draw.Src)
	return big.SubImage(b)
}

func TestPHashUniformAndTiny(t *testing.T) {
	if h := PHash(image.NewRGBA(image.Rect(0, 0, 0, 0))); h != 0 {
		t.Errorf("empty image hash %#x, want 0", h)
	}
	for _, c := range []color.Color{color.Black, color.White, color.RGBA{200, 30, 30, 255}} {
		for _, size := range []image.Rectangle{image.Rect(0, 0, 97, 61), image.Rect(0, 0, 1, 1), image.Rect(0, 0, 3000, 7)} {
			img := image.NewRGBA(size)
			draw.Draw(img, size, image.NewUniform(c), image.Point{}, draw.Src)
			if h := PHash(img); h != 0 {
				t.Errorf("uniform %v %v: hash %#x, want 0", c, size, h)
			}
		}
	}
	// Tiny pictures (smaller than the 32x32 grid) still hash.
	tiny := image.NewGray(image.Rect(0, 0, 5, 3))
	for i := range tiny.Pix {
		tiny.Pix[i] = uint8(i * 17)
	}
	if PHash(tiny) == 0 {
		t.Error("5x3 gradient hashed to 0")
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b uint64
		want int
	}{
		{0, 0, 0},
		{0, ^uint64(0), 64},
		{0b1011, 0b0001, 2},
		{1 << 63, 1, 2},
		{0xF0F0_F0F0_F0F0_F0F0, 0x0F0F_0F0F_0F0F_0F0F, 64},
		{0xDEAD_BEEF, 0xDEAD_BEEF, 0},
	} {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%#x, %#x) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance not symmetric for %#x, %#x", tt.a, tt.b)
		}
	}
}

func shareBand(a, b []int) bool {
	for _, v := range a {
		if slices.Contains(b, v) {
			return true
		}
	}
	return false
}

func TestBandsLayout(t *testing.T) {
	if MatchDistance >= BandCount {
		t.Fatalf("MatchDistance %d must be < BandCount %d for the pigeonhole guarantee", MatchDistance, BandCount)
	}
	got := Bands(0x0123_4567_89AB_CDEF)
	want := []int{0<<16 | 0x01, 1<<16 | 0x23, 2<<16 | 0x45, 3<<16 | 0x67, 4<<16 | 0x89, 5<<16 | 0xAB, 6<<16 | 0xCD, 7<<16 | 0xEF}
	if !slices.Equal(got, want) {
		t.Errorf("Bands = %#x, want %#x", got, want)
	}
	// Equal bits at different positions must not collide.
	zero := Bands(0)
	if len(zero) != BandCount || len(slices.Compact(slices.Sorted(slices.Values(zero)))) != BandCount {
		t.Errorf("Bands(0) = %v: want %d distinct values", zero, BandCount)
	}
	low, high := Bands(0x0000_0000_0000_00FF), Bands(0xFF00_0000_0000_0000)
	if !slices.Contains(low, 7<<16|0xFF) || slices.Contains(low, 0<<16|0xFF) ||
		!slices.Contains(high, 0<<16|0xFF) || slices.Contains(high, 7<<16|0xFF) {
		t.Errorf("0xFF in band 7 and in band 0 must give different keys: %#x, %#x", low, high)
	}
}

// TestBandsGuarantee: any two hashes within MatchDistance (indeed within
// BandCount-1) share at least one band value.
func TestBandsGuarantee(t *testing.T) {
	rng := rand.New(rand.NewPCG(20261120, 915))
	for i := range 200_000 {
		a := rng.Uint64()
		k := i % BandCount // 0..BandCount-1 flipped bits
		if i%2 == 0 {
			k = i % (MatchDistance + 1)
		}
		b := a
		for _, bit := range rng.Perm(64)[:k] {
			b ^= 1 << bit
		}
		if d := Distance(a, b); d != k {
			t.Fatalf("flipped %d bits, distance %d", k, d)
		}
		if !shareBand(Bands(a), Bands(b)) {
			t.Fatalf("%#016x and %#016x at distance %d share no band", a, b, k)
		}
	}
}

// TestBandsBoundIsTight shows why MatchDistance must stay below BandCount:
// one flipped bit in every band (distance BandCount) leaves no band shared.
func TestBandsBoundIsTight(t *testing.T) {
	a := uint64(0x0123_4567_89AB_CDEF)
	b := a ^ 0x0101_0101_0101_0101
	if Distance(a, b) != BandCount || shareBand(Bands(a), Bands(b)) {
		t.Errorf("expected distance %d with no shared band", BandCount)
	}
}

// TestBandsIndex plays the store: index every fixture by band, look a new
// upload up by its bands, confirm with Distance.
func TestBandsIndex(t *testing.T) {
	index := map[int][]string{}
	hashes := map[string]uint64{}
	for _, name := range []string{fxK1, fxK2, fxWebP} {
		h := mustInspect(t, readFixture(t, name)).PHash
		hashes[name] = h
		for _, band := range Bands(h) {
			index[band] = append(index[band], name)
		}
	}
	lookup := func(h uint64) []string {
		var matches []string
		seen := map[string]bool{}
		for _, band := range Bands(h) {
			for _, cand := range index[band] {
				if !seen[cand] && Distance(h, hashes[cand]) <= MatchDistance {
					matches = append(matches, cand)
				}
				seen[cand] = true
			}
		}
		return matches
	}
	if got := lookup(mustInspect(t, readFixture(t, fxUlang)).PHash); !slices.Equal(got, []string{fxK1}) {
		t.Errorf("re-encoded copy found %v, want [%s]", got, fxK1)
	}
	if got := lookup(hashes[fxK2]); !slices.Equal(got, []string{fxK2}) {
		t.Errorf("kegiatan-2 found %v, want only itself", got)
	}
}

func ExampleBands() {
	fmt.Printf("%#x\n", Bands(0x0123_4567_89AB_CDEF))
	// Output: [0x1 0x10023 0x20045 0x30067 0x40089 0x500ab 0x600cd 0x700ef]
}

// syntheticJPEG returns a w x h picture with structure at every scale (a
// gradient, rings, blocks and noise), encoded as a JPEG at quality 85 and
// decoded again: an *image.YCbCr with 4:2:0 chroma, as cameras and phones
// send them.
func syntheticJPEG(tb testing.TB, w, h int, seed uint64) image.Image {
	tb.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	src := image.NewRGBA(image.Rect(0, 0, w, h))
	cx, cy := rng.Float64()*float64(w), rng.Float64()*float64(h)
	for y := range h {
		for x := range w {
			dx, dy := float64(x)-cx, float64(y)-cy
			ring := uint8(int(dx*dx+dy*dy) / (1 + w/8) % 64)
			block := uint8((x/(1+w/7) + y/(1+h/5)) % 3 * 40)
			noise := uint8(rng.IntN(24))
			src.Pix[src.PixOffset(x, y)+0] = uint8(x*200/w) + noise
			src.Pix[src.PixOffset(x, y)+1] = ring + block + noise
			src.Pix[src.PixOffset(x, y)+2] = uint8(y*150/h) + block
			src.Pix[src.PixOffset(x, y)+3] = 255
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, src, &jpeg.Options{Quality: 85}); err != nil {
		tb.Fatal(err)
	}
	img, err := jpeg.Decode(&buf)
	if err != nil {
		tb.Fatal(err)
	}
	return img
}

// BenchmarkPHash: the fixture (4:4:4), generated 4:2:0 JPEGs at the common
// camera sizes, and an odd size that is no multiple of the 32x32 grid.
func BenchmarkPHash(b *testing.B) {
	for _, bm := range []struct {
		name string
		img  func() image.Image
	}{
		{"fixture-640x480", func() image.Image { return decodeFixture(b, fxK1) }},
		{"640x480", func() image.Image { return syntheticJPEG(b, 640, 480, 1) }},
		{"1280x960", func() image.Image { return syntheticJPEG(b, 1280, 960, 2) }},
		{"641x479", func() image.Image { return syntheticJPEG(b, 641, 479, 3) }},
	} {
		b.Run(bm.name, func(b *testing.B) {
			img := bm.img()
			if _, ok := img.(*image.YCbCr); !ok {
				b.Fatalf("%T, want an *image.YCbCr", img)
			}
			b.ReportAllocs()
			for b.Loop() {
				PHash(img)
			}
		})
	}
}
