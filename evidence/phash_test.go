package evidence

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
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

func shareBand(a, b []int) bool { return sharedBands(a, b) > 0 }

// sharedBands counts the values of a that b has too.
func sharedBands(a, b []int) int {
	n := 0
	for _, v := range a {
		if slices.Contains(b, v) {
			n++
		}
	}
	return n
}

func TestBandsLayout(t *testing.T) {
	if BandCount-MatchDistance < 2 {
		t.Errorf("hashes within MatchDistance %d may share fewer than the two bands the stores ask of a candidate", MatchDistance)
	}
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

// TestBandsGuarantee: two hashes at distance k < BandCount share at least
// BandCount-k band values, so two within MatchDistance share at least two:
// what the stores ask of a candidate (storage.SimilarBands).
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
		if n := sharedBands(Bands(a), Bands(b)); n < BandCount-k {
			t.Fatalf("%#016x and %#016x at distance %d share %d bands, want at least %d", a, b, k, n, BandCount-k)
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
	lookup := func(h uint64) []string { // candidates share two bands, as in the stores
		var matches []string
		shared := map[string]int{}
		for _, band := range Bands(h) {
			for _, cand := range index[band] {
				if shared[cand]++; shared[cand] == BandCount-MatchDistance && Distance(h, hashes[cand]) <= MatchDistance {
					matches = append(matches, cand)
				}
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
	img, err := jpeg.Decode(bytes.NewReader(encodeJPEG(tb, ringsPicture(w, h, seed), 85)))
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
		img  func(testing.TB) image.Image
	}{
		{"fixture-640x480", func(tb testing.TB) image.Image { return decodeFixture(tb, fxK1) }},
		{"640x480", func(tb testing.TB) image.Image { return syntheticJPEG(tb, 640, 480, 1) }},
		{"1280x960", func(tb testing.TB) image.Image { return syntheticJPEG(tb, 1280, 960, 2) }},
		{"641x479", func(tb testing.TB) image.Image { return syntheticJPEG(tb, 641, 479, 3) }},
	} {
		b.Run(bm.name, func(b *testing.B) {
			img := bm.img(b)
			if m, ok := img.(*image.YCbCr); !ok || bm.name != "fixture-640x480" && m.SubsampleRatio != image.YCbCrSubsampleRatio420 {
				b.Fatalf("%T, want an *image.YCbCr (4:2:0 but for the fixture)", img)
			}
			b.ReportAllocs()
			for b.Loop() {
				PHash(img)
			}
		})
	}
}

// TestAxisColumns: axisColumns regroups axisWeights by cell without losing,
// reordering or changing a weight, and the pixels of each cell are
// consecutive (as the columns comment argues): for every size up to 4096,
// then every 7th, and MaxSide (all of them take 5x longer, 30 s with -race).
func TestAxisColumns(t *testing.T) {
	for n := 1; n <= MaxSide; n++ {
		if n > 4096 && n%7 != 0 && n != MaxSide {
			continue
		}
		aw, cols := axisWeights(n), axisColumns(n)
		next := cols.start
		for i := range n {
			for _, c := range aw.of(i) {
				k := next[c.cell]
				next[c.cell]++
				if k >= cols.start[c.cell+1] || cols.first[c.cell]+k-cols.start[c.cell] != i ||
					math.Float64bits(cols.weight[k]) != math.Float64bits(c.weight) {
					t.Fatalf("n=%d: pixel %d, cell %d, weight %v: not at position %d of the cell's run (first %d, weight %v)",
						n, i, c.cell, c.weight, k-cols.start[c.cell], cols.first[c.cell], cols.weight[min(k, len(cols.weight)-1)])
				}
			}
		}
		if next[phashSide-1] != len(cols.weight) || cols.start[phashSide] != len(aw.cells) {
			t.Fatalf("n=%d: %d weights regrouped, %d given", n, cols.start[phashSide], len(aw.cells))
		}
	}
}

// TestReduceMatchesReference: the fast reduce gives bit for bit the grid of
// the plain loop (referenceReduce), hence the same hash, on the fixtures and
// on generated pictures of every size class and image type, including
// symmetric and uniform ones whose hash bits are decided by rounding noise.
func TestReduceMatchesReference(t *testing.T) {
	check := func(name string, img image.Image) {
		t.Helper()
		checkMatchesReference(t, name, img)
	}

	// Fixtures: the package's own and the shared ones, whatever decodes.
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	shared, _ := filepath.Glob(filepath.Join("..", "..", "shared", "fixtures", "evidence", "*"))
	decoded := 0
	for _, f := range append(files, shared...) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var img image.Image
		if strings.HasSuffix(f, ".webp") {
			img, err = webp.Decode(bytes.NewReader(data))
		} else {
			img, _, err = image.Decode(bytes.NewReader(data))
		}
		if err != nil {
			continue // bukan-gambar.jpg, README.md
		}
		decoded++
		check(f, img)
		if img.Bounds().Dx()*img.Bounds().Dy() < 20_000 { // small enough to convert quickly
			for _, conv := range imageKinds {
				check(f+" as "+conv.name, conv.make(img))
			}
		}
	}
	if decoded < 5 {
		t.Errorf("only %d fixtures decoded", decoded)
	}
	t.Logf("%d fixtures decoded", decoded)

	rng := rand.New(rand.NewPCG(20261130, 32))
	sizes := []image.Point{
		{1, 1}, {1, 7}, {7, 1}, {2, 2}, {5, 3}, {31, 33}, {32, 32}, {33, 31}, {64, 48}, {63, 65},
		{97, 61}, {96, 64}, {640, 480}, {1280, 960}, {641, 479}, {3000, 17}, {17, 3000}, {3000, 7},
	}
	for len(sizes) < 200 {
		// Mostly small (fast), some of them multiples of 32.
		w, h := 1+rng.IntN(160), 1+rng.IntN(160)
		if rng.IntN(4) == 0 {
			w, h = 32*(1+rng.IntN(6)), 32*(1+rng.IntN(6))
		}
		sizes = append(sizes, image.Pt(w, h))
	}
	for i, size := range sizes {
		pat := patterns[i%len(patterns)]
		src := pat.make(rng, size.X, size.Y)
		kind := imageKinds[i%len(imageKinds)]
		img := kind.make(src)
		// Every few, through a sub-image whose parent is larger and does
		// not start at (0, 0).
		if i%3 == 1 {
			img = inParent(img, rng)
		}
		check(fmt.Sprintf("#%d %s %dx%d %s", i, pat.name, size.X, size.Y, kind.name), img)
	}
	// The typical sizes, as JPEG decodes them.
	for i, size := range []image.Point{{640, 480}, {1280, 960}, {641, 479}} {
		check(fmt.Sprintf("JPEG %dx%d", size.X, size.Y), syntheticJPEG(t, size.X, size.Y, uint64(10+i)))
	}
}

func checkMatchesReference(t *testing.T, name string, img image.Image) {
	t.Helper()
	r := img.Bounds()
	if r.Empty() {
		return
	}
	got := reduce(img, r, r.Dx(), r.Dy())
	want := referenceReduce(img, r, r.Dx(), r.Dy())
	for y := range got {
		for x := range got[y] {
			if math.Float64bits(got[y][x]) != math.Float64bits(want[y][x]) {
				t.Errorf("%s (%T %v): cell (%d, %d) = %v, reference %v", name, img, r, x, y, got[y][x], want[y][x])
				return
			}
		}
	}
	if h, ref := PHash(img), referencePHash(img); h != ref {
		t.Errorf("%s (%T %v): hash %#016x, reference %#016x", name, img, r, h, ref)
	}
}

// FuzzReduceMatchesReference: TestReduceMatchesReference on pictures of any
// size up to 320x320, type and pixels (pix repeated to fill the picture).
//
//	go test -run '^$' -fuzz FuzzReduceMatchesReference -fuzztime 20s ./evidence/
func FuzzReduceMatchesReference(f *testing.F) {
	f.Add(uint16(31), uint16(33), uint8(0), []byte("kegiatan"))
	f.Add(uint16(1), uint16(1), uint8(3), []byte{7})
	f.Add(uint16(64), uint16(32), uint8(6), []byte{0, 255, 128, 3, 99})
	f.Add(uint16(300), uint16(5), uint8(7), []byte{1, 2, 3, 4, 5, 6, 7})
	f.Fuzz(func(t *testing.T, w, h uint16, kind uint8, pix []byte) {
		if len(pix) == 0 {
			pix = []byte{0}
		}
		wi, hi := 1+int(w)%320, 1+int(h)%320
		src := fill(wi, hi, func(x, y int) color.NRGBA {
			i := 4 * (y*wi + x)
			return color.NRGBA{pix[i%len(pix)], pix[(i+1)%len(pix)], pix[(i+2)%len(pix)], pix[(i+3)%len(pix)]}
		})
		k := imageKinds[int(kind)%len(imageKinds)]
		checkMatchesReference(t, k.name, k.make(src))
	})
}

// patterns are the pictures TestReduceMatchesReference hashes, as NRGBA
// (alpha varies in some, for the image types that keep it).
var patterns = []struct {
	name string
	make func(rng *rand.Rand, w, h int) *image.NRGBA
}{
	{"noise", func(rng *rand.Rand, w, h int) *image.NRGBA {
		return fill(w, h, func(x, y int) color.NRGBA {
			return color.NRGBA{uint8(rng.Uint32()), uint8(rng.Uint32()), uint8(rng.Uint32()), 255}
		})
	}},
	{"gradient+noise", func(rng *rand.Rand, w, h int) *image.NRGBA {
		return fill(w, h, func(x, y int) color.NRGBA {
			n := uint8(rng.IntN(32))
			return color.NRGBA{uint8(x*200/w) + n, uint8(y*200/h) + n, uint8((x+y)*100/(w+h)) + n, 255}
		})
	}},
	{"rectangles", func(rng *rand.Rand, w, h int) *image.NRGBA {
		type rect struct {
			r image.Rectangle
			c color.NRGBA
		}
		var rs []rect
		for range 6 {
			x0, y0 := rng.IntN(w), rng.IntN(h)
			rs = append(rs, rect{image.Rect(x0, y0, x0+1+rng.IntN(w), y0+1+rng.IntN(h)),
				color.NRGBA{uint8(rng.Uint32()), uint8(rng.Uint32()), uint8(rng.Uint32()), 255}})
		}
		return fill(w, h, func(x, y int) color.NRGBA {
			c := color.NRGBA{40, 90, 140, 255}
			for _, r := range rs {
				if image.Pt(x, y).In(r.r) {
					c = r.c
				}
			}
			return c
		})
	}},
	{"translucent", func(rng *rand.Rand, w, h int) *image.NRGBA {
		return fill(w, h, func(x, y int) color.NRGBA {
			a := []uint8{0, 255, uint8(rng.Uint32())}[rng.IntN(3)]
			return color.NRGBA{uint8(rng.Uint32()), uint8(x * 255 / w), uint8(y * 255 / h), a}
		})
	}},
	// Degenerate: every AC coefficient, or every one but a row, is rounding
	// noise, so the bits are decided by the exact floating-point operations.
	{"uniform", func(rng *rand.Rand, w, h int) *image.NRGBA {
		c := color.NRGBA{uint8(rng.Uint32()), uint8(rng.Uint32()), uint8(rng.Uint32()), 255}
		return fill(w, h, func(x, y int) color.NRGBA { return c })
	}},
	{"horizontal gradient", func(rng *rand.Rand, w, h int) *image.NRGBA {
		return fill(w, h, func(x, y int) color.NRGBA {
			v := uint8(x * 255 / w)
			return color.NRGBA{v, v, v, 255}
		})
	}},
	{"mirrored", func(rng *rand.Rand, w, h int) *image.NRGBA {
		return fill(w, h, func(x, y int) color.NRGBA {
			d := min(x, w-1-x)
			return color.NRGBA{uint8(d * 3), uint8(y * 7), uint8(d ^ y), 255}
		})
	}},
	{"checkerboard", func(rng *rand.Rand, w, h int) *image.NRGBA {
		return fill(w, h, func(x, y int) color.NRGBA {
			v := uint8((x/4 + y/4) % 2 * 255)
			return color.NRGBA{v, v, v, 255}
		})
	}},
}

func fill(w, h int, f func(x, y int) color.NRGBA) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetNRGBA(x, y, f(x, y))
		}
	}
	return img
}

// imageKinds convert a picture to each image type lumaRow has a case for,
// and to some that take the generic At path.
var imageKinds = []struct {
	name string
	make func(image.Image) image.Image
}{
	{"YCbCr 4:2:0", func(src image.Image) image.Image { return toYCbCr(src, image.YCbCrSubsampleRatio420) }},
	{"YCbCr 4:4:4", func(src image.Image) image.Image { return toYCbCr(src, image.YCbCrSubsampleRatio444) }},
	{"YCbCr 4:2:2", func(src image.Image) image.Image { return toYCbCr(src, image.YCbCrSubsampleRatio422) }},
	{"Gray", func(src image.Image) image.Image { return convert(src, image.NewGray(src.Bounds())) }},
	{"RGBA", func(src image.Image) image.Image { return convert(src, image.NewRGBA(src.Bounds())) }},
	{"NRGBA", func(src image.Image) image.Image { return convert(src, image.NewNRGBA(src.Bounds())) }},
	{"NYCbCrA", func(src image.Image) image.Image {
		b := src.Bounds()
		m := image.NewNYCbCrA(b, image.YCbCrSubsampleRatio420)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				c := color.NRGBAModel.Convert(src.At(x, y)).(color.NRGBA)
				yy, cb, cr := color.RGBToYCbCr(c.R, c.G, c.B)
				m.Y[m.YOffset(x, y)], m.Cb[m.COffset(x, y)], m.Cr[m.COffset(x, y)] = yy, cb, cr
				m.A[m.AOffset(x, y)] = c.A
			}
		}
		return m
	}},
	{"Paletted", func(src image.Image) image.Image {
		pal := make(color.Palette, 256)
		for i := range pal {
			pal[i] = color.NRGBA{uint8(i), uint8(i * 7), uint8(255 - i), uint8(255 - i%3*100)}
		}
		b := src.Bounds()
		m := image.NewPaletted(b, pal)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, _, _ := src.At(x, y).RGBA()
				m.SetColorIndex(x, y, uint8((r>>8)^(g>>9)))
			}
		}
		return m
	}},
	{"RGBA64", func(src image.Image) image.Image { return convert(src, image.NewRGBA64(src.Bounds())) }},
	{"Gray16", func(src image.Image) image.Image { return convert(src, image.NewGray16(src.Bounds())) }},
}

func convert[M draw.Image](src image.Image, dst M) M {
	draw.Draw(dst, dst.Bounds(), src, src.Bounds().Min, draw.Src)
	return dst
}

func toYCbCr(src image.Image, ratio image.YCbCrSubsampleRatio) *image.YCbCr {
	b := src.Bounds()
	m := image.NewYCbCr(b, ratio)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := src.At(x, y).RGBA()
			yy, cb, cr := color.RGBToYCbCr(uint8(r>>8), uint8(g>>8), uint8(bl>>8))
			m.Y[m.YOffset(x, y)], m.Cb[m.COffset(x, y)], m.Cr[m.COffset(x, y)] = yy, cb, cr
		}
	}
	return m
}

// inParent returns img's pixels as a sub-image of a larger picture of the
// same type that starts at negative coordinates, the margin filled with
// noise (which must not count). Types without SubImage are returned as is.
func inParent(img image.Image, rng *rand.Rand) image.Image {
	b := img.Bounds()
	big := image.Rect(b.Min.X-1-rng.IntN(9), b.Min.Y-1-rng.IntN(9), b.Max.X+1+rng.IntN(9), b.Max.Y+1+rng.IntN(9))
	noise := fill(big.Dx(), big.Dy(), func(x, y int) color.NRGBA {
		return color.NRGBA{uint8(rng.Uint32()), uint8(rng.Uint32()), uint8(rng.Uint32()), uint8(rng.Uint32())}
	})
	var parent image.Image
	switch m := img.(type) {
	case *image.YCbCr:
		p := image.NewYCbCr(big, m.SubsampleRatio)
		for i := range p.Y {
			p.Y[i] = uint8(rng.Uint32())
		}
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				p.Y[p.YOffset(x, y)] = m.Y[m.YOffset(x, y)]
				p.Cb[p.COffset(x, y)], p.Cr[p.COffset(x, y)] = m.Cb[m.COffset(x, y)], m.Cr[m.COffset(x, y)]
			}
		}
		parent = p
	case *image.NYCbCrA:
		p := image.NewNYCbCrA(big, m.SubsampleRatio)
		for i := range p.Y {
			p.Y[i], p.A[i] = uint8(rng.Uint32()), uint8(rng.Uint32())
		}
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				p.Y[p.YOffset(x, y)], p.A[p.AOffset(x, y)] = m.Y[m.YOffset(x, y)], m.A[m.AOffset(x, y)]
				p.Cb[p.COffset(x, y)], p.Cr[p.COffset(x, y)] = m.Cb[m.COffset(x, y)], m.Cr[m.COffset(x, y)]
			}
		}
		parent = p
	case draw.Image:
		p := reflectNew(m, big)
		if p == nil {
			return img
		}
		draw.Draw(p, big, noise, image.Point{}, draw.Src)
		draw.Draw(p, b, m, b.Min, draw.Src)
		parent = p
	default:
		return img
	}
	return parent.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(b)
}

// reflectNew returns a new image of m's type with bounds r, for the types
// inParent uses.
func reflectNew(m image.Image, r image.Rectangle) draw.Image {
	switch m := m.(type) {
	case *image.Gray:
		return image.NewGray(r)
	case *image.RGBA:
		return image.NewRGBA(r)
	case *image.NRGBA:
		return image.NewNRGBA(r)
	case *image.RGBA64:
		return image.NewRGBA64(r)
	case *image.Gray16:
		return image.NewGray16(r)
	case *image.Paletted:
		return image.NewPaletted(r, m.Palette)
	}
	return nil
}
