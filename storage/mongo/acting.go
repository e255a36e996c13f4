package mongo

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/storage"
)

// actingListID is the one document of the acting collection: the whole
// list, replaced as a whole (a single-document write).
const actingListID = "list"

type actingDocument struct {
	ID   string           `bson:"_id"`
	List []storage.Acting `bson:"list"`
}

// ListActing implements storage.Reader.
func (s *Store) ListActing(ctx context.Context) ([]storage.Acting, error) {
	var doc actingDocument
	err := s.acting.FindOne(ctx, byID(actingListID)).Decode(&doc)
	if errors.Is(err, mongodrv.ErrNoDocuments) {
		return []storage.Acting{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list acting: %w", mapErr(err))
	}
	if doc.List == nil {
		doc.List = []storage.Acting{}
	}
	return doc.List, nil
}

// ReplaceActing implements storage.Store: one upserting replace.
func (s *Store) ReplaceActing(ctx context.Context, list []storage.Acting) error {
	if list == nil {
		list = []storage.Acting{}
	}
	_, err := s.acting.ReplaceOne(ctx, byID(actingListID), actingDocument{ID: actingListID, List: list},
		options.Replace().SetUpsert(true))
	if err != nil {
		return fmt.Errorf("replace acting: %w", mapErr(err))
	}
	return nil
}

// SwapActing implements storage.Store: one conditional replace of the
// list's document, matched on the whole old list (an array of embedded
// documents matches only the same entries with the same fields in the same
// order, which the driver writes the same way for equal lists). When old
// is empty the replace upserts, so that a first list is stored; a
// document holding another list then makes the upsert's insert fail on
// the _id, which is the conflict.
func (s *Store) SwapActing(ctx context.Context, old, list []storage.Acting) error {
	if old == nil {
		old = []storage.Acting{}
	}
	if list == nil {
		list = []storage.Acting{}
	}
	filter := bson.D{{Key: "_id", Value: actingListID}, {Key: "list", Value: old}}
	res, err := s.acting.ReplaceOne(ctx, filter, actingDocument{ID: actingListID, List: list},
		options.Replace().SetUpsert(len(old) == 0))
	switch {
	case err != nil:
		return fmt.Errorf("swap acting: %w", mapErr(err))
	case res.MatchedCount == 0 && res.UpsertedCount == 0:
		return fmt.Errorf("swap acting: %w: the list changed meanwhile", storage.ErrConflict)
	}
	return nil
}
