package handlers

import (
	"context"
	"encoding/json"
	"strings"
	"unicode/utf8"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/evaluation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// flowEval is the evaluation's text steps: the rater's note, the
// person's reason for a keberatan.
const flowEval flowName = "evaluasi"

// evalState is a step of flowEval.
type evalState string

const (
	evalNote   evalState = "note"   // the rater writes the note (or sends without)
	evalReason evalState = "reason" // the person writes the keberatan's reason
)

// Bounds of what is typed in flowEval, in characters.
const (
	evalNoteMax   = 500
	evalReasonMin = 10
	evalReasonMax = 500
)

// evalDraft is the step being prepared: on evaluation ID at Version, to
// To, with the ratings chosen (rated, changed, confirmed) and the
// capacity the presser acts in.
type evalDraft struct {
	ID       string            `json:"id"`
	Version  int               `json:"version"`
	To       storage.EvalState `json:"to"`
	Hasil    storage.Rating    `json:"hasil,omitempty"`
	Perilaku storage.Rating    `json:"perilaku,omitempty"`
	capacity
}

// startEvalFlow enters flowEval at state with the draft d.
func startEvalFlow(c *call, state evalState, d evalDraft) conversation.Outcome {
	raw, _ := json.Marshal(d)
	return conversation.Outcome{Next: conversation.Session{Flow: string(flowEval), State: string(state), Data: raw, Lang: c.in.Session.Lang}}
}

// evalStep takes the text flowEval waits for.
func (r *Router) evalStep(ctx context.Context, c *call, s evalState) (conversation.Outcome, error) {
	var d evalDraft
	if err := json.Unmarshal(c.in.Session.Data, &d); err != nil {
		return r.restart(ctx, c)
	}
	if c.u.Kind == bot.KindCallback {
		return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ReportFinishFirst)}, nil
	}
	text := strings.TrimSpace(c.u.Text)
	n := utf8.RuneCountInString(text)
	switch {
	case s == evalNote && (c.u.Kind != bot.KindText || n > evalNoteMax):
		return keep(c, c.t(i18n.EvalNoteTooLong, evalNoteMax)), nil
	case s == evalReason && (c.u.Kind != bot.KindText || n < evalReasonMin || n > evalReasonMax):
		return keep(c, c.t(i18n.EvalReasonLength)), nil
	}
	// The evaluation may have moved on since the button: check it again.
	_, _, refusal, err := r.evalAt(ctx, c, d.ID, d.Version, fromState(d.To))
	if refusal != "" || err != nil {
		return r.done(c, refusal), err
	}
	predikat, _ := evaluation.Predikat(d.Hasil, d.Perilaku)
	return r.evalWrite(c, d, predikat, text), nil
}

// fromState is the state a step to `to` starts from.
func fromState(to storage.EvalState) storage.EvalState {
	switch to {
	case storage.EvalRated:
		return storage.EvalDue
	case storage.EvalAccepted, storage.EvalObjected:
		return storage.EvalRated
	}
	return storage.EvalObjected
}

// evalDoneKeys are what the presser is told once a step is written.
var evalDoneKeys = map[storage.EvalState]i18n.Key{
	storage.EvalAccepted: i18n.EvalAccepted, storage.EvalObjected: i18n.EvalObjected,
	storage.EvalConfirmed: i18n.EvalReviewDone, storage.EvalChanged: i18n.EvalReviewDone,
}

// evalWrite ends the flow (if any) with the step d written by the
// StepEvaluation effect; note is the note or reason typed.
func (r *Router) evalWrite(c *call, d evalDraft, predikat storage.Predikat, note string) conversation.Outcome {
	text := c.t(i18n.EvalRated, c.t(predikatKeys[predikat]))
	if k, ok := evalDoneKeys[d.To]; ok {
		text = c.t(k)
	}
	out := r.done(c, text)
	if c.flow() != flowEval && c.in.Session.Flow != "" {
		out.Next = c.in.Session // a button from another flow's step: that flow goes on
		out.Replies[0].Keyboard = nil
	}
	out.Effects = []conversation.Effect{StepEvaluation{ID: d.ID, Version: d.Version, Step: storage.EvalStep{
		To: d.To, ByNIP: c.emp.NIP, AsAdmin: d.AsAdmin, ActingFor: d.ActingFor, Hasil: d.Hasil, Perilaku: d.Perilaku,
		Predikat: predikat, Note: note, Update: updateRef(c.u), At: c.in.Now.UTC(),
	}}}
	return out
}

// isEvalPress reports whether u presses an evaluation's button.
func isEvalPress(u bot.Update) bool {
	d, _ := pressed(u)
	switch d.(type) {
	case button.EvalRate, button.EvalAct:
		return true
	}
	return false
}
