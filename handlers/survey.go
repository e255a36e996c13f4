package handlers

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
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
	"github.com/kinerjabot/kinerjabot/poster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// The citizen survey (SKM): opened by a QR code's deep link, no
// registration, anonymous; stored only when completed.
const flowSurvey flowName = "skm"

// surveyState is a step of the citizen survey.
type surveyState string

// The survey's states.
const (
	stateQuestion surveyState = "question"
	stateComment  surveyState = "comment"
)

type surveyDraft struct {
	ID       string `json:"id"`
	Unit     string `json:"unit"`
	UnitName string `json:"unit_name"`
	Counter  int    `json:"counter,omitempty"`
	Quick    bool   `json:"quick,omitempty"`
	Date     string `json:"date"`
	Hash     string `json:"hash"`
	Answers  []int  `json:"answers,omitempty"`
}

func (d surveyDraft) at(c *call, state surveyState) conversation.Session {
	raw, _ := json.Marshal(d)
	return conversation.Session{Flow: string(flowSurvey), State: string(state), Data: raw, Lang: c.in.Session.Lang}
}

func (d surveyDraft) mode() string {
	if d.Quick {
		return storage.SurveyQuick
	}
	return storage.SurveySKM
}

func (d surveyDraft) questions() int {
	if d.Quick {
		return 1
	}
	return storage.SKMElements
}

// isSurveyLink reports whether the update is /start with a survey payload.
func isSurveyLink(u bot.Update) bool {
	return isCommand(u, "start") && strings.HasPrefix(strings.TrimSpace(u.Args), "skm_")
}

// startSurvey opens the survey of the unit the QR code names.
func (r *Router) startSurvey(ctx context.Context, c *call) (conversation.Outcome, error) {
	code, counter, quick, ok := poster.ParsePayload(strings.TrimSpace(c.u.Args))
	if !ok {
		r.log.Info("survey link with a malformed code", "chat", c.u.Chat().String())
		return r.endWith(c, c.t(i18n.SurveyUnknownCode)), nil
	}
	unit, err := r.store.GetUnit(ctx, code)
	if errors.Is(err, storage.ErrNotFound) {
		r.log.Info("survey link for an unknown unit", "chat", c.u.Chat().String(), "unit", code)
		return r.endWith(c, c.t(i18n.SurveyUnknownCode)), nil
	}
	if err != nil {
		return conversation.Outcome{}, fmt.Errorf("get unit: %w", err)
	}
	if c.emp != nil && c.emp.UnitCode == unit.Code {
		return r.endWith(c, c.t(i18n.SurveyOwnUnit, unit.Name)), nil
	}
	var lead string
	if quick && !unit.QuickSurvey {
		quick, lead = false, c.t(i18n.SurveyQuickOff)+"\n\n"
	}
	loc, err := r.zone(ctx, unit.Code)
	if err != nil {
		return conversation.Outcome{}, err
	}
	d := surveyDraft{Unit: unit.Code, UnitName: unit.Name, Counter: counter, Quick: quick,
		Date: c.in.Now.In(loc).Format(time.DateOnly), Hash: r.chatHash(c.u.Chat())}
	d.ID = surveyRecordID(d)
	if done, err := r.store.HasSurvey(ctx, d.ID); err != nil {
		return conversation.Outcome{}, fmt.Errorf("has survey: %w", err)
	} else if done {
		return r.endWith(c, c.t(i18n.SurveyAlreadyToday, unit.Name)), nil
	}
	out := r.askQuestion(c, d)
	welcome := lead + surveyWelcome(c, unit.Name, counter, d.questions()) + "\n\n" + c.t(i18n.SurveyAnonymous)
	out.Replies = append([]bot.Reply{{Text: welcome, RemoveKeyboard: true}}, out.Replies...)
	return out, nil
}

// chatHash is a keyed hash of the chat, kept instead of the chat id.
func (r *Router) chatHash(k bot.ChatKey) string {
	m := hmac.New(sha256.New, r.opt.SurveyKey)
	m.Write([]byte(k.String()))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

// surveyRecordID names a person's survey of a unit on a day in a mode: a second
// attempt the same day has the same id.
func surveyRecordID(d surveyDraft) string {
	sum := sha256.Sum256([]byte(d.Unit + "|" + d.Date + "|" + d.Hash + "|" + d.mode()))
	return hex.EncodeToString(sum[:13])
}

func (r *Router) askQuestion(c *call, d surveyDraft) conversation.Outcome {
	i := len(d.Answers)
	q := quickQuestion
	if !d.Quick {
		q = skmQuestions[i]
	}
	var rows [][]bot.Button
	for v := 4; v >= 1; v-- {
		rows = append(rows, []bot.Button{c.button(c.t(q.Answers[v-1]), button.Survey{Survey: d.ID[:8], Question: i, Value: v})})
	}
	text := c.t(q.Text)
	if !d.Quick {
		text = c.t(i18n.SurveyProgress, i+1, d.questions()) + "\n" + text
	}
	return conversation.Outcome{Next: d.at(c, stateQuestion), Replies: []bot.Reply{{Text: text, Buttons: rows}}}
}

// surveyStep handles an update inside the survey.
func (r *Router) surveyStep(ctx context.Context, c *call, state surveyState) (conversation.Outcome, error) {
	var d surveyDraft
	if err := json.Unmarshal(c.in.Session.Data, &d); err != nil {
		return r.restart(ctx, c)
	}
	if state == stateComment {
		return r.onComment(c, d)
	}
	if c.u.Kind != bot.KindCallback {
		return r.askQuestion(c, d), nil // the question again, with its buttons
	}
	b, ok := c.btn.(button.Survey)
	if !ok || b.Skip || b.Survey != d.ID[:8] || b.Question != len(d.Answers) || b.Value < 1 || b.Value > 4 {
		return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ButtonStale)}, nil
	}
	d.Answers = append(d.Answers, b.Value)
	if len(d.Answers) < d.questions() {
		return r.askQuestion(c, d), nil
	}
	return conversation.Outcome{Next: d.at(c, stateComment), Replies: []bot.Reply{{Text: c.t(i18n.SurveyAskComment),
		Buttons: [][]bot.Button{{c.button(c.t(i18n.SurveySkipComment), button.Survey{Survey: d.ID[:8], Skip: true})}}}}}, nil
}

func (r *Router) onComment(c *call, d surveyDraft) (conversation.Outcome, error) {
	var comment string
	switch {
	case c.btn == button.Survey{Survey: d.ID[:8], Skip: true}:
	case c.u.Kind == bot.KindText && isSkipWord(c.u.Text):
	case c.u.Kind == bot.KindText:
		comment = strings.TrimSpace(c.u.Text)
		if utf8.RuneCountInString(comment) > 500 {
			return keep(c, c.t(i18n.SurveyCommentTooLong)), nil
		}
	default:
		return keep(c, c.t(i18n.SurveyAskComment)), nil
	}
	s := storage.Survey{ID: d.ID, UnitCode: d.Unit, Counter: d.Counter, Date: d.Date, Mode: d.mode(),
		Answers: d.Answers, Comment: comment, ChatHash: d.Hash, At: c.in.Now.UTC()}
	out := r.endWith(c, c.t(i18n.SurveyThanks, d.UnitName))
	out.Effects = []conversation.Effect{AddSurvey{Survey: s}}
	return out, nil
}

// endWith ends any flow with a message; a registered person gets the menu.
func (r *Router) endWith(c *call, text string) conversation.Outcome {
	if c.emp != nil {
		return r.done(c, text)
	}
	return conversation.Outcome{Next: conversation.Session{Lang: c.in.Session.Lang}, Replies: []bot.Reply{{Text: text, RemoveKeyboard: true}}}
}
