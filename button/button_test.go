package button

import (
	"errors"
	"strings"
	"testing"
)

const ulid = "01JD8Z6B3K9QW2E4R5T6Y7U8I9"

func TestRoundTrip(t *testing.T) {
	for _, d := range []Data{
		Decide{Verb: Approve, Report: ulid, Version: 3},
		Decide{Verb: Photos, Report: ulid, Version: 1},
		Approvals{Offset: 16},
		UnitApprovals{Offset: 0},
		ApproveAll{Offset: 8, Page: "0123456789ab"},
		Fix{Report: ulid},
		ReportNow{},
		OpenApprovals{},
		Draft{Draft: ulid, Action: DraftSend},
		Draft{Draft: ulid, Action: DraftDoneNoLoc},
		Draft{Draft: ulid, Action: DraftSKP, Index: 4},
		Draft{Draft: ulid, Action: DraftField, Index: 0},
		Feedback{Action: FeedbackPick, NIP: "199001152019031004"},
		Feedback{Action: FeedbackValue, N: 7},
		Feedback{Action: FeedbackNamed},
		Survey{Survey: "01JD8Z6B", Question: 8, Value: 4},
		Survey{Survey: "01JD8Z6B", Skip: true},
		Team{Offset: 8},
		PracticeStart{}, PracticeSample{Draft: "01JQ0000000000000000000000"}, PracticeDecide{Verb: Approve},
		Member{NIP: "199001152019031004"},
		MemberApprove{NIP: "199001152019031004", Page: "0123456789ab"},
		ActingRemove{For: "197805122005012003", From: "20261207"},
		EvalRate{Eval: "199001152019031004" + "2026Q4", Version: 1, Hasil: GradeAbove},
		EvalRate{Eval: "1990011520190310042026", Version: 3, Hasil: GradeBelow, Perilaku: GradeMeets},
		EvalRate{Eval: "199001152019031004202611", Version: 1, Hasil: GradeMeets, Perilaku: GradeBelow, Send: true},
		EvalAct{Verb: EvalObject, Eval: "199001152019031004202611", Version: 2},
		EvalAct{Verb: EvalOpen, Eval: "199001152019031004202611"},
	} {
		s, err := Encode(d)
		if err != nil {
			t.Errorf("Encode(%#v): %v", d, err)
			continue
		}
		if len(s) > MaxLen || s[0] != version {
			t.Errorf("Encode(%#v) = %q", d, s)
		}
		got, err := Decode(s)
		if err != nil || got != d {
			t.Errorf("Decode(%q) = %#v, %v; want %#v", s, got, err, d)
		}
	}
}

// Buttons of the first release, still in people's chats, read as the same
// payloads.
func TestLegacyForms(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Data
	}{
		{"a:ok:" + ulid + ":2", Decide{Verb: Approve, Report: ulid, Version: 2}},
		{"a:rev:" + ulid + ":1", Decide{Verb: Revise, Report: ulid, Version: 1}},
		{"p:8", Approvals{Offset: 8}},
		{"p:all:0:0123456789ab", ApproveAll{Offset: 0, Page: "0123456789ab"}},
		{"pu:16", UnitApprovals{Offset: 16}},
		{"m:fix:" + ulid, Fix{Report: ulid}},
		{"n:lapor", ReportNow{}},
		{"n:appr", OpenApprovals{}},
		{"r:" + ulid + ":send", Draft{Draft: ulid, Action: DraftSend}},
		{"r:" + ulid + ":skp:2", Draft{Draft: ulid, Action: DraftSKP, Index: 2}},
		{"r:" + ulid + ":skp:-", Draft{Draft: ulid, Action: DraftNoSKP}},
		{"r:" + ulid + ":f:5", Draft{Draft: ulid, Action: DraftField, Index: 5}},
		{"f:page:2", Feedback{Action: FeedbackPage, N: 2}},
		{"f:pick:199001152019031004", Feedback{Action: FeedbackPick, NIP: "199001152019031004"}},
		{"f:anon", Feedback{Action: FeedbackAnon}},
		{"s:01JD8Z6B:3:4", Survey{Survey: "01JD8Z6B", Question: 3, Value: 4}},
		{"s:01JD8Z6B:skip", Survey{Survey: "01JD8Z6B", Skip: true}},
	} {
		got, err := Decode(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("Decode(%q) = %#v, %v; want %#v", tc.in, got, err, tc.want)
		}
	}
}

func TestStale(t *testing.T) {
	for _, in := range []string{
		"", "1", "1z", "1d", "1d:", "1d:ok:" + ulid, "1d:yes:" + ulid + ":1", "1d:ok:" + ulid + ":-1",
		"1d:ok:" + ulid + ":01", "1d:ok:bad id:1", "1p:x", "1p:1:2", "1n:x", "1nx", "1r:" + ulid + ":skp",
		"1r:" + ulid + ":send:1", "1r:" + ulid + ":zap", "1f:val", "1f:anon:1", "1s:ab:1", "a:ok:garbage",
		"a:ok", "p:-1", "m:edit:" + ulid, "n:", "r:" + ulid + ":noskp", "r:" + ulid + ":field", "x:1",
		strings.Repeat("1", MaxLen+1), "1d:ok:" + strings.Repeat("A", 33) + ":1",
		"1T", "1T:x", "1w", "1w:a b", "1W:199001152019031004", "1P:197805122005012003:2026-12-07",
		"1P:197805122005012003:2026120", "1P:197805122005012003",
	} {
		if d, err := Decode(in); !errors.Is(err, ErrStale) {
			t.Errorf("Decode(%q) = %#v, %v; want ErrStale", in, d, err)
		}
	}
}

func TestEncodeRefuses(t *testing.T) {
	for _, d := range []Data{
		nil,
		Decide{Verb: Approve, Report: "", Version: 1},
		Decide{Verb: "yes", Report: ulid, Version: 1},
		Decide{Verb: Approve, Report: "a:b", Version: 1},
		Decide{Verb: Approve, Report: ulid, Version: -1},
		Fix{Report: strings.Repeat("A", 33)},
		ApproveAll{Offset: 0, Page: strings.Repeat("f", 32) + "x"},
		Feedback{Action: "zap"},
		Draft{Draft: ulid, Action: "zap"},
		EvalRate{Eval: "x", Version: 1},                                   // no hasil
		EvalRate{Eval: "x", Version: 1, Hasil: GradeAbove, Send: true},    // sent without perilaku
		EvalRate{Eval: "x", Version: 1, Hasil: "z", Perilaku: GradeAbove}, // no such grade
		EvalAct{Verb: "zap", Eval: "x", Version: 1},
	} {
		if s, err := Encode(d); err == nil {
			t.Errorf("Encode(%#v) = %q, want an error", d, s)
		}
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{"1d:ok:" + ulid + ":2", "a:ok:" + ulid + ":2", "p:all:0:abc", "r:x:skp:-", "s:ab:skip", "1f:pick:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Decode(s)
		if err != nil {
			if !errors.Is(err, ErrStale) {
				t.Fatalf("Decode(%q): %v, want ErrStale", s, err)
			}
			return
		}
		enc, err := Encode(d)
		if err != nil {
			t.Fatalf("Decode(%q) = %#v, which does not encode: %v", s, d, err)
		}
		if back, err := Decode(enc); err != nil || back != d {
			t.Fatalf("%q → %#v → %q → %#v, %v", s, d, enc, back, err)
		}
	})
}
