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

// A supervisor's feedback is one document of the coaching collection,
// storage.Coaching with its bson tags, written once (InsertOne) and
// updated once: the person's reply, by a findOneAndUpdate whose filter
// requires no reply yet, so of two answers racing one wins.

func coachingIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{
		{ // CoachingReceived
			Keys:    bson.D{{Key: "to_nip", Value: 1}, {Key: "at", Value: -1}},
			Options: options.Index().SetName("to_nip_at"),
		},
		{ // CoachingBetween; CoachingPairsSince's $match and $group read the index alone
			Keys:    bson.D{{Key: "at", Value: 1}, {Key: "from_nip", Value: 1}, {Key: "to_nip", Value: 1}},
			Options: options.Index().SetName("at_from_nip_to_nip"),
		},
	}
}

// AddCoaching stores open feedback; storing an ID again changes nothing.
func (s *Store) AddCoaching(ctx context.Context, c storage.Coaching) error {
	if err := storage.CheckCoaching(c); err != nil {
		return fmt.Errorf("add coaching id=%s: %w", c.ID, err)
	}
	c.At = msUTC(stamp(c.At, s.now()))
	c.Reply, c.Answer, c.RepliedAt = storage.CoachingOpen, "", time.Time{}
	_, err := s.coaching.InsertOne(ctx, c)
	if err != nil && !mongodrv.IsDuplicateKeyError(err) { // a duplicate _id: stored before
		return fmt.Errorf("add coaching id=%s from=%s to=%s: %w", c.ID, ident.MaskNIP(c.FromNIP), ident.MaskNIP(c.ToNIP), mapErr(err))
	}
	return nil
}

// GetCoaching returns the feedback with the id, or ErrNotFound.
func (s *Store) GetCoaching(ctx context.Context, id string) (storage.Coaching, error) {
	var c storage.Coaching
	if err := s.coaching.FindOne(ctx, byID(id)).Decode(&c); err != nil {
		return storage.Coaching{}, fmt.Errorf("get coaching id=%s: %w", id, mapErr(err))
	}
	return tidyCoaching(c), nil
}

// ReplyCoaching records the one reply of open feedback to toNIP.
func (s *Store) ReplyCoaching(ctx context.Context, id, toNIP string, reply storage.CoachingReply, answer string, at time.Time) (storage.Coaching, error) {
	if err := storage.CheckCoachingReply(reply, answer); err != nil {
		return storage.Coaching{}, fmt.Errorf("reply coaching id=%s: %w", id, err)
	}
	filter := bson.D{{Key: "_id", Value: id}, {Key: "to_nip", Value: toNIP}, {Key: "reply", Value: bson.D{{Key: "$exists", Value: false}}}}
	set := bson.D{{Key: "reply", Value: string(reply)}, {Key: "replied_at", Value: msUTC(stamp(at, s.now()))}}
	if answer != "" {
		set = append(set, bson.E{Key: "answer", Value: answer})
	}
	var c storage.Coaching
	opts := options.FindOneAndUpdate().SetReturnDocument(options.After)
	err := mapErr(s.coaching.FindOneAndUpdate(ctx, filter, bson.D{{Key: "$set", Value: set}}, opts).Decode(&c))
	if errors.Is(err, storage.ErrNotFound) {
		cur, gerr := s.GetCoaching(ctx, id)
		switch {
		case gerr == nil && cur.ToNIP == toNIP:
			err = storage.ErrConflict
		case gerr != nil && !errors.Is(gerr, storage.ErrNotFound):
			return storage.Coaching{}, gerr
		}
	}
	if err != nil {
		return storage.Coaching{}, fmt.Errorf("reply coaching id=%s: %w", id, err)
	}
	return tidyCoaching(c), nil
}

// CoachingReceived returns toNIP's feedback since, newest first.
func (s *Store) CoachingReceived(ctx context.Context, toNIP string, since time.Time, limit int) ([]storage.Coaching, error) {
	if limit < 0 {
		return nil, fmt.Errorf("coaching received: %w: limit %d", storage.ErrInvalid, limit)
	}
	filter := bson.D{{Key: "to_nip", Value: toNIP}, {Key: "at", Value: bson.D{{Key: "$gte", Value: since}}}}
	opts := options.Find().SetSort(bson.D{{Key: "at", Value: -1}, {Key: "_id", Value: 1}}).SetLimit(int64(limit))
	all, err := s.findCoaching(ctx, filter, opts, limit)
	if err != nil {
		return nil, fmt.Errorf("coaching received nip=%s: %w", ident.MaskNIP(toNIP), err)
	}
	return all, nil
}

// CoachingBetween returns the feedback given in [from, to), oldest first.
func (s *Store) CoachingBetween(ctx context.Context, from, to time.Time, limit int) ([]storage.Coaching, error) {
	if limit < 0 {
		return nil, fmt.Errorf("coaching between: %w: limit %d", storage.ErrInvalid, limit)
	}
	filter := bson.D{{Key: "at", Value: bson.D{{Key: "$gte", Value: from}, {Key: "$lt", Value: to}}}}
	opts := options.Find().SetSort(bson.D{{Key: "at", Value: 1}, {Key: "_id", Value: 1}}).SetLimit(int64(limit))
	all, err := s.findCoaching(ctx, filter, opts, limit)
	if err != nil {
		return nil, fmt.Errorf("coaching between: %w", err)
	}
	return all, nil
}

// findCoaching runs a find; limit 0 is an empty list (the driver reads
// SetLimit(0) as no limit).
func (s *Store) findCoaching(ctx context.Context, filter bson.D, opts *options.FindOptionsBuilder, limit int) ([]storage.Coaching, error) {
	all := []storage.Coaching{}
	if limit == 0 {
		return all, nil
	}
	cur, err := s.coaching.Find(ctx, filter, opts)
	if err != nil {
		return nil, mapErr(err)
	}
	if err := cur.All(ctx, &all); err != nil {
		return nil, mapErr(err)
	}
	for i := range all {
		all[i] = tidyCoaching(all[i])
	}
	return all, nil
}

// pairDoc is one output document of CoachingPairsSince's pipeline.
type pairDoc struct {
	ID struct {
		From string `bson:"from"`
		To   string `bson:"to"`
	} `bson:"_id"`
	Last time.Time `bson:"last"`
}

// CoachingPairsSince returns the latest feedback per giver and receiver.
func (s *Store) CoachingPairsSince(ctx context.Context, since time.Time) ([]storage.CoachingPair, error) {
	pipeline := mongodrv.Pipeline{
		{{Key: "$match", Value: bson.D{{Key: "at", Value: bson.D{{Key: "$gte", Value: since}}}}}},
		{{Key: "$group", Value: bson.D{
			{Key: "_id", Value: bson.D{{Key: "from", Value: "$from_nip"}, {Key: "to", Value: "$to_nip"}}},
			{Key: "last", Value: bson.D{{Key: "$max", Value: "$at"}}},
		}}},
		{{Key: "$sort", Value: bson.D{{Key: "_id.from", Value: 1}, {Key: "_id.to", Value: 1}}}},
	}
	cur, err := s.coaching.Aggregate(ctx, pipeline)
	if err != nil {
		return nil, fmt.Errorf("coaching pairs: %w", mapErr(err))
	}
	var docs []pairDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("coaching pairs: %w", mapErr(err))
	}
	out := make([]storage.CoachingPair, 0, len(docs))
	for _, d := range docs {
		out = append(out, storage.CoachingPair{FromNIP: d.ID.From, ToNIP: d.ID.To, Last: d.Last.UTC()})
	}
	return out, nil
}

// jpDoc is the output document of CompetencyJP's pipeline.
type jpDoc struct {
	JP int64 `bson:"jp"`
}

// CompetencyJP sums the JP of nip's approved competency reports (the
// nip_date index).
func (s *Store) CompetencyJP(ctx context.Context, nip, from, to string) (int, error) {
	pipeline := mongodrv.Pipeline{
		{{Key: "$match", Value: bson.D{
			{Key: "nip", Value: nip},
			{Key: "date", Value: bson.D{{Key: "$gte", Value: from}, {Key: "$lte", Value: to}}},
			{Key: "status", Value: string(storage.StatusApproved)},
			{Key: "kind", Value: string(storage.KindCompetency)},
		}}},
		{{Key: "$group", Value: bson.D{{Key: "_id", Value: nil}, {Key: "jp", Value: bson.D{{Key: "$sum", Value: "$jp"}}}}}},
	}
	cur, err := s.activities.Aggregate(ctx, pipeline)
	if err != nil {
		return 0, fmt.Errorf("competency JP nip=%s: %w", ident.MaskNIP(nip), mapErr(err))
	}
	var docs []jpDoc
	if err := cur.All(ctx, &docs); err != nil {
		return 0, fmt.Errorf("competency JP nip=%s: %w", ident.MaskNIP(nip), mapErr(err))
	}
	if len(docs) == 0 {
		return 0, nil
	}
	return int(docs[0].JP), nil
}

// tidyCoaching gives times in UTC, as every store returns them.
func tidyCoaching(c storage.Coaching) storage.Coaching {
	c.At = c.At.UTC()
	if !c.RepliedAt.IsZero() {
		c.RepliedAt = c.RepliedAt.UTC()
	}
	return c
}
