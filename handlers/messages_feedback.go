package handlers

import "github.com/kinerjabot/kinerjabot/i18n"

// valueKeys name the seven BerAKHLAK values, value 1 to 7.
var valueKeys = i18n.BerAKHLAK

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
