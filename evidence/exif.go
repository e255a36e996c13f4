package evidence

import (
	"bytes"
	"encoding/binary"
	"math"
	"strings"
	"time"
)

// This file is a small, defensive EXIF reader: it finds the TIFF block inside
// a JPEG APP1, PNG eXIf or WebP EXIF chunk and reads only the few tags the
// bot needs. Every offset is bounds-checked in 64-bit arithmetic, only the
// fixed IFD0 -> Exif/GPS pointers are followed (no chains, no loops), and any
// inconsistency simply drops that value: it never fails and never panics.

const exifHeader = "Exif\x00\x00"

// jpegEXIF returns the TIFF payload of the first APP1 "Exif" segment, or nil.
// It walks the marker segments that precede the first scan.
func jpegEXIF(b []byte) []byte {
	if len(b) < 2 || b[0] != 0xFF || b[1] != 0xD8 {
		return nil
	}
	i := 2
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			return nil
		}
		marker := b[i+1]
		switch {
		case marker == 0xFF: // fill byte
			i++
			continue
		case marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7):
			i += 2 // no length field
			continue
		case marker == 0xDA || marker == 0xD9: // start of scan, end of image
			return nil
		}
		n := int(binary.BigEndian.Uint16(b[i+2 : i+4])) // includes the 2 length bytes
		if n < 2 || i+2+n > len(b) {
			return nil
		}
		seg := b[i+4 : i+2+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, []byte(exifHeader)) {
			return seg[len(exifHeader):]
		}
		i += 2 + n
	}
	return nil
}

// pngEXIF returns the data of the first eXIf chunk, or nil.
func pngEXIF(b []byte) []byte {
	const sig = "\x89PNG\r\n\x1A\n"
	if !bytes.HasPrefix(b, []byte(sig)) {
		return nil
	}
	i := uint64(len(sig))
	for i+8 <= uint64(len(b)) {
		n := uint64(binary.BigEndian.Uint32(b[i : i+4]))
		typ := string(b[i+4 : i+8])
		end := i + 8 + n
		if end > uint64(len(b)) {
			return nil
		}
		switch typ {
		case "eXIf":
			return b[i+8 : end]
		case "IEND":
			return nil
		}
		i = end + 4 // CRC
	}
	return nil
}

// webpEXIF returns the data of the first EXIF chunk of an extended WebP, or
// nil. Some writers keep the JPEG-style "Exif\0\0" prefix; it is removed.
func webpEXIF(b []byte) []byte {
	if len(b) < 12 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return nil
	}
	i := uint64(12)
	for i+8 <= uint64(len(b)) {
		n := uint64(binary.LittleEndian.Uint32(b[i+4 : i+8]))
		end := i + 8 + n
		if end > uint64(len(b)) {
			return nil
		}
		if string(b[i:i+4]) == "EXIF" {
			return bytes.TrimPrefix(b[i+8:end], []byte(exifHeader))
		}
		i = end + (n & 1) // chunks are padded to an even length
	}
	return nil
}

// exifData is what parseEXIF could read; zero values mean "not present".
type exifData struct {
	takenAt *time.Time
	hasZone bool
	gps     *Point
}

// TIFF/EXIF tags used.
const (
	tagDateTime           = 0x0132
	tagExifIFD            = 0x8769
	tagGPSIFD             = 0x8825
	tagDateTimeOriginal   = 0x9003
	tagOffsetTime         = 0x9010
	tagOffsetTimeOriginal = 0x9011
	tagGPSLatitudeRef     = 0x0001
	tagGPSLatitude        = 0x0002
	tagGPSLongitudeRef    = 0x0003
	tagGPSLongitude       = 0x0004
)

// TIFF field types used, and the byte size of one value of each type.
const (
	typeByte      = 1
	typeASCII     = 2
	typeShort     = 3
	typeLong      = 4
	typeRational  = 5
	typeUndefined = 7
	typeIFD       = 13 // an IFD offset, used by some writers for the Exif/GPS pointers
)

var typeSize = [...]uint64{1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, typeIFD: 4}

// maxIFDEntries bounds the work on one directory; real files have a few dozen.
const maxIFDEntries = 1000

type tiffReader struct {
	b  []byte
	bo binary.ByteOrder
}

type ifdEntry struct {
	typ   uint16
	count uint64
	data  []byte // count*typeSize bytes, already bounds-checked
}

// ifd reads the directory at off into tag -> entry. Entries with an unknown
// type or out-of-range data are skipped; a directory that does not fit yields
// nil.
func (r tiffReader) ifd(off uint64) map[uint16]ifdEntry {
	if off < 8 || off+2 > uint64(len(r.b)) {
		return nil
	}
	n := uint64(r.bo.Uint16(r.b[off:]))
	if n > maxIFDEntries {
		return nil
	}
	if off+2+n*12 > uint64(len(r.b)) {
		n = (uint64(len(r.b)) - off - 2) / 12 // read the entries that fit
	}
	out := make(map[uint16]ifdEntry, n)
	for k := uint64(0); k < n; k++ {
		e := r.b[off+2+k*12 : off+2+k*12+12]
		tag, typ := r.bo.Uint16(e[0:]), r.bo.Uint16(e[2:])
		count := uint64(r.bo.Uint32(e[4:]))
		if int(typ) >= len(typeSize) || typeSize[typ] == 0 {
			continue
		}
		size := count * typeSize[typ] // < 2^32 * 8: no overflow
		var data []byte
		if size <= 4 {
			data = e[8 : 8+size]
		} else {
			p := uint64(r.bo.Uint32(e[8:]))
			if p+size > uint64(len(r.b)) {
				continue
			}
			data = r.b[p : p+size]
		}
		if _, dup := out[tag]; !dup {
			out[tag] = ifdEntry{typ: typ, count: count, data: data}
		}
	}
	return out
}

// pointer returns the IFD offset stored in a LONG (or IFD-typed) entry.
func (r tiffReader) pointer(ifd map[uint16]ifdEntry, tag uint16) (uint64, bool) {
	e, ok := ifd[tag]
	if !ok || e.count != 1 || (e.typ != typeLong && e.typ != typeIFD) {
		return 0, false
	}
	return uint64(r.bo.Uint32(e.data)), true
}

// ascii returns an ASCII (or UNDEFINED/BYTE, as some writers use) value up
// to its first NUL, trimmed of spaces.
func ascii(ifd map[uint16]ifdEntry, tag uint16) string {
	e, ok := ifd[tag]
	if !ok || (e.typ != typeASCII && e.typ != typeUndefined && e.typ != typeByte) {
		return ""
	}
	s := e.data
	if i := bytes.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(string(s))
}

// parseEXIF reads the capture time and GPS position from a TIFF block.
func parseEXIF(b []byte) exifData {
	var r tiffReader
	switch {
	case len(b) < 8:
		return exifData{}
	case string(b[0:4]) == "II*\x00":
		r = tiffReader{b, binary.LittleEndian}
	case string(b[0:4]) == "MM\x00*":
		r = tiffReader{b, binary.BigEndian}
	default:
		return exifData{}
	}
	ifd0 := r.ifd(uint64(r.bo.Uint32(b[4:8])))
	if ifd0 == nil {
		return exifData{}
	}
	var exifIFD, gpsIFD map[uint16]ifdEntry
	if p, ok := r.pointer(ifd0, tagExifIFD); ok {
		exifIFD = r.ifd(p)
	}
	if p, ok := r.pointer(ifd0, tagGPSIFD); ok {
		gpsIFD = r.ifd(p)
	}

	var out exifData
	if t, ok := parseEXIFTime(ascii(exifIFD, tagDateTimeOriginal)); ok {
		out.takenAt, out.hasZone = withOffset(t, ascii(exifIFD, tagOffsetTimeOriginal))
	} else if t, ok := parseEXIFTime(ascii(ifd0, tagDateTime)); ok {
		out.takenAt, out.hasZone = withOffset(t, ascii(exifIFD, tagOffsetTime))
	}
	out.gps = r.gps(gpsIFD)
	return out
}

// parseEXIFTime parses "YYYY:MM:DD HH:MM:SS" (a few writers use '-' in the
// date) as a wall-clock time in UTC. Blank ("    :  :     :  :  ") or
// all-zero values, as cameras write when the clock is unset, are rejected.
func parseEXIFTime(s string) (time.Time, bool) {
	if len(s) < 19 {
		return time.Time{}, false
	}
	s = s[:19]
	for _, layout := range []string{"2006:01:02 15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			if t.Year() < 1900 {
				return time.Time{}, false
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// withOffset applies an EXIF offset ("+08:00", "-03:30") to a wall-clock
// time read in UTC. Without a valid offset the time stays in UTC, unzoned.
func withOffset(t time.Time, off string) (*time.Time, bool) {
	if len(off) == 6 && (off[0] == '+' || off[0] == '-') && off[3] == ':' {
		h, okH := twoDigits(off[1:3])
		m, okM := twoDigits(off[4:6])
		if okH && okM && h <= 14 && m < 60 {
			secs := h*3600 + m*60
			if off[0] == '-' {
				secs = -secs
			}
			z := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0,
				time.FixedZone(off, secs))
			return &z, true
		}
	}
	return &t, false
}

func twoDigits(s string) (int, bool) {
	if len(s) != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return 0, false
	}
	return int(s[0]-'0')*10 + int(s[1]-'0'), true
}

// gps reads GPSLatitude/GPSLongitude with their N/S and E/W references as
// signed decimal degrees; nil when anything is missing or out of range, or
// when the position is exactly 0,0 (written by devices without a fix).
func (r tiffReader) gps(ifd map[uint16]ifdEntry) *Point {
	if ifd == nil {
		return nil
	}
	lat, okLat := r.degrees(ifd[tagGPSLatitude])
	lon, okLon := r.degrees(ifd[tagGPSLongitude])
	if !okLat || !okLon {
		return nil
	}
	switch strings.ToUpper(ascii(ifd, tagGPSLatitudeRef)) {
	case "N":
	case "S":
		lat = -lat
	default:
		return nil
	}
	switch strings.ToUpper(ascii(ifd, tagGPSLongitudeRef)) {
	case "E":
	case "W":
		lon = -lon
	default:
		return nil
	}
	if lat < -90 || lat > 90 || lon < -180 || lon > 180 || (lat == 0 && lon == 0) {
		return nil
	}
	return &Point{Lat: lat, Lon: lon}
}

// degrees reads up to three unsigned RATIONALs (degrees, minutes, seconds).
// A zero denominator is only allowed on a zero numerator (0/0 "unknown"
// minutes or seconds) and only after the degrees.
func (r tiffReader) degrees(e ifdEntry) (float64, bool) {
	if e.typ != typeRational || e.count == 0 || e.count > 3 {
		return 0, false
	}
	v, scale := 0.0, 1.0
	for k := uint64(0); k < e.count; k++ {
		num := float64(r.bo.Uint32(e.data[k*8:]))
		den := float64(r.bo.Uint32(e.data[k*8+4:]))
		switch {
		case den != 0:
			v += num / den / scale
		case k == 0 || num != 0:
			return 0, false
		}
		scale *= 60
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}
