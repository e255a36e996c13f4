package handlers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// The colleagues of /apresiasi are read a page at a time, in NIP order,
// from the person's unit (storage.FindEmployees): a unit of thousands
// costs one short query per step, never the roster.
const (
	// colleagueRead is how many people of the unit one query reads.
	colleagueRead = 200
	// colleagueScan bounds the people one step reads while looking for a
	// page of colleagues matching a typed name; the page may then be short,
	// and "next" goes on from where the reading stopped.
	colleagueScan = 2000
)

// colleaguePage is one page of colleagues: the active people of the
// person's unit after the NIP after, but not the person and not those
// appreciated today (done), whose name contains filter. more: there may
// be more after next.
type colleaguePage struct {
	list []storage.Employee
	next string
	more bool
}

func (r *Router) colleaguePage(ctx context.Context, c *call, done map[string]bool, filter, after string) (colleaguePage, error) {
	var p colleaguePage
	filter = strings.ToLower(filter)
	for read := 0; read < colleagueScan; read += colleagueRead {
		rows, err := r.store.FindEmployees(ctx, storage.EmployeeQuery{Units: []string{c.emp.UnitCode}, ActiveOnly: true,
			AfterNIP: after, Limit: colleagueRead})
		if err != nil {
			return p, fmt.Errorf("find colleagues: %w", err)
		}
		for _, e := range rows {
			if e.NIP == c.emp.NIP || done[e.NIP] || !strings.Contains(strings.ToLower(e.Name), filter) {
				continue
			}
			if len(p.list) == feedbackPage {
				p.more = true
				return p, nil
			}
			p.list = append(p.list, e)
			p.next = e.NIP
		}
		if len(rows) < colleagueRead {
			return p, nil
		}
		after = rows[len(rows)-1].NIP
		if len(p.list) < feedbackPage {
			p.next = after
		}
	}
	p.more = true // the scan stopped before the unit's end
	return p, nil
}

// colleague is nip if they may be appreciated by the person now: active,
// in the same unit, not the person, not appreciated today.
func (r *Router) colleague(ctx context.Context, c *call, nip string) (storage.Employee, bool, error) {
	e, err := r.store.GetEmployee(ctx, nip)
	if errors.Is(err, storage.ErrNotFound) {
		return e, false, nil
	}
	if err != nil {
		return e, false, fmt.Errorf("get colleague: %w", err)
	}
	given, _, err := r.givenToday(ctx, c)
	if err != nil {
		return e, false, err
	}
	done := slices.ContainsFunc(given, func(f storage.Feedback) bool { return f.ToNIP == nip })
	return e, e.Active && e.UnitCode == c.emp.UnitCode && e.NIP != c.emp.NIP && !done, nil
}

// colleagueList shows page d.Page of the colleagues (d.Starts says where
// it begins; the first page when none), with buttons to the pages before
// and after it.
func (r *Router) colleagueList(ctx context.Context, c *call, d feedbackDraft) (conversation.Outcome, error) {
	given, _, err := r.givenToday(ctx, c)
	if err != nil {
		return conversation.Outcome{}, err
	}
	done := map[string]bool{}
	for _, f := range given {
		done[f.ToNIP] = true
	}
	if d.Page < 0 || d.Page >= len(d.Starts) {
		d.Page, d.Starts = 0, []string{""}
	}
	p, err := r.colleaguePage(ctx, c, done, d.Filter, d.Starts[d.Page])
	if err != nil {
		return conversation.Outcome{}, err
	}
	if len(p.list) == 0 && !p.more {
		switch {
		case d.Page > 0: // the last page emptied meanwhile: back to the first
			return r.colleagueList(ctx, c, feedbackDraft{Filter: d.Filter})
		case d.Filter != "":
			d.Filter, d.Starts = "", nil
			return conversation.Outcome{Next: d.at(c, statePick), Replies: []bot.Reply{{Text: c.t(i18n.FeedbackNoMatch)}}}, nil
		}
		return r.done(c, c.t(i18n.FeedbackNoColleagues)), nil
	}
	var rows [][]bot.Button
	for _, e := range p.list {
		rows = append(rows, []bot.Button{c.button(truncate(e.Name+" — "+e.Position, 60), button.Feedback{Action: button.FeedbackPick, NIP: e.NIP})})
	}
	d.Starts = d.Starts[:d.Page+1]
	var nav []bot.Button
	if d.Page > 0 {
		nav = append(nav, c.button(c.t(i18n.PagePrev), button.Feedback{Action: button.FeedbackPage, N: d.Page - 1}))
	}
	if p.more {
		d.Starts = append(d.Starts, p.next)
		nav = append(nav, c.button(c.t(i18n.PageNext), button.Feedback{Action: button.FeedbackPage, N: d.Page + 1}))
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	return conversation.Outcome{Next: d.at(c, statePick),
		Replies: []bot.Reply{{Text: c.t(i18n.FeedbackPickPaged, d.Page+1), Buttons: rows, RemoveKeyboard: false}}}, nil
}
