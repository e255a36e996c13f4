package mongo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// A reminder is one document of the reminders collection: storage.Reminder
// with its bson tags, _id the idempotency key. A holiday is one document of
// holidays, _id the date (YYYY-MM-DD, which orders as text). Every write is
// one single-document operation whose filter is its condition: the status
// and run a reminder must be in, the existence of the account to touch.
//
// The scheduler's reads of reports are finds and pipelines of $match,
// $group and $sort over field paths and constants only, as in surveys.go.

// claimAttempts bounds ClaimReminder's retries when the key changes under
// it between its steps (released, or claimed anew).
const claimAttempts = 3

// lastSeenKey is the field of an account that TouchAccount sets.
const lastSeenKey = "last_seen_at"

// reminderActivityIndexes serve the scheduler's reads of reports:
// ReportersOn and MinutesBetween by date, ListPendingSubmittedBefore and
// PendingSummaries by status and submission.
func reminderActivityIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{
		{
			Keys:    bson.D{{Key: "date", Value: 1}, {Key: "nip", Value: 1}},
			Options: options.Index().SetName("date_nip"),
		},
		{ // the filter, then the sort (submitted_at, _id) whole
			Keys:    bson.D{{Key: "status", Value: 1}, {Key: "submitted_at", Value: 1}, {Key: "_id", Value: 1}},
			Options: options.Index().SetName("status_submitted_at_id"),
		},
	}
}

// msUTC is t as the server gives it back: UTC, millisecond precision.
func msUTC(t time.Time) time.Time { return time.UnixMilli(t.UnixMilli()).UTC() }

// ClaimReminder records r queued under r.RunID unless its key is known,
// and takes over a key found queued. It returns whether r.RunID now holds
// the key, and the stored record.
//
// It is up to three single-document steps: insert (a duplicate _id means
// the key is known); take over, filtered on status queued; read what is
// there. A key that is sending, sent or failed never turns queued again on
// its own, so the read shows the record that refused the take-over; if
// the key was released or claimed anew in between, the steps start again.
func (s *Store) ClaimReminder(ctx context.Context, r storage.Reminder) (bool, storage.Reminder, error) {
	if err := storage.CheckReminder(r); err != nil {
		return false, storage.Reminder{}, fmt.Errorf("claim reminder key=%s: %w", r.Key, err)
	}
	now := s.now()
	r = storage.Reminder{
		Key: r.Key, Kind: r.Kind, NIP: r.NIP, Date: r.Date, Status: storage.ReminderQueued, RunID: r.RunID,
		CreatedAt: msUTC(stamp(r.CreatedAt, now)), UpdatedAt: msUTC(stamp(r.UpdatedAt, now)),
	}
	var (
		held bool
		got  storage.Reminder
	)
	err := retryConflict(claimAttempts, func() error {
		var err error
		held, got, err = s.claimOnce(ctx, r)
		return err
	})
	if err != nil {
		return false, storage.Reminder{}, fmt.Errorf("claim reminder key=%s run=%s: %w", r.Key, r.RunID, err)
	}
	return held, got, nil
}

// claimOnce is one pass of ClaimReminder's steps; ErrConflict when the key
// changed between them.
func (s *Store) claimOnce(ctx context.Context, r storage.Reminder) (bool, storage.Reminder, error) {
	_, err := s.reminders.InsertOne(ctx, r)
	if err == nil {
		return true, r, nil
	}
	if !mongodrv.IsDuplicateKeyError(err) {
		return false, storage.Reminder{}, mapErr(err)
	}
	var got storage.Reminder
	opts := options.FindOneAndUpdate().SetReturnDocument(options.After)
	err = s.reminders.FindOneAndUpdate(ctx, takeOverFilter(r.Key), takeOverUpdate(r), opts).Decode(&got)
	if err == nil {
		return true, got, nil
	}
	if err = mapErr(err); !errors.Is(err, storage.ErrNotFound) {
		return false, storage.Reminder{}, err
	}
	if err = mapErr(s.reminders.FindOne(ctx, byID(r.Key)).Decode(&got)); err != nil {
		if errors.Is(err, storage.ErrNotFound) {
			return false, storage.Reminder{}, fmt.Errorf("%w: released while claimed", storage.ErrConflict)
		}
		return false, storage.Reminder{}, err
	}
	if got.Status == storage.ReminderQueued {
		return false, storage.Reminder{}, fmt.Errorf("%w: queued anew while claimed", storage.ErrConflict)
	}
	return false, got, nil
}

// takeOverFilter matches the key only while it is queued, under any run.
func takeOverFilter(key string) bson.D {
	return bson.D{{Key: "_id", Value: key}, {Key: "status", Value: string(storage.ReminderQueued)}}
}

func takeOverUpdate(r storage.Reminder) bson.D {
	return bson.D{{Key: "$set", Value: bson.D{
		{Key: "run_id", Value: r.RunID},
		{Key: "updated_at", Value: r.UpdatedAt},
	}}}
}

// heldFilter matches the key only while runID holds it in one of the
// statuses.
func heldFilter(key, runID string, statuses ...storage.ReminderStatus) bson.D {
	in := make(bson.A, len(statuses))
	for i, st := range statuses {
		in[i] = string(st)
	}
	return bson.D{
		{Key: "_id", Value: key},
		{Key: "run_id", Value: runID},
		{Key: "status", Value: bson.D{{Key: "$in", Value: in}}},
	}
}

// StartReminder moves key from queued to sending if runID holds it.
func (s *Store) StartReminder(ctx context.Context, key, runID string) error {
	set := bson.D{{Key: "$set", Value: bson.D{
		{Key: "status", Value: string(storage.ReminderSending)},
		{Key: "updated_at", Value: s.now()},
	}}}
	err := s.moveReminder(ctx, key, heldFilter(key, runID, storage.ReminderQueued), set)
	if err != nil {
		return fmt.Errorf("start reminder key=%s run=%s: %w", key, runID, err)
	}
	return nil
}

// FinishReminder records the outcome of a key runID holds, queued or
// sending.
func (s *Store) FinishReminder(ctx context.Context, key, runID string, status storage.ReminderStatus, reason string) error {
	if status != storage.ReminderSent && status != storage.ReminderFailed {
		return fmt.Errorf("finish reminder key=%s: %w: status %q", key, storage.ErrInvalid, status)
	}
	filter := heldFilter(key, runID, storage.ReminderQueued, storage.ReminderSending)
	if err := s.moveReminder(ctx, key, filter, finishUpdate(status, reason, s.now())); err != nil {
		return fmt.Errorf("finish reminder key=%s run=%s status=%s: %w", key, runID, status, err)
	}
	return nil
}

// finishUpdate sets the outcome; an empty reason is removed (omitempty).
func finishUpdate(status storage.ReminderStatus, reason string, now time.Time) bson.D {
	var up update
	up.put("status", string(status))
	up.put("updated_at", now)
	up.optional("reason", reason)
	return up.doc()
}

// moveReminder applies the update if the filter matches the key: otherwise
// ErrConflict, or ErrNotFound when the key is unknown.
func (s *Store) moveReminder(ctx context.Context, key string, filter, update bson.D) error {
	res, err := s.reminders.UpdateOne(ctx, filter, update)
	if err != nil {
		return mapErr(err)
	}
	if res.MatchedCount > 0 {
		return nil
	}
	opts := options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})
	if err := mapErr(s.reminders.FindOne(ctx, byID(key), opts).Err()); err != nil {
		return err
	}
	return storage.ErrConflict
}

// ReleaseReminder forgets a key still queued under runID; anything else is
// left alone.
func (s *Store) ReleaseReminder(ctx context.Context, key, runID string) error {
	if _, err := s.reminders.DeleteOne(ctx, heldFilter(key, runID, storage.ReminderQueued)); err != nil {
		return fmt.Errorf("release reminder key=%s run=%s: %w", key, runID, mapErr(err))
	}
	return nil
}

// GetReminder returns the record of key, or ErrNotFound.
func (s *Store) GetReminder(ctx context.Context, key string) (storage.Reminder, error) {
	var r storage.Reminder
	if err := s.reminders.FindOne(ctx, byID(key)).Decode(&r); err != nil {
		return storage.Reminder{}, fmt.Errorf("get reminder key=%s: %w", key, mapErr(err))
	}
	return r, nil
}

// SetReminders turns nip's staff reminders on or off: reminders_off is
// set when off and removed when on (omitempty). UpsertEmployee never
// names the field, so a roster import keeps it. ErrNotFound for an
// unknown NIP.
func (s *Store) SetReminders(ctx context.Context, nip string, on bool) error {
	return s.setOff(ctx, "set reminders", "reminders_off", nip, on)
}

// TouchAccount records that nip wrote from their account on platform at
// at (the store's clock when zero), unless a later time is recorded
// ($max: messages handled out of order must not make an older account
// look the latest). The filter requires the account, so touching an
// unlinked platform creates nothing; ErrNotFound for an unknown NIP.
func (s *Store) TouchAccount(ctx context.Context, nip, platform string, at time.Time) error {
	if err := storage.CheckPlatform(platform); err != nil {
		return fmt.Errorf("touch account nip=%s: %w", ident.MaskNIP(nip), err)
	}
	res, err := s.employees.UpdateOne(ctx, touchFilter(nip, platform), touchUpdate(platform, stamp(at, s.now())))
	if err == nil && res.MatchedCount == 0 {
		err = s.ensureEmployee(ctx, nip) // nil: no account on the platform
	}
	if err != nil {
		return fmt.Errorf("touch account nip=%s platform=%s: %w", ident.MaskNIP(nip), platform, mapErr(err))
	}
	return nil
}

func touchFilter(nip, platform string) bson.D {
	return bson.D{
		{Key: "_id", Value: nip},
		{Key: accountField(platform), Value: bson.D{{Key: "$exists", Value: true}}},
	}
}

func touchUpdate(platform string, at time.Time) bson.D {
	return bson.D{{Key: "$max", Value: bson.D{{Key: accountField(platform) + "." + lastSeenKey, Value: at}}}}
}

// UpsertHoliday adds the holiday or renames it. A bad date is ErrInvalid.
func (s *Store) UpsertHoliday(ctx context.Context, h storage.Holiday) error {
	if err := storage.CheckHoliday(h); err != nil {
		return fmt.Errorf("upsert holiday: %w", err)
	}
	set := bson.D{{Key: "$set", Value: bson.D{{Key: "name", Value: h.Name}}}, // a national holiday has no units
		{Key: "$unset", Value: bson.D{{Key: "units", Value: ""}}}}
	if len(h.Units) > 0 {
		set = bson.D{{Key: "$set", Value: bson.D{{Key: "name", Value: h.Name}, {Key: "units", Value: h.Units}}}}
	}
	if _, err := s.holidays.UpdateOne(ctx, byID(h.Date), set, options.UpdateOne().SetUpsert(true)); err != nil {
		return fmt.Errorf("upsert holiday date=%s: %w", h.Date, mapErr(err))
	}
	return nil
}

// DeleteHoliday removes the holiday of the date, if any. A bad date is
// ErrInvalid.
func (s *Store) DeleteHoliday(ctx context.Context, date string) error {
	if err := storage.CheckHoliday(storage.Holiday{Date: date}); err != nil {
		return fmt.Errorf("delete holiday: %w", err)
	}
	if _, err := s.holidays.DeleteOne(ctx, byID(date)); err != nil {
		return fmt.Errorf("delete holiday date=%s: %w", date, mapErr(err))
	}
	return nil
}

// ListHolidays returns the holidays dated from..to inclusive, by date.
func (s *Store) ListHolidays(ctx context.Context, from, to string) ([]storage.Holiday, error) {
	all, err := findAll[storage.Holiday](ctx, s.holidays, holidaysFilter(from, to), options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("list holidays %s..%s: %w", from, to, err)
	}
	return all, nil
}

func holidaysFilter(from, to string) bson.D {
	return bson.D{{Key: "_id", Value: bson.D{{Key: "$gte", Value: from}, {Key: "$lte", Value: to}}}}
}

// ReportersOn returns, in NIP order and once each, who has a report of any
// status dated date (see reportersPipeline).
func (s *Store) ReportersOn(ctx context.Context, date string) ([]string, error) {
	all, err := s.reporters(ctx, date, nil)
	if err != nil {
		return nil, fmt.Errorf("reporters on %s: %w", date, err)
	}
	return all, nil
}

// reportersPipeline matches the reports dated date (the date_nip index)
// and groups them by NIP, in NIP order.
// Of the people of nips only, when not nil.
func reportersPipeline(date string, nips []string) mongodrv.Pipeline {
	return mongodrv.Pipeline{
		{{Key: "$match", Value: amongNIPs(bson.D{{Key: "date", Value: date}}, nips)}},
		{{Key: "$group", Value: bson.D{{Key: "_id", Value: "$nip"}}}},
		{{Key: "$sort", Value: bson.D{{Key: "_id", Value: 1}}}},
	}
}

// PendingSummaries counts the pending reports on each supervisor's list,
// with the oldest submission, by supervisor NIP, in one aggregation (see
// pendingSummariesPipeline).
func (s *Store) PendingSummaries(ctx context.Context, before time.Time) ([]storage.PendingSummary, error) {
	docs, err := aggregateAll[pendingSummaryDoc](ctx, s.activities, pendingSummariesPipeline(before))
	if err != nil {
		return nil, fmt.Errorf("pending summaries: %w", err)
	}
	all := make([]storage.PendingSummary, len(docs))
	for i, d := range docs {
		all[i] = storage.PendingSummary{SupervisorNIP: d.SupervisorNIP, Count: int(d.N), OldestSubmittedAt: d.Oldest}
	}
	return all, nil
}

// pendingSummaryDoc is one output document of pendingSummariesPipeline.
// $sum gives an int32, or an int64 past int32: both decode into N.
type pendingSummaryDoc struct {
	SupervisorNIP string    `bson:"_id"`
	N             int64     `bson:"n"`
	Oldest        time.Time `bson:"oldest"`
}

// pendingSummariesPipeline matches the pending reports submitted before
// before (the status_submitted_at_id index) and groups them by supervisor: how
// many, and the earliest submitted_at; by supervisor NIP.
func pendingSummariesPipeline(before time.Time) mongodrv.Pipeline {
	group := bson.D{
		{Key: "_id", Value: "$supervisor_nip"},
		{Key: "n", Value: bson.D{{Key: "$sum", Value: 1}}},
		{Key: "oldest", Value: bson.D{{Key: "$min", Value: "$submitted_at"}}},
	}
	return mongodrv.Pipeline{
		{{Key: "$match", Value: pendingBeforeFilter(before)}},
		{{Key: "$group", Value: group}},
		{{Key: "$sort", Value: bson.D{{Key: "_id", Value: 1}}}},
	}
}

// ListPendingSubmittedBefore returns the pending reports submitted before
// t (at millisecond precision), oldest submission first, at most limit,
// with the fields storage.ProjectPending keeps: a range of the
// status_submitted_at_id index, in its order, reading no report whole.
func (s *Store) ListPendingSubmittedBefore(ctx context.Context, t time.Time, limit int) ([]storage.Activity, error) {
	if err := storage.CheckPendingLimit(limit); err != nil {
		return nil, fmt.Errorf("list pending submitted before: %w", err)
	}
	all, err := s.findActivities(ctx, pendingBeforeFilter(t), pendingBeforeOptions(limit))
	if err != nil {
		return nil, fmt.Errorf("list pending submitted before %s: %w", t.UTC().Format(time.RFC3339), err)
	}
	for i := range all {
		all[i] = storage.ProjectPending(all[i])
	}
	return all, nil
}

func pendingBeforeOptions(limit int) *options.FindOptionsBuilder {
	return options.Find().
		SetSort(bson.D{{Key: "submitted_at", Value: 1}, {Key: "_id", Value: 1}}).
		SetLimit(int64(limit)).
		SetProjection(pendingProjection())
}

// pendingProjection is storage.ProjectPending's fields, as stored.
func pendingProjection() bson.D {
	var p bson.D
	for _, f := range []string{"nip", "unit_code", "supervisor_nip", "date", "description", "status", "version",
		"submitted_at", "audit", "prompts"} {
		p = append(p, bson.E{Key: f, Value: 1})
	}
	return p
}

func pendingBeforeFilter(t time.Time) bson.D {
	return bson.D{
		{Key: "status", Value: string(storage.StatusPending)},
		{Key: "submitted_at", Value: bson.D{{Key: "$lt", Value: t}}},
	}
}

// MinutesBetween sums each person's minutes of pending and approved
// reports dated from..to inclusive, in one aggregation (see
// minutesPipeline); people with none are absent.
func (s *Store) MinutesBetween(ctx context.Context, from, to string) (map[string]int, error) {
	all, err := s.minutes(ctx, from, to, nil, storage.StatusPending, storage.StatusApproved)
	if err != nil {
		return nil, fmt.Errorf("minutes between %s..%s: %w", from, to, err)
	}
	return all, nil
}

// minutesPipeline matches the reports of the statuses (MinutesBetween:
// pending and approved) dated from..to (the date_nip index) and sums their
// minutes (inline content) by NIP. Of the people of nips only, when not nil.
func minutesPipeline(from, to string, nips []string, statuses ...storage.Status) mongodrv.Pipeline {
	in := bson.A{}
	for _, st := range statuses {
		in = append(in, string(st))
	}
	match := bson.D{
		{Key: "date", Value: bson.D{{Key: "$gte", Value: from}, {Key: "$lte", Value: to}}},
		{Key: "status", Value: bson.D{{Key: "$in", Value: in}}},
	}
	group := bson.D{
		{Key: "_id", Value: "$nip"},
		{Key: "minutes", Value: bson.D{{Key: "$sum", Value: "$minutes"}}},
	}
	return mongodrv.Pipeline{
		{{Key: "$match", Value: amongNIPs(match, nips)}},
		{{Key: "$group", Value: group}},
	}
}

// AppendAudit adds e to the audit of a report still pending at version,
// stamping a zero At with the store's clock and a zero Version with
// version: ErrConflict when it is not, ErrNotFound for an unknown id.
func (s *Store) AppendAudit(ctx context.Context, id string, version int, e storage.AuditEntry) (storage.Activity, error) {
	now := s.now()
	e.At = stamp(e.At, now)
	if e.Version == 0 {
		e.Version = version
	}
	a, err := s.conditional(ctx, id, decideFilter(id, version), appendAuditUpdate(e, now))
	if err != nil {
		return storage.Activity{}, fmt.Errorf("append audit id=%s version=%d action=%s: %w", id, version, e.Action, err)
	}
	return a, nil
}

func appendAuditUpdate(e storage.AuditEntry, now time.Time) bson.D {
	return bson.D{
		{Key: "$set", Value: bson.D{{Key: "updated_at", Value: now}}},
		{Key: "$push", Value: bson.D{{Key: "audit", Value: e}}},
	}
}
