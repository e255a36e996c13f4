package button

import "strconv"

// Kind letters of the periodic evaluation (/evaluasi). Never reuse them
// (see kinds.go).
const (
	kindEvalRate = 'E'
	kindEvalAct  = 'e'
)

// Grade is a rating on an evaluation button: di atas, sesuai or di bawah
// ekspektasi; GradeNone not chosen yet.
type Grade string

// Grades.
const (
	GradeNone  Grade = ""
	GradeAbove Grade = "a"
	GradeMeets Grade = "s"
	GradeBelow Grade = "b"
)

// wire is the grade's form in the data ("-" for none).
func (g Grade) wire() string {
	if g == GradeNone {
		return "-"
	}
	return string(g)
}

func parseGrade(s string) (Grade, error) {
	switch Grade(s) {
	case GradeAbove, GradeMeets, GradeBelow:
		return Grade(s), nil
	case "-":
		return GradeNone, nil
	}
	return "", ErrStale
}

// EvalRate is a rating button of evaluation Eval at Version: Hasil chosen
// (Perilaku none: perilaku is asked next), both chosen (the note is asked
// next), or, with Send, both chosen and sent without a note.
type EvalRate struct {
	Eval     string
	Version  int
	Hasil    Grade
	Perilaku Grade
	Send     bool
}

func (EvalRate) kind() byte { return kindEvalRate }
func (r EvalRate) fields() []string {
	send := "0"
	if r.Send {
		send = "1"
	}
	return []string{r.Eval, strconv.Itoa(r.Version), r.Hasil.wire(), r.Perilaku.wire(), send}
}

func parseEvalRate(fs []string) (Data, error) {
	if len(fs) != 5 || (fs[4] != "0" && fs[4] != "1") {
		return nil, ErrStale
	}
	id, err := token(fs[0])
	if err != nil {
		return nil, err
	}
	v, err := count(fs[1])
	if err != nil {
		return nil, err
	}
	h, err := parseGrade(fs[2])
	if err != nil || h == GradeNone {
		return nil, ErrStale
	}
	p, err := parseGrade(fs[3])
	if err != nil || (fs[4] == "1" && p == GradeNone) {
		return nil, ErrStale
	}
	return EvalRate{Eval: id, Version: v, Hasil: h, Perilaku: p, Send: fs[4] == "1"}, nil
}

// EvalVerb is what an evaluation's other buttons do.
type EvalVerb string

// Verbs of EvalAct.
const (
	EvalOpen    EvalVerb = "o" // show the evaluation with its buttons (/evaluasi's list)
	EvalAccept  EvalVerb = "t" // the person accepts (terima)
	EvalObject  EvalVerb = "k" // the person files a keberatan
	EvalConfirm EvalVerb = "c" // the supervisor's supervisor confirms it
	EvalChange  EvalVerb = "u" // the supervisor's supervisor changes the ratings
)

// EvalAct is Verb on evaluation Eval at Version.
type EvalAct struct {
	Verb    EvalVerb
	Eval    string
	Version int
}

func (EvalAct) kind() byte { return kindEvalAct }
func (a EvalAct) fields() []string {
	return []string{string(a.Verb), a.Eval, strconv.Itoa(a.Version)}
}

func parseEvalAct(fs []string) (Data, error) {
	if len(fs) != 3 {
		return nil, ErrStale
	}
	switch v := EvalVerb(fs[0]); v {
	case EvalOpen, EvalAccept, EvalObject, EvalConfirm, EvalChange:
	default:
		return nil, ErrStale
	}
	id, err := token(fs[1])
	if err != nil {
		return nil, err
	}
	n, err := count(fs[2])
	return EvalAct{Verb: EvalVerb(fs[0]), Eval: id, Version: n}, err
}
