package evidence

import (
	"bytes"
	"encoding/binary"
	"testing"
	"time"
)

// A small TIFF/EXIF writer for the tests: IFD0, optional Exif and GPS IFDs.

type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

type tiffEntry struct {
	tag, typ uint16
	count    uint32
	data     []byte // exactly count * size-of-type bytes
}

func asciiEntry(tag uint16, s string) tiffEntry {
	return tiffEntry{tag, typeASCII, uint32(len(s) + 1), append([]byte(s), 0)}
}

func rationalEntry(bo byteOrder, tag uint16, pairs ...uint32) tiffEntry {
	var data []byte
	for _, v := range pairs {
		data = bo.AppendUint32(data, v)
	}
	return tiffEntry{tag, typeRational, uint32(len(pairs) / 2), data}
}

func ifdLen(es []tiffEntry) int {
	n := 2 + 12*len(es) + 4
	for _, e := range es {
		if len(e.data) > 4 {
			n += len(e.data) + len(e.data)%2
		}
	}
	return n
}

func writeIFD(out []byte, bo byteOrder, es []tiffEntry) []byte {
	base := len(out)
	dataOff := base + 2 + 12*len(es) + 4
	var extra []byte
	out = bo.AppendUint16(out, uint16(len(es)))
	for _, e := range es {
		out = bo.AppendUint16(out, e.tag)
		out = bo.AppendUint16(out, e.typ)
		out = bo.AppendUint32(out, e.count)
		if len(e.data) <= 4 {
			var v [4]byte
			copy(v[:], e.data)
			out = append(out, v[:]...)
		} else {
			out = bo.AppendUint32(out, uint32(dataOff+len(extra)))
			extra = append(extra, e.data...)
			if len(e.data)%2 == 1 {
				extra = append(extra, 0)
			}
		}
	}
	out = bo.AppendUint32(out, 0) // no next IFD
	return append(out, extra...)
}

// buildTIFF lays out header, IFD0, Exif IFD, GPS IFD; the Exif and GPS IFDs
// (when not nil) get their pointer entries in IFD0.
func buildTIFF(bo byteOrder, ifd0, exif, gps []tiffEntry) []byte {
	out := []byte("MM\x00*")
	if bo.String() == binary.LittleEndian.String() {
		out = []byte("II*\x00")
	}
	out = bo.AppendUint32(out, 8)
	ifd0 = append([]tiffEntry(nil), ifd0...)
	ptr := func(tag uint16) int {
		ifd0 = append(ifd0, tiffEntry{tag, typeLong, 1, make([]byte, 4)})
		return len(ifd0) - 1
	}
	exifAt, gpsAt := -1, -1
	if exif != nil {
		exifAt = ptr(tagExifIFD)
	}
	if gps != nil {
		gpsAt = ptr(tagGPSIFD)
	}
	off := 8 + ifdLen(ifd0)
	if exifAt >= 0 {
		ifd0[exifAt].data = bo.AppendUint32(nil, uint32(off))
		off += ifdLen(exif)
	}
	if gpsAt >= 0 {
		ifd0[gpsAt].data = bo.AppendUint32(nil, uint32(off))
	}
	out = writeIFD(out, bo, ifd0)
	if exif != nil {
		out = writeIFD(out, bo, exif)
	}
	if gps != nil {
		out = writeIFD(out, bo, gps)
	}
	return out
}

// withAPP1 inserts an APP1 Exif segment right after the SOI of a JPEG.
func withAPP1(jpg, tiff []byte) []byte {
	seg := append([]byte(exifHeader), tiff...)
	out := append([]byte{0xFF, 0xD8, 0xFF, 0xE1}, byte((len(seg)+2)>>8), byte(len(seg)+2))
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

func TestEXIFVariants(t *testing.T) {
	be, le := byteOrder(binary.BigEndian), byteOrder(binary.LittleEndian)
	samarinda := func(bo byteOrder, latRef, lonRef string) []tiffEntry {
		return []tiffEntry{
			asciiEntry(tagGPSLatitudeRef, latRef),
			rationalEntry(bo, tagGPSLatitude, 0, 1, 30, 1, 198, 25), // 0° 30' 7.92"
			asciiEntry(tagGPSLongitudeRef, lonRef),
			rationalEntry(bo, tagGPSLongitude, 117, 1, 9, 1, 324, 25), // 117° 9' 12.96"
		}
	}
	dto := func(s string) tiffEntry { return asciiEntry(tagDateTimeOriginal, s) }
	tests := []struct {
		name    string
		tiff    []byte
		taken   string
		hasZone bool
		gps     *Point
	}{
		{"little-endian, like the fixture", buildTIFF(le, nil,
			[]tiffEntry{dto("2026:11:20 09:15:00"), asciiEntry(tagOffsetTimeOriginal, "+08:00")}, samarinda(le, "S", "E")),
			"2026-11-20T09:15:00+08:00", true, &Point{-0.5022, 117.1536}},
		{"no offset: wall clock in UTC, no zone", buildTIFF(be, nil, []tiffEntry{dto("2026:11:20 09:15:00")}, nil),
			"2026-11-20T09:15:00Z", false, nil},
		{"negative half-hour offset", buildTIFF(be, nil,
			[]tiffEntry{dto("2026:03:01 23:59:59"), asciiEntry(tagOffsetTimeOriginal, "-03:30")}, nil),
			"2026-03-01T23:59:59-03:30", true, nil},
		{"OffsetTime belongs to DateTime, not DateTimeOriginal", buildTIFF(be, nil,
			[]tiffEntry{dto("2026:11:20 09:15:00"), asciiEntry(tagOffsetTime, "+07:00")}, nil),
			"2026-11-20T09:15:00Z", false, nil},
		{"malformed offset ignored", buildTIFF(be, nil,
			[]tiffEntry{dto("2026:11:20 09:15:00"), asciiEntry(tagOffsetTimeOriginal, "+8")}, nil),
			"2026-11-20T09:15:00Z", false, nil},
		{"offset out of range ignored", buildTIFF(be, nil,
			[]tiffEntry{dto("2026:11:20 09:15:00"), asciiEntry(tagOffsetTimeOriginal, "+25:00")}, nil),
			"2026-11-20T09:15:00Z", false, nil},
		{"DateTime fallback with OffsetTime", buildTIFF(be,
			[]tiffEntry{asciiEntry(tagDateTime, "2026:01:02 03:04:05")},
			[]tiffEntry{asciiEntry(tagOffsetTime, "+09:00")}, nil),
			"2026-01-02T03:04:05+09:00", true, nil},
		{"DateTime fallback without Exif IFD", buildTIFF(le,
			[]tiffEntry{asciiEntry(tagDateTime, "2026:01:02 03:04:05")}, nil, nil),
			"2026-01-02T03:04:05Z", false, nil},
		{"DateTimeOriginal wins over DateTime", buildTIFF(be,
			[]tiffEntry{asciiEntry(tagDateTime, "2026:12:31 00:00:00")},
			[]tiffEntry{dto("2026:11:20 09:15:00"), asciiEntry(tagOffsetTimeOriginal, "+08:00")}, nil),
			"2026-11-20T09:15:00+08:00", true, nil},
		{"blank DateTimeOriginal falls back", buildTIFF(be,
			[]tiffEntry{asciiEntry(tagDateTime, "2026:01:02 03:04:05")},
			[]tiffEntry{dto("    :  :     :  :  ")}, nil),
			"2026-01-02T03:04:05Z", false, nil},
		{"zero date is no date", buildTIFF(be, nil, []tiffEntry{dto("0000:00:00 00:00:00")}, nil), "", false, nil},
		{"impossible date is no date", buildTIFF(be, nil, []tiffEntry{dto("2026:13:45 25:61:00")}, nil), "", false, nil},
		{"dashes in the date", buildTIFF(be, nil, []tiffEntry{dto("2026-11-20 09:15:00")}, nil),
			"2026-11-20T09:15:00Z", false, nil},
		{"Exif pointer typed IFD (13) instead of LONG", func() []byte {
			b := buildTIFF(be, nil, []tiffEntry{dto("2026:11:20 09:15:00")}, nil)
			// IFD0 has one entry, the Exif pointer: its type is at 8+2+2.
			be.PutUint16(b[12:], typeIFD)
			return b
		}(), "2026-11-20T09:15:00Z", false, nil},
		{"sub-second suffix ignored", buildTIFF(be, nil, []tiffEntry{dto("2026:11:20 09:15:00.123")}, nil),
			"2026-11-20T09:15:00Z", false, nil},

		{"GPS north-west", buildTIFF(be, nil, nil, samarinda(be, "N", "W")), "", false, &Point{0.5022, -117.1536}},
		{"GPS lowercase refs", buildTIFF(be, nil, nil, samarinda(be, "s", "e")), "", false, &Point{-0.5022, 117.1536}},
		{"GPS without latitude ref", buildTIFF(be, nil, nil, samarinda(be, "S", "E")[1:]), "", false, nil},
		{"GPS with a bad ref", buildTIFF(be, nil, nil, samarinda(be, "X", "E")), "", false, nil},
		{"GPS decimal degrees in one rational", buildTIFF(be, nil, nil, []tiffEntry{
			asciiEntry(tagGPSLatitudeRef, "S"), rationalEntry(be, tagGPSLatitude, 5022, 10000),
			asciiEntry(tagGPSLongitudeRef, "E"), rationalEntry(be, tagGPSLongitude, 1171536, 10000),
		}), "", false, &Point{-0.5022, 117.1536}},
		{"GPS seconds 0/0 (unknown) count as 0", buildTIFF(be, nil, nil, []tiffEntry{
			asciiEntry(tagGPSLatitudeRef, "S"), rationalEntry(be, tagGPSLatitude, 0, 1, 30, 1, 0, 0),
			asciiEntry(tagGPSLongitudeRef, "E"), rationalEntry(be, tagGPSLongitude, 117, 1, 9, 1, 0, 0),
		}), "", false, &Point{-0.5, 117.15}},
		{"GPS degrees 0/0", buildTIFF(be, nil, nil, []tiffEntry{
			asciiEntry(tagGPSLatitudeRef, "S"), rationalEntry(be, tagGPSLatitude, 0, 0, 30, 1, 0, 1),
			asciiEntry(tagGPSLongitudeRef, "E"), rationalEntry(be, tagGPSLongitude, 117, 1, 9, 1, 0, 1),
		}), "", false, nil},
		{"GPS 0,0 means no fix", buildTIFF(be, nil, nil, []tiffEntry{
			asciiEntry(tagGPSLatitudeRef, "N"), rationalEntry(be, tagGPSLatitude, 0, 1, 0, 1, 0, 1),
			asciiEntry(tagGPSLongitudeRef, "E"), rationalEntry(be, tagGPSLongitude, 0, 1, 0, 1, 0, 1),
		}), "", false, nil},
		{"GPS latitude out of range", buildTIFF(be, nil, nil, []tiffEntry{
			asciiEntry(tagGPSLatitudeRef, "N"), rationalEntry(be, tagGPSLatitude, 91, 1, 0, 1, 0, 1),
			asciiEntry(tagGPSLongitudeRef, "E"), rationalEntry(be, tagGPSLongitude, 117, 1, 0, 1, 0, 1),
		}), "", false, nil},
		{"GPS in the wrong type", buildTIFF(be, nil, nil, []tiffEntry{
			asciiEntry(tagGPSLatitudeRef, "S"), {tagGPSLatitude, typeShort, 3, []byte{0, 0, 0, 30, 0, 8}},
			asciiEntry(tagGPSLongitudeRef, "E"), rationalEntry(be, tagGPSLongitude, 117, 1, 9, 1, 0, 1),
		}), "", false, nil},
	}
	base := readFixture(t, fxUlang) // no EXIF of its own
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := Inspect(withAPP1(base, tt.tiff), 0)
			if err != nil {
				t.Fatalf("Inspect: %v", err)
			}
			assertTaken(t, info, tt.taken, tt.hasZone)
			assertGPS(t, info.GPS, tt.gps)
		})
	}
}

// TestBrokenEXIF: a broken EXIF block never refuses the picture; it only
// yields no (or partial) EXIF data.
func TestBrokenEXIF(t *testing.T) {
	k1 := readFixture(t, fxK1)
	good := jpegEXIF(k1)
	if good == nil {
		t.Fatal("fixture has no EXIF")
	}
	be := binary.BigEndian
	corrupt := func(f func(b []byte)) []byte {
		b := bytes.Clone(good)
		f(b)
		return b
	}
	tests := []struct {
		name string
		tiff []byte
	}{
		{"empty", nil},
		{"header only", []byte("MM\x00*")},
		{"bad byte order", corrupt(func(b []byte) { copy(b, "XX") })},
		{"IFD0 beyond the end", corrupt(func(b []byte) { be.PutUint32(b[4:], 0xFFFFFFF0) })},
		{"IFD0 inside the header", corrupt(func(b []byte) { be.PutUint32(b[4:], 2) })},
		{"huge entry count", corrupt(func(b []byte) { be.PutUint16(b[8:], 0xFFFF) })},
		{"truncated in IFD0", good[:40]},
		{"truncated in the Exif IFD", good[:len(good)/2]},
		{"every value offset out of range", corrupt(func(b []byte) {
			for off := 10; off+12 <= len(b); off += 12 {
				be.PutUint32(b[off+8:], 0xFFFFFFFF)
			}
		})},
		{"random bytes", bytes.Repeat([]byte{0xA5, 0x5A, 0x00, 0xFF}, 64)},
		{"Exif IFD points at IFD0 (a loop)", buildTIFF(be, nil, []tiffEntry{{tagExifIFD, typeLong, 1, be.AppendUint32(nil, 8)}}, nil)},
	}
	base := readFixture(t, fxUlang)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := Inspect(withAPP1(base, tt.tiff), 0)
			if err != nil {
				t.Fatalf("a broken EXIF block refused the picture: %v", err)
			}
			if info.Width != 544 || info.Height != 408 {
				t.Errorf("dimensions %dx%d", info.Width, info.Height)
			}
			if info.GPS != nil && (info.GPS.Lat < -90 || info.GPS.Lat > 90 || info.GPS.Lon < -180 || info.GPS.Lon > 180) {
				t.Errorf("GPS out of range: %+v", *info.GPS)
			}
		})
	}
	// Truncation at every length never panics and never invents data: what
	// is still read is what the whole block says.
	full := parseEXIF(good)
	for n := range len(good) {
		md := parseEXIF(good[:n])
		if md.gps != nil && *md.gps != *full.gps {
			t.Errorf("truncated at %d: GPS %+v, want %+v or none", n, *md.gps, *full.gps)
		}
		if md.takenAt != nil && !(md.takenAt.Equal(*full.takenAt) ||
			!md.hasZone && md.takenAt.Format(time.DateTime) == full.takenAt.Format(time.DateTime)) {
			t.Errorf("truncated at %d: TakenAt %v, want %v or none", n, md.takenAt, full.takenAt)
		}
	}
}

func TestJPEGEXIFSegments(t *testing.T) {
	tiff := []byte("MM\x00*\x00\x00\x00\x08\x00\x00")
	for _, tt := range []struct {
		name string
		in   []byte
		want []byte
	}{
		{"not a JPEG", []byte("hello"), nil},
		{"SOI only", []byte{0xFF, 0xD8}, nil},
		{"APP1 first", withAPP1([]byte{0xFF, 0xD8, 0xFF, 0xD9}, tiff), tiff},
		{"after APP0 and fill bytes", append([]byte{0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 'J', 'F', 0xFF},
			withAPP1([]byte{0xFF, 0xD8}, tiff)[2:]...), tiff},
		{"XMP APP1 is skipped", append([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x06, 'h', 't', 't', 'p'},
			withAPP1([]byte{0xFF, 0xD8}, tiff)[2:]...), tiff},
		{"after the scan starts: not looked for", append([]byte{0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02},
			withAPP1([]byte{0xFF, 0xD8}, tiff)[2:]...), nil},
		{"segment length past the end", []byte{0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 'E', 'x', 'i', 'f', 0, 0}, nil},
		{"segment length below 2", []byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x01, 'E', 'x'}, nil},
		{"garbage between segments", []byte{0xFF, 0xD8, 0x12, 0x34, 0xFF, 0xE1, 0x00, 0x02}, nil},
	} {
		if got := jpegEXIF(tt.in); !bytes.Equal(got, tt.want) {
			t.Errorf("%s: jpegEXIF = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestEXIFInPNGAndWebP: the same EXIF block read from a PNG eXIf chunk and a
// WebP EXIF chunk.
func TestEXIFInPNGAndWebP(t *testing.T) {
	tiff := jpegEXIF(readFixture(t, fxK1))
	png1 := readFixture(t, fxPNG)
	iend := bytes.LastIndex(png1, []byte("IEND")) - 4
	withEXIF := append(append(bytes.Clone(png1[:iend]), pngChunk("eXIf", tiff)...), png1[iend:]...)

	webp1 := readFixture(t, fxWebP)
	tests := []struct {
		name string
		data []byte
		mime string
	}{
		{"PNG eXIf", withEXIF, MIMEPNG},
		{"WebP EXIF chunk", webpVP8X(webp1, 150, 103, tiff), MIMEWebP},
		{"WebP EXIF chunk with Exif prefix", webpVP8X(webp1, 150, 103, append([]byte(exifHeader), tiff...)), MIMEWebP},
		{"WebP odd-sized EXIF chunk", webpVP8X(webp1, 150, 103, append(bytes.Clone(tiff), 0)), MIMEWebP},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			info, err := Inspect(tt.data, 0)
			if err != nil {
				t.Fatalf("Inspect: %v", err)
			}
			if info.MIME != tt.mime {
				t.Errorf("MIME %s, want %s", info.MIME, tt.mime)
			}
			assertTaken(t, info, "2026-11-20T09:15:00+08:00", true)
			assertGPS(t, info.GPS, &Point{-0.5022, 117.1536})
		})
	}
}

// webpVP8X turns a simple lossy WebP (RIFF, WEBP, one VP8 chunk) into an
// extended one: VP8X (EXIF flag), the VP8 chunk, an EXIF chunk.
func webpVP8X(simple []byte, w, h int, exif []byte) []byte {
	le := binary.LittleEndian
	vp8x := []byte{0x08, 0, 0, 0, byte(w - 1), byte((w - 1) >> 8), byte((w - 1) >> 16), byte(h - 1), byte((h - 1) >> 8), byte((h - 1) >> 16)}
	var chunks []byte
	chunks = append(chunks, "VP8X"...)
	chunks = le.AppendUint32(chunks, uint32(len(vp8x)))
	chunks = append(chunks, vp8x...)
	chunks = append(chunks, simple[12:]...)
	chunks = append(chunks, "EXIF"...)
	chunks = le.AppendUint32(chunks, uint32(len(exif)))
	chunks = append(chunks, exif...)
	if len(exif)%2 == 1 {
		chunks = append(chunks, 0)
	}
	out := append([]byte("RIFF"), le.AppendUint32(nil, uint32(4+len(chunks)))...)
	out = append(out, "WEBP"...)
	return append(out, chunks...)
}
