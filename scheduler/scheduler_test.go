package scheduler_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/handlers"
	"github.com/kinerjabot/kinerjabot/scheduler"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// outbox records what reached each chat. Sends are one at a time, as
// through outbound.Queue's global rate: start, then delivery.
type outbox struct {
	mu   sync.Mutex
	sent map[bot.ChatKey][]bot.Reply
	// beforeDeliver, when set, may fail a send after start (the platform
	// refused it).
	beforeDeliver func(r bot.Reply) error
}

func newOutbox() *outbox { return &outbox{sent: map[bot.ChatKey][]bot.Reply{}} }

func (o *outbox) BulkIf(ctx context.Context, r bot.Reply, start func(context.Context) error) error {
	_, err := o.BulkRef(ctx, r, start)
	return err
}

// BulkRef implements scheduler.RefOutbox: the reference is the chat and
// the message's number in it.
func (o *outbox) BulkRef(ctx context.Context, r bot.Reply, start func(context.Context) error) (bot.MessageRef, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if start != nil { // nil: no last check (the Outbox contract)
		if err := start(ctx); err != nil {
			return bot.MessageRef{}, err
		}
	}
	if o.beforeDeliver != nil {
		if err := o.beforeDeliver(r); err != nil {
			return bot.MessageRef{}, err
		}
	}
	o.sent[r.Chat] = append(o.sent[r.Chat], r)
	return bot.MessageRef{Chat: r.Chat, MessageID: fmt.Sprint(len(o.sent[r.Chat]))}, nil
}

func (o *outbox) to(chat string) []bot.Reply {
	o.mu.Lock()
	defer o.mu.Unlock()
	return slices.Clone(o.sent[bot.ChatKey{Platform: bot.Telegram, ChatID: chat}])
}

func (o *outbox) total() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	n := 0
	for _, rs := range o.sent {
		n += len(rs)
	}
	return n
}

// The office: Dinas (WITA) with its head; Puskesmas Sempaja (WITA) and a
// unit in Jakarta (WIB) under a supervisor who answers to the head.
const (
	nipHead  = "197001012000031001"
	nipSup   = "197805122005012003"
	nipBudi  = "199001152019031004" // WITA
	nipSari  = "198703102012012005" // WITA, has reported
	nipOff   = "198402292009032001" // WITA, reminders off
	nipNoAcc = "198511112010011002" // WITA, not registered in the bot
	nipJkt   = "199203032020121003" // WIB
)

type office struct {
	st  storage.Store
	out *outbox
}

func chatOf(nip string) string { return "chat-" + nip[:6] + nip[14:] }

func newOffice(t *testing.T) *office {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	for _, u := range []storage.Unit{
		{Code: "DINKES", Name: "Dinas Kesehatan", Timezone: "Asia/Makassar"},
		{Code: "PKM", Name: "Puskesmas Sempaja", ParentCode: "DINKES", Timezone: "Asia/Makassar"},
		{Code: "JKT", Name: "Kantor Penghubung Jakarta", ParentCode: "DINKES", Timezone: "Asia/Jakarta"},
	} {
		if err := st.UpsertUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	people := []storage.Employee{
		{NIP: nipHead, Name: "Kepala Dinas", UnitCode: "DINKES"},
		{NIP: nipSup, Name: "dr. Rina", UnitCode: "PKM", SupervisorNIP: nipHead},
		{NIP: nipBudi, Name: "Budi", UnitCode: "PKM", SupervisorNIP: nipSup},
		{NIP: nipSari, Name: "Sari", UnitCode: "PKM", SupervisorNIP: nipSup},
		{NIP: nipOff, Name: "Lina", UnitCode: "PKM", SupervisorNIP: nipSup},
		{NIP: nipNoAcc, Name: "Tono", UnitCode: "PKM", SupervisorNIP: nipSup},
		{NIP: nipJkt, Name: "Joko", UnitCode: "JKT", SupervisorNIP: nipSup},
	}
	for _, e := range people {
		e.Position, e.Active = "Staf", true
		if err := st.UpsertEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
		if e.NIP == nipNoAcc {
			continue
		}
		acc := storage.Account{UserID: chatOf(e.NIP), ChatID: chatOf(e.NIP)}
		if err := st.LinkAccount(ctx, e.NIP, "telegram", acc); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetReminders(ctx, nipOff, false); err != nil {
		t.Fatal(err)
	}
	return &office{st: st, out: newOutbox()}
}

var reportSeq int

// report files a report by nip dated date, submitted at.
func (o *office) report(t *testing.T, nip, date string, minutes int, at time.Time, status storage.Status) storage.Activity {
	t.Helper()
	reportSeq++
	e, err := o.st.GetEmployee(context.Background(), nip)
	if err != nil {
		t.Fatal(err)
	}
	a := storage.Activity{
		ID: fmt.Sprintf("01JQAR%020d", reportSeq), NIP: nip, UnitCode: e.UnitCode, SupervisorNIP: e.SupervisorNIP,
		Date: date, Content: storage.Content{Minutes: minutes, Description: "Pelayanan pasien"},
		Status: storage.StatusPending, Version: 1, SubmittedAt: at,
		Audit: []storage.AuditEntry{{At: at, Action: storage.ActionSubmitted, ByNIP: nip, Version: 1}},
	}
	if err := o.st.CreateActivity(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if status != storage.StatusPending {
		if _, err := o.st.DecideActivity(context.Background(), a.ID, 1, storage.Decide{To: status, ByNIP: nipSup}); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

func (o *office) scheduler(t *testing.T, now *time.Time, opt scheduler.Options) *scheduler.Scheduler {
	t.Helper()
	opt.Now = func() time.Time { return *now }
	opt.MonthlyTarget = cmp(opt.MonthlyTarget, 6750)
	s, err := scheduler.New(o.st, nil, map[bot.Platform]scheduler.Outbox{bot.Telegram: o.out}, opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func cmp(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func pass(t *testing.T, s *scheduler.Scheduler, run string) scheduler.Stats {
	t.Helper()
	st, err := s.RunOnce(context.Background(), run)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// Staff reminders follow each unit's own clock: at 07:31 UTC it is 15:31
// in Samarinda (WITA) and 14:31 in Jakarta (WIB). Each person gets one,
// once, with the report button; not those who reported, turned reminders
// off or have no chat account; not on weekends or holidays.
func TestStaffRemindersPerZoneOnceOnWorkDays(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	o.report(t, nipSari, "2026-11-30", 120, utc("2026-11-30 01:00"), storage.StatusPending)
	o.report(t, nipBudi, "2026-11-27", 120, utc("2026-11-27 01:00"), storage.StatusApproved) // another day
	if err := o.st.UpsertHoliday(ctx, storage.Holiday{Date: "2026-12-01", Name: "Libur daerah"}); err != nil {
		t.Fatal(err)
	}
	now := utc("2026-11-30 07:29") // Monday 15:29 WITA
	s := o.scheduler(t, &now, scheduler.Options{MonthEndWarningDays: -1})

	if st := pass(t, s, "run1"); st.Sent != 0 || o.out.total() != 0 {
		t.Fatalf("before 15:30: %+v, %d sent", st, o.out.total())
	}
	now = utc("2026-11-30 07:31")
	st := pass(t, s, "run1")
	wita := []string{nipHead, nipSup, nipBudi} // Sari reported, Lina off, Tono unregistered
	if st.Sent != len(wita) {
		t.Errorf("15:31 WITA: sent %d, want %d (%+v)", st.Sent, len(wita), st)
	}
	for _, nip := range wita {
		got := o.out.to(chatOf(nip))
		if len(got) != 1 {
			t.Fatalf("%s got %d reminders, want 1", nip, len(got))
		}
		if !strings.Contains(got[0].Text, "belum melaporkan kegiatan hari ini (Senin, 30 November 2026)") ||
			len(got[0].Buttons) != 1 || !decodesAs[button.ReportNow](got[0].Buttons[0][0].Data) {
			t.Errorf("reminder to %s: %q %+v", nip, got[0].Text, got[0].Buttons)
		}
	}
	for _, nip := range []string{nipSari, nipOff, nipJkt} {
		if got := o.out.to(chatOf(nip)); len(got) != 0 {
			t.Errorf("%s got %q", nip, got[0].Text)
		}
	}
	// The next passes, by this run or another, send nothing more.
	now = utc("2026-11-30 08:00")
	if st := pass(t, s, "run2"); st.Sent != 0 || st.Already != len(wita) {
		t.Errorf("second pass: %+v", st)
	}
	// 15:31 in Jakarta.
	now = utc("2026-11-30 08:31")
	if st := pass(t, s, "run2"); st.Sent != 1 || len(o.out.to(chatOf(nipJkt))) != 1 {
		t.Errorf("15:31 WIB: %+v, Joko got %d", st, len(o.out.to(chatOf(nipJkt))))
	}
	// Too late in the evening for a scheduler that was down: nothing.
	before := o.out.total()
	// Tuesday is a holiday; Saturday a weekend day.
	for _, at := range []string{"2026-12-01 07:31", "2026-12-05 07:31", "2026-12-05 08:31"} {
		now = utc(at)
		if st := pass(t, s, "run3"); st.Sent != 0 {
			t.Errorf("%s: %+v", at, st)
		}
	}
	if o.out.total() != before {
		t.Errorf("reminders on a holiday or weekend: %d more", o.out.total()-before)
	}
	// Wednesday, a work day again: Sari too (nothing reported that day).
	now = utc("2026-12-02 07:45")
	if st := pass(t, s, "run3"); st.Sent != 4 {
		t.Errorf("Wednesday: %+v, want 4 sent", st)
	}
	r, err := o.st.GetReminder(ctx, "staff:"+nipBudi+":2026-11-30")
	if err != nil || r.Status != storage.ReminderSent || r.RunID != "run1" {
		t.Errorf("reminder record: %+v, %v", r, err)
	}
}

// A scheduler that was down at 15:30 catches up within the window, not in
// the evening.
func TestStaffReminderCatchUpWindow(t *testing.T) {
	o := newOffice(t)
	now := utc("2026-11-30 11:00") // 19:00 WITA, 18:00 WIB
	s := o.scheduler(t, &now, scheduler.Options{MonthEndWarningDays: -1, Window: 3 * time.Hour})
	if st := pass(t, s, "r"); st.Sent != 1 || len(o.out.to(chatOf(nipJkt))) != 1 {
		t.Errorf("at 19:00 WITA / 18:00 WIB: %+v (only Jakarta is within 3h of 15:30)", st)
	}
}

// A report filed just before the morning digest had its prompt moments
// ago: the digest does not announce it (nor, with nothing older, come).
func TestDigestLeavesOutWhatWasJustPrompted(t *testing.T) {
	o := newOffice(t)
	o.report(t, nipBudi, "2026-11-30", 60, utc("2026-11-30 00:20"), storage.StatusPending) // 08:20 WITA
	now := utc("2026-11-30 00:25")                                                         // 08:25 WITA
	s := o.scheduler(t, &now, scheduler.Options{SLADays: 3})
	if st := pass(t, s, "r1"); st.Sent != 0 || len(o.out.to(chatOf(nipSup))) != 0 {
		t.Fatalf("a digest announced a report prompted 5 minutes ago: %+v %+v", st, o.out.to(chatOf(nipSup)))
	}
	o.report(t, nipSari, "2026-11-27", 60, utc("2026-11-27 02:00"), storage.StatusPending)
	now = utc("2026-11-30 00:40")
	pass(t, s, "r2")
	digest := o.out.to(chatOf(nipSup))
	if len(digest) != 1 || !strings.Contains(digest[0].Text, "1 laporan menunggu") {
		t.Fatalf("digest with one older report: %+v", digest)
	}
}

// Supervisors get one digest a work day at 08:00; reports pending past the
// SLA go to the supervisor's supervisor, once a day, and the audit trail
// records the escalation once, as done by the system under the rule.
func TestDigestAndEscalation(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	// Submitted Tuesday 24 Nov (WITA): by Monday 30 Nov it has waited 4
	// work days (25, 26, 27, 30), more than the SLA of 3.
	old := o.report(t, nipBudi, "2026-11-24", 90, utc("2026-11-24 02:00"), storage.StatusPending)
	o.report(t, nipJkt, "2026-11-27", 60, utc("2026-11-27 09:30"), storage.StatusPending)
	o.report(t, nipSari, "2026-11-27", 60, utc("2026-11-27 02:00"), storage.StatusApproved)

	now := utc("2026-11-30 00:05") // 08:05 WITA, 07:05 WIB
	s := o.scheduler(t, &now, scheduler.Options{SLADays: 3})
	st := pass(t, s, "r1")
	if st.Sent != 2 {
		t.Fatalf("08:05: %+v, want a digest and an escalation", st)
	}
	digest := o.out.to(chatOf(nipSup))
	if len(digest) != 1 || !strings.Contains(digest[0].Text, "2 laporan menunggu persetujuan Anda") ||
		!strings.Contains(digest[0].Text, "4 hari kerja lalu (Selasa, 24 November 2026)") ||
		!decodesAs[button.OpenApprovals](digest[0].Buttons[0][0].Data) {
		t.Fatalf("digest: %+v", digest)
	}
	esc := o.out.to(chatOf(nipHead))
	if len(esc) != 1 || !strings.Contains(esc[0].Text, "dr. Rina: 1 laporan, tertua 4 hari kerja") {
		t.Fatalf("escalation: %+v", esc)
	}
	a, err := o.st.GetActivity(ctx, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := a.Audit[len(a.Audit)-1]
	if last.Action != storage.ActionEscalated || last.ByNIP != storage.SystemActor || last.Rule != scheduler.RuleSLA {
		t.Fatalf("audit: %+v", a.Audit)
	}
	// The next day: a new digest and escalation, but the audit trail keeps
	// the one entry.
	now = utc("2026-12-01 00:10")
	if st := pass(t, s, "r2"); st.Sent != 2 {
		t.Errorf("Tuesday: %+v", st)
	}
	a, _ = o.st.GetActivity(ctx, old.ID)
	if n := countEscalated(a); n != 1 {
		t.Errorf("%d escalation entries, want 1", n)
	}
	// Once decided, nothing more.
	if _, err := o.st.DecideActivity(ctx, old.ID, 1, storage.Decide{To: storage.StatusApproved, ByNIP: nipSup}); err != nil {
		t.Fatal(err)
	}
	now = utc("2026-12-02 00:10")
	pass(t, s, "r3")
	if got := o.out.to(chatOf(nipHead)); len(got) != 2 {
		t.Errorf("head got %d escalations, want 2 (none after the decision)", len(got))
	}
}

func countEscalated(a storage.Activity) int {
	n := 0
	for _, e := range a.Audit {
		if e.Action == storage.ActionEscalated {
			n++
		}
	}
	return n
}

// With APPROVAL_TIMEOUT_ACTION=approve, a report past the timeout is
// approved by the system, recorded under the rule's name, and its owner is
// told once; a person's decision in between wins.
func TestTimeoutApproves(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	late := o.report(t, nipBudi, "2026-11-20", 90, utc("2026-11-20 02:00"), storage.StatusPending)
	decided := o.report(t, nipSari, "2026-11-20", 90, utc("2026-11-20 02:00"), storage.StatusPending)
	if _, err := o.st.DecideActivity(ctx, decided.ID, 1, storage.Decide{To: storage.StatusRejected, ByNIP: nipSup}); err != nil {
		t.Fatal(err)
	}
	now := utc("2026-11-30 00:05") // 6 work days later
	s := o.scheduler(t, &now, scheduler.Options{SLADays: 3, TimeoutDays: 5, TimeoutAction: scheduler.TimeoutApprove})
	pass(t, s, "r1")
	a, err := o.st.GetActivity(ctx, late.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != storage.StatusApproved || a.Decision.ByNIP != storage.SystemActor || a.Decision.Rule != scheduler.RuleTimeout {
		t.Fatalf("late report: %s %+v", a.Status, a.Decision)
	}
	if last := a.Audit[len(a.Audit)-1]; last.Rule != scheduler.RuleTimeout || last.ByNIP != storage.SystemActor {
		t.Errorf("audit: %+v", last)
	}
	logged, err := o.st.ListAuditLog(ctx, storage.AuditFilter{Action: storage.AuditReportApprove, Limit: 10})
	if err != nil || len(logged.Rows) != 1 || logged.Rows[0].Actor != storage.SystemActor || logged.Rows[0].Target != nipBudi {
		t.Errorf("audit log rows %+v (%v), want the rule's approval of Budi's report", logged.Rows, err)
	}
	got := o.out.to(chatOf(nipBudi))
	if len(got) != 1 || !strings.Contains(got[0].Text, "disetujui otomatis oleh sistem") {
		t.Fatalf("owner told: %+v", got)
	}
	if got := o.out.to(chatOf(nipSari)); len(got) != 0 {
		t.Errorf("Sari's report was decided by a person; told %q", got[0].Text)
	}
	if got := o.out.to(chatOf(nipHead)); len(got) != 0 {
		t.Errorf("approved by the rule, yet escalated: %q", got[0].Text)
	}
	now = utc("2026-12-01 00:05")
	pass(t, s, "r2")
	if got := o.out.to(chatOf(nipBudi)); len(got) != 1 {
		t.Errorf("owner told %d times", len(got))
	}
}

// Month end: three work days before the last work day of November (Monday
// 30), on Wednesday 25, staff below target get their gap.
func TestMonthEndWarning(t *testing.T) {
	o := newOffice(t)
	o.report(t, nipBudi, "2026-11-03", 6000, utc("2026-11-03 02:00"), storage.StatusApproved)
	o.report(t, nipBudi, "2026-11-25", 300, utc("2026-11-25 02:00"), storage.StatusPending)
	o.report(t, nipSup, "2026-11-25", 7000, utc("2026-11-25 02:00"), storage.StatusApproved)
	o.report(t, nipHead, "2026-11-25", 7000, utc("2026-11-25 02:00"), storage.StatusRejected)
	now := utc("2026-11-25 07:31")
	s := o.scheduler(t, &now, scheduler.Options{MonthEndWarningDays: 3, MonthlyTarget: 6750})
	pass(t, s, "r1")
	budi := o.out.to(chatOf(nipBudi))
	if len(budi) != 1 || !strings.Contains(budi[0].Text, "kurang 450 menit (7 jam 30 menit)") ||
		!strings.Contains(budi[0].Text, "ditutup Senin, 30 November 2026") {
		t.Fatalf("Budi (reported today, 6300 minutes): %+v", budi)
	}
	if got := o.out.to(chatOf(nipSup)); len(got) != 0 {
		t.Errorf("above target but warned: %q", got[0].Text)
	}
	head := o.out.to(chatOf(nipHead)) // rejected minutes do not count; reported today
	if len(head) != 1 || !strings.Contains(head[0].Text, "kurang 6750 menit") {
		t.Errorf("head: %+v", head)
	}
	// Not on another day, and not twice.
	for _, at := range []string{"2026-11-24 07:31", "2026-11-25 08:00", "2026-11-26 07:31"} {
		now = utc(at)
		pass(t, s, "r2")
	}
	for _, r := range o.out.to(chatOf(nipBudi))[1:] {
		if strings.Contains(r.Text, "ditutup") {
			t.Errorf("month-end warning again: %q", r.Text)
		}
	}
}

// A platform refusal is recorded as failed and not retried by later
// passes; a message withdrawn before the platform got it is sent later.
func TestFailedAndWithdrawn(t *testing.T) {
	o := newOffice(t)
	o.out.beforeDeliver = func(r bot.Reply) error {
		if r.Chat.ChatID == chatOf(nipBudi) {
			return fmt.Errorf("forbidden: %w", bot.ErrBlocked)
		}
		return nil
	}
	now := utc("2026-11-30 07:31")
	s := o.scheduler(t, &now, scheduler.Options{MonthEndWarningDays: -1})
	st := pass(t, s, "r1")
	if st.Failed != 1 || st.Sent != 3 { // Head, Rina, Sari; Budi blocked the bot
		t.Fatalf("%+v", st)
	}
	r, err := o.st.GetReminder(context.Background(), "staff:"+nipBudi+":2026-11-30")
	if err != nil || r.Status != storage.ReminderFailed || r.Reason != "blocked" {
		t.Fatalf("record: %+v %v", r, err)
	}
	o.out.beforeDeliver = nil
	if st := pass(t, s, "r2"); st.Sent != 0 || st.Already != 4 {
		t.Errorf("a failed reminder was retried: %+v", st)
	}

	// Withdrawn: the queue stopped before sending (start never called).
	o2 := newOffice(t)
	s2 := o2.scheduler(t, &now, scheduler.Options{MonthEndWarningDays: -1})
	stopped := withdrawing{}
	s2w, err := scheduler.New(o2.st, nil, map[bot.Platform]scheduler.Outbox{bot.Telegram: stopped}, scheduler.Options{
		MonthEndWarningDays: -1, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if st := pass(t, s2w, "r1"); st.Sent != 0 {
		t.Fatalf("%+v", st)
	}
	if st := pass(t, s2, "r2"); st.Sent != 4 {
		t.Errorf("withdrawn reminders not sent by the next run: %+v", st)
	}
}

type withdrawing struct{}

func (withdrawing) BulkIf(context.Context, bot.Reply, func(context.Context) error) error {
	return errors.New("outbound: queue closed")
}

// Plan lists who would get what, including those skipped and why, without
// sending or recording anything.
func TestPlanIsADryRun(t *testing.T) {
	o := newOffice(t)
	now := utc("2026-11-30 07:31")
	s, err := scheduler.New(o.st, nil, nil, scheduler.Options{MonthEndWarningDays: -1, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	items, err := s.Plan(context.Background(), now, "PKM")
	if err != nil {
		t.Fatal(err)
	}
	skips := map[string]string{}
	for _, it := range items {
		if it.Kind == scheduler.KindStaff {
			skips[it.NIP] = it.Skip
		}
	}
	want := map[string]string{nipSup: "", nipBudi: "", nipSari: "", nipOff: scheduler.SkipRemindersOff, nipNoAcc: scheduler.SkipNoAccount}
	if fmt.Sprint(skips) != fmt.Sprint(want) {
		t.Errorf("plan for PKM:\n got %v\nwant %v", skips, want)
	}
	if _, err := o.st.GetReminder(context.Background(), "staff:"+nipBudi+":2026-11-30"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("dry run recorded a reminder: %v", err)
	}
	if o.out.total() != 0 {
		t.Error("dry run sent")
	}
}

// When the supervisor's supervisor is not registered in the bot, the
// overdue report goes to the unit's admins (here, up the unit tree) rather
// than to no one.
func TestEscalationFallsBackToAdmins(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	if err := o.st.UnlinkAccount(ctx, nipHead, "telegram"); err != nil {
		t.Fatal(err)
	}
	admin := storage.Employee{NIP: "198801012010012001", Name: "Admin Dinkes", UnitCode: "DINKES", Position: "Analis",
		Role: storage.RoleAdmin, Active: true}
	if err := o.st.UpsertEmployee(ctx, admin); err != nil {
		t.Fatal(err)
	}
	if err := o.st.LinkAccount(ctx, admin.NIP, "telegram", storage.Account{UserID: "adm", ChatID: "adm"}); err != nil {
		t.Fatal(err)
	}
	o.report(t, nipBudi, "2026-11-24", 90, utc("2026-11-24 02:00"), storage.StatusPending)
	now := utc("2026-11-30 00:05")
	s := o.scheduler(t, &now, scheduler.Options{SLADays: 3})
	pass(t, s, "r1")
	if got := o.out.to("adm"); len(got) != 1 || !strings.Contains(got[0].Text, "dr. Rina: 1 laporan") {
		t.Fatalf("admin got %+v", got)
	}
}

// decodesAs reports whether button data reads as a button of kind K.
func decodesAs[K button.Data](data string) bool {
	d, err := button.Decode(data)
	_, ok := d.(K)
	return err == nil && ok
}

// A report the timeout rule decides has its approval prompts edited as any
// decision does (through the flows' PromptEdits): the decision shown, the
// buttons gone, and a short message as the edit's fallback.
func TestTimeoutDecisionEditsThePrompts(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	late := o.report(t, nipBudi, "2026-11-20", 90, utc("2026-11-20 02:00"), storage.StatusPending)
	prompt := storage.MessageRef{Platform: "telegram", ChatID: chatOf(nipSup), MessageID: "77"}
	if err := o.st.AddPrompt(ctx, late.ID, prompt); err != nil {
		t.Fatal(err)
	}
	now := utc("2026-11-30 00:05") // 6 work days later
	router := handlers.New(o.st, nil, handlers.Options{})
	s := o.scheduler(t, &now, scheduler.Options{SLADays: 3, TimeoutDays: 5, TimeoutAction: scheduler.TimeoutApprove,
		PromptEdits: router.PromptEdits})
	pass(t, s, "r1")
	var edits []bot.Reply
	for _, r := range o.out.to(chatOf(nipSup)) {
		if r.Edit != nil {
			edits = append(edits, r)
		}
	}
	if len(edits) != 1 || edits[0].Edit.MessageID != "77" || len(edits[0].Buttons) != 0 ||
		!strings.Contains(edits[0].Text, "Disetujui oleh sistem (batas waktu persetujuan terlewati)") ||
		!strings.Contains(edits[0].Fallback, "Laporan No.") {
		t.Fatalf("prompt edits: %+v", edits)
	}
}

// The timeout rule decides a report whose owner has no account the
// scheduler can tell: only the notice is skipped.
func TestTimeoutDecidesForAnOwnerWithoutAnAccount(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	late := o.report(t, nipBudi, "2026-11-20", 90, utc("2026-11-20 02:00"), storage.StatusPending)
	if err := o.st.UnlinkAccount(ctx, nipBudi, "telegram"); err != nil {
		t.Fatal(err)
	}
	now := utc("2026-11-30 00:05") // 6 work days later
	s := o.scheduler(t, &now, scheduler.Options{SLADays: 3, TimeoutDays: 5, TimeoutAction: scheduler.TimeoutApprove})
	pass(t, s, "r1")
	a, err := o.st.GetActivity(ctx, late.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != storage.StatusApproved || a.Decision.Rule != scheduler.RuleTimeout {
		t.Fatalf("report of an owner without an account: %s %+v", a.Status, a.Decision)
	}
}
