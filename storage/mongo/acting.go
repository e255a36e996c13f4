package mongo

import (
	"context"
	"errors"
	"fmt"

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
