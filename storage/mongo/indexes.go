package mongo

import (
	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/storage"
)

// wantedIndexes lists, by collection, the indexes the store relies on,
// each named: Migrate reconciles them by name (reconcile.go). The
// employees' unique ones are sparse: a document without the field (no
// phone, no account on that platform) is left out, so any number of them
// may coexist. The store therefore never writes an empty phone or user id;
// it removes the field. Changing anything here means raising schemaVersion;
// an index renamed or given up goes to its collection's retired names.
func (s *Store) wantedIndexes() []collectionIndexes {
	return []collectionIndexes{
		{coll: s.employees, models: employeeIndexes()},
		{coll: s.activities, models: append(activityIndexes(), reminderActivityIndexes()...),
			// Schema 2's pending-list indexes, without _id.
			retired: []string{"supervisor_nip_status_submitted_at", "status_submitted_at"}},
		{coll: s.evidence, models: evidenceIndexes(),
			// No query looks evidence up by report (SimilarEvidence's
			// $ne on it cannot use an index).
			retired: []string{"activity_id"}},
		{coll: s.skpTargets, models: skpTargetIndexes()},
		{coll: s.surveys, models: surveyIndexes()},
		{coll: s.linkCodes, models: linkCodeIndexes()},
		{coll: s.feedback, models: feedbackIndexes()},
		{coll: s.coaching, models: coachingIndexes()},
		{coll: s.reminders, models: reminderIndexes()},
		{coll: s.evals, models: evaluationIndexes()},
		{coll: s.practices(), models: practiceIndexes()},
		{coll: s.auditLog, models: auditLogIndexes()},
		{coll: s.bucket.GetFilesCollection(), models: gridFSFilesIndexes()},
		{coll: s.bucket.GetChunksCollection(), models: gridFSChunksIndexes()},
	}
}

func activityIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{
		{ // ListActivities, CompetencyJP
			Keys:    bson.D{{Key: "nip", Value: 1}, {Key: "date", Value: -1}},
			Options: options.Index().SetName("nip_date"),
		},
		{ // ListPending: its filter, then its sort (submitted_at, _id) whole, so that a page is a range
			// of the index read in order, never a sort in memory
			Keys: bson.D{{Key: "supervisor_nip", Value: 1}, {Key: "status", Value: 1}, {Key: "submitted_at", Value: 1},
				{Key: "_id", Value: 1}},
			Options: options.Index().SetName("supervisor_nip_status_submitted_at_id"),
		},
	}
}

func evidenceIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{
		{ // SimilarEvidence: multikey, one entry per band
			Keys:    bson.D{{Key: "bands", Value: 1}},
			Options: options.Index().SetName("bands"),
		},
		// One file per record; the sweep finds records by their file.
		// Sparse: records written before each upload had its own file
		// have no bytes_id.
		sparseUnique("bytes_id", "bytes_id_unique"),
		{ // EvidenceOf (/dataku)
			Keys:    bson.D{{Key: "nip", Value: 1}, {Key: "created_at", Value: 1}},
			Options: options.Index().SetName("nip_created_at"),
		},
		{ // ScanEvidence (retention): pages in (created_at, _id) order
			Keys:    bson.D{{Key: "created_at", Value: 1}, {Key: "_id", Value: 1}},
			Options: options.Index().SetName("created_at_id"),
		},
	}
}

func reminderIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{{ // RemindersOf (/dataku)
		Keys:    bson.D{{Key: "nip", Value: 1}, {Key: "date", Value: 1}},
		Options: options.Index().SetName("nip_date"),
	}}
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
	}, { // ForgetSurveyChats (retention): a cleared hash ("") leaves the range it reads
		Keys:    bson.D{{Key: "chat_hash", Value: 1}, {Key: "at", Value: 1}},
		Options: options.Index().SetName("chat_hash_at"),
	}}
}

func linkCodeIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{{ // DeleteLinkCodes (retention)
		Keys:    bson.D{{Key: "expires_at", Value: 1}},
		Options: options.Index().SetName("expires_at"),
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
// the server's default names, so that the driver finds them and creates
// nothing. They
// are made here too because the driver makes them only while the files
// collection is empty; the sweep of partial uploads reads the chunks by
// files_id.

func gridFSFilesIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{{
		Keys:    bson.D{{Key: "filename", Value: int32(1)}, {Key: "uploadDate", Value: int32(1)}},
		Options: options.Index().SetName("filename_1_uploadDate_1"),
	}}
}

func gridFSChunksIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{{
		Keys:    bson.D{{Key: "files_id", Value: int32(1)}, {Key: "n", Value: int32(1)}},
		Options: options.Index().SetName("files_id_1_n_1").SetUnique(true),
	}}
}

func employeeIndexes() []mongodrv.IndexModel {
	models := []mongodrv.IndexModel{
		sparseUnique("phone", "phone_unique"),
		{ // for ListSubordinates
			Keys:    bson.D{{Key: "supervisor_nip", Value: 1}},
			Options: options.Index().SetName("supervisor_nip"),
		},
		{ // FindEmployees of units: a unit's people a page at a time, in NIP order
			Keys:    bson.D{{Key: "unit_code", Value: 1}, {Key: "_id", Value: 1}},
			Options: options.Index().SetName("unit_code_id"),
		},
		{ // FindEmployees of admins (a unit's, for escalations and approvals)
			Keys:    bson.D{{Key: "role", Value: 1}, {Key: "unit_code", Value: 1}, {Key: "_id", Value: 1}},
			Options: options.Index().SetName("role_unit_code_id"),
		},
		{ // FindEmployees of those who left (or who are active), in NIP order
			Keys:    bson.D{{Key: "active", Value: 1}, {Key: "_id", Value: 1}},
			Options: options.Index().SetName("active_id"),
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
