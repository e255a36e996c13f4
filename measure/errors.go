package measure

import (
	"fmt"
	"strconv"
	"strings"
)

// Reason says why input was refused. Values are stable; String gives a
// stable snake_case name for logs and tests.
type Reason int

// Reasons of ParseDuration.
const (
	// ReasonDurationFormat: not a duration or time range this package reads
	// (also empty input).
	ReasonDurationFormat Reason = iota + 1
	// ReasonDurationRange: a duration outside MinMinutes..MaxMinutes.
	ReasonDurationRange
	// ReasonDurationAmbiguous: hours with a dot and two or more digits after
	// it ("1.30 jam"): h.mm or a decimal?
	ReasonDurationAmbiguous
	// ReasonClock: a time of day with hours over 23 or minutes over 59.
	ReasonClock
	// ReasonRangeOrder: a time range whose end is not after its start
	// (ranges never cross midnight).
	ReasonRangeOrder
)

// Reasons of ParseVolume.
const (
	// ReasonVolumeFormat: no amount at the start (also empty input).
	ReasonVolumeFormat Reason = iota + 101
	// ReasonVolumeNoUnit: an amount without a unit (or with one that has no
	// letter, "3 12").
	ReasonVolumeNoUnit
	// ReasonVolumeNumber: a number whose separators are unclear ("1.2345").
	ReasonVolumeNumber
	// ReasonVolumeRange: an amount not above 0 or above MaxAmount.
	ReasonVolumeRange
	// ReasonUnitTooLong: a unit longer than MaxUnitLen characters.
	ReasonUnitTooLong
	// ReasonUnitChars: a unit with a character other than a letter, digit,
	// space, '.', '-' or '/'.
	ReasonUnitChars
)

var reasonNames = map[Reason]string{
	ReasonDurationFormat:    "duration_format",
	ReasonDurationRange:     "duration_range",
	ReasonDurationAmbiguous: "duration_ambiguous",
	ReasonClock:             "clock",
	ReasonRangeOrder:        "range_order",
	ReasonVolumeFormat:      "volume_format",
	ReasonVolumeNoUnit:      "volume_no_unit",
	ReasonVolumeNumber:      "volume_number",
	ReasonVolumeRange:       "volume_range",
	ReasonUnitTooLong:       "unit_too_long",
	ReasonUnitChars:         "unit_chars",
}

// String returns the stable name of the reason.
func (r Reason) String() string {
	if s, ok := reasonNames[r]; ok {
		return s
	}
	return "unknown"
}

// Error is the error of ParseDuration and ParseVolume. It never holds the
// input.
type Error struct{ Reason Reason }

// Error returns the English message, prefixed for logs.
func (e *Error) Error() string { return "measure: " + e.Message("en") }

// Message renders the problem for the person who typed the input, with an
// example of accepted input: Bahasa Indonesia by default, English when lang
// is "en" (or "en-…", "en_…").
func (e *Error) Message(lang string) string {
	en := english(lang)
	tpl, ok := messages[en][e.Reason]
	if !ok {
		tpl = messages[en][ReasonDurationFormat]
		if e.Reason >= ReasonVolumeFormat {
			tpl = messages[en][ReasonVolumeFormat]
		}
	}
	return strings.NewReplacer(
		"{min}", fmt.Sprint(MinMinutes),
		"{max}", fmt.Sprint(MaxMinutes),
		"{maxHours}", strconv.FormatFloat(float64(MaxMinutes)/60, 'f', -1, 64),
		"{maxAmountID}", groupThousands(MaxAmount, "."),
		"{maxAmountEN}", groupThousands(MaxAmount, ","),
		"{maxUnit}", fmt.Sprint(MaxUnitLen),
	).Replace(tpl)
}

// messages is the catalogue: false Bahasa Indonesia, true English.
// Placeholders are filled from the package's limits.
var messages = map[bool]map[Reason]string{
	false: {
		ReasonDurationFormat:    "Tulis lama kegiatan, misalnya 90, 1 jam 30, 1,5 jam atau 08.00-09.30 ({min} sampai {max} menit).",
		ReasonDurationRange:     "Lama kegiatan harus antara {min} menit dan {maxHours} jam.",
		ReasonDurationAmbiguous: "Lama kegiatan kurang jelas: tulis jam dan menitnya, atau pakai koma untuk desimal, misalnya 1 jam 30 atau 1,5 jam.",
		ReasonClock:             "Jam tidak valid: jam mulai dan selesai harus antara 00.00 dan 23.59, misalnya 08.00-09.30.",
		ReasonRangeOrder:        "Jam selesai harus setelah jam mulai, misalnya 08.00-09.30. Untuk kegiatan yang melewati tengah malam, tulis lamanya saja, misalnya 8 jam.",
		ReasonVolumeFormat:      "Tulis jumlah dan satuan hasil kerja, misalnya 3 dokumen atau 12 pasien.",
		ReasonVolumeNoUnit:      "Satuannya belum ditulis. Tulis jumlah dan satuannya, misalnya 3 dokumen atau 12 pasien.",
		ReasonVolumeNumber:      "Angka jumlah kurang jelas. Pakai koma untuk desimal dan titik untuk ribuan, misalnya 1,5 km atau 1.250 lembar.",
		ReasonVolumeRange:       "Jumlah hasil kerja harus lebih dari 0 dan paling banyak {maxAmountID}, misalnya 3 dokumen.",
		ReasonUnitTooLong:       "Satuan terlalu panjang (paling banyak {maxUnit} karakter), misalnya 3 dokumen atau 2 berkas surat.",
		ReasonUnitChars:         "Satuan hanya boleh berisi huruf, angka, spasi, titik, tanda - dan /, misalnya 3 dokumen atau 2 berkas surat.",
	},
	true: {
		ReasonDurationFormat:    "Write how long the activity took, e.g. 90, 1 h 30, 1.5 hours or 08.00-09.30 ({min} to {max} minutes).",
		ReasonDurationRange:     "An activity must last between {min} minutes and {maxHours} hours.",
		ReasonDurationAmbiguous: "Unclear duration: write hours and minutes, or a decimal with one digit after the point, e.g. 1 h 30 or 1.5 hours.",
		ReasonClock:             "Invalid time of day: start and end must be between 00.00 and 23.59, e.g. 08.00-09.30.",
		ReasonRangeOrder:        "The end time must be after the start time, e.g. 08.00-09.30. For an activity past midnight, write its length instead, e.g. 8 hours.",
		ReasonVolumeFormat:      "Write the output amount and its unit, e.g. 3 dokumen or 12 pasien.",
		ReasonVolumeNoUnit:      "The unit is missing. Write the amount and its unit, e.g. 3 dokumen or 12 pasien.",
		ReasonVolumeNumber:      "Unclear number. Use a comma for decimals and a dot for thousands, e.g. 1,5 km or 1.250 lembar.",
		ReasonVolumeRange:       "The output amount must be more than 0 and at most {maxAmountEN}, e.g. 3 dokumen.",
		ReasonUnitTooLong:       "The unit is too long (at most {maxUnit} characters), e.g. 3 dokumen or 2 berkas surat.",
		ReasonUnitChars:         "A unit may contain only letters, digits, spaces, dots, - and /, e.g. 3 dokumen or 2 berkas surat.",
	},
}

// english reports whether lang asks for English; anything else is Bahasa
// Indonesia.
func english(lang string) bool {
	l := strings.ToLower(strings.TrimSpace(lang))
	return l == "en" || strings.HasPrefix(l, "en-") || strings.HasPrefix(l, "en_")
}

// groupThousands renders a whole amount with a thousands separator.
func groupThousands(v float64, sep string) string {
	s := strconv.FormatInt(int64(v), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return s
}

func fail(r Reason) *Error { return &Error{Reason: r} }
