package scheduler

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/calendar"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/measure"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Kinds of reminder: the rule that made it, the first part of its key.
const (
	KindStaff      = "staff"      // no report today, at REMIND_STAFF_AT
	KindMonthEnd   = "month_end"  // below the monthly target near month end
	KindDigest     = "digest"     // a supervisor's pending approvals, at REMIND_SUPERVISOR_AT
	KindEscalation = "escalation" // overdue approvals, to the supervisor's supervisor
	KindTimeout    = "timeout"    // a report decided by the timeout rule, to its owner
)

// Rules named in the audit trail of what the system does.
const (
	RuleSLA     = "approval_sla"
	RuleTimeout = "approval_timeout"
)

// Timeout actions (APPROVAL_TIMEOUT_ACTION).
const (
	TimeoutEscalate = "escalate"
	TimeoutApprove  = "approve"
	TimeoutReject   = "reject"
)

// Skip reasons of a planned item that will not be sent.
const (
	SkipNoAccount    = "no linked chat account"
	SkipRemindersOff = "reminders turned off (/pengingat off)"
	SkipInactive     = "inactive on the roster"
)

// ReportRef names a report at a version.
type ReportRef struct {
	ID      string
	Version int
	// Rule is the rule to record in the report's audit trail.
	Rule string
}

// Item is one reminder the rules call for at a moment.
type Item struct {
	// Key is the idempotency key: kind:nip:local-date (month_end:nip:
	// YYYY-MM, timeout:report:vN).
	Key  string
	Kind string
	NIP  string
	Name string
	Unit string
	// Date is the recipient's local date.
	Date  string
	Reply bot.Reply
	// Skip says why it will not be sent ("" when it will).
	Skip string
	// Decide is the decision the timeout rule records before its notice.
	Decide *ReportRef
	// DecideTo is approved or rejected, with Decide.
	DecideTo storage.Status
	// Escalate are reports whose audit trail records the escalation once
	// this digest is sent.
	Escalate []ReportRef
	// Build, when set, makes the item's messages once its key is claimed
	// (Reply is then empty): those of a report moved to another approver,
	// costly to render and wanted once. They go out in order, the first
	// marking the key sending; none means nothing is owed any more.
	Build func(ctx context.Context) ([]bot.Reply, error)
	// After, when set, is done once the message went out or could not go
	// (refused, blocked, unconfirmed, or sent by an earlier pass); not when
	// it was withdrawn to be sent later. Idempotent: a leaver's account
	// unlinked after they were told.
	After func(ctx context.Context) error
}

// snapshot is what one planning pass read from the store: the units,
// holidays and acting assignments whole (they are few), the people only
// as needed (dir), never the whole roster.
type snapshot struct {
	now   time.Time
	units map[string]storage.Unit
	// cal is the deployment's calendar; cals each unit's (calendar.For),
	// made when first needed.
	cal   calendar.Calendar
	cals  map[string]calendar.Calendar
	zones map[string]*time.Location
	// dir holds the people read so far, and answers who decides whose
	// reports (roster.Approver).
	dir *roster.Cache
	// sending: the pass sends (RunOnce), so it plans no staff reminder
	// that would only be skipped (no account it sends on, reminders
	// off): a province's unregistered people cost a read, not an item.
	sending bool
	// pending are all the pending reports, once read (pendingReports);
	// the reports the pass moved are as updated.
	pending []storage.Activity
}

// Plan returns the reminders due at now, in a stable order, without sending
// anything (items already sent are still listed: the caller checks their
// keys). unit, when set, keeps only the people of that unit (and digests
// about it).
func (s *Scheduler) Plan(ctx context.Context, now time.Time, unit string) ([]Item, error) {
	snap, err := s.snapshot(ctx, now)
	if err != nil {
		return nil, err
	}
	return s.plan(ctx, snap, unit)
}

// plan is Plan over what snap read: the notices owed for reports moved
// to another approver and to people who left, and the reminders unless
// they are off.
func (s *Scheduler) plan(ctx context.Context, snap *snapshot, unit string) ([]Item, error) {
	items, err := s.planRerouted(ctx, snap)
	if err != nil {
		return nil, err
	}
	leavers, err := s.planLeavers(ctx, snap)
	if err != nil {
		return nil, err
	}
	items = append(items, leavers...)
	evals, err := s.planEvaluations(ctx, snap)
	if err != nil {
		return nil, err
	}
	items = append(items, evals...)
	if !s.opt.RemindersOff {
		staff, err := s.planStaff(ctx, snap, unit)
		if err != nil {
			return nil, err
		}
		items = append(items, staff...)
		approvals, err := s.planApprovals(ctx, snap)
		if err != nil {
			return nil, err
		}
		items = append(items, approvals...)
		nudges, err := s.planCoaching(ctx, snap)
		if err != nil {
			return nil, err
		}
		items = append(items, nudges...)
		weekly, err := s.planWeekly(ctx, snap)
		if err != nil {
			return nil, err
		}
		items = append(items, weekly...)
	}
	if unit != "" {
		items = slices.DeleteFunc(items, func(it Item) bool { return it.Unit != unit })
	}
	return items, nil
}

func (s *Scheduler) snapshot(ctx context.Context, now time.Time) (*snapshot, error) {
	units, err := s.store.ListUnits(ctx)
	if err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	// Holidays from before the oldest report anyone still waits on
	// (bounded) to after this month.
	from := now.AddDate(0, 0, -90).Format(time.DateOnly)
	to := now.AddDate(0, 1, 2).Format(time.DateOnly)
	hs, err := s.store.ListHolidays(ctx, from, to)
	if err != nil {
		return nil, fmt.Errorf("list holidays: %w", err)
	}
	acting, err := s.store.ListActing(ctx)
	if err != nil {
		return nil, fmt.Errorf("list acting: %w", err)
	}
	dir := roster.NewCache(s.store, units, acting)
	return &snapshot{now: now, units: dir.Units(), cal: calendar.New(hs), cals: map[string]calendar.Calendar{},
		zones: map[string]*time.Location{}, dir: dir}, nil
}

// emp is the person as the pass read them (see prefetch); false when not
// on the roster.
func (snap *snapshot) emp(nip string) (storage.Employee, bool) { return snap.dir.Employee(nip) }

// load is emp, reading the person when the pass has not yet (a store
// failure counts as absent: the next pass tries again).
func (snap *snapshot) load(ctx context.Context, nip string) (storage.Employee, bool) {
	e, err := snap.dir.GetEmployee(ctx, nip)
	return e, err == nil
}

// prefetch reads the people of nips the pass has not read yet, a batch at
// a time.
func (snap *snapshot) prefetch(ctx context.Context, nips []string) error {
	if err := snap.dir.Prefetch(ctx, nips); err != nil {
		return fmt.Errorf("read people: %w", err)
	}
	return nil
}

// calendar is the unit's calendar: the deployment's holidays and the
// regional ones of the unit or a unit above it.
func (snap *snapshot) calendar(unit string) calendar.Calendar {
	if c, ok := snap.cals[unit]; ok {
		return c
	}
	chain, _ := roster.UnitChain(context.Background(), snap.dir, unit) // units are in memory: no I/O, no error
	c := snap.cal.For(chain)
	snap.cals[unit] = c
	return c
}

// unitSetting is the unit's own setting (pick), inherited from the units
// above it, or global when none sets it.
func (s *Scheduler) unitSetting(snap *snapshot, unit string, pick func(storage.Unit) int, global int) int {
	v, _ := roster.UnitSetting(context.Background(), snap.dir, unit, pick) // units are in memory: no I/O, no error
	return cmp.Or(v, global)
}

// supervisorAt is the unit's time for digests and escalations.
func (s *Scheduler) supervisorAt(snap *snapshot, unit string) int {
	return s.unitSetting(snap, unit, roster.RemindSupervisorAt, s.opt.SupervisorAt)
}

// zone is the unit's time zone (the default one when the unit or its zone
// is unknown).
func (s *Scheduler) zone(snap *snapshot, unit string) *time.Location {
	if loc, ok := snap.zones[unit]; ok {
		return loc
	}
	loc := s.defaultZone
	if u, ok := snap.units[unit]; ok && u.Timezone != "" {
		if l, err := time.LoadLocation(u.Timezone); err == nil {
			loc = l
		} else {
			s.log.Warn("unit time zone unknown; using the default", "unit", unit, "zone", u.Timezone)
		}
	}
	snap.zones[unit] = loc
	return loc
}

// due reports whether a rule at minute-of-day at is due at local in
// unit: on the unit's work day, from at until Window after it (a scheduler
// that was down at the time catches up, but not in the evening).
func (s *Scheduler) due(snap *snapshot, unit string, local time.Time, at int) bool {
	if !snap.calendar(unit).WorkDay(local.Format(time.DateOnly)) {
		return false
	}
	m := local.Hour()*60 + local.Minute()
	return m >= at && time.Duration(m-at)*time.Minute < s.opt.Window
}

// planStaff: today's reminder for people without a report, and the month-end
// warning for people below target: the active people of the units (only
// unit, when set) whose staff reminder is due now, read a unit and a page
// at a time, and for each page who of them reported (and their month's
// minutes), so no read grows with the roster; the units not due cost no
// read.
func (s *Scheduler) planStaff(ctx context.Context, snap *snapshot, unit string) ([]Item, error) {
	var items []Item
	for _, code := range slices.Sorted(maps.Keys(snap.units)) {
		local := snap.now.In(s.zone(snap, code))
		if (unit != "" && code != unit) || !s.due(snap, code, local, s.unitSetting(snap, code, roster.RemindStaffAt, s.opt.StaffAt)) {
			continue
		}
		q := storage.EmployeeQuery{Units: []string{code}, ActiveOnly: true}
		err := storage.EachEmployee(ctx, s.store, q, func(page []storage.Employee) error {
			more, err := s.planStaffPage(ctx, snap, code, local, page)
			items = append(items, more...)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("staff of %s: %w", code, err)
		}
	}
	return items, nil
}

// planStaffPage plans the reminders of a page of a unit's people due at
// local (the unit's time).
func (s *Scheduler) planStaffPage(ctx context.Context, snap *snapshot, unit string, local time.Time, page []storage.Employee) ([]Item, error) {
	var people []storage.Employee
	var nips []string
	for _, e := range page {
		if _, reachable := s.account(e); snap.sending && (!reachable || e.RemindersOff) {
			continue // a sending pass would only skip it
		}
		people = append(people, e)
		nips = append(nips, e.NIP)
	}
	if len(people) == 0 {
		return nil, nil
	}
	date := local.Format(time.DateOnly)
	reported, err := s.store.ReportedAmong(ctx, date, nips)
	if err != nil {
		return nil, fmt.Errorf("reported on %s: %w", date, err)
	}
	l := s.lang()
	var items []Item
	for _, e := range people {
		if _, found := slices.BinarySearch(reported, e.NIP); !found {
			it := s.item(snap, KindStaff, e, date, date, staffText(l, date))
			it.Reply.Buttons = [][]bot.Button{{{Label: l.T(i18n.RemindReportNowButton), Data: dataReportNow}}}
			items = append(items, it)
		}
	}
	warnings, err := s.planMonthEnd(ctx, snap, unit, local, people, nips)
	return append(items, warnings...), err
}

// planMonthEnd warns the people below the unit's monthly target on the
// unit's warning day.
func (s *Scheduler) planMonthEnd(ctx context.Context, snap *snapshot, unit string, local time.Time, people []storage.Employee, nips []string) ([]Item, error) {
	date := local.Format(time.DateOnly)
	target := s.unitSetting(snap, unit, roster.MonthlyTarget, s.opt.MonthlyTarget)
	cal := snap.calendar(unit)
	if s.opt.MonthEndWarningDays <= 0 || target <= 0 || cal.MonthEndWarningDate(date, s.opt.MonthEndWarningDays) != date {
		return nil, nil
	}
	month := date[:7]
	minutes, err := s.store.MinutesAmong(ctx, month+"-01", month+"-31", nips)
	if err != nil {
		return nil, fmt.Errorf("minutes of %s: %w", month, err)
	}
	var items []Item
	lock := cal.LastWorkDayOfMonth(date)
	for _, e := range people {
		if got := minutes[e.NIP]; got < target {
			items = append(items, s.item(snap, KindMonthEnd, e, date, month,
				monthEndText(s.lang(), measure.MonthName(s.opt.Language, local), lock, got, target)))
		}
	}
	return items, nil
}

// item builds a reminder for e, addressed to the account they used last.
func (s *Scheduler) item(snap *snapshot, kind string, e storage.Employee, date, keyDate, text string) Item {
	it := Item{Key: kind + ":" + e.NIP + ":" + keyDate, Kind: kind, NIP: e.NIP, Name: e.Name, Unit: e.UnitCode,
		Date: date, Reply: bot.Reply{Text: text}}
	if chat, ok := s.account(e); ok {
		it.Reply.Chat = chat
	} else {
		it.Skip = SkipNoAccount
	}
	if e.RemindersOff && (kind == KindStaff || kind == KindMonthEnd) {
		it.Skip = SkipRemindersOff
	}
	if !e.Active && kind != KindLeft && kind != KindTimeout { // a decision's notice is owed to the owner
		it.Skip = SkipInactive
	}
	return it
}

// account picks the chat of the account e used last, among the platforms
// the scheduler sends on.
func (s *Scheduler) account(e storage.Employee) (bot.ChatKey, bool) {
	var best bot.ChatKey
	var bestAt time.Time
	found := false
	for _, p := range storage.Platforms { // fixed order breaks ties
		a, ok := e.Accounts[p]
		if !ok || a.ChatID == "" || !s.sendsOn(bot.Platform(p)) {
			continue
		}
		at := a.LinkedAt
		if a.LastSeenAt.After(at) {
			at = a.LastSeenAt
		}
		if !found || at.After(bestAt) {
			best, bestAt, found = bot.ChatKey{Platform: bot.Platform(p), ChatID: a.ChatID}, at, true
		}
	}
	return best, found
}

// digestQuiet: a report submitted less than this before the digest had its
// approval prompt a moment ago, so the digest does not announce it again;
// it counts the reports that have been waiting longer.
const digestQuiet = time.Hour

// planApprovals: each supervisor's digest, escalations of overdue reports
// to the supervisor's supervisor, and the timeout rule.
func (s *Scheduler) planApprovals(ctx context.Context, snap *snapshot) ([]Item, error) {
	anyDue := false
	for code := range snap.units {
		if s.due(snap, code, snap.now.In(s.zone(snap, code)), s.supervisorAt(snap, code)) {
			anyDue = true
			break
		}
	}
	if !anyDue {
		return nil, nil
	}
	l := s.lang()
	var items []Item
	sums, err := s.store.PendingSummaries(ctx, snap.now.Add(-digestQuiet))
	if err != nil {
		return nil, fmt.Errorf("pending summaries: %w", err)
	}
	supervisors := make([]string, len(sums))
	for i, sum := range sums {
		supervisors[i] = sum.SupervisorNIP
	}
	if err := snap.prefetch(ctx, supervisors); err != nil {
		return nil, err
	}
	for _, sum := range sums {
		sup, ok := snap.emp(sum.SupervisorNIP)
		if !ok || !sup.Active || sum.Count == 0 {
			continue
		}
		local := snap.now.In(s.zone(snap, sup.UnitCode))
		if !s.due(snap, sup.UnitCode, local, s.supervisorAt(snap, sup.UnitCode)) {
			continue
		}
		date := local.Format(time.DateOnly)
		oldest := sum.OldestSubmittedAt.In(local.Location()).Format(time.DateOnly)
		age := snap.calendar(sup.UnitCode).WorkDaysBetween(oldest, date)
		it := s.item(snap, KindDigest, sup, date, date, digestText(l, sum.Count, age, oldest))
		it.Reply.Buttons = [][]bot.Button{{{Label: l.T(i18n.RemindOpenApprovalsButton), Data: dataOpenApprovals}}}
		items = append(items, it)
	}
	overdue, err := s.planOverdue(ctx, snap)
	if err != nil {
		return nil, err
	}
	return append(items, overdue...), nil
}

// overdueScan bounds how many overdue reports one pass reads, oldest
// first: a pass must not read a whole neglected backlog at once.
const overdueScan = 2000

// overdueReport is a pending report past the SLA.
type overdueReport struct {
	a        storage.Activity
	age      int // work days pending
	timedOut bool
}

func (s *Scheduler) planOverdue(ctx context.Context, snap *snapshot) ([]Item, error) {
	days := s.opt.SLADays
	for _, u := range snap.units { // a unit's own SLA may be shorter
		if u.ApprovalSLADays > 0 && u.ApprovalSLADays < days {
			days = u.ApprovalSLADays
		}
	}
	if s.opt.TimeoutDays > 0 && s.opt.TimeoutDays < days {
		days = s.opt.TimeoutDays
	}
	pending, err := s.store.ListPendingSubmittedBefore(ctx, snap.now.AddDate(0, 0, -days), overdueScan)
	if err != nil {
		return nil, fmt.Errorf("list overdue reports: %w", err)
	}
	if len(pending) == overdueScan {
		s.log.Warn("more overdue reports than one pass reads: the oldest are handled, the rest in later passes",
			"read", overdueScan)
	}
	if err := s.prefetchOverdue(ctx, snap, pending); err != nil {
		return nil, err
	}
	var items []Item
	byTarget := map[string][]overdueReport{} // escalation recipient → reports
	for _, a := range pending {
		loc := s.zone(snap, a.UnitCode)
		today := snap.now.In(loc)
		if !s.due(snap, a.UnitCode, today, s.supervisorAt(snap, a.UnitCode)) {
			continue
		}
		age := snap.calendar(a.UnitCode).WorkDaysBetween(pendingSince(a).In(loc).Format(time.DateOnly), today.Format(time.DateOnly))
		timedOut := s.opt.TimeoutDays > 0 && age > s.opt.TimeoutDays
		if timedOut && s.opt.TimeoutAction != TimeoutEscalate {
			owner, ok := snap.emp(a.NIP)
			if !ok {
				continue
			}
			to := storage.StatusApproved
			if s.opt.TimeoutAction == TimeoutReject {
				to = storage.StatusRejected
			}
			date := today.Format(time.DateOnly)
			it := s.item(snap, KindTimeout, owner, date, date, timedOutText(s.lang(), to, a.Date, shorten(a.Description, 60), s.opt.TimeoutDays))
			it.Key = fmt.Sprintf("%s:%s:v%d", KindTimeout, a.ID, a.Version)
			it.Decide, it.DecideTo = &ReportRef{ID: a.ID, Version: a.Version, Rule: RuleTimeout}, to
			if it.Skip == SkipRemindersOff {
				it.Skip = "" // a decision on one's report is not a reminder
			}
			items = append(items, it)
			continue
		}
		if age <= s.unitSetting(snap, a.UnitCode, roster.SLADays, s.opt.SLADays) {
			continue
		}
		targets, err := s.escalationTargets(ctx, snap, a)
		if err != nil {
			return nil, err
		}
		for _, target := range targets {
			byTarget[target] = append(byTarget[target], overdueReport{a: a, age: age, timedOut: timedOut})
		}
	}
	targets := make([]string, 0, len(byTarget))
	for t := range byTarget {
		targets = append(targets, t)
	}
	slices.Sort(targets)
	if err := snap.prefetch(ctx, targets); err != nil { // the admins among them
		return nil, err
	}
	for _, t := range targets {
		target, _ := snap.emp(t)
		items = append(items, s.escalation(snap, target, byTarget[t]))
	}
	return items, nil
}

// prefetchOverdue reads the people the overdue reports concern: their
// owners and approvers, then the posts above the approvers (postAbove),
// and who acts for those.
func (s *Scheduler) prefetchOverdue(ctx context.Context, snap *snapshot, pending []storage.Activity) error {
	var nips []string
	for _, a := range pending {
		nips = append(nips, a.NIP, a.SupervisorNIP)
	}
	if err := snap.prefetch(ctx, nips); err != nil {
		return err
	}
	acting, _ := snap.dir.ListActing(ctx)
	var above []string
	for _, a := range pending {
		if sup, ok := snap.emp(a.SupervisorNIP); ok && sup.SupervisorNIP != "" {
			above = append(above, sup.SupervisorNIP)
		}
	}
	for _, a := range acting {
		above = append(above, a.ActingNIP, a.ForNIP)
	}
	return snap.prefetch(ctx, above)
}

// escalationTargets: the report's supervisor's own supervisor (atasan
// pejabat penilai) when they can be reached in the bot; otherwise the
// admins of the report's unit or, failing those, of the units above it who
// can (each unit's admins one indexed query). An overdue queue is never
// escalated to no one without a warning.
func (s *Scheduler) escalationTargets(ctx context.Context, snap *snapshot, a storage.Activity) ([]string, error) {
	reachable := func(e storage.Employee) bool {
		_, ok := s.account(e)
		return e.Active && ok
	}
	if g, ok := s.postAbove(ctx, snap, a); ok && reachable(g) {
		return []string{g.NIP}, nil
	}
	seen := map[string]bool{}
	for unit := a.UnitCode; unit != "" && !seen[unit]; unit = snap.units[unit].ParentCode {
		seen[unit] = true
		found, err := snap.dir.FindEmployees(ctx, storage.EmployeeQuery{Units: []string{unit}, AdminsOnly: true, ActiveOnly: true,
			Limit: storage.MaxEmployeePage})
		if err != nil {
			return nil, fmt.Errorf("admins of %s: %w", unit, err)
		}
		var admins []string
		for _, e := range found {
			if e.NIP != a.SupervisorNIP && reachable(e) {
				admins = append(admins, e.NIP)
			}
		}
		if len(admins) > 0 {
			return admins, nil
		}
	}
	s.log.Warn("overdue report has no one to escalate to: the supervisor's supervisor and the admins are not registered in the bot",
		"report", a.ID, "unit", a.UnitCode)
	return nil, nil
}

// postAbove is who holds, on the owner's local date, the post above the
// one deciding report a: above the post its approver acts for (Plt/Plh),
// or else above its approver, and the person acting for that post then,
// if anyone does (and is active), or else its holder.
func (s *Scheduler) postAbove(ctx context.Context, snap *snapshot, a storage.Activity) (storage.Employee, bool) {
	day := snap.now.In(s.zone(snap, a.UnitCode)).Format(time.DateOnly)
	post := a.SupervisorNIP
	if owner, ok := snap.load(ctx, a.NIP); ok {
		if ans, err := roster.Decider(ctx, snap.dir, owner, day); err == nil &&
			ans.NIP == a.SupervisorNIP && ans.ActingFor != "" {
			post = ans.ActingFor
		}
	}
	sup, ok := snap.load(ctx, post)
	if !ok || sup.SupervisorNIP == "" {
		return storage.Employee{}, false
	}
	acting, _ := snap.dir.ListActing(ctx)
	if by, ok := snap.load(ctx, storage.ActingOn(acting, sup.SupervisorNIP, day)); ok && by.Active {
		return by, true
	}
	return snap.load(ctx, sup.SupervisorNIP)
}

// escalation is the digest for target of the overdue reports on the lists
// of the supervisors below them.
func (s *Scheduler) escalation(snap *snapshot, target storage.Employee, reports []overdueReport) Item {
	bySup := map[string]*overdueLine{}
	var refs []ReportRef
	for _, r := range reports {
		l, ok := bySup[r.a.SupervisorNIP]
		if !ok {
			name := r.a.SupervisorNIP
			if sup, ok := snap.emp(r.a.SupervisorNIP); ok {
				name = sup.Name
			}
			l = &overdueLine{Name: name}
			bySup[r.a.SupervisorNIP] = l
		}
		l.Count++
		l.Oldest = max(l.Oldest, r.age)
		rule := RuleSLA
		if r.timedOut {
			l.TimedOut++
			rule = RuleTimeout
		}
		if !audited(r.a, rule) {
			refs = append(refs, ReportRef{ID: r.a.ID, Version: r.a.Version, Rule: rule})
		}
	}
	lines := make([]overdueLine, 0, len(bySup))
	for _, l := range bySup {
		lines = append(lines, *l)
	}
	slices.SortFunc(lines, func(a, b overdueLine) int {
		return cmp.Or(cmp.Compare(b.Oldest, a.Oldest), cmp.Compare(a.Name, b.Name))
	})
	local := snap.now.In(s.zone(snap, target.UnitCode))
	date := local.Format(time.DateOnly)
	sla := 0 // the shortest SLA of the reports' units: each waited longer
	for _, r := range reports {
		if v := s.unitSetting(snap, r.a.UnitCode, roster.SLADays, s.opt.SLADays); sla == 0 || v < sla {
			sla = v
		}
	}
	it := s.item(snap, KindEscalation, target, date, date, escalationText(s.lang(), sla, lines))
	it.Escalate = refs
	return it
}

// audited reports whether the report's current version already records
// its escalation under rule.
func audited(a storage.Activity, rule string) bool {
	for _, e := range a.Audit {
		if e.Action == storage.ActionEscalated && e.Rule == rule && e.Version == a.Version {
			return true
		}
	}
	return false
}

// pendingSince is when the report last became pending: its last
// (re)submission.
func pendingSince(a storage.Activity) time.Time {
	t := a.SubmittedAt
	for _, e := range a.Audit {
		if (e.Action == storage.ActionSubmitted || e.Action == storage.ActionResubmitted) && e.At.After(t) {
			t = e.At
		}
	}
	return t
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
