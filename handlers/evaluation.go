package handlers

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/evaluation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// The periodic evaluation (/evaluasi): the supervisor rates hasil kerja and
// perilaku kerja by buttons (EvalRate) and adds a note (flowEval), the
// person accepts or files a keberatan with a reason (EvalAct, flowEval),
// and the supervisor's supervisor confirms or changes it. Every step is
// one conditional write of the evaluation (StepEvaluation): two presses at
// once store one. Who may take a step is mayEvaluate, over the one
// authority rule mayDecide.

// evalListed bounds the evaluations /evaluasi lists with a button each.
const evalListed = 8

// Texts of the typed values.
var (
	gradeRating = map[button.Grade]storage.Rating{
		button.GradeAbove: storage.RatingAbove, button.GradeMeets: storage.RatingMeets, button.GradeBelow: storage.RatingBelow,
	}
	ratingKeys    = evaluation.RatingKeys
	predikatKeys  = evaluation.PredikatKeys
	evalStateKeys = evaluation.StateKeys
)

// evaluate answers /evaluasi: the evaluations waiting for the person, each
// with a button that opens it.
func (r *Router) evaluate(ctx context.Context, c *call) (conversation.Outcome, error) {
	items, err := r.evaluationsFor(ctx, c)
	if err != nil {
		return conversation.Outcome{}, err
	}
	if len(items) == 0 {
		return reply(c, c.t(i18n.EvalNothingDue), menuKeyboard(c)), nil
	}
	text := c.t(i18n.EvalDueList, len(items))
	var rows [][]bot.Button
	for i, ev := range items {
		name := r.nameOf(ctx, ev.NIP)
		text += "\n" + c.t(i18n.EvalDueLine, name, ev.Period, c.t(evalStateKeys[ev.State]))
		if i < evalListed {
			rows = append(rows, []bot.Button{c.button(truncate(name, 24)+" · "+ev.Period,
				button.EvalAct{Verb: button.EvalOpen, Eval: ev.ID, Version: ev.Version})})
		}
	}
	out := reply(c, text, nil)
	out.Replies[0].Buttons = rows
	return out, nil
}

// evaluationsFor lists what waits for the call's person: evaluations to
// rate or to decide after a keberatan (mayEvaluate), and their own to
// answer.
func (r *Router) evaluationsFor(ctx context.Context, c *call) ([]storage.Evaluation, error) {
	open, err := r.store.ListEvaluations(ctx, storage.EvaluationFilter{States: []storage.EvalState{storage.EvalDue, storage.EvalObjected}})
	if err != nil {
		return nil, fmt.Errorf("list open evaluations: %w", err)
	}
	var out []storage.Evaluation
	for _, ev := range open {
		ok, _, err := r.mayEvaluate(ctx, *c.emp, ev, c)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, ev)
		}
	}
	mine, err := r.store.ListEvaluations(ctx, storage.EvaluationFilter{NIP: c.emp.NIP, States: []storage.EvalState{storage.EvalRated}})
	if err != nil {
		return nil, fmt.Errorf("list own evaluations: %w", err)
	}
	return append(out, mine...), nil
}

// mayEvaluate is who may take the step an evaluation waits for, read from
// the roster as it is now: rating it (due) whoever may decide the
// person's reports (mayDecide); deciding a keberatan (objected) whoever
// may decide the rater's reports, the rater's supervisor, never the
// person; answering it (rated) the person alone.
func (r *Router) mayEvaluate(ctx context.Context, by storage.Employee, ev storage.Evaluation, c *call) (bool, capacity, error) {
	var over string
	switch {
	case ev.State == storage.EvalRated:
		return by.NIP == ev.NIP, capacity{}, nil
	case ev.State == storage.EvalDue:
		over = ev.NIP
	case ev.State == storage.EvalObjected && by.NIP != ev.NIP:
		over = ev.SupervisorNIP
	default:
		return false, capacity{}, nil
	}
	owner, err := r.store.GetEmployee(ctx, over)
	if errors.Is(err, storage.ErrNotFound) {
		return false, capacity{}, nil
	}
	if err != nil {
		return false, capacity{}, fmt.Errorf("get evaluated person: %w", err)
	}
	return r.mayDecide(ctx, by, owner, c.in.Now)
}

// evalAt loads the evaluation a button names and checks that it is still
// in one of the states and at the version the button was made for
// (version 0: any), and that the presser may act on it; refusal is the
// popup's text when not.
func (r *Router) evalAt(ctx context.Context, c *call, id string, version int, states ...storage.EvalState) (
	ev storage.Evaluation, as capacity, refusal string, err error) {
	if c.emp == nil {
		return ev, as, c.t(i18n.NotRegistered), nil
	}
	ev, err = r.store.GetEvaluation(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		r.log.Warn("button of an unknown evaluation", "chat", c.u.Chat().String())
		return ev, as, c.t(i18n.ButtonStale), nil
	}
	if err != nil {
		return ev, as, "", fmt.Errorf("get evaluation: %w", err)
	}
	if !slices.Contains(states, ev.State) || (version != 0 && ev.Version != version) {
		return ev, as, c.t(i18n.EvalAlready, c.t(evalStateKeys[ev.State])), nil
	}
	ok, as, err := r.mayEvaluate(ctx, *c.emp, ev, c)
	if err != nil || ok {
		return ev, as, "", err
	}
	r.log.Warn("evaluation refused: presser may not act on it", "chat", c.u.Chat().String(),
		"by_nip", ident.MaskNIP(c.emp.NIP), "state", string(ev.State))
	return ev, as, c.t(i18n.EvalNotYours), nil
}

// onEvalButton handles the evaluation's buttons, from any step.
func (r *Router) onEvalButton(ctx context.Context, c *call, b button.Data) (conversation.Outcome, error) {
	switch b := b.(type) {
	case button.EvalRate:
		return r.onEvalRate(ctx, c, b)
	case button.EvalAct:
		return r.onEvalAct(ctx, c, b)
	}
	return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ButtonStale)}, nil
}

// onEvalRate takes a rating: hasil first (perilaku is asked), then
// perilaku (the note is asked), or both sent without a note.
func (r *Router) onEvalRate(ctx context.Context, c *call, b button.EvalRate) (conversation.Outcome, error) {
	stay := conversation.Outcome{Next: c.in.Session}
	ev, as, refusal, err := r.evalAt(ctx, c, b.Eval, b.Version, storage.EvalDue, storage.EvalObjected)
	if refusal != "" || err != nil {
		stay.Notice = refusal
		return stay, err
	}
	hasil, perilaku := gradeRating[b.Hasil], gradeRating[b.Perilaku]
	if perilaku == "" {
		rows, err := gradeRows(c.lang, ev, b.Hasil)
		stay.Replies = []bot.Reply{{Text: c.t(i18n.EvalAskPerilaku, c.t(ratingKeys[hasil])), Buttons: rows}}
		return stay, err
	}
	predikat, _ := evaluation.Predikat(hasil, perilaku)
	d := evalDraft{ID: ev.ID, Version: ev.Version, To: rateStep(ev), Hasil: hasil, Perilaku: perilaku, capacity: as}
	if b.Send {
		return r.evalWrite(c, d, predikat, ""), nil
	}
	if c.flow() != "" && c.flow() != flowEval {
		stay.Notice = c.t(i18n.ReportFinishFirst)
		return stay, nil
	}
	send := b
	send.Send = true
	out := startEvalFlow(c, evalNote, d)
	out.Replies = []bot.Reply{{
		Text:    c.t(i18n.EvalAskNote, c.t(ratingKeys[hasil]), c.t(ratingKeys[perilaku]), c.t(predikatKeys[predikat])),
		Buttons: [][]bot.Button{{c.button(c.t(i18n.EvalNoNoteButton), send)}},
	}}
	return out, nil
}

// rateStep is the step a rating takes the evaluation to: rated when due,
// changed when the supervisor's supervisor rates it anew.
func rateStep(ev storage.Evaluation) storage.EvalState {
	if ev.State == storage.EvalObjected {
		return storage.EvalChanged
	}
	return storage.EvalRated
}

// gradeRows are the three rating buttons of the evaluation at its
// version: hasil's when hasil is none, else perilaku's (with hasil).
func gradeRows(lang i18n.Lang, ev storage.Evaluation, hasil button.Grade) ([][]bot.Button, error) {
	var rows [][]bot.Button
	for _, g := range []button.Grade{button.GradeAbove, button.GradeMeets, button.GradeBelow} {
		d := button.EvalRate{Eval: ev.ID, Version: ev.Version, Hasil: g}
		if hasil != button.GradeNone {
			d.Hasil, d.Perilaku = hasil, g
		}
		b, err := newButton(lang.T(ratingKeys[gradeRating[g]]), d)
		if err != nil {
			return nil, err
		}
		rows = append(rows, []bot.Button{b})
	}
	return rows, nil
}

// onEvalAct handles opening an evaluation, the person's answer and the
// supervisor's supervisor's decision.
func (r *Router) onEvalAct(ctx context.Context, c *call, b button.EvalAct) (conversation.Outcome, error) {
	stay := conversation.Outcome{Next: c.in.Session}
	states := map[button.EvalVerb][]storage.EvalState{
		button.EvalOpen:    {storage.EvalDue, storage.EvalRated, storage.EvalObjected},
		button.EvalAccept:  {storage.EvalRated},
		button.EvalObject:  {storage.EvalRated},
		button.EvalConfirm: {storage.EvalObjected},
		button.EvalChange:  {storage.EvalObjected},
	}[b.Verb]
	ev, as, refusal, err := r.evalAt(ctx, c, b.Eval, b.Version, states...)
	if refusal != "" || err != nil {
		stay.Notice = refusal
		return stay, err
	}
	d := evalDraft{ID: ev.ID, Version: ev.Version, capacity: as}
	switch b.Verb {
	case button.EvalOpen:
		text, rows, err := r.evalView(ctx, c.lang, ev)
		stay.Replies = []bot.Reply{{Text: text, Buttons: rows}}
		return stay, err
	case button.EvalAccept:
		d.To = storage.EvalAccepted
		return r.evalWrite(c, d, "", ""), nil
	case button.EvalConfirm:
		d.To, d.Hasil, d.Perilaku = storage.EvalConfirmed, ev.Hasil, ev.Perilaku
		return r.evalWrite(c, d, ev.Predikat, ""), nil
	case button.EvalChange:
		rows, err := gradeRows(c.lang, ev, button.GradeNone)
		stay.Replies = []bot.Reply{{Text: c.t(i18n.EvalAskHasil), Buttons: rows}}
		return stay, err
	}
	if c.flow() != "" && c.flow() != flowEval {
		stay.Notice = c.t(i18n.ReportFinishFirst)
		return stay, nil
	}
	d.To = storage.EvalObjected
	out := startEvalFlow(c, evalReason, d)
	out.Replies = []bot.Reply{{Text: c.t(i18n.EvalAskReason)}}
	return out, nil
}

// evalView is an evaluation as shown to whoever acts on it next, with
// their buttons: the summary and the hasil buttons (due), the person's
// notice (rated), the supervisor's supervisor's (objected).
func (r *Router) evalView(ctx context.Context, lang i18n.Lang, ev storage.Evaluation) (string, [][]bot.Button, error) {
	switch ev.State {
	case storage.EvalDue:
		return r.EvaluationPrompt(ctx, lang, ev)
	case storage.EvalRated:
		return r.personNotice(ctx, lang, ev)
	case storage.EvalObjected:
		return r.reviewerNotice(ctx, lang, ev)
	}
	return lang.T(i18n.EvalAlready, lang.T(evalStateKeys[ev.State])), nil, nil
}

// EvaluationPrompt is what asks a supervisor to rate a due evaluation: the
// summary of the period and the hasil kerja buttons. The scheduler sends
// it when the period ends; /evaluasi shows it again.
func (r *Router) EvaluationPrompt(ctx context.Context, lang i18n.Lang, ev storage.Evaluation) (string, [][]bot.Button, error) {
	text, err := r.evalSummary(ctx, lang, ev)
	if err != nil {
		return "", nil, err
	}
	rows, err := gradeRows(lang, ev, button.GradeNone)
	return text + "\n\n" + lang.T(i18n.EvalAskHasil), rows, err
}
