package ident

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
		err  PhoneReason // zero when valid
	}{
		{"08 plain", "081234567890", "+6281234567890", 0},
		{"08 dashes", "0812-3456-7890", "+6281234567890", 0},
		{"08 spaces dots", "0812 3456.7890", "+6281234567890", 0},
		{"parentheses", "(0812) 3456-7890", "+6281234567890", 0},
		{"+62", "+6281234567890", "+6281234567890", 0},
		{"+62 spaced", "+62 812 3456 7890", "+6281234567890", 0},
		{"+62 (0)", "+62 (0)812-3456-7890", "+6281234567890", 0},
		{"(+62)", "(+62) 812-3456-7890", "+6281234567890", 0},
		{"telegram without plus", "6281234567890", "+6281234567890", 0},
		{"0062", "0062 812 3456 7890", "+6281234567890", 0},
		{"shortest 9", "0812345678", "+62812345678", 0},
		{"longest 13", "08123456789012", "+628123456789012", 0},
		{"empty", "", "", PhoneEmpty},
		{"separators only", " (-) ", "", PhoneEmpty},
		{"letters", "0812-ABCD-7890", "", PhoneChars},
		{"plus in middle", "0812+34567890", "", PhoneChars},
		{"double plus", "++6281234567890", "", PhoneChars},
		{"slash", "0812/34567890", "", PhoneChars},
		{"foreign +1", "+1 555 123 4567", "", PhoneCountry},
		{"+ national", "+081234567890", "", PhoneCountry},
		{"no prefix", "81234567890", "", PhoneCountry},
		{"landline 021", "021-5551234", "", PhoneNotMobile},
		{"landline +62 21", "+62 21 5551234", "", PhoneNotMobile},
		{"bare 0", "0", "", PhoneNotMobile},
		{"too short", "0812-345-67", "", PhoneLength},
		{"too long", "0812-3456-7890-123", "", PhoneLength},
		{"too short 62", "62812345", "", PhoneLength},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizePhone(tt.in)
			if tt.err == 0 {
				if err != nil || got != tt.want {
					t.Fatalf("NormalizePhone(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
				}
				return
			}
			var pe *PhoneError
			if !errors.As(err, &pe) || pe.Reason != tt.err || got != "" {
				t.Fatalf("NormalizePhone(%q) = %q, %v; want reason %v", tt.in, got, err, tt.err)
			}
		})
	}
}

func TestPhoneErrorMessage(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range []PhoneReason{PhoneEmpty, PhoneChars, PhoneCountry, PhoneNotMobile, PhoneLength} {
		e := &PhoneError{Reason: r}
		for _, lang := range []string{"id", "en"} {
			m := e.Message(lang)
			if m == "" || seen[m] {
				t.Errorf("reason %v lang %s: message %q empty or not distinct", r, lang, m)
			}
			seen[m] = true
		}
		if !strings.HasPrefix(e.Error(), "invalid phone number: ") {
			t.Errorf("Error() = %q", e.Error())
		}
	}
	e := &PhoneError{Reason: PhoneNotMobile}
	if !strings.Contains(e.Message(""), "nomor HP") || !strings.Contains(e.Message("en"), "mobile") {
		t.Errorf("messages: %q / %q", e.Message(""), e.Message("en"))
	}
}

func TestMaskPhone(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"E.164", "+6281234567890", "+62812****7890"},
		{"national", "0812-3456-7890", "+62812****7890"},
		{"shortest", "0812345678", "+62812****5678"},
		{"invalid", "12345", "****"},
		{"empty", "", "****"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MaskPhone(tt.in); got != tt.want {
				t.Errorf("MaskPhone(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{
		"081234567890", "0812-3456-7890", "+62 (0)812 3456 7890", "6281234567890",
		"0062812345678", "+1 555", "021-5551234", "", "+", "0", "62", "\x00\xff", "٠٨١٢",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := NormalizePhone(s)
		if err != nil {
			var pe *PhoneError
			if !errors.As(err, &pe) || got != "" || pe.Message("id") == "" || pe.Message("en") == "" {
				t.Fatalf("NormalizePhone(%q) = %q, %v: bad error", s, got, err)
			}
			if MaskPhone(s) != phoneMaskShort {
				t.Fatalf("MaskPhone(%q) = %q for a refused number", s, MaskPhone(s))
			}
			return
		}
		if !strings.HasPrefix(got, "+628") || !asciiDigits(got[1:]) {
			t.Fatalf("NormalizePhone(%q) = %q: not +628 and digits", s, got)
		}
		if n := len(got) - 3; n < phoneMinNational || n > phoneMaxNational {
			t.Fatalf("NormalizePhone(%q) = %q: %d national digits", s, got, n)
		}
		for _, form := range []string{got, got[1:], "0" + got[3:]} {
			if again, err := NormalizePhone(form); err != nil || again != got {
				t.Fatalf("NormalizePhone(%q) = %q, %v; want %q", form, again, err, got)
			}
		}
		m := MaskPhone(s)
		if len(m) != 14 || m[:6] != got[:6] || m[10:] != got[len(got)-4:] {
			t.Fatalf("MaskPhone(%q) = %q (normalised %q)", s, m, got)
		}
	})
}
