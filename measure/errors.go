package measure

import (
	"strconv"
	"strings"

	"github.com/kinerjabot/kinerjabot/i18n"
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
	k, ok := reasonKeys[e.Reason]
	if !ok {
		k = reasonKeys[ReasonDurationFormat]
		if e.Reason >= ReasonVolumeFormat {
			k = reasonKeys[ReasonVolumeFormat]
		}
	}
	l := i18n.FromTag(lang)
	if text := l.T(k); !strings.Contains(text, "%") {
		return text // no placeholder: fmt would flag the arguments as extra
	}
	thousands := "." // the separator of the language
	if l == i18n.EN {
		thousands = ","
	}
	return l.T(k, MinMinutes, MaxMinutes, strconv.FormatFloat(float64(MaxMinutes)/60, 'f', -1, 64),
		groupThousands(MaxAmount, thousands), MaxUnitLen)
}

// reasonKeys name each reason's text in the i18n catalogue; its
// placeholders are filled from the package's limits.
var reasonKeys = map[Reason]i18n.Key{
	ReasonDurationFormat:    i18n.MeasureDurationFormat,
	ReasonDurationRange:     i18n.MeasureDurationRange,
	ReasonDurationAmbiguous: i18n.MeasureDurationAmbiguous,
	ReasonClock:             i18n.MeasureClock,
	ReasonRangeOrder:        i18n.MeasureRangeOrder,
	ReasonVolumeFormat:      i18n.MeasureVolumeFormat,
	ReasonVolumeNoUnit:      i18n.MeasureVolumeNoUnit,
	ReasonVolumeNumber:      i18n.MeasureVolumeNumber,
	ReasonVolumeRange:       i18n.MeasureVolumeRange,
	ReasonUnitTooLong:       i18n.MeasureUnitTooLong,
	ReasonUnitChars:         i18n.MeasureUnitChars,
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
