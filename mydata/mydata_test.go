package mydata_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/mydata"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

const (
	nipBudi = "199001152019031004"
	nipSari = "198703102012012005"
	nipRina = "197805122005012003"
)

func seed(t *testing.T) storage.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(ctx) })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.UpsertUnit(ctx, storage.Unit{Code: "PKM", Name: "Puskesmas Sempaja", Timezone: "Asia/Makassar"}))
	for _, e := range []storage.Employee{
		{NIP: nipRina, Name: "dr. Rina", UnitCode: "PKM", Active: true},
		{NIP: nipBudi, Name: "Budi Santoso", UnitCode: "PKM", SupervisorNIP: nipRina, Phone: "+6281234500002", Active: true},
		{NIP: nipSari, Name: "Sari Dewi", UnitCode: "PKM", SupervisorNIP: nipRina, Active: true},
	} {
		must(st.UpsertEmployee(ctx, e))
	}
	must(st.LinkAccount(ctx, nipBudi, "telegram", storage.Account{UserID: "5550002", ChatID: "5550002"}))
	for _, nip := range []string{nipBudi, nipSari} {
		_, _, err := st.PrepareEvaluation(ctx, storage.Evaluation{NIP: nip, UnitCode: "PKM", Period: "2026-11", SupervisorNIP: nipRina})
		must(err)
	}
	report := func(id, nip, desc string) {
		must(st.CreateActivity(ctx, storage.Activity{ID: id, NIP: nip, UnitCode: "PKM", SupervisorNIP: nipRina,
			Date: "2026-12-07", Content: storage.Content{Minutes: 90, Description: desc, EvidenceIDs: []string{"01JQAE00000000000000000001"}}}))
		must(st.AddPrompt(ctx, id, storage.MessageRef{Platform: "telegram", ChatID: "5550001", MessageID: "77", To: nipRina}))
	}
	report("01JQA0000000000000000000B1", nipBudi, "Imunisasi di Posyandu Kenanga")
	report("01JQA0000000000000000000S1", nipSari, "Kelas ibu hamil")
	_, err = st.DecideActivity(ctx, "01JQA0000000000000000000B1", 1, storage.Decide{To: storage.StatusApproved, ByNIP: nipRina})
	must(err)
	must(st.PutEvidence(ctx, storage.Evidence{ID: "01JQAE00000000000000000001", ActivityID: "01JQA0000000000000000000B1",
		NIP: nipBudi, MIME: "image/jpeg", FileID: "SECRET-FILE-ID", Bands: []int{1}}, []byte("jpeg")))
	fb := func(id, from, to string, anon bool) {
		must(st.AddFeedback(ctx, storage.Feedback{ID: id, FromNIP: from, ToNIP: to, Value: 7, Note: "note " + id,
			Anonymous: anon, Date: "2026-12-07"}))
	}
	fb("fb1", nipSari, nipBudi, true)
	fb("fb2", nipRina, nipBudi, false)
	fb("fb3", nipBudi, nipSari, false)
	must(st.AddCoaching(ctx, storage.Coaching{ID: "01JQAC00000000000000000001", FromNIP: nipRina, ToNIP: nipBudi,
		Note: "Pencatatan imunisasi sudah rapi"}))
	_, _, err = st.ClaimReminder(ctx, storage.Reminder{Key: "staff:" + nipBudi + ":2026-12-07", Kind: "staff", NIP: nipBudi,
		Date: "2026-12-07", RunID: "r1"})
	must(err)
	must(st.RecordPractice(ctx, storage.Practice{NIP: nipBudi, Role: storage.PracticeStaff, Date: "2025-03-10"}))
	return st
}

// document is what the test reads of the JSON.
type document struct {
	About   string `json:"about"`
	Profile struct {
		NIP      string                    `json:"nip"`
		Accounts map[string]map[string]any `json:"accounts"`
	} `json:"profile"`
	UnitName string `json:"unit_name"`
	Reports  []struct {
		ID       string           `json:"id"`
		NIP      string           `json:"nip"`
		Decision *json.RawMessage `json:"decision"`
		Audit    []any            `json:"audit"`
	} `json:"reports"`
	Appreciation struct {
		Given             []storage.Feedback `json:"given"`
		Received          []storage.Feedback `json:"received"`
		ReceivedAnonymous struct {
			Count   int            `json:"count"`
			ByValue map[string]int `json:"by_value"`
		} `json:"received_anonymous"`
	} `json:"appreciation"`
	Reminders   []map[string]any `json:"reminders"`
	Evaluations []struct {
		NIP    string `json:"nip"`
		Period string `json:"period"`
	} `json:"evaluations"`
	Evidence           []map[string]any   `json:"evidence"`
	Practices          []map[string]any   `json:"practices"`
	SupervisorFeedback []storage.Coaching `json:"supervisor_feedback"`
}

func TestDocument(t *testing.T) {
	st := seed(t)
	ref := mydata.Ref(nipBudi, i18n.EN)
	kind, args, _ := strings.Cut(ref, ":")
	if kind != mydata.Kind {
		t.Fatalf("ref %q", ref)
	}
	raw, err := mydata.New(st).MakeFile(t.Context(), args)
	if err != nil {
		t.Fatal(err)
	}
	var d document
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	checks := []struct {
		name string
		ok   bool
	}{
		{"profile and linked account", d.Profile.NIP == nipBudi && d.Profile.Accounts["telegram"]["user_id"] == "5550002"},
		{"unit name", d.UnitName == "Puskesmas Sempaja"},
		{"about in the asked language", strings.HasPrefix(d.About, "A copy of your personal data")},
		{"own report only, decided, with its audit", len(d.Reports) == 1 && d.Reports[0].NIP == nipBudi &&
			d.Reports[0].Decision != nil && len(d.Reports[0].Audit) > 0},
		{"appreciation given", len(d.Appreciation.Given) == 1 && d.Appreciation.Given[0].ID == "fb3"},
		{"supervisor feedback received", len(d.SupervisorFeedback) == 1 && d.SupervisorFeedback[0].Note == "Pencatatan imunisasi sudah rapi"},
		{"named appreciation received listed", len(d.Appreciation.Received) == 1 && d.Appreciation.Received[0].FromNIP == nipRina},
		{"anonymous appreciation only counted", d.Appreciation.ReceivedAnonymous.Count == 1 &&
			d.Appreciation.ReceivedAnonymous.ByValue["7"] == 1},
		{"reminder", len(d.Reminders) == 1 && d.Reminders[0]["kind"] == "staff"},
		{"evidence listed", len(d.Evidence) == 1 && d.Evidence[0]["id"] == "01JQAE00000000000000000001"},
		{"own evaluation only", len(d.Evaluations) == 1 && d.Evaluations[0].NIP == nipBudi && d.Evaluations[0].Period == "2026-11"},
		{"practice run listed", len(d.Practices) == 1 && d.Practices[0]["role"] == "pegawai" && d.Practices[0]["date"] == "2025-03-10"},
		{"indented", strings.Contains(string(raw), "\n  \"profile\": {")},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: no", c.name)
		}
	}
	for _, never := range []string{"Kelas ibu hamil", "SECRET-FILE-ID", "note fb1", `"message_id"`, `"run_id"`} {
		if strings.Contains(string(raw), never) {
			t.Errorf("the document holds %q", never)
		}
	}
}

func TestRefusals(t *testing.T) {
	m := mydata.New(seed(t))
	for name, args := range map[string]string{"no nip": "lang=id", "unknown nip": "nip=404", "bad query": "%zz"} {
		if _, err := m.MakeFile(t.Context(), args); err == nil {
			t.Errorf("%s: made a document", name)
		}
	}
}
