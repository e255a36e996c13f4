package handlers

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/export"
	"github.com/kinerjabot/kinerjabot/storage"
)

const nipLead = "198501012010011001" // a supervisor, not an admin (chat 777)

// /ekspor: an admin gets their branch's unit, a supervisor their team,
// and whoever asks beyond their scope a refusal, never a document.
func TestExportCommand(t *testing.T) {
	ctx := context.Background()
	st := rosterStore(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.UpsertUnit(ctx, storage.Unit{Code: "DISDIK", Name: "Dinas Pendidikan", Timezone: "Asia/Makassar"}))
	must(st.UpsertEmployee(ctx, storage.Employee{NIP: nipLead, Name: "Lia Kusuma", UnitCode: "PKM-SMP", Active: true}))
	must(st.UpsertEmployee(ctx, storage.Employee{NIP: "199202022015022002", Name: "Dewi", UnitCode: "PKM-SMP",
		SupervisorNIP: nipLead, Active: true}))
	must(st.LinkAccount(ctx, nipKapus, "telegram", storage.Account{UserID: "111", ChatID: "111"}))
	must(st.LinkAccount(ctx, nipLead, "telegram", storage.Account{UserID: "777", ChatID: "777"}))
	now := time.Date(2026, 12, 7, 2, 0, 0, 0, time.UTC)
	lim := &onceLimiter{held: map[string]string{}, free: now.Add(10 * time.Minute)}
	r := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Limits: lim})
	n := 0
	ask := func(chat, args string) (string, string, string) {
		t.Helper()
		n++
		u := cmd(chat, "ekspor", args)
		u.ID = string(rune('a' + n))
		out, err := r.Handle(ctx, conversation.Input{Update: u, Now: now})
		if err != nil || len(out.Replies) != 1 {
			t.Fatalf("/ekspor %s: %v, %d replies", args, err, len(out.Replies))
		}
		rep := out.Replies[0]
		if rep.Document == nil {
			return rep.Text, "", ""
		}
		return rep.Text, rep.Document.Name, rep.Document.Ref
	}
	cases := []struct {
		name, chat, args string
		file, ref, text  string // ref: a part of the reference; text: a part of the reply
	}{
		{"admin: own unit and below", "111", "", "ekspor-PKM-SMP-2026-12.xlsx", "unit=PKM-SMP", "Puskesmas Sempaja dan unit di bawahnya"},
		{"admin: a past month", "111", "2026-11", "ekspor-PKM-SMP-2026-11.xlsx", "month=2026-11", "November 2026"},
		{"admin: their team", "111", "tim", "ekspor-tim-2026-12.xlsx", "team=" + nipKapus, "tim dr. Rina"},
		{"admin: the CSV zip", "111", "csv 2026-11", "ekspor-PKM-SMP-2026-11.zip", "fmt=csv", "ekspor-PKM-SMP-2026-11.zip"},
		{"admin: outside the branch", "111", "2026-11 unit DISDIK", "", "", "di luar unit yang Anda kelola"},
		{"admin: unknown unit", "111", "unit NOPE", "", "", "tidak dikenal"},
		{"a month to come", "111", "2027-01", "", "", "Format: /ekspor"},
		{"nonsense", "111", "semua", "", "", "Format: /ekspor"},
		{"supervisor: their team", "777", "", "ekspor-tim-2026-12.xlsx", "by=" + nipLead, "tim Lia Kusuma"},
		{"supervisor: a unit", "777", "unit PKM-SMP", "", "", "hanya untuk admin"},
		{"staff", "555", "", "", "", "tidak punya tim"},
		{"staff: a unit", "555", "unit PKM-SMP", "", "", "hanya untuk admin"},
		{"the same export again", "777", "", "", "", "sekali tiap 10 menit"},
	}
	for _, tc := range cases {
		text, file, ref := ask(tc.chat, tc.args)
		if file != tc.file || !strings.Contains(ref, tc.ref) || !strings.Contains(text, tc.text) {
			t.Errorf("%s: file %q ref %q text %q", tc.name, file, ref, text)
		}
		if file != "" && !strings.HasPrefix(ref, export.Kind+":") {
			t.Errorf("%s: reference %q", tc.name, ref)
		}
	}
}
