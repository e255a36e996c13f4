package ident

import "github.com/kinerjabot/kinerjabot/i18n"

// The texts of this package are in the i18n catalogue: each reason code of
// NIPError and PhoneError names one.

var nipKeys = map[NIPReason]i18n.Key{
	NIPEmpty:     i18n.IdentNIPEmpty,
	NIPNotDigits: i18n.IdentNIPNotDigits,
	NIPLength:    i18n.IdentNIPLength,
	NIPBirthDate: i18n.IdentNIPBirthDate,
	NIPGender:    i18n.IdentNIPGender,
	NIPSequence:  i18n.IdentNIPSequence,
}

var phoneKeys = map[PhoneReason]i18n.Key{
	PhoneEmpty:     i18n.IdentPhoneEmpty,
	PhoneChars:     i18n.IdentPhoneChars,
	PhoneCountry:   i18n.IdentPhoneCountry,
	PhoneNotMobile: i18n.IdentPhoneNotMobile,
	PhoneLength:    i18n.IdentPhoneLength,
}
