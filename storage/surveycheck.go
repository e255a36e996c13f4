package storage

import (
	"fmt"
	"time"
)

// The checks below are what every store refuses, with ErrInvalid, so that
// all of them accept the same surveys and feedback and their aggregates
// count rightly.

// feedbackValues is the number of BerAKHLAK values a feedback may name.
const feedbackValues = 7

// CheckSurvey refuses, with ErrInvalid, a survey without id or unit, with a
// date that is not YYYY-MM-DD, a mode other than SurveySKM or SurveyQuick,
// a number of answers other than the mode's (nine or one), an answer
// outside 1..4 or a negative counter.
func CheckSurvey(s Survey) error {
	switch {
	case s.ID == "":
		return fmt.Errorf("%w: empty survey id", ErrInvalid)
	case s.UnitCode == "":
		return fmt.Errorf("%w: empty unit code", ErrInvalid)
	case s.Counter < 0:
		return fmt.Errorf("%w: counter %d", ErrInvalid, s.Counter)
	}
	if err := checkDate(s.Date); err != nil {
		return err
	}
	var want int
	switch s.Mode {
	case SurveySKM:
		want = SKMElements
	case SurveyQuick:
		want = 1
	default:
		return fmt.Errorf("%w: survey mode %q", ErrInvalid, s.Mode)
	}
	if len(s.Answers) != want {
		return fmt.Errorf("%w: %d answers for mode %s, want %d", ErrInvalid, len(s.Answers), s.Mode, want)
	}
	for i, a := range s.Answers {
		if a < 1 || a > 4 {
			return fmt.Errorf("%w: answer %d is %d, want 1..4", ErrInvalid, i+1, a)
		}
	}
	return nil
}

// CheckFeedback refuses, with ErrInvalid, a feedback without id, giver or
// receiver, with a value outside 1..7 or a date that is not YYYY-MM-DD.
func CheckFeedback(f Feedback) error {
	switch {
	case f.ID == "":
		return fmt.Errorf("%w: empty feedback id", ErrInvalid)
	case f.FromNIP == "" || f.ToNIP == "":
		return fmt.Errorf("%w: empty giver or receiver NIP", ErrInvalid)
	case f.Value < 1 || f.Value > feedbackValues:
		return fmt.Errorf("%w: value %d, want 1..%d", ErrInvalid, f.Value, feedbackValues)
	}
	return checkDate(f.Date)
}

// checkDate refuses a date other than a real YYYY-MM-DD: the date ranges
// compare dates as text.
func checkDate(d string) error {
	if t, err := time.Parse(time.DateOnly, d); err != nil || t.Format(time.DateOnly) != d {
		return fmt.Errorf("%w: date %q is not YYYY-MM-DD", ErrInvalid, d)
	}
	return nil
}
