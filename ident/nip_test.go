package ident

import (
	"errors"
	"strings"
	"testing"
)

func TestParseNIP(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
		err  NIPReason // zero when the NIP is valid
	}{
		{"plain", "198609262015051001", "198609262015051001", 0},
		{"display form", "19860926 201505 1 001", "198609262015051001", 0},
		{"dots", "19860926.201505.1.001", "198609262015051001", 0},
		{"surrounding and tab spaces", "  19860926\t201505 2 001 ", "198609262015052001", 0},
		{"PPPK code 21 at positions 13-14", "199203152022211003", "199203152022211003", 0},
		{"PPPK code 99", "199203152022992003", "199203152022992003", 0},
		{"leap day", "200002292024011001", "200002292024011001", 0},
		{"year 1900", "190001012015051001", "190001012015051001", 0},
		{"empty", "", "", NIPEmpty},
		{"only separators", " . . ", "", NIPEmpty},
		{"letters", "19860926A201505100", "", NIPNotDigits},
		{"dash", "19860926-201505-1-001", "", NIPNotDigits},
		{"arabic-indic digits", "١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١", "", NIPNotDigits},
		{"fullwidth digit", "１98609262015051001", "", NIPNotDigits},
		{"17 digits", "19860926201505100", "", NIPLength},
		{"19 digits", "1986092620150510011", "", NIPLength},
		{"month 13", "198613262015051001", "", NIPBirthDate},
		{"day 00", "198609002015051001", "", NIPBirthDate},
		{"31 September", "198609312015051001", "", NIPBirthDate},
		{"29 Feb non-leap 1900", "190002292015051001", "", NIPBirthDate},
		{"year before 1900", "189912312015051001", "", NIPBirthDate},
		{"gender 0", "198609262015050001", "", NIPGender},
		{"gender 3", "198609262015053001", "", NIPGender},
		{"sequence 000", "198609262015051000", "", NIPSequence},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseNIP(tt.in)
			if tt.err == 0 {
				if err != nil || got != tt.want {
					t.Fatalf("ParseNIP(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
				}
				return
			}
			var ne *NIPError
			if !errors.As(err, &ne) {
				t.Fatalf("ParseNIP(%q) = %q, %v; want *NIPError %v", tt.in, got, err, tt.err)
			}
			if ne.Reason != tt.err || got != "" {
				t.Fatalf("ParseNIP(%q) reason %v, result %q; want %v, \"\"", tt.in, ne.Reason, got, tt.err)
			}
		})
	}
}

func TestNIPErrorMessage(t *testing.T) {
	reasons := []NIPReason{NIPEmpty, NIPNotDigits, NIPLength, NIPBirthDate, NIPGender, NIPSequence}
	seen := map[string]bool{}
	for _, r := range reasons {
		e := &NIPError{Reason: r}
		for _, lang := range []string{"id", "en"} {
			m := e.Message(lang)
			if m == "" || seen[m] {
				t.Errorf("reason %v lang %s: message %q empty or not distinct", r, lang, m)
			}
			seen[m] = true
		}
		if !strings.Contains(e.Error(), e.Message("en")) {
			t.Errorf("Error() %q does not carry the English message", e.Error())
		}
		if r.String() == "unknown" {
			t.Errorf("reason %d has no name", r)
		}
	}
	e := &NIPError{Reason: NIPLength}
	for lang, want := range map[string]string{
		"id": "NIP harus 18 angka", "": "NIP harus 18 angka", "en": "NIP must be 18 digits",
		"en-US": "NIP must be 18 digits", "EN": "NIP must be 18 digits",
	} {
		if got := e.Message(lang); got != want {
			t.Errorf("Message(%q) = %q, want %q", lang, got, want)
		}
	}
}

func TestFormatNIP(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"PNS", "198609262015051001", "19860926 201505 1 001"},
		{"already formatted", "19860926 201505 1 001", "19860926 201505 1 001"},
		{"dots", "19860926.201505.1.001", "19860926 201505 1 001"},
		{"PPPK", "199203152022211003", "19920315 202221 1 003"},
		{"too short unchanged", " 12345 ", "12345"},
		{"not digits unchanged", "abc", "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatNIP(tt.in); got != tt.want {
				t.Errorf("FormatNIP(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestMaskNIP(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"PNS", "198609262015051001", "198609**********01"},
		{"formatted", "19860926 201505 1 001", "198609**********01"},
		{"short", "1986", "******"},
		{"empty", "", "******"},
		{"long", "1986092620150510019999", "******"},
		{"not digits", "19860926A201505100", "******"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MaskNIP(tt.in); got != tt.want {
				t.Errorf("MaskNIP(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzParseNIP(f *testing.F) {
	for _, s := range []string{
		"198609262015051001", "19860926 201505 1 001", "199203152022211003",
		"", "19860926201505100", "198613262015051001", "198609262015053001",
		"198609262015051000", "1986.0926.2015.0510.01", "١٩٨٦٠٩٢٦", "\x00\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseNIP(s)
		mask := MaskNIP(s)
		if err != nil {
			var ne *NIPError
			if !errors.As(err, &ne) || got != "" || ne.Message("id") == "" || ne.Message("en") == "" {
				t.Fatalf("ParseNIP(%q) = %q, %v: bad error", s, got, err)
			}
			return
		}
		if len(got) != NIPLen || !asciiDigits(got) {
			t.Fatalf("ParseNIP(%q) = %q: not 18 ASCII digits", s, got)
		}
		if again, err := ParseNIP(got); err != nil || again != got {
			t.Fatalf("ParseNIP not idempotent on %q: %q, %v", got, again, err)
		}
		if back, err := ParseNIP(FormatNIP(got)); err != nil || back != got {
			t.Fatalf("FormatNIP(%q) = %q does not parse back: %q, %v", got, FormatNIP(got), back, err)
		}
		if mask[:6] != got[:6] || mask[16:] != got[16:] || strings.Trim(mask[6:16], "*") != "" {
			t.Fatalf("MaskNIP(%q) = %q", s, mask)
		}
	})
}
