package mongo

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// A survey is one document: storage.Survey with its bson tags, plus each
// answer again in a field of its own, a1..a9 (see surveyDocument), so that
// SurveyStats sums plain field paths. A feedback is storage.Feedback with
// its bson tags. Both are written once (InsertOne; a duplicate _id is the
// same record stored before) and never updated.
//
// The sums and counts are made by the server, with pipelines of $match,
// $group and $sort whose expressions are field paths and constants only:
// no array operator ($arrayElemAt) and no $unwind option
// (includeArrayIndex), which some compatible servers lack.

// AddSurvey stores a survey. Storing an ID again changes nothing. A survey
// that breaks the rules of storage.Survey is ErrInvalid (see storage.CheckSurvey);
// a zero At is stamped with the store's clock.
func (s *Store) AddSurvey(ctx context.Context, sv storage.Survey) error {
	if err := storage.CheckSurvey(sv); err != nil {
		return fmt.Errorf("add survey id=%s: %w", sv.ID, err)
	}
	sv.At = stamp(sv.At, s.now())
	doc, err := surveyDocument(sv)
	if err != nil {
		return fmt.Errorf("add survey id=%s: %w", sv.ID, err)
	}
	_, err = s.surveys.InsertOne(ctx, doc)
	if err != nil && !mongodrv.IsDuplicateKeyError(err) { // a duplicate _id: stored before
		return fmt.Errorf("add survey id=%s unit=%s: %w", sv.ID, sv.UnitCode, mapErr(err))
	}
	return nil
}

// answerKey is the field holding the answer to element i+1: a1..a9.
func answerKey(i int) string { return fmt.Sprintf("a%d", i+1) }

// surveyDocument is the survey as its bson tags write it, then its answers
// one by one under answerKey: a quick rating has a1 alone.
func surveyDocument(sv storage.Survey) (bson.D, error) {
	raw, err := bson.Marshal(sv)
	if err != nil {
		return nil, fmt.Errorf("encode survey: %w", err)
	}
	elems, err := bson.Raw(raw).Elements()
	if err != nil {
		return nil, fmt.Errorf("encode survey: %w", err)
	}
	doc := make(bson.D, 0, len(elems)+len(sv.Answers))
	for _, e := range elems {
		doc = append(doc, bson.E{Key: e.Key(), Value: e.Value()})
	}
	for i, a := range sv.Answers {
		doc = append(doc, bson.E{Key: answerKey(i), Value: a})
	}
	return doc, nil
}

// HasSurvey reports whether a survey with the id is stored.
func (s *Store) HasSurvey(ctx context.Context, id string) (bool, error) {
	opts := options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})
	err := mapErr(s.surveys.FindOne(ctx, byID(id), opts).Err())
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, storage.ErrNotFound):
		return false, nil
	}
	return false, fmt.Errorf("has survey id=%s: %w", id, err)
}

// SurveyStats counts the unit's surveys of the mode dated from..to
// (inclusive) and sums each element's answers, in one aggregation (see
// surveyStatsPipeline).
func (s *Store) SurveyStats(ctx context.Context, unit, mode, from, to string) (storage.SurveyStats, error) {
	st, err := s.surveyStats(ctx, unit, mode, from, to)
	if err != nil {
		return storage.SurveyStats{}, fmt.Errorf("survey stats unit=%s mode=%s: %w", unit, mode, err)
	}
	return st, nil
}

func (s *Store) surveyStats(ctx context.Context, unit, mode, from, to string) (storage.SurveyStats, error) {
	cur, err := s.surveys.Aggregate(ctx, surveyStatsPipeline(unit, mode, from, to))
	if err != nil {
		return storage.SurveyStats{}, mapErr(err)
	}
	var docs []bson.Raw
	if err := cur.All(ctx, &docs); err != nil {
		return storage.SurveyStats{}, mapErr(err)
	}
	if len(docs) == 0 { // no survey matched: $group of nothing is nothing
		return storage.SurveyStats{}, nil
	}
	return statsFromDoc(docs[0])
}

// surveyFilter matches the unit's surveys of the mode dated from..to: the
// keys of the unit_code_mode_date index, in its order.
func surveyFilter(unit, mode, from, to string) bson.D {
	return bson.D{
		{Key: "unit_code", Value: unit},
		{Key: "mode", Value: mode},
		{Key: "date", Value: bson.D{{Key: "$gte", Value: from}, {Key: "$lte", Value: to}}},
	}
}

// surveyStatsPipeline matches the surveys and groups them all into one
// document: respondents, the number of surveys, and a1..a9, the sums of
// each element's answers. $sum skips a field a document lacks (the
// elements a quick rating has not), so each sum is 0 when no survey has
// the element. One pass and one document out, however many surveys; no
// survey matched: no document.
func surveyStatsPipeline(unit, mode, from, to string) mongodrv.Pipeline {
	group := bson.D{
		{Key: "_id", Value: nil},
		{Key: "respondents", Value: bson.D{{Key: "$sum", Value: 1}}},
	}
	for i := range storage.SKMElements {
		group = append(group, bson.E{Key: answerKey(i), Value: bson.D{{Key: "$sum", Value: "$" + answerKey(i)}}})
	}
	return mongodrv.Pipeline{
		{{Key: "$match", Value: surveyFilter(unit, mode, from, to)}},
		{{Key: "$group", Value: group}},
	}
}

// statsFromDoc reads surveyStatsPipeline's output document. $sum gives an
// int32, an int64 once past int32, or a double if an answer somehow was
// one: any is taken.
func statsFromDoc(doc bson.Raw) (storage.SurveyStats, error) {
	var st storage.SurveyStats
	n, err := rawInt(doc, "respondents")
	if err != nil {
		return storage.SurveyStats{}, err
	}
	st.Respondents = n
	for i := range st.Sums {
		if st.Sums[i], err = rawInt(doc, answerKey(i)); err != nil {
			return storage.SurveyStats{}, err
		}
	}
	return st, nil
}

func rawInt(doc bson.Raw, key string) (int, error) {
	v, err := doc.LookupErr(key)
	if err != nil {
		return 0, fmt.Errorf("aggregation result lacks %s: %v", key, err)
	}
	n, ok := v.AsInt64OK()
	if !ok {
		return 0, fmt.Errorf("aggregation result %s is a %s, want a number", key, v.Type)
	}
	return int(n), nil
}

// SurveyComments returns the non-empty comments of the unit's surveys of
// the mode dated from..to, oldest first, at most limit. A negative limit is
// ErrInvalid; limit 0 returns none.
func (s *Store) SurveyComments(ctx context.Context, unit, mode, from, to string, limit int) ([]string, error) {
	if limit < 0 {
		return nil, fmt.Errorf("survey comments: %w: limit %d", storage.ErrInvalid, limit)
	}
	comments := []string{}
	if limit == 0 { // Find's limit 0 would mean no limit
		return comments, nil
	}
	cur, err := s.surveys.Find(ctx, commentsFilter(unit, mode, from, to), commentsFindOptions(limit))
	if err != nil {
		return nil, fmt.Errorf("survey comments unit=%s mode=%s: %w", unit, mode, mapErr(err))
	}
	var docs []struct {
		Comment string `bson:"comment"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("survey comments unit=%s mode=%s: %w", unit, mode, mapErr(err))
	}
	for _, d := range docs {
		comments = append(comments, d.Comment)
	}
	return comments, nil
}

// commentsFilter is surveyFilter for surveys with a comment: a string
// greater than "" (an empty comment is never written, omitempty; $gt
// compares within a type, so it matches strings only).
func commentsFilter(unit, mode, from, to string) bson.D {
	return append(surveyFilter(unit, mode, from, to),
		bson.E{Key: "comment", Value: bson.D{{Key: "$gt", Value: ""}}})
}

// commentsFindOptions: oldest first (ties by id), the comment alone, limit
// > 0.
func commentsFindOptions(limit int) *options.FindOptionsBuilder {
	return options.Find().
		SetSort(bson.D{{Key: "at", Value: 1}, {Key: "_id", Value: 1}}).
		SetProjection(bson.D{{Key: "_id", Value: 0}, {Key: "comment", Value: 1}}).
		SetLimit(int64(limit))
}

// AddFeedback stores a feedback. Storing an ID again changes nothing. A
// feedback that breaks the rules of storage.Feedback is ErrInvalid (see
// storage.CheckFeedback); a zero At is stamped with the store's clock.
func (s *Store) AddFeedback(ctx context.Context, f storage.Feedback) error {
	if err := storage.CheckFeedback(f); err != nil {
		return fmt.Errorf("add feedback id=%s: %w", f.ID, err)
	}
	f.At = stamp(f.At, s.now())
	_, err := s.feedback.InsertOne(ctx, f)
	if err != nil && !mongodrv.IsDuplicateKeyError(err) { // a duplicate _id: stored before
		return fmt.Errorf("add feedback id=%s from=%s to=%s: %w",
			f.ID, ident.MaskNIP(f.FromNIP), ident.MaskNIP(f.ToNIP), mapErr(err))
	}
	return nil
}

// FeedbackGiven lists what fromNIP gave on the date, oldest first.
func (s *Store) FeedbackGiven(ctx context.Context, fromNIP, date string) ([]storage.Feedback, error) {
	cur, err := s.feedback.Find(ctx, feedbackGivenFilter(fromNIP, date), options.Find().SetSort(feedbackGivenSort()))
	if err != nil {
		return nil, fmt.Errorf("feedback given nip=%s: %w", ident.MaskNIP(fromNIP), mapErr(err))
	}
	all := []storage.Feedback{}
	if err := cur.All(ctx, &all); err != nil {
		return nil, fmt.Errorf("feedback given nip=%s: %w", ident.MaskNIP(fromNIP), mapErr(err))
	}
	return all, nil
}

func feedbackGivenFilter(fromNIP, date string) bson.D {
	return bson.D{{Key: "from_nip", Value: fromNIP}, {Key: "date", Value: date}}
}

func feedbackGivenSort() bson.D {
	return bson.D{{Key: "at", Value: 1}, {Key: "_id", Value: 1}}
}

// FeedbackCounts counts the feedback received by any of nips dated
// from..to, by value, in one aggregation (see feedbackCountsPipeline).
// Values nobody received are absent; no nips is an empty map.
func (s *Store) FeedbackCounts(ctx context.Context, nips []string, from, to string) (map[int]int, error) {
	counts := map[int]int{}
	if len(nips) == 0 { // and $in must not be given a null
		return counts, nil
	}
	cur, err := s.feedback.Aggregate(ctx, feedbackCountsPipeline(nips, from, to))
	if err != nil {
		return nil, fmt.Errorf("feedback counts of %d NIPs: %w", len(nips), mapErr(err))
	}
	var docs []valueCount
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("feedback counts of %d NIPs: %w", len(nips), mapErr(err))
	}
	for _, d := range docs {
		counts[int(d.Value)] = int(d.N)
	}
	return counts, nil
}

// valueCount is one output document of feedbackCountsPipeline.
type valueCount struct {
	Value int64 `bson:"_id"`
	N     int64 `bson:"n"`
}

// feedbackCountsPipeline matches the feedback received by nips dated
// from..to (the to_nip_date index) and counts it by value.
func feedbackCountsPipeline(nips []string, from, to string) mongodrv.Pipeline {
	match := bson.D{
		{Key: "to_nip", Value: bson.D{{Key: "$in", Value: nips}}},
		{Key: "date", Value: bson.D{{Key: "$gte", Value: from}, {Key: "$lte", Value: to}}},
	}
	group := bson.D{
		{Key: "_id", Value: "$value"},
		{Key: "n", Value: bson.D{{Key: "$sum", Value: 1}}},
	}
	return mongodrv.Pipeline{
		{{Key: "$match", Value: match}},
		{{Key: "$group", Value: group}},
		{{Key: "$sort", Value: bson.D{{Key: "_id", Value: 1}}}},
	}
}
