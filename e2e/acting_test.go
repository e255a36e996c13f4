package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
	"github.com/kinerjabot/kinerjabot/importer"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Sari acts (Plh) for Rina's post from 30 November to 1 December: Budi's
// report of 1 December goes to Sari, who decides it "sebagai Plt/Plh"; a
// second report waits on her list when the range ends, and the next
// scheduler pass moves it back to Rina; Sari can no longer decide it.
func TestActingSupervisorDecidesInRangeAndNotAfter(t *testing.T) {
	set, now := fixedClock(t, "2026-12-01 01:00") // Tuesday 09:00 in Samarinda (WITA)
	h, rina, budi, sari := setupWith(t, harnessOpt{now: now})
	rep, err := importer.ImportActing(context.Background(), h.store, strings.NewReader(
		"nip_acting,nip_for,from,to\n"+nipSari+","+nipKapus+",2026-11-30,2026-12-01\n"), importer.Options{})
	if err != nil || !rep.OK() {
		t.Fatalf("import acting: %v %+v", err, rep.Refused)
	}

	submitTo := func(desc string) telegramtest.Message { return budi.submitTo(chatSari, nipSari, desc) }
	first := submitTo("Rapat koordinasi lintas program")
	decided := sari.press(first, "✅ Setujui", 1)
	contains(t, textTo(decided, chatBudi), "Disetujui oleh Sari Dewi sebagai Plt/Plh dr. Rina Wulandari")
	a := h.activities(t, nipBudi)[0]
	if a.Status != storage.StatusApproved || a.Decision.ByNIP != nipSari || a.Decision.ActingFor != nipKapus ||
		a.Audit[len(a.Audit)-1].ActingFor != nipKapus {
		t.Fatalf("report decided by the Plh = %+v", a)
	}

	second := submitTo("Validasi data sasaran imunisasi")
	set("2026-12-02 01:00") // the range ended yesterday
	mark := budi.sent()
	h.pass(t)
	out := budi.await(mark, 2)
	var back telegramtest.Message
	for _, m := range out {
		if m.ChatID == chatRina {
			back = m
		}
	}
	if len(back.Buttons()) == 0 {
		t.Fatalf("the report did not go back to Rina: %+v", out)
	}
	contains(t, back.Text, "Validasi data sasaran imunisasi")
	if got := sari.pressAnswer(second, buttonData(t, second, "✅ Setujui")); !strings.Contains(got, "bukan atasan") {
		t.Fatalf("the Plh's press after the range answered %q", got)
	}
	var pending storage.Activity
	for _, x := range h.activities(t, nipBudi) {
		if x.Status == storage.StatusPending {
			pending = x
		}
	}
	if pending.SupervisorNIP != nipKapus {
		t.Fatalf("pending report on %q, want Rina's list", pending.SupervisorNIP)
	}
	h.waitPromptOn(t, back, nipKapus)
	contains(t, textTo(rina.press(back, "✅ Setujui", 1), chatBudi), "Disetujui oleh dr. Rina Wulandari")
}
