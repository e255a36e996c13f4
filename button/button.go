// Package button owns the data carried by the bot's inline buttons (what
// Telegram calls callback_data): one typed payload per kind of button, its
// wire form, and the reading of every form ever sent, so that a button
// still in someone's chat from an older release is either understood or
// refused with ErrStale, never misread. No other code builds or splits
// button data.
//
// The wire form is a format version, a kind letter and the fields, joined
// by ':' — "1d:ok:<report id>:<version>" — at most MaxLen bytes. Data
// carries no authority: whoever presses is checked by the flow.
package button

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// MaxLen is the most bytes a button's data may have (Telegram's limit).
const MaxLen = 64

// version is the current wire format's first byte. Forms without it are
// the first release's (legacy.go).
const version = '1'

// ErrStale: the data is not a button this release understands (garbled,
// forged, or from a form no longer read). The flow answers "tombol ini
// sudah tidak berlaku".
var ErrStale = errors.New("button data not understood")

// Data is a typed button payload. The kinds are the types of this package.
type Data interface {
	kind() byte
	fields() []string
}

// Encode returns the wire form of d. It refuses a payload whose fields
// are empty where required, hold the separator, or make the data longer
// than MaxLen: a programming error the caller reports, never a button sent
// that cannot be read back.
func Encode(d Data) (string, error) {
	if d == nil {
		return "", errors.New("button: nil data")
	}
	fs := d.fields()
	for _, f := range fs {
		if strings.Contains(f, ":") {
			return "", fmt.Errorf("button %c: field %q holds ':'", d.kind(), f)
		}
	}
	s := string([]byte{version, d.kind()})
	if len(fs) > 0 {
		s += ":" + strings.Join(fs, ":")
	}
	if len(s) > MaxLen {
		return "", fmt.Errorf("button %c: %d bytes, over %d", d.kind(), len(s), MaxLen)
	}
	if _, err := Decode(s); err != nil {
		return "", fmt.Errorf("button %c: %q does not read back: %w", d.kind(), s, err)
	}
	return s, nil
}

// Decode reads button data of any form this or an earlier release sent.
// Anything else is ErrStale.
func Decode(s string) (Data, error) {
	if len(s) > MaxLen || s == "" {
		return nil, ErrStale
	}
	if s[0] != version {
		return decodeLegacy(s)
	}
	if len(s) < 2 {
		return nil, ErrStale
	}
	parse, ok := kinds[s[1]]
	if !ok {
		return nil, ErrStale
	}
	var fs []string
	if rest, ok := strings.CutPrefix(s[2:], ":"); ok {
		fs = strings.Split(rest, ":")
	} else if s[2:] != "" {
		return nil, ErrStale
	}
	d, err := parse(fs)
	if err != nil {
		return nil, ErrStale
	}
	return d, nil
}

// kinds reads the fields of each kind.
var kinds = map[byte]func([]string) (Data, error){
	kindDecide:         parseDecide,
	kindApprovals:      parseOffset(func(n int) Data { return Approvals{Offset: n} }),
	kindUnitApprovals:  parseOffset(func(n int) Data { return UnitApprovals{Offset: n} }),
	kindApproveAll:     parseApproveAll,
	kindFix:            parseFix,
	kindReportNow:      parseNone(ReportNow{}),
	kindOpenApprovals:  parseNone(OpenApprovals{}),
	kindDraft:          parseDraft,
	kindFeedback:       parseFeedback,
	kindSurvey:         parseSurvey,
	kindTeam:           parseOffset(func(n int) Data { return Team{Offset: n} }),
	kindMember:         parseMember,
	kindMemberApprove:  parseMemberApprove,
	kindActingRemove:   parseActingRemove,
	kindEvalRate:       parseEvalRate,
	kindEvalAct:        parseEvalAct,
	kindPracticeStart:  parseNone(PracticeStart{}),
	kindPracticeSample: parsePracticeSample,
	kindPracticeDecide: parsePracticeDecide,
	kindCoach:          parseCoach,
	kindMemberSKP:      parseMemberSKP,
}

func parseNone(d Data) func([]string) (Data, error) {
	return func(fs []string) (Data, error) {
		if len(fs) != 0 {
			return nil, ErrStale
		}
		return d, nil
	}
}

func parseOffset(mk func(int) Data) func([]string) (Data, error) {
	return func(fs []string) (Data, error) {
		if len(fs) != 1 {
			return nil, ErrStale
		}
		n, err := count(fs[0])
		return mk(n), err
	}
}

// count reads a small whole number (an offset, an index, a version).
func count(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 1_000_000 || strconv.Itoa(n) != s {
		return 0, ErrStale
	}
	return n, nil
}

// token checks an identifier field: 1 to 32 letters and digits.
func token(s string) (string, error) {
	if s == "" || len(s) > 32 {
		return "", ErrStale
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return "", ErrStale
		}
	}
	return s, nil
}
