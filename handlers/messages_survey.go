package handlers

import (
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// question is one SKM element as asked: the question and its four answers
// (1 to 4), worded after the regulation's questionnaire (the texts are in
// package i18n).
type question struct {
	Text    i18n.Key
	Answers [4]i18n.Key
}

// skmQuestions are the SKM's elements in order; quickQuestion is the quick
// survey's one question.
var (
	skmQuestions = [storage.SKMElements]question{
		{i18n.SurveyQ1, [4]i18n.Key{i18n.SurveyQ1A1, i18n.SurveyQ1A2, i18n.SurveyQ1A3, i18n.SurveyQ1A4}},
		{i18n.SurveyQ2, [4]i18n.Key{i18n.SurveyQ2A1, i18n.SurveyQ2A2, i18n.SurveyQ2A3, i18n.SurveyQ2A4}},
		{i18n.SurveyQ3, [4]i18n.Key{i18n.SurveyQ3A1, i18n.SurveyQ3A2, i18n.SurveyQ3A3, i18n.SurveyQ3A4}},
		{i18n.SurveyQ4, [4]i18n.Key{i18n.SurveyQ4A1, i18n.SurveyQ4A2, i18n.SurveyQ4A3, i18n.SurveyQ4A4}},
		{i18n.SurveyQ5, [4]i18n.Key{i18n.SurveyQ5A1, i18n.SurveyQ5A2, i18n.SurveyQ5A3, i18n.SurveyQ5A4}},
		{i18n.SurveyQ6, [4]i18n.Key{i18n.SurveyQ6A1, i18n.SurveyQ6A2, i18n.SurveyQ6A3, i18n.SurveyQ6A4}},
		{i18n.SurveyQ7, [4]i18n.Key{i18n.SurveyQ7A1, i18n.SurveyQ7A2, i18n.SurveyQ7A3, i18n.SurveyQ7A4}},
		{i18n.SurveyQ8, [4]i18n.Key{i18n.SurveyQ8A1, i18n.SurveyQ8A2, i18n.SurveyQ8A3, i18n.SurveyQ8A4}},
		{i18n.SurveyQ9, [4]i18n.Key{i18n.SurveyQ9A1, i18n.SurveyQ9A2, i18n.SurveyQ9A3, i18n.SurveyQ9A4}},
	}
	quickQuestion = question{i18n.SurveyQuick,
		[4]i18n.Key{i18n.SurveyQuickA1, i18n.SurveyQuickA2, i18n.SurveyQuickA3, i18n.SurveyQuickA4}}
)

// surveyWelcome opens the survey of a unit, at a counter when it is > 0.
func surveyWelcome(c *call, unit string, counter, questions int) string {
	loket := ""
	if counter > 0 {
		loket = " " + c.t(i18n.SurveyCounter, counter)
	}
	return c.t(i18n.SurveyWelcome, unit, loket, questions)
}
