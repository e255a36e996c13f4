package evidence

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color/palette"
	"image/gif"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// Fixtures (copied from shared/fixtures/evidence, plus video-001.lossy.webp
// from golang.org/x/image's testdata, BSD licence). SHA-256 values computed
// with sha256sum.
const (
	fxK1    = "kegiatan-1.jpg"
	fxUlang = "kegiatan-1-ulang.jpg"
	fxK2    = "kegiatan-2.jpg"
	fxPNG   = "tanpa-exif.png"
	fxText  = "bukan-gambar.jpg"
	fxWebP  = "video-001.lossy.webp"
)

// 1x1 WebP files, the well-known feature-detection samples (Modernizr, MIT):
// lossy (VP8), lossless (VP8L) and lossy with alpha (VP8X + ALPH).
var (
	tinyWebPLossy    = []byte("RIFF\x22\x00\x00\x00WEBPVP8 \x16\x00\x00\x000\x01\x00\x9d\x01*\x01\x00\x01\x00\x0e\xc0\xfe%\xa4\x00\x03p\x00\x00\x00\x00")
	tinyWebPLossless = []byte("RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00/\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00")
	tinyWebPAlpha    = []byte("RIFFJ\x00\x00\x00WEBPVP8X\x0a\x00\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00\x00\x00ALPH\x0c\x00\x00\x00\x11\x07\x10\x11\xfd\x0fDD\xff\x03\x00\x00VP8 \x18\x00\x00\x00\x14\x01\x00\x9d\x01*\x01\x00\x01\x00\x00\x00\xfe\x00\x00\x0d\xc0\x00\xfe\xe6\xb5\x00\x00\x00")
)

func TestInspectTinyWebP(t *testing.T) {
	for name, data := range map[string][]byte{"lossy": tinyWebPLossy, "lossless": tinyWebPLossless, "alpha": tinyWebPAlpha} {
		info, err := Inspect(data, 0)
		if err != nil || info.MIME != MIMEWebP || info.Width != 1 || info.Height != 1 {
			t.Errorf("%s: %+v, %v", name, info, err)
		}
	}
}

func readFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func mustInspect(tb testing.TB, data []byte) Info {
	tb.Helper()
	info, err := Inspect(data, 0)
	if err != nil {
		tb.Fatalf("Inspect: %v", err)
	}
	return info
}

func TestInspectFixtures(t *testing.T) {
	tests := []struct {
		file          string
		mime          string
		w, h          int
		size          int64
		sha           string
		takenAt       string // RFC 3339, "" for none
		hasZone       bool
		gps           *Point
		wantNonZeroPH bool
	}{
		{fxK1, MIMEJPEG, 640, 480, 21660, "92793f46818704d196f94ab3a60bd121586d6b9da82265966d7edfbed2275841",
			"2026-11-20T09:15:00+08:00", true, &Point{-0.5022, 117.1536}, true},
		{fxUlang, MIMEJPEG, 544, 408, 9260, "0abd74e14c7f5b27b140809a19dc4864843e6f44ba9c707bd17dbf6c2e7668fd",
			"", false, nil, true},
		{fxK2, MIMEJPEG, 640, 480, 23461, "ca9e243df06a612357de9e2591b34808305f4cad8b0b6fddab74fce62e0dfcba",
			"2026-11-21T14:02:00+08:00", true, nil, true},
		// A uniform 64x64 picture: no structure, so its perceptual hash is 0.
		{fxPNG, MIMEPNG, 64, 64, 280, "ee8fd2acdebff78c5049099982c32e2cb9bf91563aeec99b76330a7abf5f2a5d",
			"", false, nil, false},
		{fxWebP, MIMEWebP, 150, 103, 3266, "895022c2b310c764eab2553c6683da1e38b81e32ab7a3faa2b927369f032d5a2",
			"", false, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			info, err := Inspect(readFixture(t, tt.file), 1<<20)
			if err != nil {
				t.Fatalf("Inspect: %v", err)
			}
			if info.MIME != tt.mime || info.Width != tt.w || info.Height != tt.h || info.Size != tt.size || info.SHA256 != tt.sha {
				t.Errorf("got %s %dx%d %d bytes sha %s; want %s %dx%d %d bytes sha %s",
					info.MIME, info.Width, info.Height, info.Size, info.SHA256, tt.mime, tt.w, tt.h, tt.size, tt.sha)
			}
			if (info.PHash != 0) != tt.wantNonZeroPH {
				t.Errorf("PHash = %#x, want non-zero %v", info.PHash, tt.wantNonZeroPH)
			}
			assertTaken(t, info, tt.takenAt, tt.hasZone)
			assertGPS(t, info.GPS, tt.gps)
		})
	}
}

func assertTaken(t *testing.T, info Info, want string, hasZone bool) {
	t.Helper()
	if want == "" {
		if info.TakenAt != nil || info.TakenAtHasZone {
			t.Errorf("TakenAt = %v (zone %v), want none", info.TakenAt, info.TakenAtHasZone)
		}
		return
	}
	w, err := time.Parse(time.RFC3339, want)
	if err != nil {
		t.Fatal(err)
	}
	if info.TakenAt == nil {
		t.Fatalf("TakenAt = nil, want %s", want)
	}
	got := *info.TakenAt
	_, gotOff := got.Zone()
	_, wantOff := w.Zone()
	if !got.Equal(w) || gotOff != wantOff || info.TakenAtHasZone != hasZone {
		t.Errorf("TakenAt = %s (zone %v), want %s (zone %v)", got.Format(time.RFC3339), info.TakenAtHasZone, want, hasZone)
	}
	if !hasZone && got.Location() != time.UTC {
		t.Errorf("unzoned TakenAt in %v, want UTC", got.Location())
	}
}

func assertGPS(t *testing.T, got, want *Point) {
	t.Helper()
	switch {
	case want == nil && got != nil:
		t.Errorf("GPS = %+v, want none", *got)
	case want != nil && got == nil:
		t.Errorf("GPS = nil, want %+v", *want)
	case want != nil && (math.Abs(got.Lat-want.Lat) > 5e-5 || math.Abs(got.Lon-want.Lon) > 5e-5):
		t.Errorf("GPS = %.6f,%.6f, want %.4f,%.4f", got.Lat, got.Lon, want.Lat, want.Lon)
	}
}

func gifBytes(t testing.TB) []byte {
	img := image.NewPaletted(image.Rect(0, 0, 16, 16), palette.Plan9)
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	var buf bytes.Buffer
	if err := gif.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pngBytes(t testing.TB, w, h int) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pngChunk(typ string, data []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

// pngHeaderOnly is a PNG signature, an IHDR claiming w x h (8-bit gray) and
// an IEND: DecodeConfig accepts it, a full decode would allocate w*h bytes.
func pngHeaderOnly(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 0, 0, 0, 0)
	out := []byte("\x89PNG\r\n\x1A\n")
	out = append(out, pngChunk("IHDR", ihdr)...)
	return append(out, pngChunk("IEND", nil)...)
}

// jpegWithSize rewrites the dimensions in the SOF0 header of a baseline JPEG.
func jpegWithSize(t testing.TB, jpg []byte, w, h uint16) []byte {
	t.Helper()
	i := bytes.Index(jpg, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no SOF0")
	}
	out := bytes.Clone(jpg)
	binary.BigEndian.PutUint16(out[i+5:], h)
	binary.BigEndian.PutUint16(out[i+7:], w)
	return out
}

func TestInspectRefusals(t *testing.T) {
	k1 := readFixture(t, fxK1)
	png1 := readFixture(t, fxPNG)
	webp1 := readFixture(t, fxWebP)
	animated := []byte("RIFF\x16\x00\x00\x00WEBPVP8X\x0A\x00\x00\x00\x12\x00\x00\x00\x0F\x00\x00\x0F\x00\x00")

	tests := []struct {
		name     string
		data     []byte
		maxBytes int64
		want     error
	}{
		{"empty", nil, 0, ErrNotImage},
		{"text named .jpg", readFixture(t, fxText), 0, ErrNotImage},
		{"html", []byte("<!doctype html><title>x</title>"), 0, ErrNotImage},
		{"JPEG magic then garbage", []byte("\xFF\xD8\xFF\xE0garbage garbage garbage"), 0, ErrNotImage},
		{"PNG signature only", []byte("\x89PNG\r\n\x1A\n"), 0, ErrNotImage},
		{"RIFF but not WebP", []byte("RIFF\x04\x00\x00\x00WAVEfmt "), 0, ErrNotImage},

		{"one byte over the limit", k1, int64(len(k1)) - 1, ErrTooLarge},
		{"limit far below", k1, 1024, ErrTooLarge},
		{"too large wins over not an image", readFixture(t, fxText), 4, ErrTooLarge},

		{"GIF", gifBytes(t), 0, ErrUnsupported},
		{"animated WebP", animated, 0, ErrUnsupported},
		{"TIFF", []byte("II*\x00\x08\x00\x00\x00\x00\x00"), 0, ErrUnsupported},
		{"BMP", append([]byte("BM\x00\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00"), make([]byte, 40)...), 0, ErrUnsupported},
		{"HEIC", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), 0, ErrUnsupported},
		{"AVIF", []byte("\x00\x00\x00\x1CftypavifXXXXmif1miaf"), 0, ErrUnsupported},

		// Decompression bombs are refused on the header, before decoding.
		{"JPEG wider than MaxSide", jpegWithSize(t, k1, MaxSide+1, 10), 0, ErrUnsupported},
		{"JPEG 9000x9000 (81 MP)", jpegWithSize(t, k1, 9000, 9000), 0, ErrUnsupported},
		{"JPEG 65535x65535", jpegWithSize(t, k1, 65535, 65535), 0, ErrUnsupported},
		{"PNG taller than MaxSide", pngHeaderOnly(1, MaxSide+1), 0, ErrUnsupported},
		{"PNG 8000x8000 (64 MP)", pngHeaderOnly(8000, 8000), 0, ErrUnsupported},
		{"PNG 2^31-1 a side", pngHeaderOnly(math.MaxInt32, math.MaxInt32), 0, ErrUnsupported},
		{"PNG 0x0", pngHeaderOnly(0, 0), 0, ErrNotImage},
		{"JPEG 0 pixels wide", jpegWithSize(t, k1, 0, 12336), 0, ErrNotImage},
		{"JPEG 0 pixels high", jpegWithSize(t, k1, 640, 0), 0, ErrNotImage},

		// Truncated uploads: the header reads, the body does not. Decision:
		// ErrNotImage (not a complete picture), wrapping the decoder error.
		// Go's JPEG decoder is strict: even a missing EOI marker refuses.
		{"JPEG cut in half", k1[:len(k1)/2], 0, ErrNotImage},
		{"JPEG without its EOI marker", k1[:len(k1)-2], 0, ErrNotImage},
		{"JPEG cut after the frame header", k1[:0x230], 0, ErrNotImage},
		{"JPEG cut inside EXIF", k1[:100], 0, ErrNotImage},
		{"PNG without IEND", png1[:len(png1)-12], 0, ErrNotImage},
		{"PNG cut in IDAT", png1[:0xa0], 0, ErrNotImage},
		{"WebP cut", webp1[:len(webp1)-100], 0, ErrNotImage},
		{"a truncated 6000x6000 PNG", pngHeaderOnly(6000, 6000), 0, ErrNotImage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := Inspect(tt.data, tt.maxBytes)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Inspect = %+v, %v; want %v", info, err, tt.want)
			}
			for _, other := range []error{ErrNotImage, ErrTooLarge, ErrUnsupported} {
				if other != tt.want && errors.Is(err, other) {
					t.Errorf("error %v also matches %v", err, other)
				}
			}
			if info != (Info{}) {
				t.Errorf("Info on error = %+v, want zero", info)
			}
		})
	}
}

func TestInspectLimits(t *testing.T) {
	k1 := readFixture(t, fxK1)
	if _, err := Inspect(k1, int64(len(k1))); err != nil {
		t.Errorf("maxBytes == size: %v", err)
	}
	for _, maxBytes := range []int64{0, -1} {
		if _, err := Inspect(k1, maxBytes); err != nil {
			t.Errorf("maxBytes %d (no limit): %v", maxBytes, err)
		}
	}
	// The largest accepted side, and one pixel more.
	if info, err := Inspect(pngBytes(t, MaxSide, 1), 0); err != nil || info.Width != MaxSide {
		t.Errorf("%dx1 PNG: %+v, %v", MaxSide, info, err)
	}
	if _, err := Inspect(pngBytes(t, 1, MaxSide+1), 0); !errors.Is(err, ErrUnsupported) {
		t.Errorf("1x%d PNG: %v, want ErrUnsupported", MaxSide+1, err)
	}
}

// TestInspectDoesNotModifyInput checks that Inspect only reads its input.
func TestInspectDoesNotModifyInput(t *testing.T) {
	for _, name := range []string{fxK1, fxPNG, fxWebP} {
		data := readFixture(t, name)
		orig := bytes.Clone(data)
		mustInspect(t, data)
		if !bytes.Equal(data, orig) {
			t.Errorf("%s: input modified", name)
		}
	}
}

func TestInspectConcurrent(t *testing.T) {
	names := []string{fxK1, fxUlang, fxK2, fxPNG, fxWebP}
	want := map[string]Info{}
	data := map[string][]byte{}
	for _, n := range names {
		data[n] = readFixture(t, n)
		want[n] = mustInspect(t, data[n])
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 5 {
				n := names[(g+i)%len(names)]
				got, err := Inspect(data[n], 0)
				if err != nil || !sameInfo(got, want[n]) {
					t.Errorf("%s: concurrent Inspect = %+v, %v; want %+v", n, got, err, want[n])
				}
			}
		})
	}
	wg.Wait()
}

func sameInfo(a, b Info) bool {
	ta, tb := a.TakenAt, b.TakenAt
	ga, gb := a.GPS, b.GPS
	a.TakenAt, b.TakenAt, a.GPS, b.GPS = nil, nil, nil, nil
	return a == b &&
		(ta == nil) == (tb == nil) && (ta == nil || ta.Equal(*tb)) &&
		(ga == nil) == (gb == nil) && (ga == nil || *ga == *gb)
}

func TestSniffAcceptedAndRefused(t *testing.T) {
	for _, tt := range []struct {
		in   string
		mime string
		err  error
	}{
		{"\xFF\xD8\xFF\xE0", MIMEJPEG, nil},
		{"\x89PNG\r\n\x1A\n", MIMEPNG, nil},
		{"RIFF\x00\x00\x00\x00WEBPVP8 ", MIMEWebP, nil},
		{"GIF87a", "", ErrUnsupported},
		{"GIF89a", "", ErrUnsupported},
		{"MM\x00*", "", ErrUnsupported},
		{"\x00\x00\x01\x00\x01\x00", "", ErrUnsupported},
		{"BM", "", ErrNotImage}, // too short to be a BMP header: just text
		{"BMW is a car brand, not a bitmap", "", ErrNotImage},
		{"\xFF\xD8", "", ErrNotImage},
		{"", "", ErrNotImage},
	} {
		mime, err := sniff([]byte(tt.in))
		if mime != tt.mime || !errors.Is(err, tt.err) {
			t.Errorf("sniff(%q) = %q, %v; want %q, %v", tt.in, mime, err, tt.mime, tt.err)
		}
	}
}
