package handlers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// StepEvaluation takes a step on an evaluation at a version (one
// conditional write: ErrConflict when another press came first); its
// replies tell whoever acts next. Replaying it after it took effect
// changes nothing and tells them again.
type StepEvaluation struct {
	ID      string
	Version int
	Step    storage.EvalStep
}

// EffectName implements conversation.Effect.
func (StepEvaluation) EffectName() string { return "step_evaluation" }

// stepEvaluation writes e. The notices are built first, from the
// evaluation as the step leaves it, so that a store failure after the
// write cannot leave a step whose people are never told.
func (a Applier) stepEvaluation(ctx context.Context, e StepEvaluation) ([]bot.Reply, error) {
	cur, err := a.Store.GetEvaluation(ctx, e.ID)
	if err != nil {
		return nil, fmt.Errorf("get evaluation: %w", err)
	}
	if tookStep(cur, e) {
		return a.r.evalNotices(ctx, cur, e.Step.At)
	}
	if cur.Version != e.Version {
		return nil, fmt.Errorf("evaluation step to %s: %w", e.Step.To, storage.ErrConflict)
	}
	planned, err := storage.ApplyEvalStep(cur, e.Step, e.Step.At)
	if err != nil {
		return nil, err
	}
	notes, err := a.r.evalNotices(ctx, planned, e.Step.At)
	if err != nil {
		return nil, err
	}
	if _, err := a.Store.StepEvaluation(ctx, e.ID, e.Version, e.Step); err != nil {
		return nil, err
	}
	return notes, nil
}

// tookStep reports whether cur's last step is e's, written by this very
// update (handled again after a crash or an outage).
func tookStep(cur storage.Evaluation, e StepEvaluation) bool {
	n := len(cur.Audit)
	return e.Step.Update != "" && cur.Version == e.Version+1 && n > 0 && cur.Audit[n-1].Update == e.Step.Update
}

// evalNotices tell whoever acts next on ev, as the step left it: the
// person (rated: accept or object), or the supervisor's supervisor
// (objected); and, once it is settled, the rater and, after a keberatan,
// the person.
func (r *Router) evalNotices(ctx context.Context, ev storage.Evaluation, now time.Time) ([]bot.Reply, error) {
	lang := r.lang
	predikat := lang.T(predikatKeys[ev.Predikat])
	switch ev.State {
	case storage.EvalRated:
		text, rows, err := r.personNotice(ctx, lang, ev)
		if err != nil {
			return nil, err
		}
		return r.toAccounts(ctx, ev.NIP, bot.Reply{Text: text, Buttons: rows})
	case storage.EvalObjected:
		to, err := r.reviewerOf(ctx, ev, now)
		if to == "" || err != nil {
			return nil, err
		}
		text, rows, err := r.reviewerNotice(ctx, lang, ev)
		if err != nil {
			return nil, err
		}
		return r.toAccounts(ctx, to, bot.Reply{Text: text, Buttons: rows})
	case storage.EvalAccepted:
		return r.toAccounts(ctx, ev.SupervisorNIP, bot.Reply{
			Text: lang.T(i18n.EvalAcceptedToRater, r.nameOf(ctx, ev.NIP), ev.Period, predikat)})
	case storage.EvalConfirmed, storage.EvalChanged:
		by := r.nameOf(ctx, ev.ReviewedBy)
		out, err := r.toAccounts(ctx, ev.NIP, bot.Reply{Text: lang.T(i18n.EvalFinal, ev.Period, predikat, by, noteOr(lang, ev.ReviewNote))})
		if err != nil {
			return nil, err
		}
		rater, err := r.toAccounts(ctx, ev.SupervisorNIP, bot.Reply{
			Text: lang.T(i18n.EvalFinalToRater, r.nameOf(ctx, ev.NIP), ev.Period, by, predikat)})
		return append(out, rater...), err
	}
	return nil, nil
}

// toAccounts addresses rep to every chat account nip linked.
func (r *Router) toAccounts(ctx context.Context, nip string, rep bot.Reply) ([]bot.Reply, error) {
	e, err := r.store.GetEmployee(ctx, nip)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("get evaluation recipient: %w", err)
	}
	var out []bot.Reply
	for _, p := range storage.Platforms {
		if acc, ok := e.Accounts[p]; ok {
			rep.Chat = bot.ChatKey{Platform: bot.Platform(p), ChatID: acc.ChatID}
			out = append(out, rep)
		}
	}
	if len(out) == 0 {
		r.log.Info("evaluation notice not sent: the recipient has no chat account", "nip", ident.MaskNIP(nip))
	}
	return out, nil
}

// reviewerOf is who decides a keberatan (roster.Reviewer): whoever decides
// the rater's reports now (the rater's supervisor, the person acting for
// that post), or an admin when the chain ends or the rater heads it.
func (r *Router) reviewerOf(ctx context.Context, ev storage.Evaluation, now time.Time) (string, error) {
	rater, err := r.store.GetEmployee(ctx, ev.SupervisorNIP)
	if errors.Is(err, storage.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("get rater: %w", err)
	}
	loc, err := r.zone(ctx, rater.UnitCode)
	if err != nil {
		return "", err
	}
	ans, err := roster.Reviewer(ctx, r.store, rater, now.In(loc).Format(time.DateOnly))
	if err != nil {
		return "", fmt.Errorf("who decides the keberatan: %w", err)
	}
	if ans.NIP == "" || ans.NIP == ev.NIP {
		r.log.Warn("keberatan has no one to decide it: the rater has no supervisor or admin in the bot", "state", string(ev.State))
		return "", nil
	}
	return ans.NIP, nil
}

// personNotice tells the person the predikat with the note, with the
// accept and keberatan buttons.
func (r *Router) personNotice(ctx context.Context, lang i18n.Lang, ev storage.Evaluation) (string, [][]bot.Button, error) {
	text := lang.T(i18n.EvalToPerson, ev.Period, lang.T(ratingKeys[ev.Hasil]), lang.T(ratingKeys[ev.Perilaku]),
		lang.T(predikatKeys[ev.Predikat]), noteOr(lang, ev.Note), r.nameOf(ctx, ev.SupervisorNIP))
	rows, err := actRow(lang, ev, []button.EvalVerb{button.EvalAccept, button.EvalObject}, i18n.EvalAcceptButton, i18n.EvalObjectButton)
	return text, rows, err
}

// reviewerNotice asks the supervisor's supervisor to confirm or change.
func (r *Router) reviewerNotice(ctx context.Context, lang i18n.Lang, ev storage.Evaluation) (string, [][]bot.Button, error) {
	text := lang.T(i18n.EvalToReviewer, r.nameOf(ctx, ev.NIP), ev.Period, r.nameOf(ctx, ev.SupervisorNIP),
		lang.T(ratingKeys[ev.Hasil]), lang.T(ratingKeys[ev.Perilaku]), lang.T(predikatKeys[ev.Predikat]), ev.Objection)
	rows, err := actRow(lang, ev, []button.EvalVerb{button.EvalConfirm, button.EvalChange}, i18n.EvalConfirmButton, i18n.EvalChangeButton)
	return text, rows, err
}

// actRow is one row of EvalAct buttons on ev at its version.
func actRow(lang i18n.Lang, ev storage.Evaluation, verbs []button.EvalVerb, labels ...i18n.Key) ([][]bot.Button, error) {
	var row []bot.Button
	for i, v := range verbs {
		b, err := newButton(lang.T(labels[i]), button.EvalAct{Verb: v, Eval: ev.ID, Version: ev.Version})
		if err != nil {
			return nil, err
		}
		row = append(row, b)
	}
	return [][]bot.Button{row}, nil
}

// noteOr is the note, or says there is none.
func noteOr(lang i18n.Lang, note string) string {
	if note == "" {
		return lang.T(i18n.EvalNoNote)
	}
	return note
}
