package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/storage"
)

// ensureIndexes creates the indexes the store relies on; creating an index
// that exists with the same keys and options is a no-op. The employees'
// unique ones are sparse: a document without the field (no phone, no
// account on that platform) is left out, so any number of them may coexist.
// The store therefore never writes an empty phone or user id; it removes
// the field.
func (s *Store) ensureIndexes(ctx context.Context) error {
	for _, c := range []struct {
		coll   *mongodrv.Collection
		models []mongodrv.IndexModel
	}{
		{s.employees, employeeIndexes()},
		{s.activities, activityIndexes()},
		{s.evidence, evidenceIndexes()},
		{s.skpTargets, skpTargetIndexes()},
		{s.surveys, surveyIndexes()},
		{s.feedback, feedbackIndexes()},
		{s.activities, reminderActivityIndexes()},
		{s.db.Collection(evidenceBucket + ".files"), gridFSFilesIndexes()},
		{s.db.Collection(evidenceBucket + ".chunks"), gridFSChunksIndexes()},
	} {
		if _, err := c.coll.Indexes().CreateMany(ctx, c.models); err != nil {
			return fmt.Errorf("create %s indexes: %w", c.coll.Name(), mapErr(err))
		}
	}
	return nil
}

func activityIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{
		{ // ListActivities
			Keys:    bson.D{{Key: "nip", Value: 1}, {Key: "date", Value: -1}},
			Options: options.Index().SetName("nip_date"),
		},
		{ // ListPending
			Keys:    bson.D{{Key: "supervisor_nip", Value: 1}, {Key: "status", Value: 1}, {Key: "submitted_at", Value: 1}},
			Options: options.Index().SetName("supervisor_nip_status_submitted_at"),
		},
	}
}

func evidenceIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{
		{ // SimilarEvidence: multikey, one entry per band
			Keys:    bson.D{{Key: "bands", Value: 1}},
			Options: options.Index().SetName("bands"),
		},
		{
			Keys:    bson.D{{Key: "activity_id", Value: 1}},
			Options: options.Index().SetName("activity_id"),
		},
		// One file per record; the sweep finds records by their file.
		// Sparse: records written before each upload had its own file
		// have no bytes_id.
		sparseUnique("bytes_id", "bytes_id_unique"),
	}
}

func skpTargetIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{{
		Keys:    bson.D{{Key: "nip", Value: 1}, {Key: "period", Value: 1}},
		Options: options.Index().SetName("nip_period"),
	}}
}

func surveyIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{{ // SurveyStats, SurveyComments
		Keys:    bson.D{{Key: "unit_code", Value: 1}, {Key: "mode", Value: 1}, {Key: "date", Value: 1}},
		Options: options.Index().SetName("unit_code_mode_date"),
	}}
}

func feedbackIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{
		{ // FeedbackGiven
			Keys:    bson.D{{Key: "from_nip", Value: 1}, {Key: "date", Value: 1}},
			Options: options.Index().SetName("from_nip_date"),
		},
		{ // FeedbackCounts
			Keys:    bson.D{{Key: "to_nip", Value: 1}, {Key: "date", Value: 1}},
			Options: options.Index().SetName("to_nip_date"),
		},
	}
}

// The GridFS indexes are those the driver creates before a bucket's first
// write (GridFSBucket.createIndexes), with the same keys, options and
// default names, so that the driver finds them and creates nothing. They
// are made here too because the driver makes them only while the files
// collection is empty; the sweep of partial uploads reads the chunks by
// files_id.

func gridFSFilesIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{{
		Keys: bson.D{{Key: "filename", Value: int32(1)}, {Key: "uploadDate", Value: int32(1)}},
	}}
}

func gridFSChunksIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{{
		Keys:    bson.D{{Key: "files_id", Value: int32(1)}, {Key: "n", Value: int32(1)}},
		Options: options.Index().SetUnique(true),
	}}
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
