package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// A supervisor's continuous feedback (umpan balik berkelanjutan,
// /umpanbalik): pick a team member (the /tim team), optionally one of the
// member's SKP targets, write the feedback; the member is told and may
// acknowledge it or answer once (coach_reply.go). Who may give it is who
// may decide the member's reports (mayDecide), checked at the pick and
// again at the send.
const flowCoach flowName = "umpanbalik"

// coachState is a step of the feedback flow.
type coachState string

// The feedback flow's states.
const (
	coachPick   coachState = "pick"
	coachTarget coachState = "rhk"
	coachNote   coachState = "note"
)

// coachDraft is the feedback being written. ID is the feedback's id from
// the first step on, so a redelivered send never stores two.
type coachDraft struct {
	ID      string   `json:"id"`
	To      string   `json:"to,omitempty"`
	Targets []string `json:"targets,omitempty"` // ids offered, by button index
	Target  string   `json:"target,omitempty"`
}

func (d coachDraft) at(c *call, state coachState) conversation.Session {
	raw, _ := json.Marshal(d)
	return conversation.Session{Flow: string(flowCoach), State: string(state), Data: raw, Lang: c.in.Session.Lang}
}

// startCoaching answers /umpanbalik: the first page of the team.
func (r *Router) startCoaching(ctx context.Context, c *call) (conversation.Outcome, error) {
	return r.coachPage(ctx, c, coachDraft{ID: newReportID(c.in.Now)}, 0)
}

// coachPage lists a page of the team to pick from.
func (r *Router) coachPage(ctx context.Context, c *call, d coachDraft, offset int) (conversation.Outcome, error) {
	_, team, err := r.teamNow(ctx, c)
	if err != nil {
		return conversation.Outcome{}, err
	}
	if len(team) == 0 {
		r.log.Info("feedback refused: no team", "chat", c.u.Chat().String())
		return r.done(c, c.t(i18n.CoachNoTeam)), nil
	}
	offset = max(0, min(offset, (len(team)-1)/pageSize*pageSize))
	page := team[offset:min(len(team), offset+pageSize)]
	var rows [][]bot.Button
	for _, e := range page {
		rows = append(rows, []bot.Button{c.button(truncate(e.Name+" — "+e.Position, 60), button.Coach{Action: button.CoachPick, ID: e.NIP})})
	}
	rows = appendNav(rows, pageNav(c, offset, len(page), len(team), func(off int) button.Data {
		return button.Coach{Action: button.CoachPage, N: off}
	}))
	text := c.t(i18n.CoachPickMember, offset/pageSize+1, (len(team)+pageSize-1)/pageSize)
	return conversation.Outcome{Next: d.at(c, coachPick), Replies: []bot.Reply{{Text: text, Buttons: rows}}}, nil
}

// coachStep handles an update inside /umpanbalik.
func (r *Router) coachStep(ctx context.Context, c *call, state coachState) (conversation.Outcome, error) {
	var d coachDraft
	if err := json.Unmarshal(c.in.Session.Data, &d); err != nil || d.ID == "" {
		return r.restart(ctx, c)
	}
	if c.u.Kind == bot.KindText && state == coachNote {
		return r.onCoachNote(ctx, c, d)
	}
	if c.u.Kind != bot.KindCallback {
		return keep(c, c.t(i18n.CoachUseButtons)), nil
	}
	b, _ := c.btn.(button.Coach)
	switch {
	case b.Action == button.CoachPage && state == coachPick:
		return r.coachPage(ctx, c, d, b.N)
	case b.Action == button.CoachPick && state == coachPick:
		return r.onCoachPick(ctx, c, d, b.ID)
	case b.Action == button.CoachTarget && state == coachTarget && b.N < len(d.Targets):
		d.Target = d.Targets[b.N]
		return r.askCoachNote(ctx, c, d)
	case b.Action == button.CoachNoTarget && state == coachTarget:
		d.Target = ""
		return r.askCoachNote(ctx, c, d)
	}
	return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ButtonStale)}, nil
}

// onCoachPick takes the member, and offers their SKP targets if any.
func (r *Router) onCoachPick(ctx context.Context, c *call, d coachDraft, nip string) (conversation.Outcome, error) {
	e, refusal, err := r.member(ctx, c, nip)
	if refusal != "" || err != nil {
		return conversation.Outcome{Next: c.in.Session, Notice: refusal}, err
	}
	today, err := r.today(ctx, c)
	if err != nil {
		return conversation.Outcome{}, err
	}
	targets, err := r.targetsOf(ctx, e.NIP, today)
	if err != nil {
		return conversation.Outcome{}, err
	}
	d.To, d.Targets = e.NIP, nil
	if len(targets) == 0 {
		return r.askCoachNote(ctx, c, d)
	}
	var rows [][]bot.Button
	for i, t := range targets {
		d.Targets = append(d.Targets, t.ID)
		rows = append(rows, []bot.Button{c.button(truncate(t.RHK, 60), button.Coach{Action: button.CoachTarget, N: i})})
	}
	rows = append(rows, []bot.Button{c.button(c.t(i18n.CoachNoTarget), button.Coach{Action: button.CoachNoTarget})})
	return conversation.Outcome{Next: d.at(c, coachTarget), Replies: []bot.Reply{{Text: c.t(i18n.CoachPickTarget, e.Name), Buttons: rows}}}, nil
}

func (r *Router) askCoachNote(ctx context.Context, c *call, d coachDraft) (conversation.Outcome, error) {
	text := c.t(i18n.CoachAskNote, r.nameOf(ctx, d.To))
	return conversation.Outcome{Next: d.at(c, coachNote), Replies: []bot.Reply{{Text: text}}}, nil
}

// onCoachNote sends the feedback, the giver's authority checked again.
func (r *Router) onCoachNote(ctx context.Context, c *call, d coachDraft) (conversation.Outcome, error) {
	note := strings.TrimSpace(c.u.Text)
	if n := utf8.RuneCountInString(note); n < 3 || n > storage.MaxCoachingNote {
		return keep(c, c.t(i18n.CoachNoteLength, storage.MaxCoachingNote)), nil
	}
	e, refusal, err := r.member(ctx, c, d.To)
	if refusal != "" || err != nil {
		return r.done(c, refusal), err
	}
	cg := storage.Coaching{ID: d.ID, FromNIP: c.emp.NIP, ToNIP: e.NIP, SKPTargetID: d.Target, Note: note, At: c.in.Now.UTC()}
	out := r.done(c, c.t(i18n.CoachSent, e.Name))
	out.Effects = []conversation.Effect{AddCoaching{Coaching: cg}}
	told, err := r.coachingNotices(ctx, e, cg, c.emp.Name)
	out.Replies = append(out.Replies, told...)
	return out, err
}

// coachingNotices tell the member of feedback received, on every account
// they linked, with the buttons to acknowledge or answer it.
func (r *Router) coachingNotices(ctx context.Context, to storage.Employee, cg storage.Coaching, from string) ([]bot.Reply, error) {
	lang := r.lang
	text := lang.T(i18n.CoachReceived, from, cg.Note)
	if cg.SKPTargetID != "" {
		if t, err := r.store.GetSKPTarget(ctx, cg.SKPTargetID); err == nil {
			text += "\n" + lang.T(i18n.CoachReceivedTarget, truncate(t.RHK, 120))
		}
	}
	buttons, err := coachReplyButtons(lang, cg.ID)
	if err != nil {
		return nil, err
	}
	var out []bot.Reply
	for platform, acc := range to.Accounts {
		out = append(out, bot.Reply{Chat: bot.ChatKey{Platform: bot.Platform(platform), ChatID: acc.ChatID}, Text: text, Buttons: buttons})
	}
	return out, nil
}

// coachReplyButtons are the buttons under feedback received.
func coachReplyButtons(lang i18n.Lang, id string) ([][]bot.Button, error) {
	ack, err := newButton(lang.T(i18n.CoachAckButton), button.Coach{Action: button.CoachAck, ID: id})
	if err != nil {
		return nil, err
	}
	answer, err := newButton(lang.T(i18n.CoachAnswerButton), button.Coach{Action: button.CoachAnswer, ID: id})
	if err != nil {
		return nil, fmt.Errorf("coach buttons: %w", err)
	}
	return [][]bot.Button{{ack, answer}}, nil
}
