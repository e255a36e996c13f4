package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// A small run: two staff, one supervisor, one admin.
const ledgerJSON = `{
  "scenario": "t",
  "people": [
    {"chat": 900000, "nip": "S1", "role": "supervisor"},
    {"chat": 800000, "nip": "A1", "role": "admin"},
    {"chat": 1000000, "nip": "P1", "role": "staff"},
    {"chat": 1000001, "nip": "P2", "role": "staff"}
  ],
  "updates": {"sent": 10, "acknowledged": 10, "answered": 10},
  "tells": [
    {"no": "AAAAAAA1", "chat": 1000000, "kind": "sent"},
    {"no": "AAAAAAA1", "chat": 1000000, "kind": "already"},
    {"no": "BBBBBBB2", "chat": 1000001, "kind": "sent"}
  ],
  "filed": [
    {"no": "AAAAAAA1", "chat": 1000000, "tag": "ref 1000000-1"},
    {"no": "BBBBBBB2", "chat": 1000001, "tag": "ref 1000001-1"}
  ],
  "prompts": {"AAAAAAA1": 1, "BBBBBBB2": 1},
  "notes": {"AAAAAAA1": 1, "BBBBBBB2": 1},
  "pairs": [
    {"no": "AAAAAAA1", "id": "01XAAAAAAA1", "kind": "two-people", "presses": [
      {"chat": 900000, "who": "supervisor", "popup": "✅ Disetujui"},
      {"chat": 800000, "who": "admin", "popup": "Laporan ini baru saja diputuskan dari perangkat atau oleh orang lain; keputusan Anda tidak dicatat."}
    ]}
  ]
}`

func testLedger(t *testing.T) *ledger {
	t.Helper()
	l := &ledger{}
	if err := json.Unmarshal([]byte(ledgerJSON), l); err != nil {
		t.Fatal(err)
	}
	return l
}

func goodStore() []activity {
	return []activity{
		{ID: "01XAAAAAAA1", NIP: "P1", Description: "Kunjungan, ref 1000000-1", Status: "approved", DecisionBy: "S1", Approvals: 1, Decisions: 1},
		{ID: "01XBBBBBBB2", NIP: "P2", Description: "Kunjungan, ref 1000001-1", Status: "approved", DecisionBy: "S1", Approvals: 1, Decisions: 1},
	}
}

func TestCheckPasses(t *testing.T) {
	c := check(testLedger(t), goodStore(), 0)
	if !c.Pass {
		t.Fatalf("failures: %v", c.Failures)
	}
	if c.ToldSent != 2 || c.Stored != 2 || c.LostReports != 0 || c.Duplicated != 0 || c.PairsOK != 1 || c.PairsWonBySupervisor != 1 || c.PairsPopupRaceLost != 1 {
		t.Fatalf("check = %+v", c)
	}
}

func TestCheckFindsALostReport(t *testing.T) {
	c := check(testLedger(t), goodStore()[:1], 0)
	if c.Pass || c.LostReports != 1 || !strings.Contains(strings.Join(c.Failures, "\n"), "BBBBBBB2") {
		t.Fatalf("check = %+v", c)
	}
}

func TestCheckFindsADuplicate(t *testing.T) {
	acts := append(goodStore(), activity{ID: "01XCCCCCCC3", NIP: "P2", Description: "Kunjungan, ref 1000001-1", Status: "pending"})
	c := check(testLedger(t), acts, 0)
	if c.Pass || c.Duplicated != 1 || c.StoredNotTold != 1 {
		t.Fatalf("check = %+v", c)
	}
}

func TestCheckFindsTwoDecisions(t *testing.T) {
	acts := goodStore()
	acts[0].Approvals, acts[0].Decisions = 2, 2
	c := check(testLedger(t), acts, 0)
	if c.Pass || c.DoubleDecisions != 1 || c.PairsBad != 1 {
		t.Fatalf("check = %+v", c)
	}
}

func TestCheckPairWinnerMustBeTheDecider(t *testing.T) {
	acts := goodStore()
	acts[0].DecisionBy = "A1" // the store says the admin, the popups say the supervisor
	c := check(testLedger(t), acts, 0)
	if c.Pass || c.PairsBad != 1 {
		t.Fatalf("check = %+v", c)
	}
}

func TestCheckPairNeedsExactlyOneWinner(t *testing.T) {
	l := testLedger(t)
	l.Pairs[0].Presses[1].Popup = popupApproved
	c := check(l, goodStore(), 0)
	if c.Pass || c.PairsBad != 1 {
		t.Fatalf("check = %+v", c)
	}
}

func TestCheckMissingNotesAndPrompts(t *testing.T) {
	l := testLedger(t)
	delete(l.Notes, "BBBBBBB2")
	delete(l.Prompts, "BBBBBBB2")
	c := check(l, goodStore(), 0)
	if c.Pass || c.NotesMissing != 1 || c.PromptsMissing != 1 {
		t.Fatalf("check = %+v", c)
	}
}

func TestCheckUpdatesAndRedis(t *testing.T) {
	l := testLedger(t)
	l.Updates.Unanswered = 1
	l.RedisLeft.Inbox = 2
	l.OrderViolations = 1
	c := check(l, goodStore(), 0)
	if c.Pass || len(c.Failures) != 3 {
		t.Fatalf("failures: %v", c.Failures)
	}
}

func TestCheckRepeatsOnlyWithFaults(t *testing.T) {
	l := testLedger(t)
	l.Resent = 1
	if c := check(l, goodStore(), 0); c.Pass {
		t.Fatal("a reply sent twice with no fault passed")
	}
	l.Params = map[string]string{"kills": "20"}
	if c := check(l, goodStore(), 0); !c.Pass {
		t.Fatalf("at least once after a crash failed: %v", c.Failures)
	}
}

func TestCheckTargets(t *testing.T) {
	l := testLedger(t)
	l.Outage = &struct {
		Name     string  `json:"name"`
		DownForS float64 `json:"down_for_s"`
		Err      string  `json:"error"`
	}{Name: "store-write", DownForS: 30}
	l.Recovery = &recovery{OutageAnswers: 3, OutageAnswersOver2s: 3, FirstNormalAfterUpMS: 120, LastChatBackMS: 2500}
	c := check(l, goodStore(), 0)
	if !c.Pass || len(c.Targets) != 2 || c.Targets[0].Met || !c.Targets[1].Met {
		t.Fatalf("targets = %+v", c.Targets)
	}
}

func TestReportNo(t *testing.T) {
	if reportNo("01KABCDEFGH12345678") != "12345678" || reportNo("ABC") != "ABC" {
		t.Fatal(reportNo("01KABCDEFGH12345678"))
	}
}

func TestRenderReportKeepsNotes(t *testing.T) {
	r := &result{Name: "replay", Title: "Replays", Check: check(testLedger(t), goodStore(), 0), Ledger: testLedger(t)}
	out := renderReport([]*result{r}, map[string]string{"date": "2026-11-30"}, "\nmy notes\n")
	if !strings.Contains(out, "| Replays | 10 | 10 | 10 | 0 | 2 | 2 | 0 | 0 | 0 | 0 | pass |") {
		t.Fatalf("no results row:\n%s", out)
	}
	if !strings.HasSuffix(out, notesMarker+"\nmy notes\n") {
		t.Fatalf("notes not kept:\n%s", out[len(out)-200:])
	}
}
