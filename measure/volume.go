package measure

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of a volume.
const (
	// MaxAmount is the largest amount accepted; the smallest is anything
	// above 0.
	MaxAmount = 100000
	// MaxUnitLen is the longest unit, in characters.
	MaxUnitLen = 40
	// maxDecimals is the most decimal places of an amount.
	maxDecimals = 3
)

// Volume is what an activity produced: an amount and its unit (satuan).
type Volume struct {
	Amount float64
	Unit   string
}

// ParseVolume reads an output volume as typed in a chat: an amount, then
// its unit, "3 dokumen", "12 pasien", "1,5 km", "2 berkas surat",
// "1.250 lembar" (see the package comment for decimal commas and thousands
// dots). The unit is the rest of the input, with spaces collapsed and its
// case kept: at most MaxUnitLen characters among letters, digits, spaces,
// '.', '-' and '/', with at least one letter. The amount is above 0 and at
// most MaxAmount, with at most three decimal places. The error is an
// *Error.
func ParseVolume(s string) (Volume, error) {
	t := strings.Join(strings.Fields(s), " ")
	j := 0
	for j < len(t) && (isDigit(t[j]) || t[j] == '.' || t[j] == ',') {
		j++
	}
	if j == 0 || !isDigit(t[0]) {
		return Volume{}, fail(ReasonVolumeFormat)
	}
	amount, r := parseAmount(t[:j])
	if r != 0 {
		return Volume{}, fail(r)
	}
	u := strings.TrimSpace(t[j:])
	if r := checkUnit(u); r != 0 {
		return Volume{}, fail(r)
	}
	return Volume{Amount: amount, Unit: u}, nil
}

// thousandsRE is an integer grouped by thousands dots: "1.250", "12.500.000".
var thousandsRE = regexp.MustCompile(`^[1-9][0-9]{0,2}(?:\.[0-9]{3})+$`)

// parseAmount reads a number made of digits, dots and commas.
func parseAmount(s string) (float64, Reason) {
	whole, frac, ok := splitAmount(s)
	if !ok || !allDigits(whole) || !allDigits(frac) {
		return 0, ReasonVolumeNumber
	}
	frac = strings.TrimRight(frac, "0")
	if len(frac) > maxDecimals {
		return 0, ReasonVolumeNumber
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > len(strconv.Itoa(MaxAmount)) {
		return 0, ReasonVolumeRange
	}
	if whole == "" {
		whole = "0"
	}
	if frac == "" {
		frac = "0"
	}
	v, err := strconv.ParseFloat(whole+"."+frac, 64)
	if err != nil || v <= 0 || v > MaxAmount {
		return 0, ReasonVolumeRange
	}
	return v, 0
}

// splitAmount splits a number into its whole digits and decimal digits,
// applying the separator rules of the package comment. The whole part is
// non-empty; a fraction, when there is a separator, too.
func splitAmount(s string) (whole, frac string, ok bool) {
	dot, comma := strings.Contains(s, "."), strings.Contains(s, ",")
	if comma {
		w, f, _ := strings.Cut(s, ",")
		if strings.Contains(f, ",") || strings.Contains(f, ".") || w == "" || f == "" {
			return "", "", false
		}
		if !dot {
			return w, f, true
		}
		if !thousandsRE.MatchString(w) { // "1.250,5"
			return "", "", false
		}
		return strings.ReplaceAll(w, ".", ""), f, true
	}
	if !dot {
		return s, "", s != ""
	}
	if thousandsRE.MatchString(s) {
		return strings.ReplaceAll(s, ".", ""), "", true
	}
	w, f, _ := strings.Cut(s, ".")
	if w == "" || len(f) < 1 || len(f) > 2 || strings.Contains(f, ".") {
		return "", "", false
	}
	return w, f, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// checkUnit checks the unit after the amount.
func checkUnit(u string) Reason {
	letter := false
	for _, r := range u {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r), r == ' ', r == '.', r == '-', r == '/':
		default:
			return ReasonUnitChars
		}
	}
	switch {
	case !letter: // "", "3 12"
		return ReasonVolumeNoUnit
	case utf8.RuneCountInString(u) > MaxUnitLen:
		return ReasonUnitTooLong
	}
	return 0
}

// String renders the volume with a decimal comma and no thousands
// separator, rounded to three decimal places: "1,5 km", "12 pasien",
// "1250 lembar". ParseVolume reads it back.
func (v Volume) String() string {
	a := v.Amount
	if !math.IsInf(a, 0) && !math.IsNaN(a) {
		a = math.Round(a*1000) / 1000
	}
	s := strings.Replace(strconv.FormatFloat(a, 'f', -1, 64), ".", ",", 1)
	if v.Unit == "" {
		return s
	}
	return s + " " + v.Unit
}
