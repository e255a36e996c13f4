package evaluation

import (
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// The catalogue's words for the typed values of an evaluation, shared by
// the chat (package handlers) and the exports' Evaluasi sheet.
var (
	RatingKeys = map[storage.Rating]i18n.Key{
		storage.RatingAbove: i18n.EvalRatingAbove, storage.RatingMeets: i18n.EvalRatingMeets, storage.RatingBelow: i18n.EvalRatingBelow,
	}
	PredikatKeys = map[storage.Predikat]i18n.Key{
		storage.PredikatSangatBaik: i18n.EvalPredikatSangatBaik, storage.PredikatBaik: i18n.EvalPredikatBaik,
		storage.PredikatButuhPerbaikan: i18n.EvalPredikatButuh, storage.PredikatKurang: i18n.EvalPredikatKurang,
		storage.PredikatSangatKurang: i18n.EvalPredikatSKurang,
	}
	StateKeys = map[storage.EvalState]i18n.Key{
		storage.EvalDue: i18n.EvalStateDue, storage.EvalRated: i18n.EvalStateRated, storage.EvalAccepted: i18n.EvalStateAccepted,
		storage.EvalObjected: i18n.EvalStateObjected, storage.EvalConfirmed: i18n.EvalStateConfirmed,
		storage.EvalChanged: i18n.EvalStateChanged,
	}
)
