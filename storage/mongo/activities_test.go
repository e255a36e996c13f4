package mongo

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/storage"
)

// These tests need no server: they check the filters and updates the store
// sends, and the documents it writes, by encoding them with the driver's
// own codecs.

// roundTrip encodes v as BSON and decodes it into out, as a write then a
// read through the server would.
func roundTrip(t *testing.T, v, out any) {
	t.Helper()
	raw, err := bson.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %T: %v", v, err)
	}
	if err := bson.Unmarshal(raw, out); err != nil {
		t.Fatalf("unmarshal into %T: %v", out, err)
	}
}

// asDoc encodes v and decodes it as a generic document, nested documents
// as bson.M too, to look up paths.
func asDoc(t *testing.T, v any) bson.M {
	t.Helper()
	raw, err := bson.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %T: %v", v, err)
	}
	dec := bson.NewDecoder(bson.NewDocumentReader(bytes.NewReader(raw)))
	dec.DefaultDocumentM()
	var m bson.M
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("decode %T: %v", v, err)
	}
	return m
}

// lookup follows a dotted path through nested documents.
func lookup(m bson.M, path string) (any, bool) {
	var cur any = m
	for _, key := range strings.Split(path, ".") {
		doc, ok := cur.(bson.M)
		if !ok {
			return nil, false
		}
		if cur, ok = doc[key]; !ok {
			return nil, false
		}
	}
	return cur, true
}

func checkPath(t *testing.T, m bson.M, path string, want any) {
	t.Helper()
	got, ok := lookup(m, path)
	if !ok {
		t.Errorf("%s missing from %v", path, m)
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v (%T), want %#v (%T)", path, got, got, want, want)
	}
}

func ms(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }

func sampleActivity() storage.Activity {
	start := 0
	at := time.Date(2025, 3, 10, 8, 0, 0, 123_456_789, time.FixedZone("WITA", 8*3600))
	return storage.Activity{
		ID: "01JQ", NIP: "198501012010010001", UnitCode: "PKM01", SupervisorNIP: "198501012010010900",
		Date: "2025-03-10",
		Content: storage.Content{
			StartMinute: &start, Minutes: 90, Description: "Kegiatan", OutputVolume: 0.1 + 0.2,
			OutputUnit: "laporan", SKPTargetID: "skp-1", Location: &storage.Point{Lat: 0, Lon: 109.3425},
			EvidenceIDs: []string{"E3", "E1", "E2"}, ReuseFlag: true,
			Kind: storage.KindCompetency, Training: storage.TrainingCourse, JP: 8,
		},
		Status: storage.StatusRevision, Version: 2,
		History:  []storage.Content{{Minutes: 30, Description: "lama"}},
		Decision: &storage.Decision{ByNIP: "198501012010010900", At: at, Reason: "foto", Platform: "telegram", AsAdmin: true},
		Audit: []storage.AuditEntry{
			{At: at, Action: storage.ActionSubmitted, ByNIP: "198501012010010001", Version: 1},
			{At: at, Action: storage.ActionRevision, ByNIP: "198501012010010900", Reason: "foto", Platform: "telegram", AsAdmin: true, Version: 2},
		},
		Prompts:     []storage.MessageRef{{Platform: "telegram", ChatID: "1", MessageID: "2", Photo: true}},
		SubmittedAt: at, CreatedAt: at, UpdatedAt: at,
	}
}

// The activity document decodes to the same record: content inline, a
// zero start minute and a point on the equator kept, times in UTC at
// millisecond precision.
func TestActivityDocumentRoundTrip(t *testing.T) {
	want := sampleActivity()
	var got storage.Activity
	roundTrip(t, storage.NewActivity(want, time.Now()), &got)
	got = tidyActivity(got)

	want.SubmittedAt, want.CreatedAt, want.UpdatedAt = ms(want.SubmittedAt), ms(want.CreatedAt), ms(want.UpdatedAt)
	want.Decision.At = ms(want.Decision.At)
	for i := range want.Audit {
		want.Audit[i].At = ms(want.Audit[i].At)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip\n got: %+v\nwant: %+v", got, want)
	}
	if got.SubmittedAt.Location() != time.UTC {
		t.Errorf("SubmittedAt in %v, want UTC", got.SubmittedAt.Location())
	}
	doc := asDoc(t, storage.NewActivity(want, time.Now()))
	checkPath(t, doc, "start_minute", int32(0))
	checkPath(t, doc, "_id", "01JQ")
	if _, nested := doc["content"]; nested {
		t.Error("content is a sub-document, want its fields inline")
	}
}

// A new report's audit is an array, never null: $push fails on null.
func TestNewActivityAuditIsArray(t *testing.T) {
	a := sampleActivity()
	a.Audit, a.Version, a.Status = nil, 0, ""
	a.SubmittedAt, a.CreatedAt, a.UpdatedAt = time.Time{}, time.Time{}, time.Time{}
	now := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	n := storage.NewActivity(a, now)
	doc := asDoc(t, n)
	if audit, ok := doc["audit"].(bson.A); !ok || len(audit) != 0 {
		t.Errorf("audit = %#v, want an empty array", doc["audit"])
	}
	if n.Version != 1 || n.Status != storage.StatusPending || !n.SubmittedAt.Equal(now) || !n.CreatedAt.Equal(now) || !n.UpdatedAt.Equal(now) {
		t.Errorf("newActivity = version %d, status %q, times %v %v %v", n.Version, n.Status, n.SubmittedAt, n.CreatedAt, n.UpdatedAt)
	}
}

func TestDecideFilter(t *testing.T) {
	f := asDoc(t, decideFilter("01JQ", 3))
	if len(f) != 3 {
		t.Errorf("filter %v, want exactly _id, status and version", f)
	}
	checkPath(t, f, "_id", "01JQ")
	checkPath(t, f, "status", "pending")
	checkPath(t, f, "version", int32(3))
}

func TestDecideUpdate(t *testing.T) {
	at := time.Date(2025, 3, 10, 1, 2, 3, 0, time.UTC)
	now := at.Add(time.Second)
	d := storage.Decide{To: storage.StatusRevision, ByNIP: "198501012010010900", Reason: "foto", Platform: "whatsapp", AsAdmin: true, At: at}
	u := decideUpdate(d, 3, now)
	ops := operators(t, u)
	checkOperators(t, ops, map[string]string{"$set": "status,decision,updated_at", "$push": "audit"})
	doc := asDoc(t, u)
	checkPath(t, doc, "$set.status", "revision")
	checkPath(t, doc, "$set.updated_at", bson.DateTime(now.UnixMilli()))
	checkPath(t, doc, "$set.decision", bson.M{
		"by_nip": d.ByNIP, "at": bson.DateTime(at.UnixMilli()), "reason": "foto", "platform": "whatsapp", "as_admin": true,
	})
	checkPath(t, doc, "$push.audit", bson.M{
		"at": bson.DateTime(at.UnixMilli()), "action": "revision", "by_nip": d.ByNIP, "reason": "foto",
		"platform": "whatsapp", "as_admin": true, "version": int32(3),
	})
}

func TestResubmitFilter(t *testing.T) {
	f := asDoc(t, resubmitFilter("01JQ", 2))
	if len(f) != 3 {
		t.Errorf("filter %v, want exactly _id, status and version", f)
	}
	checkPath(t, f, "_id", "01JQ")
	checkPath(t, f, "status", "revision")
	checkPath(t, f, "version", int32(2))
}

func TestResubmitUpdate(t *testing.T) {
	old := sampleActivity().Content
	next := storage.Content{Minutes: 45, Description: "baru", OutputVolume: 2, EvidenceIDs: []string{"E9"}}
	at := time.Date(2025, 3, 10, 1, 2, 3, 0, time.UTC)
	entry := storage.AuditEntry{At: at, Action: storage.ActionResubmitted, ByNIP: "198501012010010001", Platform: "telegram", Version: 3}
	u, err := resubmitUpdate(old, next, entry, at)
	if err != nil {
		t.Fatal(err)
	}
	ops := operators(t, u)
	checkOperators(t, ops, map[string]string{
		"$set":   "minutes,description,output_volume,evidence_ids,status,version,updated_at",
		"$unset": "start_minute,output_unit,skp_target_id,location,reuse_flag,kind,training,jp,prompts,decision",
		"$push":  "history,audit",
	})
	doc := asDoc(t, u)
	checkPath(t, doc, "$set.status", "pending")
	checkPath(t, doc, "$set.version", int32(3))
	checkPath(t, doc, "$set.minutes", int32(45))
	checkPath(t, doc, "$set.output_volume", 2.0)
	checkPath(t, doc, "$set.evidence_ids", bson.A{"E9"})
	checkPath(t, doc, "$push.audit.version", int32(3))
	checkPath(t, doc, "$push.audit.action", "resubmitted")
	var pushed storage.Content
	raw, _ := bson.Marshal(doc["$push"].(bson.M)["history"])
	if err := bson.Unmarshal(raw, &pushed); err != nil || !reflect.DeepEqual(pushed, old) {
		t.Errorf("pushed history %+v, %v; want the old content %+v", pushed, err, old)
	}
	// One path in two operators is refused by the server.
	seen := map[string]string{}
	for op, fields := range ops {
		for _, f := range fields {
			if prev, dup := seen[f]; dup {
				t.Errorf("%s in both %s and %s", f, prev, op)
			}
			seen[f] = op
		}
	}
}

// contentKeys must name every field bson writes for a Content, so that a
// resubmission removes what the new content lacks.
func TestContentKeys(t *testing.T) {
	full := sampleActivity().Content
	raw, err := bson.Marshal(full)
	if err != nil {
		t.Fatal(err)
	}
	elems, _ := bson.Raw(raw).Elements()
	var written []string
	for _, e := range elems {
		written = append(written, e.Key())
	}
	if got := contentKeys(); !slices.Equal(got, written) {
		t.Errorf("contentKeys = %v, a full content writes %v", got, written)
	}
	set, unset, err := contentFields(full)
	if err != nil || len(set) != len(written) || len(unset) != 0 {
		t.Errorf("contentFields(full) = %d set, %v unset, %v; want all set", len(set), unset, err)
	}
	set, unset, _ = contentFields(storage.Content{})
	if len(set) != 2 || set[0].Key != "minutes" || set[1].Key != "description" || len(unset) != len(written)-2 {
		t.Errorf("contentFields(zero) = set %v, unset %v", set, unset)
	}
}

func TestAddPromptFilter(t *testing.T) {
	ref := storage.MessageRef{Platform: "telegram", ChatID: "900", MessageID: "77", Photo: true}
	f := asDoc(t, addPromptFilter("01JQ", ref))
	checkPath(t, f, "_id", "01JQ")
	checkPath(t, f, "prompts.$not.$elemMatch", bson.M{"platform": "telegram", "chat_id": "900", "message_id": "77"})
	u := asDoc(t, addPromptUpdate(ref))
	checkPath(t, u, "$push.prompts", bson.M{"platform": "telegram", "chat_id": "900", "message_id": "77", "photo": true})
}

func TestListFilters(t *testing.T) {
	f := asDoc(t, listActivitiesFilter("198501012010010001", "2025-03-01", "2025-03-31"))
	checkPath(t, f, "nip", "198501012010010001")
	checkPath(t, f, "date", bson.M{"$gte": "2025-03-01", "$lte": "2025-03-31"})
	if got := keys(listActivitiesSort()); got != "date:-1,submitted_at:-1,_id:-1" {
		t.Errorf("ListActivities sort = %s", got)
	}

	p := asDoc(t, pendingFilter("198501012010010900"))
	if len(p) != 2 {
		t.Errorf("pending filter %v, want supervisor_nip and status", p)
	}
	checkPath(t, p, "supervisor_nip", "198501012010010900")
	checkPath(t, p, "status", "pending")
	var o options.FindOptions
	for _, set := range pendingFindOptions(20, 10).List() {
		if err := set(&o); err != nil {
			t.Fatal(err)
		}
	}
	if o.Skip == nil || *o.Skip != 20 || o.Limit == nil || *o.Limit != 10 {
		t.Errorf("pending skip, limit = %v, %v; want 20, 10", o.Skip, o.Limit)
	}
	if got := keys(o.Sort.(bson.D)); got != "submitted_at:1,_id:1" {
		t.Errorf("pending sort = %s", got)
	}
}

func keys(d bson.D) string {
	out := make([]string, len(d))
	for i, e := range d {
		out[i] = fmt.Sprintf("%s:%v", e.Key, e.Value)
	}
	return strings.Join(out, ",")
}

// BSON has no unsigned 64-bit integer: the evidence document keeps the
// hash's bits in an int64 and gives every one back.
func TestEvidenceDocumentPHash(t *testing.T) {
	taken := time.Date(2025, 3, 9, 7, 0, 0, 999_999_999, time.UTC)
	for _, h := range []uint64{0, 1, 1<<63 - 1, 1 << 63, 0xFEDC_BA98_7654_3210, math.MaxUint64} {
		e := storage.Evidence{ID: "E1", ActivityID: "01JQ", PHash: h, Bands: []int{0xFEDC, 0, 0, 0xFFFF},
			TakenAt: &taken, GPS: &storage.Point{Lat: 0, Lon: 1}, CreatedAt: taken}
		var d evidenceDoc
		roundTrip(t, toEvidenceDoc(e), &d)
		got := d.evidence()
		if got.PHash != h {
			t.Errorf("PHash %#x came back %#x", h, got.PHash)
		}
		if !slices.Equal(got.Bands, e.Bands) || got.GPS == nil || *got.GPS != *e.GPS || !got.TakenAt.Equal(ms(taken)) {
			t.Errorf("evidence %+v came back %+v", e, got)
		}
	}
	// Why the document type exists: the record itself cannot be encoded.
	if _, err := bson.Marshal(storage.Evidence{PHash: 1 << 63}); err == nil {
		t.Log("the driver now encodes uint64 above MaxInt64; evidenceDoc may be unneeded")
	}
	if doc := asDoc(t, toEvidenceDoc(storage.Evidence{ID: "E1"})); doc["bands"] == nil {
		t.Errorf("bands of an evidence without any = %#v, want an empty array", doc["bands"])
	}
}

func TestSimilarFilter(t *testing.T) {
	f := asDoc(t, similarFilter([]int{1, 65535}, "01JQ"))
	checkPath(t, f, "bands", bson.M{"$in": bson.A{int32(1), int32(65535)}})
	checkPath(t, f, "activity_id", bson.M{"$ne": "01JQ"})
	// At least two distinct shared bands, counted on the server; a
	// document without bands counts none rather than failing.
	checkPath(t, f, "$expr", bson.M{"$gte": bson.A{
		bson.M{"$size": bson.M{"$setIntersection": bson.A{
			bson.M{"$ifNull": bson.A{"$bands", bson.A{}}},
			bson.M{"$literal": bson.A{int32(1), int32(65535)}},
		}}},
		int32(storage.SimilarBands),
	}})
	o := findOptions(t, similarOptions())
	if o.Limit == nil || *o.Limit != storage.SimilarEvidenceLimit {
		t.Errorf("limit = %v, want %d", o.Limit, storage.SimilarEvidenceLimit)
	}
	if got := keys(o.Projection.(bson.D)); got != "activity_id:1,phash:1,created_at:1" {
		t.Errorf("projection = %s", got)
	}
	if distinct([]int{65535, 1, 1, 1}) != 2 || distinct(nil) != 0 {
		t.Error("distinct miscounts")
	}
}

func TestCompareSKPTargets(t *testing.T) {
	all := []storage.SKPTarget{
		{ID: "5", Kind: "tambahan", RHK: "A"},
		{ID: "6", Kind: "lain", RHK: "A"},
		{ID: "3", Kind: "utama", RHK: "B", Indikator: "2"},
		{ID: "1", Kind: "utama", RHK: "A"},
		{ID: "2", Kind: "utama", RHK: "B", Indikator: "1"},
		{ID: "4", Kind: "tambahan", RHK: "0"},
	}
	slices.SortFunc(all, compareSKPTargets)
	var got []string
	for _, x := range all {
		got = append(got, x.ID)
	}
	if strings.Join(got, "") != "123456" {
		t.Errorf("order %v, want 1..6", got)
	}
}

func TestActivityIndexes(t *testing.T) {
	cases := []struct {
		name   string
		models []string
		want   string
	}{
		{"activities", indexKeys(t, activityIndexes()), "nip:1,date:-1 supervisor_nip:1,status:1,submitted_at:1,_id:1"},
		{"evidence", indexKeys(t, evidenceIndexes()), "bands:1 bytes_id:1 unique nip:1,created_at:1 created_at:1,_id:1"},
		{"reminders", indexKeys(t, reminderIndexes()), "nip:1,date:1"},
		{"skp_targets", indexKeys(t, skpTargetIndexes()), "nip:1,period:1"},
		{"evidence.files", indexKeys(t, gridFSFilesIndexes()), "filename:1,uploadDate:1"},
		{"evidence.chunks", indexKeys(t, gridFSChunksIndexes()), "files_id:1,n:1 unique"},
	}
	for _, c := range cases {
		if got := strings.Join(c.models, " "); got != c.want {
			t.Errorf("%s indexes = %s, want %s", c.name, got, c.want)
		}
	}
}

// indexKeys describes each index as its keys, "unique" if so; it fails on
// a partial or TTL index, which compatible servers lack.
func indexKeys(t *testing.T, models []mongodrv.IndexModel) []string {
	t.Helper()
	var out []string
	for _, m := range models {
		var parts []string
		for _, e := range m.Keys.(bson.D) {
			parts = append(parts, fmt.Sprintf("%s:%v", e.Key, e.Value))
		}
		desc := strings.Join(parts, ",")
		if m.Options != nil {
			var o options.IndexOptions
			for _, set := range m.Options.List() {
				if err := set(&o); err != nil {
					t.Fatal(err)
				}
			}
			if o.PartialFilterExpression != nil || o.ExpireAfterSeconds != nil {
				t.Errorf("index %s is partial or TTL: not portable", desc)
			}
			if o.Unique != nil && *o.Unique {
				desc += " unique"
			}
		}
		out = append(out, desc)
	}
	return out
}
