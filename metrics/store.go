package metrics

import (
	"context"
	"errors"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Store counts a store's failures by operation. "Not found" and "conflict"
// are answers, not failures, and are not counted.
type Store struct {
	storage.Store
	m *Metrics
}

var _ storage.Store = Store{}

// InstrumentStore wraps st so that its failures show in /metrics.
func (m *Metrics) InstrumentStore(st storage.Store) Store { return Store{Store: st, m: m} }

func (s Store) count(op string, err error) error {
	if err != nil && !errors.Is(err, storage.ErrNotFound) && !errors.Is(err, storage.ErrConflict) {
		s.m.StoreError(op)
	}
	return err
}

func (s Store) GetUnit(ctx context.Context, code string) (storage.Unit, error) {
	u, err := s.Store.GetUnit(ctx, code)
	return u, s.count("get_unit", err)
}

func (s Store) ListUnits(ctx context.Context) ([]storage.Unit, error) {
	us, err := s.Store.ListUnits(ctx)
	return us, s.count("list_units", err)
}

func (s Store) GetEmployee(ctx context.Context, nip string) (storage.Employee, error) {
	e, err := s.Store.GetEmployee(ctx, nip)
	return e, s.count("get_employee", err)
}

func (s Store) EmployeeByPhone(ctx context.Context, phone string) (storage.Employee, error) {
	e, err := s.Store.EmployeeByPhone(ctx, phone)
	return e, s.count("employee_by_phone", err)
}

func (s Store) EmployeeByAccount(ctx context.Context, platform, userID string) (storage.Employee, error) {
	e, err := s.Store.EmployeeByAccount(ctx, platform, userID)
	return e, s.count("employee_by_account", err)
}

func (s Store) ListEmployees(ctx context.Context) ([]storage.Employee, error) {
	es, err := s.Store.ListEmployees(ctx)
	return es, s.count("list_employees", err)
}

func (s Store) ListSubordinates(ctx context.Context, nip string) ([]storage.Employee, error) {
	es, err := s.Store.ListSubordinates(ctx, nip)
	return es, s.count("list_subordinates", err)
}

func (s Store) SenderByAccount(ctx context.Context, platform, userID string) (storage.Sender, error) {
	sender, err := s.Store.SenderByAccount(ctx, platform, userID)
	return sender, s.count("sender_by_account", err)
}

func (s Store) HasSubordinates(ctx context.Context, nip string) (bool, error) {
	has, err := s.Store.HasSubordinates(ctx, nip)
	return has, s.count("has_subordinates", err)
}

func (s Store) UpsertUnit(ctx context.Context, u storage.Unit) error {
	return s.count("upsert_unit", s.Store.UpsertUnit(ctx, u))
}

func (s Store) UpsertEmployee(ctx context.Context, e storage.Employee) error {
	return s.count("upsert_employee", s.Store.UpsertEmployee(ctx, e))
}

func (s Store) LinkAccount(ctx context.Context, nip, platform string, a storage.Account) error {
	return s.count("link_account", s.Store.LinkAccount(ctx, nip, platform, a))
}

func (s Store) UnlinkAccount(ctx context.Context, nip, platform string) error {
	return s.count("unlink_account", s.Store.UnlinkAccount(ctx, nip, platform))
}

func (s Store) Ping(ctx context.Context) error { return s.count("ping", s.Store.Ping(ctx)) }

func (s Store) GetActivity(ctx context.Context, id string) (storage.Activity, error) {
	a, err := s.Store.GetActivity(ctx, id)
	return a, s.count("get_activity", err)
}

func (s Store) ListActivities(ctx context.Context, nip, from, to string) ([]storage.Activity, error) {
	as, err := s.Store.ListActivities(ctx, nip, from, to)
	return as, s.count("list_activities", err)
}

func (s Store) ListPending(ctx context.Context, sup string, offset, limit int) ([]storage.Activity, int, error) {
	as, n, err := s.Store.ListPending(ctx, sup, offset, limit)
	return as, n, s.count("list_pending", err)
}

func (s Store) GetEvidence(ctx context.Context, id string) (storage.Evidence, error) {
	e, err := s.Store.GetEvidence(ctx, id)
	return e, s.count("get_evidence", err)
}

func (s Store) EvidenceData(ctx context.Context, id string) ([]byte, error) {
	b, err := s.Store.EvidenceData(ctx, id)
	return b, s.count("evidence_data", err)
}

func (s Store) SimilarEvidence(ctx context.Context, bands []int, exclude string) ([]storage.Evidence, error) {
	es, err := s.Store.SimilarEvidence(ctx, bands, exclude)
	return es, s.count("similar_evidence", err)
}

func (s Store) ListSKPTargets(ctx context.Context, nip, period string) ([]storage.SKPTarget, error) {
	ts, err := s.Store.ListSKPTargets(ctx, nip, period)
	return ts, s.count("list_skp_targets", err)
}

func (s Store) GetSKPTarget(ctx context.Context, id string) (storage.SKPTarget, error) {
	t, err := s.Store.GetSKPTarget(ctx, id)
	return t, s.count("get_skp_target", err)
}

func (s Store) PutEvidence(ctx context.Context, e storage.Evidence, data []byte) error {
	return s.count("put_evidence", s.Store.PutEvidence(ctx, e, data))
}

func (s Store) CreateActivity(ctx context.Context, a storage.Activity) error {
	return s.count("create_activity", s.Store.CreateActivity(ctx, a))
}

func (s Store) DecideActivity(ctx context.Context, id string, version int, d storage.Decide) (storage.Activity, error) {
	a, err := s.Store.DecideActivity(ctx, id, version, d)
	return a, s.count("decide_activity", err)
}

func (s Store) ResubmitActivity(ctx context.Context, id string, version int, c storage.Content, by, platform string, at time.Time) (storage.Activity, error) {
	a, err := s.Store.ResubmitActivity(ctx, id, version, c, by, platform, at)
	return a, s.count("resubmit_activity", err)
}

func (s Store) AddPrompt(ctx context.Context, id string, ref storage.MessageRef) error {
	return s.count("add_prompt", s.Store.AddPrompt(ctx, id, ref))
}

func (s Store) UpsertSKPTarget(ctx context.Context, t storage.SKPTarget) error {
	return s.count("upsert_skp_target", s.Store.UpsertSKPTarget(ctx, t))
}

func (s Store) ClaimReminder(ctx context.Context, r storage.Reminder) (bool, storage.Reminder, error) {
	held, got, err := s.Store.ClaimReminder(ctx, r)
	return held, got, s.count("claim_reminder", err)
}

func (s Store) StartReminder(ctx context.Context, key, runID string) error {
	return s.count("start_reminder", s.Store.StartReminder(ctx, key, runID))
}

func (s Store) FinishReminder(ctx context.Context, key, runID string, status storage.ReminderStatus, reason string) error {
	return s.count("finish_reminder", s.Store.FinishReminder(ctx, key, runID, status, reason))
}

func (s Store) ReleaseReminder(ctx context.Context, key, runID string) error {
	return s.count("release_reminder", s.Store.ReleaseReminder(ctx, key, runID))
}

func (s Store) GetReminder(ctx context.Context, key string) (storage.Reminder, error) {
	r, err := s.Store.GetReminder(ctx, key)
	return r, s.count("get_reminder", err)
}

func (s Store) SetReminders(ctx context.Context, nip string, on bool) error {
	return s.count("set_reminders", s.Store.SetReminders(ctx, nip, on))
}

func (s Store) TouchAccount(ctx context.Context, nip, platform string, at time.Time) error {
	return s.count("touch_account", s.Store.TouchAccount(ctx, nip, platform, at))
}

func (s Store) UpsertHoliday(ctx context.Context, h storage.Holiday) error {
	return s.count("upsert_holiday", s.Store.UpsertHoliday(ctx, h))
}

func (s Store) DeleteHoliday(ctx context.Context, date string) error {
	return s.count("delete_holiday", s.Store.DeleteHoliday(ctx, date))
}

func (s Store) ListHolidays(ctx context.Context, from, to string) ([]storage.Holiday, error) {
	hs, err := s.Store.ListHolidays(ctx, from, to)
	return hs, s.count("list_holidays", err)
}

func (s Store) ReportersOn(ctx context.Context, date string) ([]string, error) {
	nips, err := s.Store.ReportersOn(ctx, date)
	return nips, s.count("reporters_on", err)
}

func (s Store) PendingSummaries(ctx context.Context, before time.Time) ([]storage.PendingSummary, error) {
	ps, err := s.Store.PendingSummaries(ctx, before)
	return ps, s.count("pending_summaries", err)
}

func (s Store) ListPendingSubmittedBefore(ctx context.Context, t time.Time, limit int) ([]storage.Activity, error) {
	as, err := s.Store.ListPendingSubmittedBefore(ctx, t, limit)
	return as, s.count("list_pending_submitted_before", err)
}

func (s Store) MinutesBetween(ctx context.Context, from, to string) (map[string]int, error) {
	m, err := s.Store.MinutesBetween(ctx, from, to)
	return m, s.count("minutes_between", err)
}

func (s Store) AppendAudit(ctx context.Context, id string, version int, e storage.AuditEntry) (storage.Activity, error) {
	a, err := s.Store.AppendAudit(ctx, id, version, e)
	return a, s.count("append_audit", err)
}

func (s Store) RerouteActivity(ctx context.Context, id string, version int, e storage.AuditEntry) (storage.Activity, error) {
	a, err := s.Store.RerouteActivity(ctx, id, version, e)
	return a, s.count("reroute_activity", err)
}

func (s Store) ListActing(ctx context.Context) ([]storage.Acting, error) {
	l, err := s.Store.ListActing(ctx)
	return l, s.count("list_acting", err)
}

func (s Store) ReplaceActing(ctx context.Context, list []storage.Acting) error {
	return s.count("replace_acting", s.Store.ReplaceActing(ctx, list))
}

func (s Store) SwapActing(ctx context.Context, old, list []storage.Acting) error {
	return s.count("swap_acting", s.Store.SwapActing(ctx, old, list))
}

func (s Store) FeedbackOf(ctx context.Context, nip string) ([]storage.Feedback, []storage.Feedback, error) {
	given, received, err := s.Store.FeedbackOf(ctx, nip)
	return given, received, s.count("feedback_of", err)
}

func (s Store) RemindersOf(ctx context.Context, nip string) ([]storage.Reminder, error) {
	r, err := s.Store.RemindersOf(ctx, nip)
	return r, s.count("reminders_of", err)
}

func (s Store) EvidenceOf(ctx context.Context, nip string) ([]storage.Evidence, error) {
	e, err := s.Store.EvidenceOf(ctx, nip)
	return e, s.count("evidence_of", err)
}
