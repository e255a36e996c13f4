package mongo

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// A report is one document: storage.Activity with its bson tags, the
// content inline. Every write to it is one single-document operation; the
// conditional ones filter on status and version, so that of two racing
// writes at one version exactly one matches.

// CreateActivity stores a new report. Storing an ID again changes nothing.
func (s *Store) CreateActivity(ctx context.Context, a storage.Activity) error {
	if a.ID == "" {
		return fmt.Errorf("create activity: %w: empty id", storage.ErrInvalid)
	}
	_, err := s.activities.InsertOne(ctx, storage.NewActivity(a, s.now()))
	if err != nil && !mongodrv.IsDuplicateKeyError(err) { // a duplicate _id: stored before
		return fmt.Errorf("create activity id=%s nip=%s: %w", a.ID, ident.MaskNIP(a.NIP), mapErr(err))
	}
	return nil
}

// GetActivity returns the report with the id, or ErrNotFound.
func (s *Store) GetActivity(ctx context.Context, id string) (storage.Activity, error) {
	var a storage.Activity
	if err := s.activities.FindOne(ctx, byID(id)).Decode(&a); err != nil {
		return storage.Activity{}, fmt.Errorf("get activity id=%s: %w", id, mapErr(err))
	}
	return tidyActivity(a), nil
}

// ListActivities returns nip's reports dated from..to inclusive, newest
// date first, then newest submission first.
func (s *Store) ListActivities(ctx context.Context, nip, from, to string) ([]storage.Activity, error) {
	all, err := s.findActivities(ctx, listActivitiesFilter(nip, from, to), options.Find().SetSort(listActivitiesSort()))
	if err != nil {
		return nil, fmt.Errorf("list activities nip=%s: %w", ident.MaskNIP(nip), err)
	}
	return all, nil
}

func listActivitiesFilter(nip, from, to string) bson.D {
	return bson.D{
		{Key: "nip", Value: nip},
		{Key: "date", Value: bson.D{{Key: "$gte", Value: from}, {Key: "$lte", Value: to}}},
	}
}

func listActivitiesSort() bson.D {
	return bson.D{{Key: "date", Value: -1}, {Key: "submitted_at", Value: -1}, {Key: "_id", Value: -1}}
}

// ListPending returns a page of the pending reports on the supervisor's
// list, oldest submission first, and how many are pending in all. A
// negative offset or limit is ErrInvalid; limit 0 returns only the total.
// The page and the count are two reads: a decision in between may make
// them disagree by one, which the next page shows.
func (s *Store) ListPending(ctx context.Context, supervisorNIP string, offset, limit int) ([]storage.Activity, int, error) {
	if offset < 0 || limit < 0 {
		return nil, 0, fmt.Errorf("list pending: %w: offset %d, limit %d", storage.ErrInvalid, offset, limit)
	}
	filter := pendingFilter(supervisorNIP)
	total, err := s.activities.CountDocuments(ctx, filter)
	if err != nil {
		return nil, 0, fmt.Errorf("list pending nip=%s: count: %w", ident.MaskNIP(supervisorNIP), mapErr(err))
	}
	page := []storage.Activity{}
	if limit > 0 && int64(offset) < total {
		// Find's limit 0 would mean no limit: limit > 0 here.
		page, err = s.findActivities(ctx, filter, pendingFindOptions(offset, limit))
		if err != nil {
			return nil, 0, fmt.Errorf("list pending nip=%s: %w", ident.MaskNIP(supervisorNIP), err)
		}
	}
	return page, int(total), nil
}

func pendingFilter(supervisorNIP string) bson.D {
	return bson.D{{Key: "supervisor_nip", Value: supervisorNIP}, {Key: "status", Value: string(storage.StatusPending)}}
}

func pendingFindOptions(offset, limit int) *options.FindOptionsBuilder {
	return options.Find().
		SetSort(bson.D{{Key: "submitted_at", Value: 1}, {Key: "_id", Value: 1}}).
		SetSkip(int64(offset)).
		SetLimit(int64(limit))
}

// DecideActivity records the decision if the report is pending at version:
// ErrConflict when it is not, ErrNotFound for an unknown id.
func (s *Store) DecideActivity(ctx context.Context, id string, version int, d storage.Decide) (storage.Activity, error) {
	if err := storage.CheckDecision(d.To); err != nil {
		return storage.Activity{}, fmt.Errorf("decide activity id=%s: %w", id, err)
	}
	now := s.now()
	d.At = stamp(d.At, now)
	a, err := s.conditional(ctx, id, decideFilter(id, version), decideUpdate(d, version, now))
	if err != nil {
		return storage.Activity{}, fmt.Errorf("decide activity id=%s version=%d to=%s: %w", id, version, d.To, err)
	}
	return a, nil
}

// decideFilter matches the report only while it is pending at version.
func decideFilter(id string, version int) bson.D {
	return bson.D{
		{Key: "_id", Value: id},
		{Key: "status", Value: string(storage.StatusPending)},
		{Key: "version", Value: version},
	}
}

// decideUpdate sets the status and decision and appends the audit entry.
// d.At is already stamped.
func decideUpdate(d storage.Decide, version int, now time.Time) bson.D {
	decision := storage.Decision{
		ByNIP: d.ByNIP, At: d.At, Reason: d.Reason, Platform: d.Platform, AsAdmin: d.AsAdmin, ActingFor: d.ActingFor, Rule: d.Rule,
		Update: d.Update,
	}
	entry := storage.AuditEntry{
		At: d.At, Action: storage.DecisionAction(d.To), ByNIP: d.ByNIP, Reason: d.Reason, Platform: d.Platform,
		AsAdmin: d.AsAdmin, ActingFor: d.ActingFor, Rule: d.Rule, Version: version,
	}
	return bson.D{
		{Key: "$set", Value: bson.D{
			{Key: "status", Value: string(d.To)},
			{Key: "decision", Value: decision},
			{Key: "updated_at", Value: now},
		}},
		{Key: "$push", Value: bson.D{{Key: "audit", Value: entry}}},
	}
}

// ResubmitActivity replaces the content of a report in revision at
// version: ErrConflict when it is not, ErrNotFound for an unknown id.
//
// It reads the report for its current content, then updates it on the
// condition that it is still in revision at that version. Only a
// resubmission changes the content, and it raises the version, so the
// content read is the one the update pushes to the history: the pair is as
// atomic as one update.
func (s *Store) ResubmitActivity(ctx context.Context, id string, version int, c storage.Content,
	by string, platform string, at time.Time,
) (storage.Activity, error) {
	cur, err := s.GetActivity(ctx, id)
	if err != nil {
		return storage.Activity{}, fmt.Errorf("resubmit activity: %w", err)
	}
	if cur.Status != storage.StatusRevision || cur.Version != version {
		return storage.Activity{}, fmt.Errorf("resubmit activity id=%s version=%d: %w: status %s at version %d",
			id, version, storage.ErrConflict, cur.Status, cur.Version)
	}
	now := s.now()
	entry := storage.AuditEntry{At: stamp(at, now), Action: storage.ActionResubmitted, ByNIP: by, Platform: platform, Version: version + 1}
	update, err := resubmitUpdate(cur.Content, c, entry, now)
	if err == nil {
		cur, err = s.conditional(ctx, id, resubmitFilter(id, version), update)
	}
	if err != nil {
		return storage.Activity{}, fmt.Errorf("resubmit activity id=%s version=%d: %w", id, version, err)
	}
	return cur, nil
}

// resubmitFilter matches the report only while it is in revision at version.
func resubmitFilter(id string, version int) bson.D {
	return bson.D{
		{Key: "_id", Value: id},
		{Key: "status", Value: string(storage.StatusRevision)},
		{Key: "version", Value: version},
	}
}

// resubmitUpdate replaces the inline content fields with next's, pushes old
// to the history, raises the version to entry.Version, sets the report
// pending, removes prompts and decision and appends the audit entry.
func resubmitUpdate(old, next storage.Content, entry storage.AuditEntry, now time.Time) (bson.D, error) {
	set, unset, err := contentFields(next)
	if err != nil {
		return nil, err
	}
	set = append(set,
		bson.E{Key: "status", Value: string(storage.StatusPending)},
		bson.E{Key: "version", Value: entry.Version},
		bson.E{Key: "updated_at", Value: now},
	)
	unset = append(unset, bson.E{Key: "prompts", Value: ""}, bson.E{Key: "decision", Value: ""})
	return bson.D{
		{Key: "$set", Value: set},
		{Key: "$unset", Value: unset},
		{Key: "$push", Value: bson.D{{Key: "history", Value: old}, {Key: "audit", Value: entry}}},
	}, nil
}

// contentFields splits the inline content fields into those c has, to set
// to their values as InsertOne would write them, and those bson's omitempty
// leaves out, to remove.
func contentFields(c storage.Content) (set, unset bson.D, err error) {
	raw, err := bson.Marshal(c)
	if err != nil {
		return nil, nil, fmt.Errorf("encode content: %w", err)
	}
	elems, err := bson.Raw(raw).Elements()
	if err != nil {
		return nil, nil, fmt.Errorf("encode content: %w", err)
	}
	present := make(map[string]bool, len(elems))
	for _, e := range elems {
		present[e.Key()] = true
		set = append(set, bson.E{Key: e.Key(), Value: e.Value()})
	}
	for _, key := range contentKeys() {
		if !present[key] {
			unset = append(unset, bson.E{Key: key, Value: ""})
		}
	}
	return set, unset, nil
}

// contentKeys lists the bson keys of storage.Content's fields, in order.
func contentKeys() []string {
	t := reflect.TypeFor[storage.Content]()
	keys := make([]string, 0, t.NumField())
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("bson"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name) // bson's default key
		}
		keys = append(keys, name)
	}
	return keys
}

// conditional applies update to the report if filter matches it and
// returns the report after. No match: ErrConflict, or ErrNotFound when
// there is no such report.
func (s *Store) conditional(ctx context.Context, id string, filter, update bson.D) (storage.Activity, error) {
	var a storage.Activity
	opts := options.FindOneAndUpdate().SetReturnDocument(options.After)
	err := s.activities.FindOneAndUpdate(ctx, filter, update, opts).Decode(&a)
	if err == nil {
		return tidyActivity(a), nil
	}
	if err = mapErr(err); errors.Is(err, storage.ErrNotFound) {
		if err = s.activityExists(ctx, id); err == nil {
			err = storage.ErrConflict
		}
	}
	return storage.Activity{}, err
}

// activityExists is nil when the report exists, ErrNotFound when not.
func (s *Store) activityExists(ctx context.Context, id string) error {
	opts := options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})
	return mapErr(s.activities.FindOne(ctx, byID(id), opts).Err())
}

// AddPrompt appends the prompt unless the report has one for the same
// message (platform, chat and message ids). ErrNotFound for an unknown id.
func (s *Store) AddPrompt(ctx context.Context, id string, ref storage.MessageRef) error {
	res, err := s.activities.UpdateOne(ctx, addPromptFilter(id, ref), addPromptUpdate(ref))
	if err == nil && res.MatchedCount == 0 {
		err = s.activityExists(ctx, id) // nil: the prompt was already there
	}
	if err != nil {
		return fmt.Errorf("add prompt id=%s: %w", id, mapErr(err))
	}
	return nil
}

// addPromptFilter matches the report unless a prompt for the same message
// is on it: the condition and the push are one atomic update, so racing
// calls store the prompt once.
func addPromptFilter(id string, ref storage.MessageRef) bson.D {
	same := bson.D{
		{Key: "platform", Value: ref.Platform},
		{Key: "chat_id", Value: ref.ChatID},
		{Key: "message_id", Value: ref.MessageID},
	}
	return bson.D{
		{Key: "_id", Value: id},
		{Key: "prompts", Value: bson.D{{Key: "$not", Value: bson.D{{Key: "$elemMatch", Value: same}}}}},
	}
}

func addPromptUpdate(ref storage.MessageRef) bson.D {
	return bson.D{{Key: "$push", Value: bson.D{{Key: "prompts", Value: ref}}}}
}

func (s *Store) findActivities(ctx context.Context, filter bson.D, opts *options.FindOptionsBuilder) ([]storage.Activity, error) {
	all, err := findAll[storage.Activity](ctx, s.activities, filter, opts)
	if err != nil {
		return nil, err
	}
	for i := range all {
		all[i] = tidyActivity(all[i])
	}
	return all, nil
}

// tidyActivity gives empty lists (an audit created empty, prompts pushed
// after a resubmission removed them) the nil of an absent list, as the
// SQLite store does.
func tidyActivity(a storage.Activity) storage.Activity {
	a.Content = tidyContent(a.Content)
	a.History = nilIfEmpty(a.History)
	for i := range a.History {
		a.History[i] = tidyContent(a.History[i])
	}
	a.Audit = nilIfEmpty(a.Audit)
	a.Prompts = nilIfEmpty(a.Prompts)
	return a
}

func tidyContent(c storage.Content) storage.Content {
	c.EvidenceIDs = nilIfEmpty(c.EvidenceIDs)
	return c
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}
