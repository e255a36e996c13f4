// Package evidence inspects the photos that civil servants send as proof of a
// daily activity.
//
// Everything here is a pure function over the bytes it is given: nothing
// reads files, the network or a clock, and nothing keeps state between calls
// but an [Inspector]'s budget of pixels decoded at once, so every function
// is safe for concurrent use.
//
// [Inspect] refuses a file by its content, never by its name: it sniffs the
// magic bytes, reads the header with the format's own decoder, refuses
// absurd dimensions before allocating anything, then decodes the picture in
// full. For an accepted picture it reports the SHA-256 of the bytes (exact
// duplicates), a 64-bit perceptual hash (the same picture resized or
// re-encoded, see [PHash], [Distance], [MatchDistance] and [Bands]) and what
// the EXIF block says about when and where the photo was taken. A broken
// EXIF block never refuses a picture: it only means no EXIF data.
//
// Accepted formats are JPEG, PNG and (still) WebP. GIF, animated WebP, BMP,
// TIFF, HEIC/AVIF and anything else that looks like an image is refused with
// [ErrUnsupported]; bytes that are not a complete, decodable image are refused
// with [ErrNotImage].
//
// A JPEG of at least 256 pixels a side whose first component is its luma
// (nearly every photo) is read by image/jpeg's own decoder stopped short of
// the inverse DCT (package evidence/internal/jpegdc): every scan is still
// entropy-decoded in full, so it accepts and refuses exactly the same files,
// and its perceptual hash comes from the luma's DC coefficients, the 1/8
// scale picture (see phash_dc.go): about a third of the work per 4:2:0
// photo, a fifth per 4:4:4 one.
//
// Memory: a picture at the largest accepted size ([MaxPixels]) decodes to
// about 4 bytes a pixel (240 MB), whatever the size of the file (a
// progressive JPEG keeps its coefficients, as much; a baseline one read for
// its DC coefficients needs a 64th of that); callers that inspect uploads in
// parallel use an [Inspector], which bounds the pixels decoded at once
// across the process.
package evidence

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"time"

	"golang.org/x/image/webp"

	"github.com/kinerjabot/kinerjabot/evidence/internal/jpegdc"
)

// Sentinel errors returned (possibly wrapped with detail) by [Inspect]; test
// them with errors.Is.
var (
	// ErrNotImage: the bytes are empty, are not an image at all, or are not a
	// complete image that the decoder can read (e.g. a truncated upload).
	ErrNotImage = errors.New("evidence: not an image")
	// ErrTooLarge: the file has more bytes than the caller allows.
	ErrTooLarge = errors.New("evidence: file too large")
	// ErrUnsupported: an image, but of a format we do not accept (GIF,
	// animated WebP, BMP, TIFF, HEIC, ...), or with dimensions beyond
	// [MaxSide]/[MaxPixels] (a possible decompression bomb).
	ErrUnsupported = errors.New("evidence: unsupported image")
)

// Accepted MIME types, as reported in [Info.MIME].
const (
	MIMEJPEG = "image/jpeg"
	MIMEPNG  = "image/png"
	MIMEWebP = "image/webp"
)

// Dimension limits checked on the header, before any pixel is decoded.
const (
	// MaxSide is the largest accepted width or height, in pixels.
	MaxSide = 12000
	// MaxPixels is the largest accepted width*height (60 megapixels).
	MaxPixels = 60_000_000
)

// Point is a position in signed decimal degrees (WGS 84): Lat is negative
// south of the equator, Lon negative west of Greenwich.
type Point struct {
	Lat, Lon float64
}

// Info describes an accepted picture.
type Info struct {
	// SHA256 is the lowercase hex SHA-256 of the file's bytes: equal only for
	// byte-identical files.
	SHA256 string
	// Size is the file's length in bytes.
	Size int64
	// MIME is one of MIMEJPEG, MIMEPNG, MIMEWebP, chosen from the content.
	MIME string
	// Width and Height are the pixel dimensions as stored (EXIF orientation
	// is not applied).
	Width, Height int
	// PHash is the perceptual hash of the picture; see [PHash]. For a JPEG
	// it is taken from the DC coefficients (see the package doc), within
	// 2 bits of PHash of the fully decoded picture (TestDCHashMatchesFullDecode).
	PHash uint64

	// TakenAt is the EXIF DateTimeOriginal, or DateTime when that is
	// missing; nil when the file has neither (or no readable EXIF at all).
	//
	// When the matching EXIF offset tag (OffsetTimeOriginal, or OffsetTime
	// for DateTime) is present, TakenAt carries that fixed offset (so
	// TakenAt.UTC() is the true instant) and TakenAtHasZone is true.
	// Otherwise the camera's wall-clock reading is returned in time.UTC with
	// TakenAtHasZone false: the fields (day, hour, ...) are what the camera
	// showed, but the instant is unknown until the caller picks a zone, e.g.
	//
	//	t := *info.TakenAt
	//	local := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, wita)
	TakenAt        *time.Time
	TakenAtHasZone bool

	// GPS is the EXIF GPS position, nil when absent, incomplete (a missing
	// N/S or E/W reference), out of range, or exactly 0,0 (what devices
	// write when they have no fix).
	GPS *Point
}

// Inspect checks that data is an accepted picture of at most maxBytes bytes
// (maxBytes <= 0 means no limit) and describes it.
//
// Checks, in order: empty -> ErrNotImage; longer than maxBytes ->
// ErrTooLarge; magic bytes of a known but refused format (GIF, BMP, TIFF,
// HEIC/AVIF, ICO, JPEG XL/2000, animated WebP) -> ErrUnsupported; no JPEG,
// PNG or WebP magic -> ErrNotImage; a header the decoder cannot read ->
// ErrNotImage (ErrUnsupported when the decoder reports a variant it does not
// support, e.g. an arithmetic-coded JPEG); a dimension above MaxSide or an
// area above MaxPixels -> ErrUnsupported; a body the decoder cannot read in
// full -> ErrNotImage: a truncated upload (even a JPEG missing only its final
// EOI marker: Go's decoder is strict) or corrupt data is not a picture we can
// check, so it is refused rather than accepted half-read. Errors wrap the
// sentinel with the detail.
//
// Only the bytes given are read; data is not modified or retained.
func Inspect(data []byte, maxBytes int64) (Info, error) {
	return inspect(data, maxBytes, limits{side: MaxSide, pixels: MaxPixels})
}

// limits are the dimension limits: MaxSide and MaxPixels, lowered by the fuzz
// test so that headers claiming a large picture do not make each run slow,
// and by an Inspector. reserve, when set, is called with the picture's
// pixels before it is decoded, and the function it returns after.
type limits struct {
	side, pixels int64
	reserve      func(pixels int64) (release func(), err error)
}

func inspect(data []byte, maxBytes int64, lim limits) (Info, error) {
	if len(data) == 0 {
		return Info{}, fmt.Errorf("%w: empty file", ErrNotImage)
	}
	size := int64(len(data))
	if maxBytes > 0 && size > maxBytes {
		return Info{}, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, size, maxBytes)
	}

	mime, err := sniff(data)
	if err != nil {
		return Info{}, err
	}

	codec := codecFor(mime)
	cfg, err := codec.config(bytes.NewReader(data))
	if err != nil {
		return Info{}, fmt.Errorf("%w: %s header: %v", decodeErrKind(err), mime, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, fmt.Errorf("%w: %s with empty dimensions %dx%d", ErrNotImage, mime, cfg.Width, cfg.Height)
	}
	if int64(cfg.Width) > lim.side || int64(cfg.Height) > lim.side || int64(cfg.Width)*int64(cfg.Height) > lim.pixels {
		return Info{}, fmt.Errorf("%w: %dx%d pixels exceeds %d a side or %d in all",
			ErrUnsupported, cfg.Width, cfg.Height, lim.side, lim.pixels)
	}

	if lim.reserve != nil {
		release, err := lim.reserve(int64(cfg.Width) * int64(cfg.Height))
		if err != nil {
			return Info{}, err
		}
		defer release()
	}
	w, h, phash, err := codec.hash(data)
	if err != nil {
		return Info{}, fmt.Errorf("%w: %s cannot be decoded: %v", decodeErrKind(err), mime, err)
	}
	if w != cfg.Width || h != cfg.Height {
		// The decoders agree with their own headers; this guards the
		// invariant the size check above relies on.
		return Info{}, fmt.Errorf("%w: %s header says %dx%d, decoded %dx%d",
			ErrNotImage, mime, cfg.Width, cfg.Height, w, h)
	}

	sum := sha256.Sum256(data)
	info := Info{
		SHA256: hex.EncodeToString(sum[:]),
		Size:   size,
		MIME:   mime,
		Width:  cfg.Width,
		Height: cfg.Height,
		PHash:  phash,
	}

	if tiff := codec.exif(data); tiff != nil {
		md := parseEXIF(tiff) // never fails: a broken block yields what could be read
		info.TakenAt, info.TakenAtHasZone, info.GPS = md.takenAt, md.hasZone, md.gps
	}
	return info, nil
}

// codec is how one accepted format is read.
type codec struct {
	config func(io.Reader) (image.Config, error)
	// hash decodes the whole picture and returns its dimensions and
	// perceptual hash.
	hash func([]byte) (width, height int, phash uint64, err error)
	exif func([]byte) []byte // the raw TIFF block of the EXIF data, or nil
}

// codecFor returns the codec of an accepted MIME type. The format's own
// decoder is called, never image.Decode: what the image package has
// registered elsewhere in the program (e.g. GIF) cannot widen what we accept.
func codecFor(mime string) codec {
	switch mime {
	case MIMEJPEG:
		return codec{jpeg.DecodeConfig, hashJPEG, jpegEXIF}
	case MIMEPNG:
		return codec{png.DecodeConfig, hashDecoded(png.Decode), pngEXIF}
	default: // MIMEWebP, the only other type sniff returns
		return codec{webp.DecodeConfig, hashDecoded(webp.Decode), webpEXIF}
	}
}

// hashDecoded hashes the picture that decode gives.
func hashDecoded(decode func(io.Reader) (image.Image, error)) func([]byte) (int, int, uint64, error) {
	return func(data []byte) (int, int, uint64, error) {
		img, err := decode(bytes.NewReader(data))
		if err != nil {
			return 0, 0, 0, err
		}
		b := img.Bounds()
		return b.Dx(), b.Dy(), PHash(img), nil
	}
}

// hashJPEG hashes a JPEG from its luma's DC coefficients (see [phashPlane]),
// or from the full decode when the picture is smaller than dcMinSide or its
// first component is not the luma.
func hashJPEG(data []byte) (int, int, uint64, error) {
	fullDecode := hashDecoded(jpeg.Decode)
	if cfg, err := jpeg.DecodeConfig(bytes.NewReader(data)); err == nil && min(cfg.Width, cfg.Height) < dcMinSide {
		return fullDecode(data)
	}
	p, err := jpegdc.Decode(bytes.NewReader(data))
	if errors.Is(err, jpegdc.ErrNotLuma) {
		return fullDecode(data)
	}
	if err != nil {
		return 0, 0, 0, err
	}
	return p.Width, p.Height, phashPlane(p), nil
}

// decodeErrKind classifies a decoder error: the decoders' UnsupportedError
// (e.g. arithmetic-coded or 12-bit JPEG, a PNG whose dimensions overflow) is
// a valid file of a variant we cannot read, anything else (truncated or
// corrupt data) is not an image.
func decodeErrKind(err error) error {
	var (
		jpegUnsupported   jpeg.UnsupportedError
		jpegDCUnsupported jpegdc.UnsupportedError
		pngUnsupported    png.UnsupportedError
	)
	if errors.As(err, &jpegUnsupported) || errors.As(err, &jpegDCUnsupported) || errors.As(err, &pngUnsupported) {
		return ErrUnsupported
	}
	return ErrNotImage
}

// sniff names the format from the leading bytes: an accepted MIME type, or
// ErrUnsupported for a recognised image format we refuse, or ErrNotImage.
func sniff(b []byte) (string, error) {
	has := func(off int, magic string) bool {
		return len(b) >= off+len(magic) && string(b[off:off+len(magic)]) == magic
	}
	switch {
	case has(0, "\xFF\xD8\xFF"):
		return MIMEJPEG, nil
	case has(0, "\x89PNG\r\n\x1A\n"):
		return MIMEPNG, nil
	case has(0, "RIFF") && has(8, "WEBP"):
		// VP8X extended header: flags byte bit 1 = animation, which the
		// WebP decoder cannot read; say so rather than "not an image".
		if has(12, "VP8X") && len(b) > 20 && b[20]&0x02 != 0 {
			return "", fmt.Errorf("%w: animated WebP", ErrUnsupported)
		}
		return MIMEWebP, nil
	}

	unsupported := func(name string) (string, error) {
		return "", fmt.Errorf("%w: %s", ErrUnsupported, name)
	}
	switch {
	case has(0, "GIF87a"), has(0, "GIF89a"):
		return unsupported("GIF")
	case has(0, "II*\x00"), has(0, "MM\x00*"):
		return unsupported("TIFF")
	case has(0, "BM") && len(b) >= 18 && isBMPHeaderSize(binary.LittleEndian.Uint32(b[14:18])):
		return unsupported("BMP")
	case has(0, "\x00\x00\x01\x00") && len(b) >= 6 && b[4]|b[5] != 0:
		return unsupported("ICO")
	case has(4, "ftyp") && len(b) >= 12 && isHEIFBrand(string(b[8:12])):
		return unsupported("HEIF/AVIF (" + string(b[8:12]) + ")")
	case has(0, "\xFF\x0A"), has(0, "\x00\x00\x00\x0CJXL \r\n\x87\n"):
		return unsupported("JPEG XL")
	case has(0, "\x00\x00\x00\x0CjP  \r\n\x87\n"), has(0, "\xFF\x4F\xFF\x51"):
		return unsupported("JPEG 2000")
	case has(0, "8BPS"):
		return unsupported("Photoshop")
	case has(0, "qoif"):
		return unsupported("QOI")
	}
	return "", ErrNotImage
}

func isBMPHeaderSize(n uint32) bool {
	switch n {
	case 12, 16, 40, 52, 56, 64, 108, 124:
		return true
	}
	return false
}

func isHEIFBrand(brand string) bool {
	switch brand {
	case "heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif", "avis":
		return true
	}
	return false
}
