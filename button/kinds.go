package button

import "strconv"

// Kind letters of the wire form. Never reuse a letter for another meaning:
// buttons of every release stay in people's chats.
const (
	kindDecide        = 'd'
	kindApprovals     = 'p'
	kindUnitApprovals = 'u'
	kindApproveAll    = 'A'
	kindFix           = 'x'
	kindReportNow     = 'n'
	kindOpenApprovals = 'o'
	kindDraft         = 'r'
	kindFeedback      = 'f'
	kindSurvey        = 's'
)

// Verb is what a supervisor's button does to a report.
type Verb string

// Verbs of Decide.
const (
	Approve Verb = "ok"
	Reject  Verb = "no"
	Revise  Verb = "rev"
	Photos  Verb = "img" // show the report's other photos
)

// Decide is a button of an approval prompt or list: Verb on version
// Version of report Report.
type Decide struct {
	Verb    Verb
	Report  string
	Version int
}

func (Decide) kind() byte { return kindDecide }
func (d Decide) fields() []string {
	return []string{string(d.Verb), d.Report, strconv.Itoa(d.Version)}
}

func parseDecide(fs []string) (Data, error) {
	if len(fs) != 3 {
		return nil, ErrStale
	}
	v := Verb(fs[0])
	if v != Approve && v != Reject && v != Revise && v != Photos && v != ApproveNote {
		return nil, ErrStale
	}
	id, err := token(fs[1])
	if err != nil {
		return nil, err
	}
	n, err := count(fs[2])
	return Decide{Verb: v, Report: id, Version: n}, err
}

// Approvals opens the page at Offset of the presser's approval list.
type Approvals struct{ Offset int }

func (Approvals) kind() byte         { return kindApprovals }
func (a Approvals) fields() []string { return []string{strconv.Itoa(a.Offset)} }

// UnitApprovals opens the page at Offset of an admin's unit list.
type UnitApprovals struct{ Offset int }

func (UnitApprovals) kind() byte         { return kindUnitApprovals }
func (a UnitApprovals) fields() []string { return []string{strconv.Itoa(a.Offset)} }

// ApproveAll approves the page at Offset of the presser's approval list,
// if it still holds exactly the reports hashed in Page.
type ApproveAll struct {
	Offset int
	Page   string
}

func (ApproveAll) kind() byte         { return kindApproveAll }
func (a ApproveAll) fields() []string { return []string{strconv.Itoa(a.Offset), a.Page} }

func parseApproveAll(fs []string) (Data, error) {
	if len(fs) != 2 {
		return nil, ErrStale
	}
	n, err := count(fs[0])
	if err != nil {
		return nil, err
	}
	page, err := token(fs[1])
	return ApproveAll{Offset: n, Page: page}, err
}

// Fix opens the owner's report Report, sent back for revision, as a draft.
type Fix struct{ Report string }

func (Fix) kind() byte         { return kindFix }
func (f Fix) fields() []string { return []string{f.Report} }

func parseFix(fs []string) (Data, error) {
	if len(fs) != 1 {
		return nil, ErrStale
	}
	id, err := token(fs[0])
	return Fix{Report: id}, err
}

// ReportNow, under a staff reminder, starts today's report.
type ReportNow struct{}

func (ReportNow) kind() byte       { return kindReportNow }
func (ReportNow) fields() []string { return nil }

// OpenApprovals, under a supervisor's digest, opens the approval list.
type OpenApprovals struct{}

func (OpenApprovals) kind() byte       { return kindOpenApprovals }
func (OpenApprovals) fields() []string { return nil }
