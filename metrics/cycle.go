package metrics

import (
	"context"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// The performance cycle's store methods (storage.CycleStore), counted like
// the others.

func (s Store) AddCoaching(ctx context.Context, c storage.Coaching) error {
	return s.count("add_coaching", s.Store.AddCoaching(ctx, c))
}

func (s Store) GetCoaching(ctx context.Context, id string) (storage.Coaching, error) {
	c, err := s.Store.GetCoaching(ctx, id)
	return c, s.count("get_coaching", err)
}

func (s Store) ReplyCoaching(ctx context.Context, id, toNIP string, reply storage.CoachingReply, answer string, at time.Time) (storage.Coaching, error) {
	c, err := s.Store.ReplyCoaching(ctx, id, toNIP, reply, answer, at)
	return c, s.count("reply_coaching", err)
}

func (s Store) CoachingReceived(ctx context.Context, toNIP string, since time.Time, limit int) ([]storage.Coaching, error) {
	cs, err := s.Store.CoachingReceived(ctx, toNIP, since, limit)
	return cs, s.count("coaching_received", err)
}

func (s Store) CoachingBetween(ctx context.Context, from, to time.Time, limit int) ([]storage.Coaching, error) {
	cs, err := s.Store.CoachingBetween(ctx, from, to, limit)
	return cs, s.count("coaching_between", err)
}

func (s Store) CoachingPairsSince(ctx context.Context, since time.Time) ([]storage.CoachingPair, error) {
	ps, err := s.Store.CoachingPairsSince(ctx, since)
	return ps, s.count("coaching_pairs_since", err)
}

func (s Store) CompetencyJP(ctx context.Context, nip, from, to string) (int, error) {
	jp, err := s.Store.CompetencyJP(ctx, nip, from, to)
	return jp, s.count("competency_jp", err)
}
