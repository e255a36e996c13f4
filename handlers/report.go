package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/calendar"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/measure"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// startReport begins /lapor [kemarin | YYYY-MM-DD] for a registered person.
func (r *Router) startReport(ctx context.Context, c *call) (conversation.Outcome, error) {
	loc, err := r.zone(ctx, c.emp.UnitCode)
	if err != nil {
		return conversation.Outcome{}, err
	}
	today := c.in.Now.In(loc)
	cal, err := r.recentCalendar(ctx, today, c.emp.UnitCode)
	if err != nil {
		return conversation.Outcome{}, err
	}
	date, lead, msg := reportDate(strings.TrimSpace(c.u.Args), today, r.opt.BackdateDays, cal, c.lang)
	if msg != "" {
		return keep(c, msg), nil
	}
	d := reportDraft{ID: newReportID(c.in.Now), Date: date}
	targets, err := r.targetsOf(ctx, c.emp.NIP, today)
	if err != nil {
		return conversation.Outcome{}, err
	}
	for _, t := range targets {
		d.Targets = append(d.Targets, t.ID)
	}
	return conversation.Outcome{
		Next: d.at(c, stDesc),
		Replies: []bot.Reply{{Text: lead + c.t(i18n.ReportStart, fmtDate(c.lang, date), 1, d.steps()),
			Keyboard: competencyOffer(c)}},
	}, nil
}

// reportDate reads the /lapor argument: empty (today), "kemarin" (the
// previous work day: on a Monday, Friday) or a date, from today back to the
// back-th previous work day. lead, when set, says which day "kemarin" was;
// a non-empty msg refuses the argument.
func reportDate(arg string, today time.Time, back int, cal calendar.Calendar, lang i18n.Lang) (date, lead, msg string) {
	date = today.Format(time.DateOnly)
	switch strings.ToLower(arg) {
	case "", "hari ini", "today":
	case "kemarin", "yesterday":
		date = cal.PreviousWorkDay(date)
		if date != today.AddDate(0, 0, -1).Format(time.DateOnly) {
			lead = lang.T(i18n.ReportYesterdayIs, fmtDate(lang, date)) + "\n\n"
		}
	default:
		t, err := parseDate(arg, today.Location())
		if err != nil {
			return "", "", lang.T(i18n.ReportBackdateFormat)
		}
		date = t.Format(time.DateOnly)
	}
	first := today.Format(time.DateOnly)
	if back > 0 {
		first = cal.WorkDaysBack(first, back)
	}
	if date == "" || date < first || date > today.Format(time.DateOnly) {
		return "", "", lang.T(i18n.ReportBackdateRange, back)
	}
	return date, lead, ""
}

// recentCalendar is the unit's work-day calendar with the holidays of the
// weeks before today (enough for any REPORT_BACKDATE_DAYS).
func (r *Router) recentCalendar(ctx context.Context, today time.Time, unit string) (calendar.Calendar, error) {
	return r.unitCalendar(ctx, today.AddDate(0, 0, -90), today, unit)
}

// unitCalendar is the unit's work-day calendar with the holidays dated
// from..to: the deployment's, and the regional ones of the unit or a unit
// above it.
func (r *Router) unitCalendar(ctx context.Context, from, to time.Time, unit string) (calendar.Calendar, error) {
	hs, err := r.store.ListHolidays(ctx, from.Format(time.DateOnly), to.Format(time.DateOnly))
	if err != nil {
		return calendar.Calendar{}, fmt.Errorf("list holidays: %w", err)
	}
	chain, err := roster.UnitChain(ctx, r.store, unit)
	if err != nil {
		return calendar.Calendar{}, err
	}
	return calendar.New(hs).For(chain), nil
}

func parseDate(s string, loc *time.Location) (time.Time, error) {
	for _, layout := range []string{time.DateOnly, "02-01-2006", "02/01/2006", "2/1/2006"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date: %q", s)
}

// steps is how many steps the flow has: the SKP step only when the person
// has targets on file.
func (d reportDraft) steps() int {
	if len(d.Targets) > 0 {
		return 6
	}
	return 5
}

// stepNo is the number shown for a state.
func (d reportDraft) stepNo(state reportState) int {
	n := map[reportState]int{stDesc: 1, stTime: 2, stOutput: 3, stSKP: 4, stPhoto: 4, stLocation: 5}[state]
	if len(d.Targets) > 0 && (state == stPhoto || state == stLocation) {
		n++
	}
	return n
}

// nextState is the state after from, skipping the SKP step when there are
// no targets, or the summary when a single field was being changed.
func (d reportDraft) nextState(from reportState) reportState {
	if d.Return {
		return stSummary
	}
	order := []reportState{stDesc, stTime, stOutput, stSKP, stPhoto, stLocation, stSummary}
	for i, s := range order {
		if s == from && i+1 < len(order) {
			next := order[i+1]
			if next == stSKP && len(d.Targets) == 0 {
				next = stPhoto
			}
			return next
		}
	}
	return stSummary
}

// advance moves the draft past the state it just completed.
func (r *Router) advance(ctx context.Context, c *call, d reportDraft, from reportState, lead string) (conversation.Outcome, error) {
	next := d.nextState(from)
	d.Return = false
	return r.ask(ctx, c, d, next, lead)
}

// ask shows the question of a state; lead, if any, comes first.
func (r *Router) ask(ctx context.Context, c *call, d reportDraft, state reportState, lead string) (conversation.Outcome, error) {
	rep := bot.Reply{}
	switch state {
	case stDesc:
		rep.Text = c.t(either(d.Kind == storage.KindCompetency, i18n.CompetencyAskDescription, i18n.ReportAskDescription))
	case stTraining, stJP:
		rep = competencyQuestion(c, d, state)
	case stTime:
		rep.Text = c.t(i18n.ReportAskDuration, d.stepNo(state), d.steps())
		rep.RemoveKeyboard = true // the first step's (competencyOffer)
	case stOutput:
		rep.Text = c.t(i18n.ReportAskOutput, d.stepNo(state), d.steps())
		rep.Buttons = [][]bot.Button{{d.button(c, c.t(i18n.ReportSkip), button.DraftSkip, 0)}}
	case stSKP:
		b, err := r.skpButtons(ctx, c, d)
		if err != nil {
			return conversation.Outcome{}, err
		}
		rep.Text, rep.Buttons = c.t(i18n.ReportAskSKP, d.stepNo(state), d.steps()), b
	case stPhoto:
		rep.Text = askPhotosText(c, d.stepNo(state), d.steps(), r.opt.MaxPhotos, r.photoRequired(d))
		if d.Kind == storage.KindCompetency {
			rep.Text = c.t(i18n.CompetencyAskCertificate) + "\n\n" + rep.Text
		}
		if len(d.Photos) > 0 || !r.photoRequired(d) {
			rep.Buttons = [][]bot.Button{photoDoneRow(c, d)}
		}
	case stLocation:
		rep.Text = c.t(i18n.ReportAskLocation, d.stepNo(state), d.steps())
		rep.Keyboard = [][]bot.KeyButton{
			{{Label: c.t(i18n.ReportShareLocation), RequestLocation: true}}, {{Label: c.t(i18n.ReportSkipLocation)}},
		}
	case stSummary:
		return r.showSummary(ctx, c, d, lead)
	}
	rep = practiceQuestion(c, d, state, rep)
	if lead != "" {
		rep.Text = lead + "\n\n" + rep.Text
	}
	return conversation.Outcome{Next: d.at(c, state), Replies: []bot.Reply{rep}}, nil
}

func (r *Router) skpButtons(ctx context.Context, c *call, d reportDraft) ([][]bot.Button, error) {
	var rows [][]bot.Button
	for i, id := range d.Targets {
		t, err := r.store.GetSKPTarget(ctx, id)
		if errors.Is(err, storage.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("get skp target: %w", err)
		}
		rows = append(rows, []bot.Button{d.button(c, truncate(targetLabel(c, t), 60), button.DraftSKP, i)})
	}
	return append(rows, []bot.Button{d.button(c, c.t(i18n.ReportNoSKP), button.DraftNoSKP, 0)}), nil
}

func targetLabel(c *call, t storage.SKPTarget) string {
	return c.t(either(t.Kind == storage.SKPKindTambahan, i18n.ReportSKPExtra, i18n.ReportSKPMain), t.Indikator)
}

// targetsOf lists the person's SKP targets for the periods containing day.
func (r *Router) targetsOf(ctx context.Context, nip string, day time.Time) ([]storage.SKPTarget, error) {
	var out []storage.SKPTarget
	for _, p := range storage.CurrentPeriods(day) {
		ts, err := r.store.ListSKPTargets(ctx, nip, p)
		if err != nil {
			return nil, fmt.Errorf("list skp targets: %w", err)
		}
		out = append(out, ts...)
	}
	return out, nil
}

// reportStep handles an update in one of the report flow's states.
func (r *Router) reportStep(ctx context.Context, c *call, state reportState) (conversation.Outcome, error) {
	d, err := loadDraft(c.in.Session)
	if err != nil {
		return r.restart(ctx, c)
	}
	if c.u.Kind == bot.KindCallback {
		b, ok := c.btn.(button.Draft)
		if !ok || b.Draft != d.ID {
			return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ButtonStale)}, nil
		}
		return r.reportButton(ctx, c, d, b, state)
	}
	if c.u.Kind == bot.KindCommand && !isCommand(c.u, "bantuan", "help") {
		return keep(c, c.t(i18n.ReportFinishFirst)), nil
	}
	switch state {
	case stDesc:
		return r.onDescription(ctx, c, d)
	case stTime:
		return r.onDuration(ctx, c, d)
	case stOutput:
		return r.onOutput(ctx, c, d)
	case stPhoto:
		return r.onPhoto(ctx, c, d)
	case stLocation:
		return r.onLocation(ctx, c, d)
	case stJP:
		return r.onJP(ctx, c, d)
	}
	// stSKP, stSummary, stChooseField wait for a button.
	return r.ask(ctx, c, d, state, c.t(i18n.ButtonStale))
}

func (r *Router) onDescription(ctx context.Context, c *call, d reportDraft) (conversation.Outcome, error) {
	if c.u.Kind != bot.KindText {
		return keep(c, c.t(i18n.ReportExpectText, c.t(i18n.ReportAskDescription))), nil
	}
	if competencyChosen(c, d) {
		d.Kind = storage.KindCompetency
		return r.ask(ctx, c, d, stTraining, "")
	}
	text := strings.TrimSpace(c.u.Text)
	if n := utf8.RuneCountInString(text); n < 10 || n > 1000 {
		return keep(c, c.t(i18n.ReportDescLength, n)), nil
	}
	d.Desc = text
	return r.advance(ctx, c, d, stDesc, "")
}

func (r *Router) onDuration(ctx context.Context, c *call, d reportDraft) (conversation.Outcome, error) {
	if c.u.Kind != bot.KindText {
		return keep(c, c.t(i18n.ReportExpectText, c.t(i18n.ReportAskDuration, d.stepNo(stTime), d.steps()))), nil
	}
	dur, err := measure.ParseDuration(c.u.Text)
	var perr *measure.Error
	if errors.As(err, &perr) {
		return keep(c, perr.Message(string(c.lang))), nil
	}
	if err != nil {
		return keep(c, c.t(i18n.ReportAskDuration, d.stepNo(stTime), d.steps())), nil
	}
	d.Minutes, d.Start = dur.Minutes, dur.StartMinute
	return r.advance(ctx, c, d, stTime, "")
}

func (r *Router) onOutput(ctx context.Context, c *call, d reportDraft) (conversation.Outcome, error) {
	if c.u.Kind != bot.KindText {
		return keep(c, c.t(i18n.ReportExpectText, c.t(i18n.ReportAskOutput, d.stepNo(stOutput), d.steps()))), nil
	}
	if isSkipWord(c.u.Text) {
		d.Volume, d.Unit = 0, ""
		return r.advance(ctx, c, d, stOutput, "")
	}
	v, err := measure.ParseVolume(c.u.Text)
	var perr *measure.Error
	if errors.As(err, &perr) {
		return keep(c, perr.Message(string(c.lang))), nil
	}
	if err != nil {
		return keep(c, c.t(i18n.ReportAskOutput, d.stepNo(stOutput), d.steps())), nil
	}
	d.Volume, d.Unit = v.Amount, v.Unit
	return r.advance(ctx, c, d, stOutput, "")
}

func (r *Router) onLocation(ctx context.Context, c *call, d reportDraft) (conversation.Outcome, error) {
	switch {
	case c.u.Kind == bot.KindLocation && c.u.Location != nil:
		d.Loc = &storage.Point{Lat: c.u.Location.Latitude, Lon: c.u.Location.Longitude}
	case c.u.Kind == bot.KindText && (isSkipWord(c.u.Text) || isText(c.u, c.t(i18n.ReportSkipLocation))):
		d.Loc = nil
	default:
		return keep(c, c.t(i18n.ReportExpectLocation)), nil
	}
	return r.advance(ctx, c, d, stLocation, "")
}

// reportButton handles a press of one of the draft's own buttons.
func (r *Router) reportButton(ctx context.Context, c *call, d reportDraft, b button.Draft, state reportState) (conversation.Outcome, error) {
	switch action := b.Action; {
	case action == button.DraftSkip && state == stOutput:
		d.Volume, d.Unit = 0, ""
		return r.advance(ctx, c, d, stOutput, "")
	case (action == button.DraftSKP || action == button.DraftNoSKP) && state == stSKP:
		return r.onSKP(ctx, c, d, b)
	case (action == button.DraftDone || action == button.DraftDoneNoLoc) && state == stPhoto:
		if r.photoRequired(d) && len(d.Photos) == 0 {
			return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ReportPhotoNeeded), Replies: []bot.Reply{{Text: c.t(i18n.ReportPhotoNeeded)}}}, nil
		}
		if action == button.DraftDoneNoLoc && !d.Return {
			d.Loc = nil
			return r.ask(ctx, c, d, stSummary, "")
		}
		return r.advance(ctx, c, d, stPhoto, "")
	case action == button.DraftTraining && state == stTraining && b.Index < len(storage.Trainings):
		d.Training = storage.Trainings[b.Index]
		return r.ask(ctx, c, d, stJP, "")
	case action == button.DraftSend && state == stSummary:
		return r.submit(ctx, c, d)
	case action == button.DraftEdit && state == stSummary:
		return r.chooseField(c, d), nil
	case action == button.DraftCancel && (state == stSummary || state == stChooseField):
		return r.cancel(ctx, c)
	case action == button.DraftField && state == stChooseField:
		return r.changeField(ctx, c, d, b.Index)
	}
	return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ButtonStale)}, nil
}

func (r *Router) onSKP(ctx context.Context, c *call, d reportDraft, b button.Draft) (conversation.Outcome, error) {
	d.SKP = ""
	if b.Action == button.DraftSKP {
		if b.Index >= len(d.Targets) {
			return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ButtonStale)}, nil
		}
		d.SKP = d.Targets[b.Index]
	}
	return r.advance(ctx, c, d, stSKP, "")
}

func (r *Router) chooseField(c *call, d reportDraft) conversation.Outcome {
	var rows [][]bot.Button
	for i, k := range fieldKeys {
		if fieldStates[i] == stSKP && len(d.Targets) == 0 {
			continue
		}
		rows = append(rows, []bot.Button{d.button(c, c.t(k), button.DraftField, i)})
	}
	rows = append(rows, []bot.Button{d.button(c, c.t(i18n.ReportCancel), button.DraftCancel, 0)})
	return conversation.Outcome{Next: d.at(c, stChooseField), Replies: []bot.Reply{{Text: c.t(i18n.ReportChooseField), Buttons: rows}}}
}

func (r *Router) changeField(ctx context.Context, c *call, d reportDraft, i int) (conversation.Outcome, error) {
	if i >= len(fieldStates) {
		return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ButtonStale)}, nil
	}
	state := fieldStates[i]
	if state == stPhoto {
		d.Photos = nil // the photos are sent again
	}
	d.Return = true
	return r.ask(ctx, c, d, state, "")
}

func (r *Router) showSummary(ctx context.Context, c *call, d reportDraft, lead string) (conversation.Outcome, error) {
	s := summary{
		Date: fmtDate(c.lang, d.Date), Description: d.Desc, Duration: durationText(c.lang, d.Minutes, d.Start),
		Output: volumeText(d.Volume, d.Unit), Photos: len(d.Photos), Reused: d.reused(), Resubmit: d.Resubmit > 0,
	}
	if d.SKP != "" {
		t, err := r.store.GetSKPTarget(ctx, d.SKP)
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			return conversation.Outcome{}, fmt.Errorf("get skp target: %w", err)
		}
		s.SKP = t.Indikator
	}
	if d.Loc != nil {
		s.Location = fmt.Sprintf("%.5f, %.5f", d.Loc.Lat, d.Loc.Lon)
	}
	text := summaryText(c, s) + competencyPromptLine(c.lang, d.content())
	if d.Practice {
		text = c.t(i18n.PracticeSummaryHead) + "\n" + text + "\n\n" + c.t(i18n.PracticeHintSummary)
	}
	if lead != "" {
		text = lead + "\n\n" + text
	}
	// The location step's keyboard is one-time: it is gone by now, so the
	// summary can carry its buttons itself.
	return conversation.Outcome{
		Next: d.at(c, stSummary),
		Replies: []bot.Reply{{Text: text, Buttons: [][]bot.Button{{
			d.button(c, c.t(i18n.ReportSend), button.DraftSend, 0), d.button(c, c.t(i18n.ReportEdit), button.DraftEdit, 0),
			d.button(c, c.t(i18n.ReportCancel), button.DraftCancel, 0),
		}}}},
	}, nil
}

// keep answers without moving: the same session, one message.
func keep(c *call, text string) conversation.Outcome {
	return conversation.Outcome{Next: c.in.Session, Replies: []bot.Reply{{Text: text}}}
}

func isSkipWord(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "lewati", "skip", "-", "tidak ada", "none", "selesai", "done":
		return true
	}
	return false
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// staleReportButton answers a report button pressed after its draft ended.
func (r *Router) staleReportButton(ctx context.Context, c *call, b button.Draft) (conversation.Outcome, error) {
	out := conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ButtonStale)}
	if b.Action != button.DraftSend {
		return out, nil
	}
	if a, err := r.store.GetActivity(ctx, b.Draft); err == nil && c.emp != nil && a.NIP == c.emp.NIP {
		out.Notice = c.t(i18n.ReportAlreadySent, reportNo(a.ID))
	} else if err != nil && !isNotFound(err) {
		return out, fmt.Errorf("get activity: %w", err)
	}
	return out, nil
}

// photoDoneRow ends the photo step: Selesai goes on to the location step;
// "Selesai, tanpa lokasi" straight to the summary, one step less (not
// offered when one field is being changed from the summary).
func photoDoneRow(c *call, d reportDraft) []bot.Button {
	row := []bot.Button{d.button(c, c.t(i18n.ReportDone), button.DraftDone, 0)}
	if !d.Return {
		row = append(row, d.button(c, c.t(i18n.ReportDoneNoLocation), button.DraftDoneNoLoc, 0))
	}
	return row
}
