package ident

import (
	"strings"
	"unicode"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// PhoneReason says why a phone number was refused.
type PhoneReason int

// Reasons a phone number is refused.
const (
	PhoneEmpty     PhoneReason = iota + 1 // no digits at all
	PhoneChars                            // a character other than digits and separators, or a misplaced +
	PhoneCountry                          // not an Indonesian number (no 0, 62 or +62 prefix)
	PhoneNotMobile                        // Indonesian but not a mobile (8…) number
	PhoneLength                           // not 9 to 13 digits after 0 or +62
)

var phoneReasonNames = map[PhoneReason]string{
	PhoneEmpty: "empty", PhoneChars: "chars", PhoneCountry: "country",
	PhoneNotMobile: "not_mobile", PhoneLength: "length",
}

// String returns a stable snake_case name of the reason, for logs and tests.
func (r PhoneReason) String() string {
	if s, ok := phoneReasonNames[r]; ok {
		return s
	}
	return "unknown"
}

// PhoneError is the error of NormalizePhone. It never holds the input.
type PhoneError struct{ Reason PhoneReason }

// Error returns the English message, prefixed for logs.
func (e *PhoneError) Error() string { return "invalid phone number: " + e.Message("en") }

// Message renders the reason for a person: Bahasa Indonesia by default,
// English when lang is "en" (or "en-…").
func (e *PhoneError) Message(lang string) string {
	k, ok := phoneKeys[e.Reason]
	if !ok {
		k = phoneKeys[PhoneCountry]
	}
	return i18n.FromTag(lang).T(k)
}

// Bounds of the national significant number (the digits after +62).
const (
	phoneMinNational = 9
	phoneMaxNational = 13
)

// NormalizePhone turns an Indonesian mobile number into E.164, "+628…".
// Accepted forms: "0812…", "62812…" (as Telegram sends a shared contact's
// number, without '+'), "+62812…", "0062812…" and "+62 (0)812…", with any
// spaces, dashes, dots and parentheses. The national part must start with 8
// and have 9 to 13 digits. The error is a *PhoneError.
func NormalizePhone(s string) (string, error) {
	d, plus, ok := phoneDigits(s)
	if !ok {
		return "", &PhoneError{PhoneChars}
	}
	if d == "" {
		return "", &PhoneError{PhoneEmpty}
	}
	national, ok := nationalPart(d, plus)
	if !ok {
		return "", &PhoneError{PhoneCountry}
	}
	if national == "" || national[0] != '8' {
		return "", &PhoneError{PhoneNotMobile}
	}
	if len(national) < phoneMinNational || len(national) > phoneMaxNational {
		return "", &PhoneError{PhoneLength}
	}
	return "+62" + national, nil
}

// nationalPart strips the country or trunk prefix from the digits.
func nationalPart(d string, plus bool) (string, bool) {
	switch {
	case strings.HasPrefix(d, "62"):
		// "+62 (0)812…" is a common way of writing it: drop that one 0.
		return strings.TrimPrefix(d[2:], "0"), true
	case plus:
		return "", false
	case strings.HasPrefix(d, "0062"):
		return strings.TrimPrefix(d[4:], "0"), true
	case strings.HasPrefix(d, "0"):
		return d[1:], true
	}
	return "", false
}

// phoneDigits keeps the ASCII digits of s, dropping white space, dashes,
// dots and parentheses. plus reports a '+' before the first digit; ok is
// false for any other character or a '+' anywhere else.
func phoneDigits(s string) (digits string, plus, ok bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && b.Len() == 0 && !plus:
			plus = true
		case r == '-' || r == '.' || r == '(' || r == ')' || unicode.IsSpace(r):
		default:
			return "", false, false
		}
	}
	return b.String(), plus, true
}

// phoneMaskShort is what MaskPhone returns for anything it cannot normalise.
const phoneMaskShort = "****"

// MaskPhone hides a phone number for logs, keeping the country code, the
// next 3 digits and the last 4: "+62812****7890". The mask has a fixed
// width, so it does not tell the length. A value NormalizePhone refuses
// becomes a fixed "****".
func MaskPhone(p string) string {
	n, err := NormalizePhone(p)
	if err != nil {
		return phoneMaskShort
	}
	return n[:6] + "****" + n[len(n)-4:]
}
