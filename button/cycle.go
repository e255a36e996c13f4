package button

import "strconv"

// Kind letters of the performance cycle: a supervisor's continuous
// feedback (/umpanbalik, and the person's reply) and a member's SKP
// realisation opened from /tim. Never reuse them (see kinds.go).
const (
	kindCoach     = 'k'
	kindMemberSKP = 'K'
)

// ApproveNote, a verb of Decide: approve with a note to the person.
const ApproveNote Verb = "okn"

// DraftTraining, a draft action of a competency-development report
// (pengembangan kompetensi): the kind of training at Index
// (storage.Trainings).
const DraftTraining DraftAction = "trn"

// CoachAction is what a button of the feedback flow does.
type CoachAction string

// Feedback actions. Page carries N, Target the index N of the person's
// targets the flow offered, Pick a member's NIP, Ack and Answer the
// feedback's ID.
const (
	CoachPage     CoachAction = "page" // member list page at offset N
	CoachPick     CoachAction = "pick" // the team member NIP
	CoachTarget   CoachAction = "rhk"  // the SKP target at N
	CoachNoTarget CoachAction = "none" // about no SKP target
	CoachAck      CoachAction = "ack"  // the person acknowledges feedback ID
	CoachAnswer   CoachAction = "ans"  // the person answers feedback ID
)

// Coach is a button of the feedback flow (/umpanbalik) or of the
// feedback a person received.
type Coach struct {
	Action CoachAction
	N      int
	ID     string // a NIP (Pick) or a feedback id (Ack, Answer)
}

func (Coach) kind() byte { return kindCoach }
func (c Coach) fields() []string {
	switch c.Action {
	case CoachPage, CoachTarget:
		return []string{string(c.Action), strconv.Itoa(c.N)}
	case CoachPick, CoachAck, CoachAnswer:
		return []string{string(c.Action), c.ID}
	}
	return []string{string(c.Action)}
}

func parseCoach(fs []string) (Data, error) {
	if len(fs) == 0 {
		return nil, ErrStale
	}
	c := Coach{Action: CoachAction(fs[0])}
	var err error
	switch {
	case len(fs) == 2 && (c.Action == CoachPage || c.Action == CoachTarget):
		c.N, err = count(fs[1])
	case len(fs) == 2 && (c.Action == CoachPick || c.Action == CoachAck || c.Action == CoachAnswer):
		c.ID, err = token(fs[1])
	case len(fs) == 1 && c.Action == CoachNoTarget:
	default:
		return nil, ErrStale
	}
	return c, err
}

// MemberSKP opens the SKP realisation of the team member NIP.
type MemberSKP struct{ NIP string }

func (MemberSKP) kind() byte         { return kindMemberSKP }
func (m MemberSKP) fields() []string { return []string{m.NIP} }

func parseMemberSKP(fs []string) (Data, error) {
	if len(fs) != 1 {
		return nil, ErrStale
	}
	nip, err := token(fs[0])
	return MemberSKP{NIP: nip}, err
}
