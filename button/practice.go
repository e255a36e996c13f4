package button

// Kind letters of the practice mode (/latihan) and the introduction after
// registration. Never reuse them (see kinds.go).
const (
	kindPracticeStart  = 'L'
	kindPracticeSample = 'S'
	kindPracticeDecide = 'D'
)

// PracticeStart starts a practice run (/latihan): the introduction's
// "Coba latihan".
type PracticeStart struct{}

func (PracticeStart) kind() byte       { return kindPracticeStart }
func (PracticeStart) fields() []string { return nil }

// PracticeSample takes the sample photo in the practice draft Draft (its
// id), in place of the person's own.
type PracticeSample struct{ Draft string }

func (PracticeSample) kind() byte         { return kindPracticeSample }
func (p PracticeSample) fields() []string { return []string{p.Draft} }

func parsePracticeSample(fs []string) (Data, error) {
	if len(fs) != 1 {
		return nil, ErrStale
	}
	id, err := token(fs[0])
	return PracticeSample{Draft: id}, err
}

// PracticeDecide is a button of the practice approval of the sample
// report: a kind of its own that names no report, so that it can never
// decide a real one.
type PracticeDecide struct{ Verb Verb }

func (PracticeDecide) kind() byte         { return kindPracticeDecide }
func (p PracticeDecide) fields() []string { return []string{string(p.Verb)} }

func parsePracticeDecide(fs []string) (Data, error) {
	if len(fs) != 1 {
		return nil, ErrStale
	}
	v := Verb(fs[0])
	if v != Approve && v != Reject && v != Revise {
		return nil, ErrStale
	}
	return PracticeDecide{Verb: v}, nil
}
