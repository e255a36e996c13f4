package button

import "strconv"

// DraftAction is what a button of a report draft does.
type DraftAction string

// Draft actions. SKP and Field carry an index in Draft.Index.
const (
	DraftSkip   DraftAction = "skip"   // no output volume
	DraftSKP    DraftAction = "skp"    // the SKP target at Index
	DraftNoSKP  DraftAction = "noskp"  // no SKP target
	DraftDone   DraftAction = "done"   // no more photos
	DraftSend   DraftAction = "send"   // submit the summary
	DraftEdit   DraftAction = "edit"   // choose a field to change
	DraftCancel DraftAction = "cancel" // drop the draft
	DraftField  DraftAction = "field"  // change the field at Index
	// DraftDoneNoLoc: no more photos, and no location: straight to the
	// summary (one step less than Done then Lewati).
	DraftDoneNoLoc DraftAction = "donenl"
)

var draftActions = map[DraftAction]bool{
	DraftSkip: false, DraftSKP: true, DraftNoSKP: false, DraftDone: false,
	DraftSend: false, DraftEdit: false, DraftCancel: false, DraftField: true,
	DraftDoneNoLoc: false,
	DraftTraining:  true,
}

// Draft is a button of the report draft Draft (its report id): a press
// after the draft ended is recognised as stale by the id.
type Draft struct {
	Draft  string
	Action DraftAction
	Index  int
}

func (Draft) kind() byte { return kindDraft }
func (d Draft) fields() []string {
	if draftActions[d.Action] {
		return []string{d.Draft, string(d.Action), strconv.Itoa(d.Index)}
	}
	return []string{d.Draft, string(d.Action)}
}

func parseDraft(fs []string) (Data, error) {
	if len(fs) < 2 {
		return nil, ErrStale
	}
	id, err := token(fs[0])
	if err != nil {
		return nil, err
	}
	a := DraftAction(fs[1])
	indexed, ok := draftActions[a]
	if !ok || indexed != (len(fs) == 3) || len(fs) > 3 {
		return nil, ErrStale
	}
	d := Draft{Draft: id, Action: a}
	if indexed {
		d.Index, err = count(fs[2])
	}
	return d, err
}

// FeedbackAction is what a button of the appreciation flow does.
type FeedbackAction string

// Appreciation actions: Page and Value carry N, Pick carries NIP.
const (
	FeedbackPage  FeedbackAction = "page"  // colleague list page N
	FeedbackPick  FeedbackAction = "pick"  // the colleague NIP
	FeedbackValue FeedbackAction = "val"   // BerAKHLAK value N (1..7)
	FeedbackAnon  FeedbackAction = "anon"  // send without a name
	FeedbackNamed FeedbackAction = "named" // send with the giver's name
	FeedbackNote  FeedbackAction = "note"  // add a note first
)

// Feedback is a button of the appreciation flow.
type Feedback struct {
	Action FeedbackAction
	NIP    string
	N      int
}

func (Feedback) kind() byte { return kindFeedback }
func (f Feedback) fields() []string {
	switch f.Action {
	case FeedbackPage, FeedbackValue:
		return []string{string(f.Action), strconv.Itoa(f.N)}
	case FeedbackPick:
		return []string{string(f.Action), f.NIP}
	}
	return []string{string(f.Action)}
}

func parseFeedback(fs []string) (Data, error) {
	if len(fs) == 0 {
		return nil, ErrStale
	}
	f := Feedback{Action: FeedbackAction(fs[0])}
	var err error
	switch {
	case len(fs) == 2 && (f.Action == FeedbackPage || f.Action == FeedbackValue):
		f.N, err = count(fs[1])
	case len(fs) == 2 && f.Action == FeedbackPick:
		f.NIP, err = token(fs[1])
	case len(fs) == 1 && (f.Action == FeedbackAnon || f.Action == FeedbackNamed || f.Action == FeedbackNote):
	default:
		return nil, ErrStale
	}
	return f, err
}

// Survey is an answer button of a citizen survey: Value (1..4) to question
// Question, or Skip of the comment, in the survey whose id starts Survey.
type Survey struct {
	Survey   string
	Question int
	Value    int
	Skip     bool
}

func (Survey) kind() byte { return kindSurvey }
func (s Survey) fields() []string {
	if s.Skip {
		return []string{s.Survey, "skip"}
	}
	return []string{s.Survey, strconv.Itoa(s.Question), strconv.Itoa(s.Value)}
}

func parseSurvey(fs []string) (Data, error) {
	if len(fs) < 2 {
		return nil, ErrStale
	}
	id, err := token(fs[0])
	if err != nil {
		return nil, err
	}
	if len(fs) == 2 && fs[1] == "skip" {
		return Survey{Survey: id, Skip: true}, nil
	}
	if len(fs) != 3 {
		return nil, ErrStale
	}
	q, err := count(fs[1])
	if err != nil {
		return nil, err
	}
	v, err := count(fs[2])
	return Survey{Survey: id, Question: q, Value: v}, err
}
