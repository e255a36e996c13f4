package poster

import (
	"errors"

	"rsc.io/qr"
	"rsc.io/qr/coding"
)

// encodeQR encodes text at level l in the smallest version that holds it,
// trying all eight data masks and keeping the one with the lowest ISO/IEC
// 18004 penalty score (rsc.io/qr's Encode always uses mask 0, which can
// leave large uniform areas that phone cameras read less reliably).
func encodeQR(text string, l qr.Level) (*qr.Code, error) {
	var enc coding.Encoding
	switch {
	case coding.Num(text).Check() == nil:
		enc = coding.Num(text)
	case coding.Alpha(text).Check() == nil:
		enc = coding.Alpha(text)
	default:
		enc = coding.String(text)
	}
	cl := coding.Level(l)
	v := coding.MinVersion
	for ; enc.Bits(coding.Version(v)) > coding.Version(v).DataBytes(cl)*8; v++ {
		if v == coding.MaxVersion {
			return nil, errors.New("text too long to encode as QR")
		}
	}
	var best *coding.Code
	bestScore := 0
	for m := coding.Mask(0); m < 8; m++ {
		c, err := encodeMask(enc, coding.Version(v), cl, m)
		if err != nil {
			return nil, err
		}
		if s := penalty(c); best == nil || s < bestScore {
			best, bestScore = c, s
		}
	}
	return &qr.Code{Bitmap: best.Bitmap, Size: best.Size, Stride: best.Stride, Scale: 8}, nil
}

// encodeMask is split out for tests that check every mask decodes.
func encodeMask(enc coding.Encoding, v coding.Version, l coding.Level, m coding.Mask) (*coding.Code, error) {
	p, err := coding.NewPlan(v, l, m)
	if err != nil {
		return nil, err
	}
	return p.Encode(enc)
}

// penalty is the mask evaluation score of ISO/IEC 18004:2015 §7.8.3.
func penalty(c *coding.Code) int {
	n := c.Size
	at := func(x, y int, transpose bool) bool {
		if transpose {
			x, y = y, x
		}
		return c.Black(x, y)
	}
	score := 0
	dark := 0
	for _, tr := range []bool{false, true} {
		for y := 0; y < n; y++ {
			// N1: runs of 5 or more modules of one colour: 3 + (run - 5).
			run := 1
			for x := 1; x <= n; x++ {
				if x < n && at(x, y, tr) == at(x-1, y, tr) {
					run++
					continue
				}
				if run >= 5 {
					score += 3 + run - 5
				}
				run = 1
			}
			// N3: 1:1:3:1:1 finder-like pattern with 4 light modules on
			// either side (outside the symbol counts as light): 40 each.
			for x := -4; x < n; x++ {
				if finderLike(func(i int) bool { return at(x+i, y, tr) }) {
					score += 40
				}
			}
		}
	}
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			b := c.Black(x, y)
			if b {
				dark++
			}
			// N2: 2x2 blocks of one colour: 3 each.
			if x+1 < n && y+1 < n && b == c.Black(x+1, y) && b == c.Black(x, y+1) && b == c.Black(x+1, y+1) {
				score += 3
			}
		}
	}
	// N4: 10 points per 5% the dark share departs from 50%.
	pct := dark * 100 / (n * n)
	dev := pct - 50
	if dev < 0 {
		dev = -dev
	}
	score += dev / 5 * 10
	return score
}

// finderLike reports whether the 11 modules at(0..10) read
// light×4 dark light dark×3 light dark, or its mirror image.
func finderLike(at func(int) bool) bool {
	const (
		pat1 = "00001011101" // 4 light, then 1:1:3:1:1
		pat2 = "10111010000" // 1:1:3:1:1, then 4 light
	)
	match := func(p string) bool {
		for i := 0; i < len(p); i++ {
			if at(i) != (p[i] == '1') {
				return false
			}
		}
		return true
	}
	return match(pat1) || match(pat2)
}
