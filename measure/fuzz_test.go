package measure

import (
	"errors"
	"math"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// checkError asserts that err is an *Error with a known reason of the given
// family and a message in both languages.
func checkError(t *testing.T, in string, err error, volume bool) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%q: error %T %v is not *Error", in, err, err)
	}
	if _, known := reasonNames[e.Reason]; !known || (e.Reason >= ReasonVolumeFormat) != volume {
		t.Fatalf("%q: unexpected reason %d", in, e.Reason)
	}
	if e.Message("id") == "" || e.Message("en") == "" || e.Message("id") == e.Message("en") {
		t.Fatalf("%q: messages %q / %q", in, e.Message("id"), e.Message("en"))
	}
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{
		"90", "90 menit", "90 mnt", "90m", "1 jam 30", "1 jam 30 menit", "1j30m", "1j 30m",
		"2 jam", "2j", "1,5 jam", "1.5 jam", "0,5 jam", "08.00-09.30", "08:00 - 09:30",
		"8.00–9.30", "08.00 s/d 09.30", "08.00 sampai 09.30", "90 min", "1h30m", "1.5 hours",
		"2 hours", "1.30 jam", "09.30-08.00", "24.00-25.00", "0,025 jam", "1 jam dan 30 menit",
		"pukul 08.00 - 09.30 WITA", "99999999999 jam", "", "jam", "4", "721",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err != nil {
			checkError(t, s, err, false)
			if d != (Duration{}) {
				t.Fatalf("%q: %+v returned with an error", s, d)
			}
			return
		}
		if d.Minutes < MinMinutes || d.Minutes > MaxMinutes {
			t.Fatalf("%q: %d minutes out of limits", s, d.Minutes)
		}
		if d.StartMinute != nil {
			if st := *d.StartMinute; st < 0 || st+d.Minutes > 23*60+59 {
				t.Fatalf("%q: range %d+%d not within one day", s, st, d.Minutes)
			}
			r := FormatClock(*d.StartMinute) + " - " + FormatClock(*d.StartMinute+d.Minutes)
			again, err := ParseDuration(r)
			if err != nil || again.Minutes != d.Minutes || again.StartMinute == nil || *again.StartMinute != *d.StartMinute {
				t.Fatalf("%q: range %q parses as %+v, %v", s, r, again, err)
			}
		}
		// Formatting the result and parsing it again gives the same minutes.
		for _, lang := range []string{"id", "en"} {
			text := FormatMinutes(d.Minutes, lang)
			again, err := ParseDuration(text)
			if err != nil || again.Minutes != d.Minutes || again.StartMinute != nil {
				t.Fatalf("%q: %d minutes formatted %q parse as %+v, %v", s, d.Minutes, text, again, err)
			}
		}
		// Case and surrounding space do not matter (for ASCII input, whose
		// case mapping is simple).
		if isASCII(s) {
			for _, v := range []string{strings.ToUpper(s), "  " + strings.ToLower(s) + " \t"} {
				again, err := ParseDuration(v)
				if err != nil || again.Minutes != d.Minutes || (again.StartMinute == nil) != (d.StartMinute == nil) {
					t.Fatalf("%q: variant %q parses as %+v, %v", s, v, again, err)
				}
			}
		}
	})
}

func FuzzParseVolume(f *testing.F) {
	for _, s := range []string{
		"3 dokumen", "12 pasien", "1,5 km", "2 berkas surat", "1.250 lembar", "1.5 km",
		"1.250,5 liter", "100.000 lembar", "3", "0 x", "1.2345 km", "0.500 kg", "3 12",
		"3 dokumen, 2 surat", "4 KK/rumah", "10 Ω", "99999999999999 x", "0,001 ton",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseVolume(s)
		if err != nil {
			checkError(t, s, err, true)
			if v != (Volume{}) {
				t.Fatalf("%q: %+v returned with an error", s, v)
			}
			return
		}
		if math.IsNaN(v.Amount) || v.Amount <= 0 || v.Amount > MaxAmount {
			t.Fatalf("%q: amount %v out of limits", s, v.Amount)
		}
		if math.Abs(v.Amount*1000-math.Round(v.Amount*1000)) > 1e-6 {
			t.Fatalf("%q: amount %v has more than 3 decimals", s, v.Amount)
		}
		u := v.Unit
		if u == "" || u != strings.TrimSpace(u) || strings.Contains(u, "  ") || !utf8.ValidString(u) ||
			utf8.RuneCountInString(u) > MaxUnitLen {
			t.Fatalf("%q: bad unit %q", s, u)
		}
		letter := false
		for _, r := range u {
			letter = letter || unicode.IsLetter(r)
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" .-/", r) {
				t.Fatalf("%q: unit %q has %q", s, u, r)
			}
		}
		if !letter {
			t.Fatalf("%q: unit %q has no letter", s, u)
		}
		// Formatting and parsing again gives the same volume.
		text := v.String()
		again, err := ParseVolume(text)
		if err != nil || again != v {
			t.Fatalf("%q: %+v formatted %q parses as %+v, %v", s, v, text, again, err)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
