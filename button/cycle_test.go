package button

import (
	"errors"
	"testing"
)

func TestCycleRoundTrip(t *testing.T) {
	for _, d := range []Data{
		Decide{Verb: ApproveNote, Report: ulid, Version: 2},
		Draft{Draft: ulid, Action: DraftTraining, Index: 2},
		Coach{Action: CoachPage, N: 8},
		Coach{Action: CoachPick, ID: "199001152019031004"},
		Coach{Action: CoachTarget, N: 3},
		Coach{Action: CoachNoTarget},
		Coach{Action: CoachAck, ID: ulid},
		Coach{Action: CoachAnswer, ID: ulid},
		MemberSKP{NIP: "199001152019031004"},
	} {
		s, err := Encode(d)
		if err != nil {
			t.Errorf("Encode(%#v): %v", d, err)
			continue
		}
		if got, err := Decode(s); err != nil || got != d {
			t.Errorf("Decode(%q) = %#v, %v; want %#v", s, got, err, d)
		}
	}
}

func TestCycleStale(t *testing.T) {
	for _, s := range []string{"1k", "1k:pick", "1k:none:1", "1k:ack:a-b", "1k:page:x", "1k:zzz:1", "1K", "1K:a:b", "1d:okx:" + ulid + ":1"} {
		if d, err := Decode(s); !errors.Is(err, ErrStale) {
			t.Errorf("Decode(%q) = %#v, %v; want ErrStale", s, d, err)
		}
	}
}
