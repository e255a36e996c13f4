package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/storage"
)

// ensureIndexes creates the employees' indexes; creating an index that
// exists with the same keys and options is a no-op. The unique ones are
// sparse: a document without the field (no phone, no account on that
// platform) is left out, so any number of them may coexist. The store
// therefore never writes an empty phone or user id; it removes the field.
func (s *Store) ensureIndexes(ctx context.Context) error {
	if _, err := s.employees.Indexes().CreateMany(ctx, employeeIndexes()); err != nil {
		return fmt.Errorf("create employee indexes: %w", mapErr(err))
	}
	return nil
}

func employeeIndexes() []mongodrv.IndexModel {
	models := []mongodrv.IndexModel{
		sparseUnique("phone", "phone_unique"),
		{ // for ListSubordinates
			Keys:    bson.D{{Key: "supervisor_nip", Value: 1}},
			Options: options.Index().SetName("supervisor_nip"),
		},
	}
	for _, p := range storage.Platforms {
		models = append(models, sparseUnique(accountField(p)+".user_id", "accounts_"+p+"_user_id_unique"))
	}
	return models
}

func sparseUnique(field, name string) mongodrv.IndexModel {
	return mongodrv.IndexModel{
		Keys:    bson.D{{Key: field, Value: 1}},
		Options: options.Index().SetName(name).SetUnique(true).SetSparse(true),
	}
}

// accountField is the path of an employee's account on the platform.
func accountField(platform string) string { return "accounts." + platform }
