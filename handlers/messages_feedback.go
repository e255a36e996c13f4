package handlers

import "github.com/kinerjabot/kinerjabot/i18n"

// valueKeys name the seven BerAKHLAK values, value 1 to 7.
var valueKeys = [7]i18n.Key{
	i18n.ValueServiceOriented, i18n.ValueAccountable, i18n.ValueCompetent, i18n.ValueHarmonious,
	i18n.ValueLoyal, i18n.ValueAdaptive, i18n.ValueCollaborative,
}

// feedbackConfirmText asks to confirm an appreciation of value to name.
func feedbackConfirmText(c *call, value, name, note string) string {
	s := c.t(i18n.FeedbackConfirm, value, name)
	if note != "" {
		s += "\n" + c.t(i18n.FeedbackConfirmNote, note)
	}
	return s + "\n\n" + c.t(i18n.FeedbackConfirmHint)
}

// feedbackReceived tells a colleague of the appreciation they received.
func feedbackReceived(l i18n.Lang, value, from, note string) string {
	s := l.T(i18n.FeedbackReceived, value, from)
	if note != "" {
		s += "\n" + l.T(i18n.FeedbackReceivedNote, note)
	}
	return s
}
