package button

import "strconv"

// Kind letters of the supervisor's team view (/tim) and of the admin's
// acting assignments (/plt). Never reuse them (see kinds.go).
const (
	kindTeam          = 'T'
	kindMember        = 'w'
	kindMemberApprove = 'W'
	kindActingRemove  = 'P'
)

// Team opens the page at Offset of the presser's team (/tim).
type Team struct{ Offset int }

func (Team) kind() byte         { return kindTeam }
func (t Team) fields() []string { return []string{strconv.Itoa(t.Offset)} }

// Member opens the recent reports of the team member NIP.
type Member struct{ NIP string }

func (Member) kind() byte         { return kindMember }
func (m Member) fields() []string { return []string{m.NIP} }

func parseMember(fs []string) (Data, error) {
	if len(fs) != 1 {
		return nil, ErrStale
	}
	nip, err := token(fs[0])
	return Member{NIP: nip}, err
}

// MemberApprove approves the pending reports of the team member NIP that
// the view showed, if they are still exactly those hashed in Page.
type MemberApprove struct {
	NIP  string
	Page string
}

func (MemberApprove) kind() byte         { return kindMemberApprove }
func (m MemberApprove) fields() []string { return []string{m.NIP, m.Page} }

func parseMemberApprove(fs []string) (Data, error) {
	if len(fs) != 2 {
		return nil, ErrStale
	}
	nip, err := token(fs[0])
	if err != nil {
		return nil, err
	}
	page, err := token(fs[1])
	return MemberApprove{NIP: nip, Page: page}, err
}

// ActingRemove ends the acting assignment (Plt/Plh) for the post of For
// that begins on From (YYYYMMDD: the wire form has no dashes).
type ActingRemove struct {
	For  string
	From string
}

func (ActingRemove) kind() byte         { return kindActingRemove }
func (a ActingRemove) fields() []string { return []string{a.For, a.From} }

func parseActingRemove(fs []string) (Data, error) {
	if len(fs) != 2 {
		return nil, ErrStale
	}
	nip, err := token(fs[0])
	if err != nil {
		return nil, err
	}
	if !digits(fs[1], 8) {
		return nil, ErrStale
	}
	return ActingRemove{For: nip, From: fs[1]}, nil
}

// digits reports whether s is exactly n decimal digits.
func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
