package ident

import (
	"strings"
	"time"
	"unicode"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// NIPReason says why a NIP was refused.
type NIPReason int

// Reasons a NIP is refused, in the order ParseNIP checks them.
const (
	NIPEmpty     NIPReason = iota + 1 // nothing but spaces and dots
	NIPNotDigits                      // a character other than a digit, space or dot
	NIPLength                         // not exactly 18 digits
	NIPBirthDate                      // digits 1–8 are not a real date (YYYYMMDD, year ≥ 1900)
	NIPGender                         // digit 15 is neither 1 nor 2
	NIPSequence                       // the last three digits are 000
)

var nipReasonNames = map[NIPReason]string{
	NIPEmpty: "empty", NIPNotDigits: "not_digits", NIPLength: "length",
	NIPBirthDate: "birth_date", NIPGender: "gender", NIPSequence: "sequence",
}

// String returns a stable snake_case name of the reason, for logs and tests.
func (r NIPReason) String() string {
	if s, ok := nipReasonNames[r]; ok {
		return s
	}
	return "unknown"
}

// NIPError is the error of ParseNIP. It never holds the input.
type NIPError struct{ Reason NIPReason }

// Error returns the English message, prefixed for logs.
func (e *NIPError) Error() string { return "invalid NIP: " + e.Message("en") }

// Message renders the reason for a person: Bahasa Indonesia by default,
// English when lang is "en" (or "en-…").
func (e *NIPError) Message(lang string) string {
	k, ok := nipKeys[e.Reason]
	if !ok {
		k = nipKeys[NIPLength]
	}
	return i18n.FromTag(lang).T(k)
}

// NIPLen is the number of digits of a NIP.
const NIPLen = 18

// ParseNIP checks a NIP (PNS or PPPK) and returns it as 18 digits.
// Spaces and dots are ignored, so "19860926 201505 1 001" and
// "19860926.201505.1.001" are accepted. It checks what can be checked
// (there is no check digit): 18 digits, digits 1–8 a real calendar date
// with year ≥ 1900, digit 15 is 1 or 2, the last three digits are not 000.
// Digits 9–14 are not checked: a PPPK NIP has a two-digit code there that
// is not a month. The error is a *NIPError.
func ParseNIP(s string) (string, error) {
	d := stripNIP(s)
	switch {
	case d == "":
		return "", &NIPError{NIPEmpty}
	case !asciiDigits(d):
		return "", &NIPError{NIPNotDigits}
	case len(d) != NIPLen:
		return "", &NIPError{NIPLength}
	case !validBirthDate(d[:8]):
		return "", &NIPError{NIPBirthDate}
	case d[14] != '1' && d[14] != '2':
		return "", &NIPError{NIPGender}
	case d[15:] == "000":
		return "", &NIPError{NIPSequence}
	}
	return d, nil
}

// FormatNIP renders a NIP for display: "19860926 201505 1 001". Input that
// is not 18 digits (after ignoring spaces and dots) is returned trimmed but
// otherwise unchanged.
func FormatNIP(nip string) string {
	d := stripNIP(nip)
	if len(d) != NIPLen || !asciiDigits(d) {
		return strings.TrimSpace(nip)
	}
	return d[:8] + " " + d[8:14] + " " + d[14:15] + " " + d[15:]
}

// nipMaskShort is what MaskNIP returns for anything that is not 18 digits.
const nipMaskShort = "******"

// MaskNIP hides a NIP for logs, keeping the first 6 and the last 2 digits:
// "198609**********01". Anything that is not 18 digits (after ignoring
// spaces and dots) becomes a fixed "******", so nothing of it leaks.
func MaskNIP(nip string) string {
	d := stripNIP(nip)
	if len(d) != NIPLen || !asciiDigits(d) {
		return nipMaskShort
	}
	return d[:6] + strings.Repeat("*", NIPLen-8) + d[NIPLen-2:]
}

// stripNIP removes white space and dots.
func stripNIP(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// asciiDigits reports whether s is made of '0'–'9' only.
func asciiDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// validBirthDate reports whether the 8 ASCII digits are a real YYYYMMDD date
// with year ≥ 1900.
func validBirthDate(d string) bool {
	t, err := time.Parse("20060102", d)
	return err == nil && t.Year() >= 1900
}
