package evidence

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"testing"

	"github.com/kinerjabot/kinerjabot/evidence/internal/jpegdc"
)

// maxDCShift is the largest distance measured between a JPEG's hash from
// its DC coefficients and from its full decode, on every picture of
// dcCorpus (TestDCHashMatchesFullDecode prints them with -v): within the
// re-encoding margin that MatchDistance leaves (4), so a picture on file
// hashed by the full decode still matches its copy hashed from the DC
// coefficients, and the other way round.
const maxDCShift = 2

// dcCorpus is every JPEG fixture and generated pictures like the load
// generator's and the cameras': sizes, qualities, subsampling ratios,
// progressive and restart intervals, one component.
func dcCorpus(tb testing.TB) map[string][]byte {
	tb.Helper()
	out := map[string][]byte{}
	for _, name := range []string{fxK1, fxUlang, fxK2, "dc-progressive-420.jpg", "dc-progressive-444.jpg",
		"dc-restart-422.jpg", "dc-gray-progressive.jpg", "dc-rgb.jpg"} {
		out[name] = readFixture(tb, name)
	}
	for i := range 40 {
		out[fmt.Sprintf("loadgen-%02d", i)] = encodeJPEG(tb, blocksPicture(640, 480, uint64(i)), 80)
	}
	for i, sz := range []image.Point{{1280, 960}, {1280, 720}, {960, 1280}, {641, 479}, {800, 600}, {333, 256}, {256, 333}, {255, 400}, {320, 240}, {90, 68}, {17, 13}, {9, 9}} {
		out[fmt.Sprintf("synthetic-%dx%d", sz.X, sz.Y)] = encodeJPEG(tb, ringsPicture(sz.X, sz.Y, uint64(100+i)), 60+5*i%35)
	}
	gray := image.NewGray(image.Rect(0, 0, 500, 375))
	src := ringsPicture(500, 375, 7)
	for y := range 375 {
		for x := range 500 {
			gray.Set(x, y, src.At(x, y))
		}
	}
	out["gray-500x375"] = encodeJPEG(tb, gray, 75)
	return out
}

// fullHash is the hash as the full decode gives it (before the DC path).
func fullHash(tb testing.TB, data []byte) uint64 {
	tb.Helper()
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		tb.Fatal(err)
	}
	return PHash(img)
}

// TestDCHashMatchesFullDecode: on every picture of the corpus, the hash
// Inspect gives (from the DC coefficients) is within maxDCShift of the full
// decode's, and every pair of pictures is taken for the same picture, or
// not, alike whichever way each was hashed: hashes on file from before
// this change keep matching (and not matching) new photos as they did.
func TestDCHashMatchesFullDecode(t *testing.T) {
	corpus := dcCorpus(t)
	full, dc := map[string]uint64{}, map[string]uint64{}
	worst := 0
	for name, data := range corpus {
		info, err := Inspect(data, 0)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		full[name], dc[name] = fullHash(t, data), info.PHash
		d := Distance(full[name], dc[name])
		worst = max(worst, d)
		t.Logf("%-26s %4dx%-4d full %016x dc %016x distance %d", name, info.Width, info.Height, full[name], dc[name], d)
		if d > maxDCShift {
			t.Errorf("%s: DC hash %016x is %d from the full decode's %016x (at most %d)", name, dc[name], d, full[name], maxDCShift)
		}
	}
	t.Logf("largest distance: %d over %d pictures", worst, len(corpus))
	for a := range corpus {
		for b := range corpus {
			if a >= b {
				continue
			}
			was := Distance(full[a], full[b]) <= MatchDistance
			for _, now := range [][2]uint64{{dc[a], dc[b]}, {full[a], dc[b]}, {dc[a], full[b]}} {
				if got := Distance(now[0], now[1]) <= MatchDistance; got != was {
					t.Errorf("%s ~ %s: match %v, was %v (full %d, dc %d)", a, b, got, was,
						Distance(full[a], full[b]), Distance(now[0], now[1]))
				}
			}
		}
	}
}

// TestDCHashKeepsDuplicates: re-encoded and resized copies of the corpus's
// pictures still match their originals on file when both are hashed from
// the DC coefficients, and when the original was hashed by the full decode.
func TestDCHashKeepsDuplicates(t *testing.T) {
	for name, data := range dcCorpus(t) {
		img, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() < 64 || b.Dy() < 64 {
			continue
		}
		orig := fullHash(t, data)
		for _, q := range []int{90, 60, 30} {
			info, err := Inspect(encodeJPEG(t, img, q), 0)
			if err != nil {
				t.Fatal(err)
			}
			if d := Distance(orig, info.PHash); d > MatchDistance {
				t.Errorf("%s at q%d: distance %d to the original on file", name, q, d)
			}
		}
	}
}

// TestDCPlaneMatchesFullDecode: every block of the 1/8-scale plane is the
// average of the full decode's 64 pixels of that block, within the inverse
// DCT's rounding, on every picture of the corpus.
func TestDCPlaneMatchesFullDecode(t *testing.T) {
	for name, data := range dcCorpus(t) {
		t.Run(name, func(t *testing.T) { checkPlane(t, data) })
	}
}

// FuzzDCDecode: the DC decoder accepts and refuses exactly what image/jpeg
// does, with the same error, reports the same dimensions, and its plane is
// the full decode's block averages (checkPlane).
//
//	go test -run '^$' -fuzz FuzzDCDecode -fuzztime 30s ./evidence/
func FuzzDCDecode(f *testing.F) {
	tiny := tinyJPEG(f)
	f.Add(tiny)
	f.Add(tiny[:len(tiny)*2/3])
	f.Add(jpegWithSize(f, tiny, 0, 12336)) // image/jpeg: empty bounds
	f.Add(encodeJPEG(f, ringsPicture(24, 17, 3), 50))
	for _, name := range []string{"dc-gray-progressive.jpg", "dc-progressive-420.jpg", "dc-restart-422.jpg"} {
		f.Add(shrinkJPEG(f, readFixture(f, name)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > 1<<16 {
			// As Inspect, which refuses a bad header or an empty picture
			// before decoding (image/jpeg gives a 0xN frame empty bounds).
			return
		}
		checkPlane(t, data)
	})
}

// shrinkJPEG keeps the structure of a fixture (progressive scans, restart
// markers) at a size the fuzzer can mutate: the first 2 KB, then EOI.
func shrinkJPEG(tb testing.TB, data []byte) []byte {
	tb.Helper()
	return append(bytes.Clone(data[:min(len(data), 2048)]), 0xff, 0xd9)
}

// checkPlane compares jpegdc.Decode with image/jpeg.Decode on data.
func checkPlane(t *testing.T, data []byte) {
	t.Helper()
	img, fullErr := jpeg.Decode(bytes.NewReader(data))
	p, err := jpegdc.Decode(bytes.NewReader(data))
	if fullErr == nil && errors.Is(err, jpegdc.ErrNotLuma) {
		switch img.(type) {
		case *image.YCbCr, *image.Gray:
			t.Fatalf("ErrNotLuma for a %T", img)
		}
		return
	}
	if fullErr != nil || err != nil {
		if fmt.Sprint(fullErr) != fmt.Sprint(err) {
			t.Fatalf("image/jpeg: %v; jpegdc: %v", fullErr, err)
		}
		return
	}
	var luma []uint8
	var stride int
	switch m := img.(type) {
	case *image.YCbCr:
		luma, stride = m.Y, m.YStride
	case *image.Gray:
		luma, stride = m.Pix, m.Stride
	default:
		t.Fatalf("DC plane for a %T", img)
	}
	if b := img.Bounds(); b.Dx() != p.Width || b.Dy() != p.Height {
		t.Fatalf("image/jpeg %v, jpegdc %dx%d", b, p.Width, p.Height)
	}
	for by := range p.Height / 8 {
		for bx := range p.Width / 8 {
			sum, clipped := 0, false
			for y := range 8 {
				for _, v := range luma[(8*by+y)*stride+8*bx:][:8] {
					sum += int(v)
					clipped = clipped || v == 0 || v == 255
				}
			}
			// Each pixel is rounded and the inverse DCT is exact to ±1:
			// the average is within 1 unless pixels were clamped.
			if d := float64(sum)/64 - p.Mean(bx, by); !clipped && (d > 1 || d < -1) {
				t.Fatalf("block %d,%d: average %.2f, DC %.2f", bx, by, float64(sum)/64, p.Mean(bx, by))
			}
		}
	}
}
