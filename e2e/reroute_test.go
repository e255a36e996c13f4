package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/importer"
	"github.com/kinerjabot/kinerjabot/storage"
)

const nipSari = "198703102012012005"

// importRoster imports a roster file into the harness's store, as
// `kinerjabot import-roster` does while the bot runs.
func (h *harness) importRoster(t *testing.T, csv string) {
	t.Helper()
	rep, err := importer.ImportRoster(context.Background(), h.store, strings.NewReader(csv),
		importer.Options{DefaultTimezone: "Asia/Makassar"})
	if err != nil || !rep.OK() {
		t.Fatalf("import roster: %v %+v", err, rep.Refused)
	}
}

// pass runs one scheduler pass of the running bot (its loop runs them
// every minute; the keys keep each message to one either way).
func (h *harness) pass(t *testing.T) {
	t.Helper()
	if _, err := h.app.Scheduler().RunOnce(context.Background(), "e2e-pass"); err != nil {
		t.Fatal(err)
	}
}

// A roster import names Sari as Budi's supervisor while his report waits
// for Rina (no longer an admin either). The bot's next scheduler pass moves
// the report: Sari gets the prompt and decides it, Rina's prompt says where
// it went (buttons gone), Budi is told once. Rina's batch approval from the
// list she still has decides nothing.
func TestSupervisorChangeReroutesAPendingReport(t *testing.T) {
	h, rina, budi, sari := setup(t)
	old := budi.submit("Pelacakan kontak kasus TB di RT 03")
	list := rina.say("/persetujuan")
	contains(t, list.Text, "menunggu persetujuan: 1")

	h.importRoster(t, strings.NewReplacer(
		"Kepala Puskesmas,,0812-3450-0001,admin", "Kepala Puskesmas,,0812-3450-0001,",
		"Perawat,197805122005012003", "Perawat,"+nipSari,
	).Replace(rosterCSV))
	mark, edits := budi.sent(), len(h.api.Edits())
	h.pass(t)
	out := budi.await(mark, 2)
	var prompt = out[0]
	if prompt.ChatID != chatSari {
		prompt = out[1]
	}
	if prompt.ChatID != chatSari || len(prompt.Buttons()) == 0 {
		t.Fatalf("no prompt to Sari in %+v", out)
	}
	contains(t, prompt.Text, "Dialihkan kepada Anda")
	contains(t, prompt.Text, "Pelacakan kontak kasus TB")
	contains(t, textTo(out, chatBudi), "1 laporan Anda yang menunggu persetujuan kini diputuskan oleh Sari Dewi")
	moved := h.api.WaitEdits(t, edits+1, waitFor)[edits]
	if moved.ChatID != chatRina || moved.MessageID != old.MessageID || len(moved.Buttons()) != 0 {
		t.Fatalf("Rina's prompt not edited: %+v", moved)
	}
	contains(t, moved.Text, "Dialihkan ke Sari Dewi")
	a := h.activities(t, nipBudi)[0]
	if last := a.Audit[len(a.Audit)-1]; a.SupervisorNIP != nipSari || last.Action != storage.ActionRerouted ||
		last.From != nipKapus || last.To != nipSari {
		t.Fatalf("report after the pass: on %s, audit %+v", a.SupervisorNIP, a.Audit)
	}

	// Rina's batch press on her old list: the report is no longer on it.
	refused := rina.press(list, "✅ Setujui semua", 1)[0]
	contains(t, refused.Text, "Tidak ada laporan")
	if a := h.activities(t, nipBudi)[0]; a.Status != storage.StatusPending {
		t.Fatalf("Rina's batch decided the report: %+v", a)
	}
	// The pass again: nothing more to anyone.
	mark = budi.sent()
	h.pass(t)

	h.waitPromptOn(t, prompt, nipSari)
	decided := sari.press(prompt, "✅ Setujui", 1)
	contains(t, textTo(decided, chatBudi), "Disetujui oleh Sari Dewi")
	if n := len(h.api.Sent()); n != mark+1 {
		t.Fatalf("%d messages after the decision, want %d (the second pass sent nothing)", n, mark+1)
	}
	edit := h.api.WaitEdits(t, edits+2, waitFor)[edits+1]
	if edit.ChatID != chatSari || edit.MessageID != prompt.MessageID {
		t.Fatalf("the decision edited %+v, not Sari's prompt", edit)
	}
	if a := h.activities(t, nipBudi)[0]; a.Status != storage.StatusApproved || a.Decision.ByNIP != nipSari {
		t.Fatalf("report = %+v", a)
	}
}
