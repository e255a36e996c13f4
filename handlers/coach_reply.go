package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// The person's one reply to a supervisor's feedback: 👍 (acknowledged) or
// an answer, typed once. The store records the first reply only
// (storage.CycleStore.ReplyCoaching), so two presses or two answers racing
// end with one; the loser is told it was answered already.
const flowCoachAnswer flowName = "balasumpan"

// coachAnswerState is the one step of an answer: the text.
type coachAnswerState string

const coachAnswerText coachAnswerState = "answer"

type coachAnswerDraft struct {
	ID string `json:"id"`
}

// cycleReader is what the cycle's flows read of the store (see
// storage.CycleStore).
type cycleReader interface {
	GetCoaching(ctx context.Context, id string) (storage.Coaching, error)
	CoachingReceived(ctx context.Context, toNIP string, since time.Time, limit int) ([]storage.Coaching, error)
	CompetencyJP(ctx context.Context, nip, from, to string) (int, error)
}

// AddCoaching stores a supervisor's feedback. Idempotent by id.
type AddCoaching struct{ Coaching storage.Coaching }

// ReplyCoaching records the person's one reply to feedback; its replies
// (the person's confirmation, the giver told) come from the record as
// updated, or say that it was answered already.
type ReplyCoaching struct {
	ID     string
	ToNIP  string
	Reply  storage.CoachingReply
	Answer string
	At     time.Time
	Lang   string
}

// EffectName implements conversation.Effect.
func (AddCoaching) EffectName() string   { return "add_coaching" }
func (ReplyCoaching) EffectName() string { return "reply_coaching" }

// onCoachReply handles 👍 and "answer" under feedback received.
func (r *Router) onCoachReply(ctx context.Context, c *call, b button.Coach) (conversation.Outcome, error) {
	stay := conversation.Outcome{Next: c.in.Session}
	if c.emp == nil {
		stay.Notice = c.t(i18n.NotRegistered)
		return stay, nil
	}
	cg, err := r.store.GetCoaching(ctx, b.ID)
	if isNotFound(err) || err == nil && cg.ToNIP != c.emp.NIP {
		r.log.Warn("feedback reply refused: not the person's", "chat", c.u.Chat().String())
		stay.Notice = c.t(i18n.ButtonStale)
		return stay, nil
	}
	switch {
	case err != nil:
		return stay, fmt.Errorf("get coaching: %w", err)
	case cg.Reply != storage.CoachingOpen:
		stay.Notice = c.t(i18n.CoachAlreadyReplied)
		return stay, nil
	case b.Action == button.CoachAck:
		stay.Effects = []conversation.Effect{ReplyCoaching{ID: cg.ID, ToNIP: c.emp.NIP, Reply: storage.CoachingAcked,
			At: c.in.Now.UTC(), Lang: string(c.lang)}}
		stay.Notice = "👍"
		return stay, nil
	case c.flow() != "":
		stay.Notice = c.t(i18n.ReportFinishFirst)
		return stay, nil
	}
	raw, _ := json.Marshal(coachAnswerDraft{ID: cg.ID})
	return conversation.Outcome{
		Next:    conversation.Session{Flow: string(flowCoachAnswer), State: string(coachAnswerText), Data: raw, Lang: c.in.Session.Lang},
		Replies: []bot.Reply{{Text: c.t(i18n.CoachAskAnswer, truncate(cg.Note, 200))}},
	}, nil
}

// coachAnswerStep takes the answer's text.
func (r *Router) coachAnswerStep(ctx context.Context, c *call, _ coachAnswerState) (conversation.Outcome, error) {
	var d coachAnswerDraft
	if err := json.Unmarshal(c.in.Session.Data, &d); err != nil || d.ID == "" {
		return r.restart(ctx, c)
	}
	answer := strings.TrimSpace(c.u.Text)
	if n := utf8.RuneCountInString(answer); c.u.Kind != bot.KindText || n < 1 || n > storage.MaxCoachingNote {
		return keep(c, c.t(i18n.CoachNoteLength, storage.MaxCoachingNote)), nil
	}
	out := conversation.Outcome{Next: conversation.Session{Lang: c.in.Session.Lang}}
	out.Effects = []conversation.Effect{ReplyCoaching{ID: d.ID, ToNIP: c.emp.NIP, Reply: storage.CoachingAnswered,
		Answer: answer, At: c.in.Now.UTC(), Lang: string(c.lang)}}
	return out, nil
}

// applyCycleEffect applies the cycle's effects; ok is false for others.
func (a Applier) applyCycleEffect(ctx context.Context, in conversation.Input, e conversation.Effect) ([]bot.Reply, bool, error) {
	switch e := e.(type) {
	case AddCoaching:
		return nil, true, a.Store.AddCoaching(ctx, e.Coaching)
	case ReplyCoaching:
		out, err := a.replyCoaching(ctx, in, e)
		return out, true, err
	}
	return nil, false, nil
}

// replyCoaching records the reply and tells both sides; a replay of this
// very reply (the same update handled again) tells them again.
func (a Applier) replyCoaching(ctx context.Context, in conversation.Input, e ReplyCoaching) ([]bot.Reply, error) {
	lang := i18n.Lang(e.Lang).Or(a.r.lang)
	chat := in.Update.Chat()
	cg, err := a.Store.ReplyCoaching(ctx, e.ID, e.ToNIP, e.Reply, e.Answer, e.At)
	if errors.Is(err, storage.ErrConflict) {
		cur, gerr := a.Store.GetCoaching(ctx, e.ID)
		if gerr != nil {
			return nil, gerr
		}
		if !sameReply(cur, e) {
			return []bot.Reply{{Chat: chat, Text: lang.T(i18n.CoachAlreadyReplied)}}, nil
		}
		cg, err = cur, nil
	}
	if err != nil {
		return nil, err
	}
	giver, err := a.Store.GetEmployee(ctx, cg.FromNIP)
	if err != nil && !isNotFound(err) {
		return nil, fmt.Errorf("get feedback giver: %w", err)
	}
	out := []bot.Reply{{Chat: chat, Text: lang.T(i18n.CoachReplySent, a.r.nameOf(ctx, cg.FromNIP))}}
	text := a.r.lang.T(i18n.CoachAckNotice, a.r.nameOf(ctx, cg.ToNIP), truncate(cg.Note, 200))
	if cg.Reply == storage.CoachingAnswered {
		text = a.r.lang.T(i18n.CoachAnswerNotice, a.r.nameOf(ctx, cg.ToNIP), truncate(cg.Note, 200), cg.Answer)
	}
	for platform, acc := range giver.Accounts {
		out = append(out, bot.Reply{Chat: bot.ChatKey{Platform: bot.Platform(platform), ChatID: acc.ChatID}, Text: text})
	}
	return out, nil
}

// sameReply reports whether cur holds e's reply (e recorded before).
func sameReply(cur storage.Coaching, e ReplyCoaching) bool {
	return cur.Reply == e.Reply && cur.Answer == e.Answer && cur.RepliedAt.Equal(e.At.Truncate(time.Millisecond))
}
