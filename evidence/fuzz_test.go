package evidence

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/jpeg"
	"testing"

	"golang.org/x/image/draw"
)

// fuzzLimits keep each fuzz run fast: a header claiming a few megapixels
// would otherwise cost a large allocation (and, for WebP, decoding that many
// empty macroblocks) per run. The same code paths run; only the threshold
// for ErrUnsupported is lower.
var fuzzLimits = limits{side: 1024, pixels: 256 * 1024}

// tinyJPEG is kegiatan-1 shrunk to 16x12 with the fixture's EXIF block: a
// small seed that still reaches the JPEG decoder, the pHash and the EXIF
// reader. Large seeds make the fuzzer spend its time minimizing.
func tinyJPEG(tb testing.TB) []byte {
	src := decodeFixture(tb, fxK1)
	dst := image.NewRGBA(image.Rect(0, 0, 16, 12))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 75}); err != nil {
		tb.Fatal(err)
	}
	return withAPP1(buf.Bytes(), jpegEXIF(readFixture(tb, fxK1)))
}

// FuzzInspect: Inspect must never panic, must fail only with one of the
// three sentinels, and must describe what it accepts consistently.
//
//	go test -run '^$' -fuzz FuzzInspect -fuzztime 20s ./evidence/
func FuzzInspect(f *testing.F) {
	k1 := readFixture(f, fxK1)
	tiff := jpegEXIF(k1)
	tiny := tinyJPEG(f)
	png1 := readFixture(f, fxPNG)
	iend := bytes.LastIndex(png1, []byte("IEND")) - 4
	for _, seed := range [][]byte{
		tiny,
		tiny[:len(tiny)/2],
		png1,
		append(append(bytes.Clone(png1[:iend]), pngChunk("eXIf", tiff)...), png1[iend:]...),
		pngBytes(f, 3, 2),
		tinyWebPLossy,
		tinyWebPLossless,
		tinyWebPAlpha,
		readFixture(f, fxText),
		tiff, // a bare TIFF block
		pngHeaderOnly(100, 100),
		gifBytes(f),
		{},
	} {
		f.Add(seed)
	}
	// Whole fixtures are checked by TestInspectInvariantsFixtures instead:
	// as seeds they are slow to mutate and, above all, to minimize (the
	// fuzzer would spend its 20 s minimizing one 20 KB input).

	f.Fuzz(func(t *testing.T, data []byte) {
		checkInspect(t, data, fuzzLimits)
	})
}

// TestInspectInvariantsFixtures runs the fuzz checks on every fixture, with
// the real limits.
func TestInspectInvariantsFixtures(t *testing.T) {
	for _, name := range []string{fxK1, fxUlang, fxK2, fxPNG, fxText, fxWebP} {
		checkInspect(t, readFixture(t, name), limits{side: MaxSide, pixels: MaxPixels})
	}
}

func checkInspect(t *testing.T, data []byte, lim limits) {
	t.Helper()
	info, err := inspect(data, 1<<20, lim)
	if err != nil {
		if !errors.Is(err, ErrNotImage) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrUnsupported) {
			t.Fatalf("error without a sentinel: %v", err)
		}
		return
	}
	switch info.MIME {
	case MIMEJPEG, MIMEPNG, MIMEWebP:
	default:
		t.Fatalf("accepted with MIME %q", info.MIME)
	}
	if info.Width <= 0 || info.Height <= 0 || int64(info.Width) > lim.side || int64(info.Height) > lim.side ||
		int64(info.Width)*int64(info.Height) > lim.pixels {
		t.Fatalf("accepted %dx%d", info.Width, info.Height)
	}
	sum := sha256.Sum256(data)
	if info.Size != int64(len(data)) || info.SHA256 != hex.EncodeToString(sum[:]) {
		t.Fatalf("size/sha mismatch: %d %s", info.Size, info.SHA256)
	}
	if g := info.GPS; g != nil && (g.Lat < -90 || g.Lat > 90 || g.Lon < -180 || g.Lon > 180) {
		t.Fatalf("GPS out of range: %+v", *g)
	}
	if info.TakenAtHasZone && info.TakenAt == nil {
		t.Fatal("zone without a time")
	}
}

// FuzzParseEXIF hits the EXIF reader directly (Inspect only reaches it after
// a full decode, which makes each Inspect iteration slow).
func FuzzParseEXIF(f *testing.F) {
	f.Add(jpegEXIF(readFixture(f, fxK1)))
	f.Add(jpegEXIF(readFixture(f, fxK2)))
	f.Add([]byte("II*\x00\x08\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		md := parseEXIF(data)
		if g := md.gps; g != nil && (g.Lat < -90 || g.Lat > 90 || g.Lon < -180 || g.Lon > 180 || (g.Lat == 0 && g.Lon == 0)) {
			t.Fatalf("GPS %+v", *g)
		}
		// The container walkers too.
		jpegEXIF(data)
		pngEXIF(data)
		webpEXIF(data)
	})
}

func BenchmarkInspect(b *testing.B) {
	data := readFixture(b, fxK1)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Inspect(data, 0); err != nil {
			b.Fatal(err)
		}
	}
}
