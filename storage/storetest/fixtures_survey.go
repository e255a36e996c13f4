package storetest

import (
	"fmt"

	"github.com/kinerjabot/kinerjabot/storage"
)

// surveyID is the id of survey n (the bot derives it from unit, day, chat
// hash and mode; here any distinct string does).
func surveyID(n int) string { return fmt.Sprintf("svy-%04d", n) }

// survey is survey n of unit in mode on date with the answers, completed
// min minutes after the base time, without comment.
func survey(n int, unit, mode, date string, min int, answers ...int) storage.Survey {
	return storage.Survey{
		ID:       surveyID(n),
		UnitCode: unit,
		Date:     date,
		Mode:     mode,
		Answers:  answers,
		ChatHash: fmt.Sprintf("%064x", 0xC4A7+n),
		At:       at(min),
	}
}

// skm is a nine-element survey of unit PKM01.
func skm(n int, date string, min int, answers ...int) storage.Survey {
	return survey(n, "PKM01", storage.SurveySKM, date, min, answers...)
}

// quick is a one-question rating of unit PKM01.
func quick(n int, date string, min int, answer int) storage.Survey {
	return survey(n, "PKM01", storage.SurveyQuick, date, min, answer)
}

// ones is a nine-element survey answered 1 throughout: included by mistake,
// it would show in every sum.
func ones() []int { return []int{1, 1, 1, 1, 1, 1, 1, 1, 1} }

// commented is s with the comment.
func commented(s storage.Survey, comment string) storage.Survey {
	s.Comment = comment
	return s
}

// feedbackID is the id of feedback n.
func feedbackID(n int) string { return fmt.Sprintf("fb-%04d", n) }

// feedback is feedback n from employee from to employee to, of the value,
// given on date min minutes after the base time.
func feedback(n, from, to, value int, date string, min int) storage.Feedback {
	return storage.Feedback{
		ID:      feedbackID(n),
		FromNIP: nip(from),
		ToNIP:   nip(to),
		Value:   value,
		Note:    fmt.Sprintf("Terima kasih sudah membantu \"rekap\" #%d — 👍", n),
		Date:    date,
		At:      at(min),
	}
}
