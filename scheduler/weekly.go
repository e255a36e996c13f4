package scheduler

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// KindWeekly: the weekly digest, on Monday from Options.WeeklyDigestAt in
// the recipient's unit's time zone, once a week (the key's Monday):
// last week's reporting, approvals past the SLA, evaluations due and the
// IKM's movement (weekly_figures.go), with a link to the console. It goes
// to each unit's head (unitHeads) about their unit, and to each unit's
// admins about their branch (the unit and the units below it); someone
// both gets the admin's. A person who turned it off (/pengingat ringkasan
// off, Employee.DigestOff) gets none.
const KindWeekly = "weekly_digest"

// SkipDigestOff: the person turned the weekly digest off.
const SkipDigestOff = "weekly digest turned off (/pengingat ringkasan off)"

// recipient is who gets a weekly digest, and about which units.
type recipient struct {
	e     storage.Employee
	scope []string // unit codes
	name  string   // what the digest is about
}

// planWeekly: the digests due at this pass. Like the staff reminders, it
// reads only the units whose digest time is due, a page at a time (their
// admins by an indexed query, their active people to find the head); the
// figures are read once a digest's key is claimed (Item.Build), once per
// unit per pass, so a pass after every digest went out reads no figures.
func (s *Scheduler) planWeekly(ctx context.Context, snap *snapshot) ([]Item, error) {
	if !s.opt.WeeklyDigest {
		return nil, nil
	}
	var due []string
	for _, code := range slices.Sorted(maps.Keys(snap.units)) {
		if s.weeklyDue(snap.now.In(s.zone(snap, code))) {
			due = append(due, code)
		}
	}
	if len(due) == 0 {
		return nil, nil
	}
	recipients, err := s.weeklyRecipients(ctx, snap, due)
	if err != nil {
		return nil, err
	}
	figures := newWeekFigures(s, snap)
	items := make([]Item, 0, len(recipients))
	for _, r := range recipients {
		items = append(items, s.weeklyItem(snap, figures, r))
	}
	return items, nil
}

// weeklyDue reports whether local is Monday from the digest's time until
// Options.Window after it.
func (s *Scheduler) weeklyDue(local time.Time) bool {
	m := local.Hour()*60 + local.Minute()
	return local.Weekday() == time.Monday && m >= s.opt.WeeklyDigestAt && time.Duration(m-s.opt.WeeklyDigestAt)*time.Minute < s.opt.Window
}

// weeklyRecipients are the admins and heads of the units due, each once
// (an admin's branch digest wins over a head's unit one).
func (s *Scheduler) weeklyRecipients(ctx context.Context, snap *snapshot, due []string) ([]recipient, error) {
	lists := make([]unitRecipients, len(due))
	var nips []string
	for i, code := range due {
		var err error
		if lists[i], err = s.unitRecipients(ctx, snap, code); err != nil {
			return nil, err
		}
		nips = append(append(nips, lists[i].admins...), lists[i].heads...)
	}
	if err := snap.prefetch(ctx, nips); err != nil {
		return nil, err
	}
	children := childUnits(snap.units)
	seen := map[string]bool{}
	var out []recipient
	add := func(code, nip string, scope []string, name string) {
		if e, ok := snap.emp(nip); ok && e.Active && e.UnitCode == code && !seen[nip] {
			seen[nip] = true
			out = append(out, recipient{e: e, scope: scope, name: name})
		}
	}
	for i, code := range due {
		name := s.lang().T(i18n.WeeklyDigestBranch, snap.units[code].Name)
		for _, nip := range lists[i].admins {
			add(code, nip, branch(children, code), name)
		}
	}
	for i, code := range due {
		for _, nip := range lists[i].heads {
			add(code, nip, []string{code}, snap.units[code].Name)
		}
	}
	return out, nil
}

// unitRecipients are the NIPs of a unit's admins and heads.
type unitRecipients struct{ admins, heads []string }

// unitRecipients reads the unit's admins (an indexed query) and heads
// (its active people, a page at a time: readHeads) on the first pass of
// its Monday on this replica; later passes reuse them and read the people
// by NIP alone.
func (s *Scheduler) unitRecipients(ctx context.Context, snap *snapshot, code string) (unitRecipients, error) {
	monday := snap.now.In(s.zone(snap, code)).Format(time.DateOnly)
	if r, ok := s.heads.get(monday, code); ok {
		return r, nil
	}
	admins, err := snap.dir.FindEmployees(ctx, storage.EmployeeQuery{Units: []string{code}, AdminsOnly: true,
		ActiveOnly: true, Limit: storage.MaxEmployeePage})
	if err != nil {
		return unitRecipients{}, fmt.Errorf("admins of %s: %w", code, err)
	}
	r := unitRecipients{admins: make([]string, len(admins))}
	for i, a := range admins {
		r.admins[i] = a.NIP
	}
	if r.heads, err = s.readHeads(ctx, code); err != nil {
		return unitRecipients{}, err
	}
	s.heads.put(monday, code, r)
	return r, nil
}

// readHeads returns the NIPs of the unit's heads: its active people whose
// supervisor is not among the unit's active people (none, someone in
// another unit, or someone who left). Usually one; a unit whose people all
// answer to someone elsewhere has several.
func (s *Scheduler) readHeads(ctx context.Context, code string) ([]string, error) {
	supervisorOf := map[string]string{}
	q := storage.EmployeeQuery{Units: []string{code}, ActiveOnly: true}
	err := storage.EachEmployee(ctx, s.store, q, func(page []storage.Employee) error {
		for _, e := range page {
			supervisorOf[e.NIP] = e.SupervisorNIP
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("people of %s: %w", code, err)
	}
	nips := []string{}
	for nip, sup := range supervisorOf {
		if _, inUnit := supervisorOf[sup]; !inUnit {
			nips = append(nips, nip)
		}
	}
	slices.Sort(nips)
	return nips, nil
}

// headCache holds the admins and heads of the units of one Monday; a new
// Monday replaces it. Safe for concurrent use.
type headCache struct {
	mu     sync.Mutex
	monday string
	units  map[string]unitRecipients
}

func (c *headCache) get(monday, code string) (unitRecipients, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.units[code]
	return r, ok && c.monday == monday
}

func (c *headCache) put(monday, code string, r unitRecipients) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.monday != monday {
		c.monday, c.units = monday, map[string]unitRecipients{}
	}
	c.units[code] = r
}

// childUnits maps each unit to the units right below it.
func childUnits(units map[string]storage.Unit) map[string][]string {
	children := map[string][]string{}
	for _, u := range units {
		if u.ParentCode != "" && u.ParentCode != u.Code {
			children[u.ParentCode] = append(children[u.ParentCode], u.Code)
		}
	}
	return children
}

// branch is the unit and every unit below it, by code.
func branch(children map[string][]string, code string) []string {
	seen := map[string]bool{code: true}
	out := []string{code}
	for i := 0; i < len(out); i++ {
		for _, c := range children[out[i]] {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	slices.Sort(out)
	return out
}

// weeklyItem is r's digest, keyed by the Monday of the recipient's unit;
// its text is made once the key is claimed.
func (s *Scheduler) weeklyItem(snap *snapshot, figures *weekFigures, r recipient) Item {
	monday := snap.now.In(s.zone(snap, r.e.UnitCode)).Format(time.DateOnly)
	it := s.item(snap, KindWeekly, r.e, monday, monday, "")
	if r.e.DigestOff && it.Skip == "" {
		it.Skip = SkipDigestOff
	}
	chat := it.Reply.Chat
	it.Build = func(ctx context.Context) ([]bot.Reply, error) {
		text, err := figures.text(ctx, r, monday)
		if err != nil {
			return nil, err
		}
		return []bot.Reply{{Chat: chat, Text: text}}, nil
	}
	return it
}
