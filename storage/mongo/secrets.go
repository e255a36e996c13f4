package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/storage"
)

// surveyKeyID is the survey key's document in secrets.
const surveyKeyID = "survey"

// secretDocument is a secret replicas share, written once.
type secretDocument struct {
	Name  string `bson:"_id"`
	Value []byte `bson:"value"`
}

// SurveyKey stores candidate as the survey key unless one is stored, and
// returns the stored key: one upsert on the fixed _id whose $setOnInsert
// writes only when it inserts, answered with the document after it. Two
// upserts racing to insert may leave one a duplicate key error: the other
// inserted, and its key is read.
func (s *Store) SurveyKey(ctx context.Context, candidate []byte) ([]byte, error) {
	if len(candidate) == 0 {
		return nil, fmt.Errorf("survey key: %w: empty candidate", storage.ErrInvalid)
	}
	update := bson.D{{Key: "$setOnInsert", Value: bson.D{{Key: "value", Value: candidate}}}}
	opts := options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)
	var doc secretDocument
	err := s.secrets.FindOneAndUpdate(ctx, byID(surveyKeyID), update, opts).Decode(&doc)
	if mongodrv.IsDuplicateKeyError(err) {
		err = s.secrets.FindOne(ctx, byID(surveyKeyID)).Decode(&doc)
	}
	if err != nil {
		return nil, fmt.Errorf("survey key: %w", mapErr(err))
	}
	if len(doc.Value) == 0 {
		return nil, fmt.Errorf("survey key: the stored key is empty")
	}
	return doc.Value, nil
}
