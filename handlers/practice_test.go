package handlers

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/storage"
)

// A practice's Send records the completion and nothing else; a real
// draft's Send creates the report.
func TestPracticeSendRecordsOnlyTheCompletion(t *testing.T) {
	st := rosterStore(t)
	now := time.Now()
	for _, practice := range []bool{true, false} {
		d := reportDraft{ID: newReportID(now), Date: now.Format(time.DateOnly), Desc: "Kunjungan rumah pasien",
			Minutes: 60, Photos: []draftPhoto{{ID: practiceSamplePhoto}}, Practice: practice}
		raw, _ := json.Marshal(d)
		s := conversation.Session{Flow: string(flowReport), State: string(stSummary), Data: raw}
		out := run(t, st, s, tap("555", encoded(button.Draft{Draft: d.ID, Action: button.DraftSend})), now)
		var kinds []string
		for _, e := range out.Effects {
			if e.EffectName() != "touch_account" {
				kinds = append(kinds, e.EffectName())
			}
		}
		got := strings.Join(kinds, " ")
		switch {
		case practice && got != "record_practice":
			t.Errorf("practice Send: effects %q, want record_practice only", got)
		case practice && !strings.Contains(out.Replies[0].Text, "Latihan selesai"):
			t.Errorf("practice Send: %+v", out.Replies)
		case !practice && !strings.Contains(got, "create_report"):
			t.Errorf("real Send: effects %q, want create_report", got)
		}
		if practice {
			rp := out.Effects[0].(RecordPractice).Practice
			if rp.NIP != nipStaff || rp.Role != storage.PracticeStaff || rp.Date != d.Date {
				t.Errorf("recorded %+v", rp)
			}
		}
	}
}

// The practice approval's buttons decide nothing; someone who decides on
// no one's reports records no supervisor's practice.
func TestPracticeDecideRecordsOnlyForThoseWhoDecide(t *testing.T) {
	st := rosterStore(t)
	out := run(t, st, conversation.Session{}, tap("555", encoded(button.PracticeDecide{Verb: button.Reject})), time.Now())
	if len(out.Replies) != 1 || !strings.Contains(out.Replies[0].Text, "LATIHAN") || !strings.Contains(out.Replies[0].Text, "alasan") {
		t.Fatalf("replies %+v", out.Replies)
	}
	for _, e := range out.Effects {
		if n := e.EffectName(); n == "record_practice" || n == "decide" {
			t.Errorf("effect %s for a staff member's practice press", n)
		}
	}
}
