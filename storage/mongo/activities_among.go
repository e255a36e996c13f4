package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/kinerjabot/kinerjabot/storage"
)

// amongNIPs adds to a $match that nip is among nips, when nips is not nil
// (the date_nip index serves both).
func amongNIPs(match bson.D, nips []string) bson.D {
	if nips == nil {
		return match
	}
	return append(match, bson.E{Key: "nip", Value: bson.D{{Key: "$in", Value: nips}}})
}

// ReportedAmong returns which of nips have a report dated date, by NIP.
func (s *Store) ReportedAmong(ctx context.Context, date string, nips []string) ([]string, error) {
	if err := storage.CheckAmong(nips); err != nil {
		return nil, fmt.Errorf("reported among: %w", err)
	}
	all, err := s.reporters(ctx, date, append([]string{}, nips...))
	if err != nil {
		return nil, fmt.Errorf("reported among on %s: %w", date, err)
	}
	return all, nil
}

// MinutesAmong is MinutesBetween for the people of nips.
func (s *Store) MinutesAmong(ctx context.Context, from, to string, nips []string) (map[string]int, error) {
	if err := storage.CheckAmong(nips); err != nil {
		return nil, fmt.Errorf("minutes among: %w", err)
	}
	all, err := s.minutes(ctx, from, to, append([]string{}, nips...), storage.StatusPending, storage.StatusApproved)
	if err != nil {
		return nil, fmt.Errorf("minutes among %s..%s: %w", from, to, err)
	}
	return all, nil
}

// ApprovedMinutesAmong is MinutesAmong of approved reports only.
func (s *Store) ApprovedMinutesAmong(ctx context.Context, from, to string, nips []string) (map[string]int, error) {
	if err := storage.CheckAmong(nips); err != nil {
		return nil, fmt.Errorf("approved minutes among: %w", err)
	}
	all, err := s.minutes(ctx, from, to, append([]string{}, nips...), storage.StatusApproved)
	if err != nil {
		return nil, fmt.Errorf("approved minutes among %s..%s: %w", from, to, err)
	}
	return all, nil
}

// reporters runs reportersPipeline: who reported on date (of nips only,
// when not nil), by NIP.
func (s *Store) reporters(ctx context.Context, date string, nips []string) ([]string, error) {
	docs, err := aggregateAll[struct {
		NIP string `bson:"_id"`
	}](ctx, s.activities, reportersPipeline(date, nips))
	if err != nil {
		return nil, err
	}
	all := make([]string, len(docs))
	for i, d := range docs {
		all[i] = d.NIP
	}
	return all, nil
}

// minutes runs minutesPipeline: each person's minutes of reports of the
// statuses (of nips only, when not nil).
func (s *Store) minutes(ctx context.Context, from, to string, nips []string, statuses ...storage.Status) (map[string]int, error) {
	docs, err := aggregateAll[struct {
		NIP     string `bson:"_id"`
		Minutes int64  `bson:"minutes"`
	}](ctx, s.activities, minutesPipeline(from, to, nips, statuses...))
	if err != nil {
		return nil, err
	}
	all := make(map[string]int, len(docs))
	for _, d := range docs {
		all[d.NIP] = int(d.Minutes)
	}
	return all, nil
}
