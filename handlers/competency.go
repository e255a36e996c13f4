package handlers

import (
	"context"
	"strconv"
	"strings"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Competency development (pengembangan kompetensi) in /lapor: the first
// step offers the kind; pressing it asks the kind of training (course,
// workshop, e-learning) and its JP (jam pelajaran), then the report goes
// on as any other, a certificate photo required. It is approved like any
// report; /rekap counts the approved JP of the year against
// COMPETENCY_TARGET_JP.

// maxJP bounds the JP of one report (a long course is some 100 JP).
const maxJP = 500

// trainingKeys name storage.Trainings, in order.
var trainingKeys = map[string]i18n.Key{
	storage.TrainingCourse: i18n.TrainingCourse, storage.TrainingWorkshop: i18n.TrainingWorkshop,
	storage.TrainingELearn: i18n.TrainingELearn,
}

// competencyOffer is the keyboard of /lapor's first question: one key
// that makes the report a competency report (it replaces the menu, as the
// first question removed it before; the next question removes it).
func competencyOffer(c *call) [][]bot.KeyButton {
	return [][]bot.KeyButton{{{Label: c.t(i18n.CompetencyButton)}}}
}

// competencyChosen: the first step's key was pressed (its label, in any
// language), on a new report not yet of that kind.
func competencyChosen(c *call, d reportDraft) bool {
	return d.Kind == storage.KindActivity && d.Resubmit == 0 && d.Desc == "" && isText(c.u, i18n.All(i18n.CompetencyButton)...)
}

// competencyQuestion asks the kind of training (stTraining) or the JP.
func competencyQuestion(c *call, d reportDraft, state reportState) bot.Reply {
	if state == stJP {
		return bot.Reply{Text: c.t(i18n.CompetencyAskJP, maxJP), RemoveKeyboard: true}
	}
	var rows [][]bot.Button
	for i, t := range storage.Trainings {
		rows = append(rows, []bot.Button{d.button(c, c.t(trainingKeys[t]), button.DraftTraining, i)})
	}
	return bot.Reply{Text: c.t(i18n.CompetencyAskTraining), Buttons: rows}
}

// onJP takes the JP, a whole number, then asks the description.
func (r *Router) onJP(ctx context.Context, c *call, d reportDraft) (conversation.Outcome, error) {
	jp, ok := parseJP(c.u.Text)
	if c.u.Kind != bot.KindText || !ok {
		r.log.Info("competency JP refused", "chat", c.u.Chat().String())
		return keep(c, c.t(i18n.CompetencyJPInvalid, maxJP)), nil
	}
	d.JP = jp
	return r.ask(ctx, c, d, stDesc, "")
}

// parseJP reads a JP count as typed: "8", "8 JP", "8jp"; 1 to maxJP.
func parseJP(s string) (int, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.ToUpper(strings.TrimSpace(s)), "JP"))
	jp, err := strconv.Atoi(s)
	return jp, err == nil && jp >= 1 && jp <= maxJP
}

// photoRequired: a photo is needed when the settings say so, and always
// for a competency report (its certificate).
func (r *Router) photoRequired(d reportDraft) bool {
	return r.opt.EvidenceRequired || d.Kind == storage.KindCompetency
}

// competencyPromptLine is the line a competency report adds to texts about
// it (its summary, its approval prompt).
func competencyPromptLine(l i18n.Lang, ct storage.Content) string {
	if ct.Kind != storage.KindCompetency {
		return ""
	}
	return "\n" + l.T(i18n.CompetencyLine, l.T(trainingKeys[ct.Training]), ct.JP)
}
