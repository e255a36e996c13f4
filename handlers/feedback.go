package handlers

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Peer feedback (/apresiasi): pick a colleague of the same unit, pick one of
// the seven BerAKHLAK values, send: three taps. A note and the giver's name
// are optional; anonymous is the default.
const flowFeedback flowName = "apresiasi"

// The colleagues a page lists, and the longest note.
const (
	feedbackPage  = 8
	maxNoteLength = 280
)

// feedbackState is a step of the appreciation flow.
type feedbackState string

// The appreciation flow's states.
const (
	statePick    feedbackState = "pick"
	stateValue   feedbackState = "value"
	stateConfirm feedbackState = "confirm"
)

type feedbackDraft struct {
	Page int `json:"page,omitempty"`
	// Starts are where the pages of colleagues shown so far begin: the
	// NIP each starts after ("" for the first), by page.
	Starts []string `json:"starts,omitempty"`
	Filter string   `json:"filter,omitempty"`
	To     string   `json:"to,omitempty"`
	Value  int      `json:"value,omitempty"`
	Note   string   `json:"note,omitempty"`
}

func (d feedbackDraft) at(c *call, state feedbackState) conversation.Session {
	raw, _ := json.Marshal(d)
	return conversation.Session{Flow: string(flowFeedback), State: string(state), Data: raw, Lang: c.in.Session.Lang}
}

// linkPattern finds web links and bare domains in a note.
var linkPattern = regexp.MustCompile(`(?i)(https?://|www\.|t\.me/|\b[a-z0-9-]+\.(com|id|net|org|co|me|io|ly|info|xyz|site|link)\b)`)

func (r *Router) startFeedback(ctx context.Context, c *call) (conversation.Outcome, error) {
	given, _, err := r.givenToday(ctx, c)
	if err != nil {
		return conversation.Outcome{}, err
	}
	if len(given) >= r.opt.FeedbackPerDay {
		return r.done(c, c.t(i18n.FeedbackLimitDay, len(given))), nil
	}
	return r.colleagueList(ctx, c, feedbackDraft{})
}

// givenToday is what the person gave today (their unit's date).
func (r *Router) givenToday(ctx context.Context, c *call) ([]storage.Feedback, string, error) {
	day, err := r.today(ctx, c)
	if err != nil {
		return nil, "", err
	}
	date := day.Format(time.DateOnly)
	given, err := r.store.FeedbackGiven(ctx, c.emp.NIP, date)
	if err != nil {
		return nil, "", fmt.Errorf("feedback given: %w", err)
	}
	return given, date, nil
}

// feedbackStep handles an update inside /apresiasi.
func (r *Router) feedbackStep(ctx context.Context, c *call, state feedbackState) (conversation.Outcome, error) {
	var d feedbackDraft
	if err := json.Unmarshal(c.in.Session.Data, &d); err != nil {
		return r.restart(ctx, c)
	}
	if c.u.Kind == bot.KindText {
		return r.feedbackText(ctx, c, d, state)
	}
	if c.u.Kind != bot.KindCallback {
		return keep(c, c.t(i18n.ReportFinishFirst)), nil
	}
	b, _ := c.btn.(button.Feedback)
	switch {
	case b.Action == button.FeedbackPage && state == statePick && b.N >= 0 && b.N < len(d.Starts):
		d.Page = b.N
		return r.colleagueList(ctx, c, d)
	case b.Action == button.FeedbackPick && state == statePick:
		return r.onPick(ctx, c, d, b.NIP)
	case b.Action == button.FeedbackValue && state == stateValue:
		if b.N < 1 || b.N > 7 {
			break
		}
		d.Value = b.N
		return r.confirmFeedback(ctx, c, d)
	case (b.Action == button.FeedbackAnon || b.Action == button.FeedbackNamed) && state == stateConfirm:
		return r.sendFeedback(ctx, c, d, b.Action == button.FeedbackNamed)
	case b.Action == button.FeedbackNote && state == stateConfirm:
		return keep(c, c.t(i18n.FeedbackAskNote)), nil
	}
	return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ButtonStale)}, nil
}

func (r *Router) feedbackText(ctx context.Context, c *call, d feedbackDraft, state feedbackState) (conversation.Outcome, error) {
	text := strings.TrimSpace(c.u.Text)
	switch state {
	case statePick:
		d.Filter, d.Page, d.Starts = text, 0, nil
		return r.colleagueList(ctx, c, d)
	case stateConfirm:
		switch {
		case utf8.RuneCountInString(text) > maxNoteLength:
			return keep(c, c.t(i18n.FeedbackNoteTooLong)), nil
		case linkPattern.MatchString(text):
			r.log.Info("feedback note with a link refused", "chat", c.u.Chat().String())
			return keep(c, c.t(i18n.FeedbackNoteLink)), nil
		}
		d.Note = text
		return r.confirmFeedback(ctx, c, d)
	}
	return keep(c, c.t(i18n.ButtonStale)), nil
}

func (r *Router) onPick(ctx context.Context, c *call, d feedbackDraft, nip string) (conversation.Outcome, error) {
	to, ok, err := r.colleague(ctx, c, nip)
	if err != nil {
		return conversation.Outcome{}, err
	}
	if !ok {
		text := c.t(i18n.FeedbackAlreadyGiven, r.nameOf(ctx, nip))
		return conversation.Outcome{Next: c.in.Session, Notice: text, Replies: []bot.Reply{{Text: text}}}, nil
	}
	d.To = nip
	var rows [][]bot.Button
	for v, k := range valueKeys {
		rows = append(rows, []bot.Button{c.button(fmt.Sprintf("%d. %s", v+1, c.t(k)), button.Feedback{Action: button.FeedbackValue, N: v + 1})})
	}
	return conversation.Outcome{Next: d.at(c, stateValue), Replies: []bot.Reply{{Text: c.t(i18n.FeedbackPickValue, to.Name), Buttons: rows}}}, nil
}

func (r *Router) confirmFeedback(ctx context.Context, c *call, d feedbackDraft) (conversation.Outcome, error) {
	rows := [][]bot.Button{
		{c.button(c.t(i18n.FeedbackSendAnon), button.Feedback{Action: button.FeedbackAnon})},
		{c.button(c.t(i18n.FeedbackSendNamed), button.Feedback{Action: button.FeedbackNamed})},
		{c.button(c.t(i18n.FeedbackAddNote), button.Feedback{Action: button.FeedbackNote})},
	}
	return conversation.Outcome{Next: d.at(c, stateConfirm),
		Replies: []bot.Reply{{Text: feedbackConfirmText(c, c.t(valueKeys[d.Value-1]), r.nameOf(ctx, d.To), d.Note), Buttons: rows}}}, nil
}

// sendFeedback checks the limits once more and sends.
func (r *Router) sendFeedback(ctx context.Context, c *call, d feedbackDraft, named bool) (conversation.Outcome, error) {
	given, date, err := r.givenToday(ctx, c)
	if err != nil {
		return conversation.Outcome{}, err
	}
	to, err := r.store.GetEmployee(ctx, d.To)
	if err != nil {
		return conversation.Outcome{}, fmt.Errorf("get colleague: %w", err)
	}
	switch {
	case len(given) >= r.opt.FeedbackPerDay:
		return r.done(c, c.t(i18n.FeedbackLimitDay, len(given))), nil
	case slices.ContainsFunc(given, func(f storage.Feedback) bool { return f.ToNIP == d.To }):
		return r.done(c, c.t(i18n.FeedbackAlreadyGiven, to.Name)), nil
	case to.NIP == c.emp.NIP || to.UnitCode != c.emp.UnitCode:
		return r.done(c, c.t(i18n.ButtonStale)), nil
	}
	sum := sha256.Sum256([]byte(c.emp.NIP + "|" + d.To + "|" + date))
	f := storage.Feedback{ID: hex.EncodeToString(sum[:13]), FromNIP: c.emp.NIP, ToNIP: d.To, Value: d.Value,
		Note: d.Note, Anonymous: !named, Date: date, At: c.in.Now.UTC()}
	value := c.t(valueKeys[d.Value-1])
	out := r.done(c, c.t(i18n.FeedbackSent, value, to.Name))
	out.Effects = []conversation.Effect{AddFeedback{Feedback: f}}
	from := c.t(i18n.FeedbackSomeColleague)
	if named {
		from = c.emp.Name
	}
	for platform, acc := range to.Accounts {
		out.Replies = append(out.Replies, bot.Reply{Chat: bot.ChatKey{Platform: bot.Platform(platform), ChatID: acc.ChatID},
			Text: feedbackReceived(r.lang, r.lang.T(valueKeys[d.Value-1]), from, d.Note)})
	}
	return out, nil
}

// feedbackLine renders counts by value: "Kolaboratif 2, Akuntabel 1".
func feedbackLine(lang i18n.Lang, counts map[int]int) string {
	var parts []string
	for v := 1; v <= 7; v++ {
		if n := counts[v]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", lang.T(valueKeys[v-1]), n))
		}
	}
	if len(parts) == 0 {
		return lang.T(i18n.FeedbackNoneYet)
	}
	return strings.Join(parts, ", ")
}
