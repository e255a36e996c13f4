package mongo

import (
	"cmp"
	"errors"
	"fmt"
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

// Without a server, the pipelines are checked three ways: their shape,
// their stages (only those every compatible server has), and their meaning,
// by running them over documents encoded exactly as InsertOne writes the
// records, with evalPipeline, a small interpreter of the few operators the
// store uses. The interpreter is no MongoDB; it catches a wrong field name
// or path, a wrong operator, a group that miscounts, an operator beyond
// field paths and constants, and checks that the decoding of the output
// matches the output's shape.

func sampleSurvey(n int, unit, mode, date string, answers ...int) storage.Survey {
	return storage.Survey{
		ID: fmt.Sprintf("svy-%d", n), UnitCode: unit, Date: date, Mode: mode, Answers: answers,
		ChatHash: "c0ffee", At: time.Date(2025, 3, 10, 1, 0, n, 123_456_789, time.UTC),
	}
}

func ones() []int { return []int{1, 1, 1, 1, 1, 1, 1, 1, 1} }

// exampleSurveys: the hand-computed example of storetest (4 respondents,
// sums 14 12 12 16 14 13 15 11 13), with surveys of another unit, another
// mode, and outside the dates, answered 1 throughout.
func exampleSurveys() []storage.Survey {
	skm, quick := storage.SurveySKM, storage.SurveyQuick
	return []storage.Survey{
		sampleSurvey(1, "PKM01", skm, "2025-03-01", 4, 3, 2, 4, 3, 4, 4, 3, 3),
		sampleSurvey(2, "PKM01", skm, "2025-03-10", 4, 3, 3, 4, 4, 3, 4, 3, 3),
		sampleSurvey(3, "PKM01", skm, "2025-03-15", 3, 3, 4, 4, 3, 3, 4, 2, 3),
		sampleSurvey(4, "PKM01", skm, "2025-03-31", 3, 3, 3, 4, 4, 3, 3, 3, 4),
		sampleSurvey(5, "PKM02", skm, "2025-03-10", ones()...),
		sampleSurvey(6, "PKM01", quick, "2025-03-10", 4),
		sampleSurvey(7, "PKM01", quick, "2025-03-11", 3),
		sampleSurvey(8, "PKM01", skm, "2025-02-28", ones()...),
		sampleSurvey(9, "PKM01", skm, "2025-04-01", ones()...),
	}
}

func TestSurveyStatsPipelineShape(t *testing.T) {
	p := surveyStatsPipeline("PKM01", storage.SurveySKM, "2025-03-01", "2025-03-31")
	if got := stageNames(p); got != "$match,$group" {
		t.Fatalf("stages = %s, want $match,$group", got)
	}
	match := asDoc(t, p[0][0].Value)
	if len(match) != 3 {
		t.Errorf("$match %v, want unit_code, mode and date", match)
	}
	checkPath(t, match, "unit_code", "PKM01")
	checkPath(t, match, "mode", "skm")
	checkPath(t, match, "date", bson.M{"$gte": "2025-03-01", "$lte": "2025-03-31"})
	var order []string
	for _, e := range p[0][0].Value.(bson.D) {
		order = append(order, e.Key)
	}
	if got := strings.Join(order, ","); got != "unit_code,mode,date" {
		t.Errorf("$match keys in order = %s, want the index's order", got)
	}
	group := asDoc(t, p[1][0].Value)
	if len(group) != 2+storage.SKMElements {
		t.Errorf("$group %v, want _id, respondents and nine sums", group)
	}
	checkPath(t, group, "_id", nil)
	checkPath(t, group, "respondents", bson.M{"$sum": int32(1)})
	for i := range storage.SKMElements {
		checkPath(t, group, answerKey(i), bson.M{"$sum": "$" + answerKey(i)})
	}
}

func TestSurveyStatsPipelineEvaluated(t *testing.T) {
	docs := encodeSurveys(t, exampleSurveys())
	cases := []struct {
		name           string
		unit, mode     string
		from, to       string
		want           storage.SurveyStats
		wantNoDocument bool
	}{
		{"hand-computed example", "PKM01", storage.SurveySKM, "2025-03-01", "2025-03-31",
			storage.SurveyStats{Respondents: 4, Sums: [9]int{14, 12, 12, 16, 14, 13, 15, 11, 13}}, false},
		{"wider range", "PKM01", storage.SurveySKM, "2025-02-28", "2025-04-01",
			storage.SurveyStats{Respondents: 6, Sums: [9]int{16, 14, 14, 18, 16, 15, 17, 13, 15}}, false},
		{"quick mode: index 0 only", "PKM01", storage.SurveyQuick, "2025-03-01", "2025-03-31",
			storage.SurveyStats{Respondents: 2, Sums: [9]int{7}}, false},
		{"another unit", "PKM02", storage.SurveySKM, "2025-03-01", "2025-03-31",
			storage.SurveyStats{Respondents: 1, Sums: [9]int{1, 1, 1, 1, 1, 1, 1, 1, 1}}, false},
		{"nothing", "PKM03", storage.SurveySKM, "2025-03-01", "2025-03-31", storage.SurveyStats{}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := evalPipeline(t, docs, surveyStatsPipeline(c.unit, c.mode, c.from, c.to))
			if c.wantNoDocument {
				if len(out) != 0 {
					t.Fatalf("output %v, want no document", out)
				}
				return
			}
			if len(out) != 1 {
				t.Fatalf("output %v, want one document", out)
			}
			got, err := statsFromDoc(marshalRaw(t, out[0]))
			if err != nil {
				t.Fatalf("statsFromDoc: %v", err)
			}
			if got != c.want {
				t.Errorf("stats = %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestStatsFromDoc(t *testing.T) {
	doc := bson.D{{Key: "_id", Value: nil}, {Key: "respondents", Value: int64(3_000_000_000)}}
	for i := range storage.SKMElements {
		var v any = int32(i + 1)
		switch i {
		case 7:
			v = int64(1) << 33 // past int32
		case 8:
			v = 12.0 // a double: an answer stored as one
		}
		doc = append(doc, bson.E{Key: answerKey(i), Value: v})
	}
	got, err := statsFromDoc(marshalRaw(t, doc))
	want := storage.SurveyStats{Respondents: 3_000_000_000, Sums: [9]int{1, 2, 3, 4, 5, 6, 7, 1 << 33, 12}}
	if err != nil || got != want {
		t.Errorf("statsFromDoc = %+v, %v; want %+v", got, err, want)
	}
	for _, bad := range []bson.D{
		{{Key: "respondents", Value: int32(1)}},                          // no sums
		{{Key: "respondents", Value: "1"}, {Key: "s0", Value: int32(1)}}, // a string
		{{Key: "s0", Value: int32(1)}, {Key: "s1", Value: int32(1)}},     // no respondents
	} {
		if _, err := statsFromDoc(marshalRaw(t, bad)); err == nil {
			t.Errorf("statsFromDoc(%v) succeeded, want an error", bad)
		}
	}
}

func TestCommentsFilterAndOptions(t *testing.T) {
	f := commentsFilter("PKM01", storage.SurveySKM, "2025-03-01", "2025-03-31")
	m := asDoc(t, f)
	checkPath(t, m, "unit_code", "PKM01")
	checkPath(t, m, "mode", "skm")
	checkPath(t, m, "date", bson.M{"$gte": "2025-03-01", "$lte": "2025-03-31"})
	checkPath(t, m, "comment", bson.M{"$gt": ""})

	// Only surveys with a comment match: an empty one is not written.
	with := sampleSurvey(1, "PKM01", storage.SurveySKM, "2025-03-10", ones()...)
	with.Comment = "Antrean lama"
	without := sampleSurvey(2, "PKM01", storage.SurveySKM, "2025-03-10", ones()...)
	other := with
	other.UnitCode = "PKM02"
	docs := encodeSurveys(t, []storage.Survey{with, without, other})
	if _, has := docs[1]["comment"]; has {
		t.Errorf("a survey without comment has the field: %v", docs[1])
	}
	out := evalPipeline(t, docs, mongodrv.Pipeline{{{Key: "$match", Value: f}}})
	if len(out) != 1 || out[0]["_id"] != with.ID {
		t.Errorf("comments filter matched %v, want %s alone", out, with.ID)
	}

	var o options.FindOptions
	for _, set := range commentsFindOptions(5).List() {
		if err := set(&o); err != nil {
			t.Fatal(err)
		}
	}
	if got := keys(o.Sort.(bson.D)); got != "at:1,_id:1" {
		t.Errorf("comments sort = %s, want at:1,_id:1", got)
	}
	if o.Limit == nil || *o.Limit != 5 {
		t.Errorf("comments limit = %v, want 5", o.Limit)
	}
	if got := keys(o.Projection.(bson.D)); got != "_id:0,comment:1" {
		t.Errorf("comments projection = %s", got)
	}
}

func sampleFeedback(n, to, value int, date string) storage.Feedback {
	return storage.Feedback{
		ID: fmt.Sprintf("fb-%d", n), FromNIP: "198501012010010001", ToNIP: fmt.Sprintf("19850101201001%04d", to),
		Value: value, Date: date, At: time.Date(2025, 3, 10, 1, 0, n, 0, time.UTC),
	}
}

func TestFeedbackCountsPipeline(t *testing.T) {
	nips := []string{"198501012010010002", "198501012010010003"}
	p := feedbackCountsPipeline(nips, "2025-03-01", "2025-03-31")
	if got := stageNames(p); got != "$match,$group,$sort" {
		t.Fatalf("stages = %s", got)
	}
	match := asDoc(t, p[0][0].Value)
	checkPath(t, match, "to_nip", bson.M{"$in": bson.A{nips[0], nips[1]}})
	checkPath(t, match, "date", bson.M{"$gte": "2025-03-01", "$lte": "2025-03-31"})
	checkPath(t, asDoc(t, p[1][0].Value), "_id", "$value")
	checkPath(t, asDoc(t, p[1][0].Value), "n", bson.M{"$sum": int32(1)})

	docs := encodeAll(t, []storage.Feedback{
		sampleFeedback(1, 2, 1, "2025-03-01"),
		sampleFeedback(2, 2, 1, "2025-03-10"),
		sampleFeedback(3, 3, 4, "2025-03-31"),
		sampleFeedback(4, 3, 7, "2025-03-15"),
		sampleFeedback(5, 2, 4, "2025-03-20"),
		sampleFeedback(6, 4, 4, "2025-03-20"), // not asked for
		sampleFeedback(7, 2, 5, "2025-02-28"), // before
		sampleFeedback(8, 3, 5, "2025-04-01"), // after
	})
	out := evalPipeline(t, docs, p)
	var got []string
	for _, d := range out {
		var vc valueCount
		roundTrip(t, d, &vc)
		got = append(got, fmt.Sprintf("%d:%d", vc.Value, vc.N))
	}
	if strings.Join(got, " ") != "1:2 4:2 7:1" {
		t.Errorf("counts = %v, want 1:2 4:2 7:1", got)
	}
}

func TestFeedbackGivenFilter(t *testing.T) {
	f := feedbackGivenFilter("198501012010010001", "2025-03-10")
	if got := keys(f); got != "from_nip:198501012010010001,date:2025-03-10" {
		t.Errorf("filter = %s, want the from_nip_date index's keys", got)
	}
	if got := keys(feedbackGivenSort()); got != "at:1,_id:1" {
		t.Errorf("sort = %s", got)
	}
	docs := encodeAll(t, []storage.Feedback{sampleFeedback(1, 2, 1, "2025-03-10"), sampleFeedback(2, 2, 1, "2025-03-11")})
	if out := evalPipeline(t, docs, mongodrv.Pipeline{{{Key: "$match", Value: f}}}); len(out) != 1 || out[0]["_id"] != "fb-1" {
		t.Errorf("FeedbackGiven filter matched %v, want fb-1", out)
	}
}

// The pipelines use only the stages every compatible server has.
func TestPipelinesArePortable(t *testing.T) {
	allowed := []string{"$match", "$group", "$sort", "$project", "$unwind", "$count"}
	for name, p := range map[string]mongodrv.Pipeline{
		"survey stats":    surveyStatsPipeline("U", storage.SurveySKM, "2025-01-01", "2025-12-31"),
		"feedback counts": feedbackCountsPipeline([]string{"x"}, "2025-01-01", "2025-12-31"),
	} {
		for _, stage := range p {
			if len(stage) != 1 || !slices.Contains(allowed, stage[0].Key) {
				t.Errorf("%s: stage %v is not one of %v", name, stage, allowed)
			}
		}
		// The driver accepts it as a pipeline.
		if _, err := bson.Marshal(bson.D{{Key: "pipeline", Value: p}}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// The survey document is the record with its bson tags (answers an array
// of int32 in order, no counter or comment when none, the time in ms),
// then each answer in a1..a9; it decodes back to the record.
func TestSurveyDocument(t *testing.T) {
	sv := sampleSurvey(1, "PKM01", storage.SurveySKM, "2025-03-10", 4, 3, 2, 4, 3, 4, 4, 3, 3)
	d, err := surveyDocument(sv)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, e := range d {
		order = append(order, e.Key)
	}
	if got := strings.Join(order, ","); got != "_id,unit_code,date,mode,answers,chat_hash,at,a1,a2,a3,a4,a5,a6,a7,a8,a9" {
		t.Errorf("survey document fields = %s", got)
	}
	doc := asDoc(t, d)
	checkPath(t, doc, "_id", "svy-1")
	checkPath(t, doc, "unit_code", "PKM01")
	checkPath(t, doc, "mode", "skm")
	checkPath(t, doc, "date", "2025-03-10")
	checkPath(t, doc, "answers", bson.A{int32(4), int32(3), int32(2), int32(4), int32(3), int32(4), int32(4), int32(3), int32(3)})
	for i, a := range sv.Answers {
		checkPath(t, doc, answerKey(i), int32(a))
	}
	checkPath(t, doc, "at", bson.DateTime(sv.At.UnixMilli()))
	for _, absent := range []string{"counter", "comment"} {
		if _, has := doc[absent]; has {
			t.Errorf("%s written though empty: %v", absent, doc)
		}
	}
	var back storage.Survey
	roundTrip(t, d, &back)
	want := sv
	want.At = ms(want.At)
	if !reflect.DeepEqual(back, want) {
		t.Errorf("survey document decodes to %+v, want %+v", back, want)
	}

	sv.Counter, sv.Comment = 2, "Ramah"
	doc = asDoc(t, mustSurveyDocument(t, sv))
	checkPath(t, doc, "counter", int32(2))
	checkPath(t, doc, "comment", "Ramah")

	q := asDoc(t, mustSurveyDocument(t, sampleSurvey(2, "PKM01", storage.SurveyQuick, "2025-03-10", 3)))
	checkPath(t, q, "a1", int32(3))
	for i := 1; i < storage.SKMElements; i++ {
		if _, has := q[answerKey(i)]; has {
			t.Errorf("quick rating has %s: %v", answerKey(i), q)
		}
	}
}

func mustSurveyDocument(t *testing.T, sv storage.Survey) bson.D {
	t.Helper()
	d, err := surveyDocument(sv)
	if err != nil {
		t.Fatalf("surveyDocument: %v", err)
	}
	return d
}

// A feedback document decodes to the same record, the time in UTC at ms.
func TestFeedbackDocumentRoundTrip(t *testing.T) {
	want := sampleFeedback(1, 2, 7, "2025-03-10")
	want.Note, want.Anonymous = "Sigap \"membantu\"\nterima kasih", true
	want.At = time.Date(2025, 3, 10, 8, 0, 0, 123_456_789, time.FixedZone("WITA", 8*3600))
	var got storage.Feedback
	roundTrip(t, want, &got)
	want.At = ms(want.At)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip\n got: %+v\nwant: %+v", got, want)
	}
	checkPath(t, asDoc(t, want), "value", int32(7))
	// anonymous is written when false too: no omitempty.
	checkPath(t, asDoc(t, sampleFeedback(2, 2, 1, "2025-03-10")), "anonymous", false)
}

func TestSurveyAndFeedbackIndexes(t *testing.T) {
	if got := strings.Join(indexKeys(t, surveyIndexes()), " "); got != "unit_code:1,mode:1,date:1 chat_hash:1,at:1" {
		t.Errorf("surveys indexes = %s", got)
	}
	if got := strings.Join(indexKeys(t, feedbackIndexes()), " "); got != "from_nip:1,date:1 to_nip:1,date:1" {
		t.Errorf("feedback indexes = %s", got)
	}
}

func TestCheckSurvey(t *testing.T) {
	good := sampleSurvey(1, "PKM01", storage.SurveySKM, "2025-03-10", 4, 4, 4, 4, 4, 4, 4, 4, 4)
	if err := storage.CheckSurvey(good); err != nil {
		t.Fatalf("storage.CheckSurvey(good) = %v", err)
	}
	if err := storage.CheckSurvey(sampleSurvey(1, "PKM01", storage.SurveyQuick, "2024-02-29", 1)); err != nil {
		t.Fatalf("storage.CheckSurvey(quick, leap day) = %v", err)
	}
	for name, edit := range map[string]func(*storage.Survey){
		"empty id":           func(s *storage.Survey) { s.ID = "" },
		"empty unit":         func(s *storage.Survey) { s.UnitCode = "" },
		"mode":               func(s *storage.Survey) { s.Mode = "SKM" },
		"quick with nine":    func(s *storage.Survey) { s.Mode = storage.SurveyQuick },
		"eight answers":      func(s *storage.Survey) { s.Answers = s.Answers[:8] },
		"answer 0":           func(s *storage.Survey) { s.Answers = []int{4, 4, 4, 4, 4, 4, 4, 4, 0} },
		"answer 5":           func(s *storage.Survey) { s.Answers = []int{5, 4, 4, 4, 4, 4, 4, 4, 4} },
		"date 2025-02-29":    func(s *storage.Survey) { s.Date = "2025-02-29" },
		"date with time":     func(s *storage.Survey) { s.Date = "2025-03-10T00:00:00Z" },
		"date short":         func(s *storage.Survey) { s.Date = "2025-3-1" },
		"negative counter":   func(s *storage.Survey) { s.Counter = -2 },
		"answers nil, quick": func(s *storage.Survey) { s.Mode, s.Answers = storage.SurveyQuick, nil },
	} {
		s := good
		s.Answers = slices.Clone(good.Answers)
		edit(&s)
		if err := storage.CheckSurvey(s); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("%s: checkSurvey = %v, want ErrInvalid", name, err)
		}
	}
}

func TestCheckFeedback(t *testing.T) {
	good := sampleFeedback(1, 2, 1, "2025-03-10")
	if err := storage.CheckFeedback(good); err != nil {
		t.Fatalf("storage.CheckFeedback(good) = %v", err)
	}
	for name, edit := range map[string]func(*storage.Feedback){
		"empty id":   func(f *storage.Feedback) { f.ID = "" },
		"empty from": func(f *storage.Feedback) { f.FromNIP = "" },
		"empty to":   func(f *storage.Feedback) { f.ToNIP = "" },
		"value 0":    func(f *storage.Feedback) { f.Value = 0 },
		"value 8":    func(f *storage.Feedback) { f.Value = 8 },
		"bad date":   func(f *storage.Feedback) { f.Date = "10/03/2025" },
	} {
		f := good
		edit(&f)
		if err := storage.CheckFeedback(f); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("%s: checkFeedback = %v, want ErrInvalid", name, err)
		}
	}
}

// --- a tiny interpreter of the pipelines' operators ---

// encodeSurveys encodes each survey as AddSurvey does and decodes it as a
// generic document.
func encodeSurveys(t *testing.T, surveys []storage.Survey) []bson.M {
	t.Helper()
	docs := make([]bson.M, len(surveys))
	for i, sv := range surveys {
		doc, err := surveyDocument(sv)
		if err != nil {
			t.Fatalf("surveyDocument(%s): %v", sv.ID, err)
		}
		docs[i] = asDoc(t, doc)
	}
	return docs
}

// encodeAll encodes each record as InsertOne would and decodes it as a
// generic document.
func encodeAll[T any](t *testing.T, records []T) []bson.M {
	t.Helper()
	docs := make([]bson.M, len(records))
	for i, r := range records {
		docs[i] = asDoc(t, r)
	}
	return docs
}

func marshalRaw(t *testing.T, v any) bson.Raw {
	t.Helper()
	raw, err := bson.Marshal(v)
	if err != nil {
		t.Fatalf("marshal %T: %v", v, err)
	}
	return raw
}

func stageNames(p mongodrv.Pipeline) string {
	names := make([]string, len(p))
	for i, stage := range p {
		var ks []string
		for _, e := range stage {
			ks = append(ks, e.Key)
		}
		names[i] = strings.Join(ks, "+")
	}
	return strings.Join(names, ",")
}

// missing stands for an absent value, which $sum skips and $group's _id
// takes as null.
type missingValue struct{}

var missing = missingValue{}

// evalPipeline runs the pipeline over docs, knowing $match (equality,
// $gt, $gte, $lte, $in), $group (_id null or a field path; $sum of a
// constant or a field path) and $sort; anything else, an expression
// operator among them, fails the test.
func evalPipeline(t *testing.T, docs []bson.M, p mongodrv.Pipeline) []bson.M {
	t.Helper()
	for _, stage := range p {
		if len(stage) != 1 {
			t.Fatalf("stage %v has %d operators", stage, len(stage))
		}
		switch op := stage[0]; op.Key {
		case "$match":
			cond := asDoc(t, op.Value)
			var out []bson.M
			for _, d := range docs {
				if matches(t, d, cond) {
					out = append(out, d)
				}
			}
			docs = out
		case "$group":
			docs = evalGroup(t, docs, asDoc(t, op.Value))
		case "$sort":
			spec := op.Value.(bson.D)
			slices.SortStableFunc(docs, func(a, b bson.M) int {
				for _, e := range spec {
					c := compareValues(t, a[e.Key], b[e.Key])
					if dir, _ := e.Value.(int); dir < 0 {
						c = -c
					}
					if c != 0 {
						return c
					}
				}
				return 0
			})
		default:
			t.Fatalf("evalPipeline does not know stage %s", op.Key)
		}
	}
	return docs
}

func matches(t *testing.T, d, cond bson.M) bool {
	t.Helper()
	for field, want := range cond {
		got, present := d[field]
		ops, isOps := want.(bson.M)
		if !isOps {
			if !present || !reflect.DeepEqual(got, want) {
				return false
			}
			continue
		}
		for op, arg := range ops {
			var ok bool
			switch op {
			case "$gt", "$gte", "$lte":
				// Comparison stays within a type (strings here).
				gs, okG := got.(string)
				as, okA := arg.(string)
				if !present || !okG || !okA {
					return false
				}
				c := strings.Compare(gs, as)
				ok = op == "$gt" && c > 0 || op == "$gte" && c >= 0 || op == "$lte" && c <= 0
			case "$in":
				ok = present && slices.ContainsFunc(arg.(bson.A), func(v any) bool { return reflect.DeepEqual(v, got) })
			default:
				t.Fatalf("matches does not know %s", op)
			}
			if !ok {
				return false
			}
		}
	}
	return true
}

func evalExpr(t *testing.T, d bson.M, expr any) any {
	t.Helper()
	switch e := expr.(type) {
	case nil:
		return nil
	case string:
		if path, ok := strings.CutPrefix(e, "$"); ok {
			if v, present := d[path]; present {
				return v
			}
			return missing
		}
		return e
	case int32, int64, float64:
		return e
	}
	t.Fatalf("evalExpr does not know %#v", expr)
	return nil
}

func evalGroup(t *testing.T, docs []bson.M, spec bson.M) []bson.M {
	t.Helper()
	var order []string
	groups := map[string]bson.M{}
	sums := map[string]map[string]int64{}
	for _, d := range docs {
		id := evalExpr(t, d, spec["_id"])
		if id == missing {
			id = nil
		}
		key := fmt.Sprintf("%T:%v", id, id)
		if _, seen := groups[key]; !seen {
			order = append(order, key)
			groups[key] = bson.M{"_id": id}
			sums[key] = map[string]int64{}
		}
		for field, acc := range spec {
			if field == "_id" {
				continue
			}
			m, ok := acc.(bson.M)
			arg, isSum := m["$sum"]
			if !ok || len(m) != 1 || !isSum {
				t.Fatalf("evalGroup does not know accumulator %v", acc)
			}
			n, numeric := toInt64(evalExpr(t, d, arg))
			if !numeric {
				n = 0 // $sum skips what is not a number
			}
			sums[key][field] += n
		}
	}
	out := make([]bson.M, 0, len(order))
	for _, key := range order {
		g := groups[key]
		for field, n := range sums[key] {
			if n == int64(int32(n)) {
				g[field] = int32(n)
			} else {
				g[field] = n
			}
		}
		out = append(out, g)
	}
	return out
}

func toInt64(v any) (int64, bool) {
	switch n := v.(type) {
	case int32:
		return int64(n), true
	case int64:
		return n, true
	case int:
		return int64(n), true
	}
	return 0, false
}

func compareValues(t *testing.T, a, b any) int {
	t.Helper()
	if x, ok := toInt64(a); ok {
		if y, ok := toInt64(b); ok {
			return cmp.Compare(x, y)
		}
	}
	if x, ok := a.(string); ok {
		if y, ok := b.(string); ok {
			return strings.Compare(x, y)
		}
	}
	t.Fatalf("compareValues does not know %T and %T", a, b)
	return 0
}
