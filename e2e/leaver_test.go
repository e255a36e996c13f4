package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/importer"
	"github.com/kinerjabot/kinerjabot/storage"
)

// A roster import marks Budi retired (status column) while his report
// waits: his next message tells him he can no longer report here and
// unlinks the chat, after which /lapor finds an unregistered chat and
// registering again is refused; his waiting report is still decided. A full
// export lacking Sari, confirmed, makes her inactive: the bot's scheduler
// pass tells her and unlinks her without her writing.
func TestALeaverIsToldAndCanNoLongerReport(t *testing.T) {
	h, rina, budi, sari := setup(t)
	prompt := budi.submit("Pemantauan jentik nyamuk di 40 rumah warga")

	retired := strings.Replace(rosterCSV, "nip,name,unit_code,unit_name,position,supervisor_nip,phone,role",
		"nip,name,unit_code,unit_name,position,supervisor_nip,phone,role,status", 1)
	retired = strings.ReplaceAll(retired, ",admin\n", ",admin,aktif\n")
	retired = strings.Replace(retired, "081234500002,\n", "081234500002,,pensiun\n", 1)
	retired = strings.Replace(retired, "081234500003,\n", "081234500003,,\n", 1)
	h.importRoster(t, retired)

	told := budi.say("/lapor")
	contains(t, told.Text, "kini berstatus tidak aktif")
	contains(t, told.Text, "tidak dapat lagi melapor")
	if h.linked(t, "2002") != "" {
		t.Fatal("Budi's chat is still linked")
	}
	contains(t, budi.say("/lapor").Text, "Untuk mendaftar")
	refused := budi.do(func() { h.api.PushUpdate(h.api.Contact(chatBudi, chatBudi, phoneBudi)) }, 1)[0]
	contains(t, refused.Text, "tidak aktif")
	if h.linked(t, "2002") != "" {
		t.Fatal("an inactive person registered again")
	}
	// His waiting report is still Rina's to decide.
	rina.press(prompt, "✅ Setujui", 0)
	h.api.WaitEdits(t, 1, waitFor)
	if a := h.activities(t, nipBudi)[0]; a.Status != storage.StatusApproved {
		t.Fatalf("Budi's report after Rina's press: %s", a.Status)
	}

	// A full export without Sari, confirmed: she is told by the bot itself.
	export := strings.Replace(rosterCSV, "198703102012012005,Sari Dewi,PKM-SMP,Puskesmas Sempaja,Bidan,197805122005012003,081234500003,\n", "", 1)
	rep, err := importer.ImportRoster(context.Background(), h.store, strings.NewReader(export), importer.Options{
		DefaultTimezone: "Asia/Makassar", DeactivateMissing: true, ConfirmDeactivate: true})
	if err != nil || !rep.OK() || rep.Deactivation.Deactivated != 1 {
		t.Fatalf("import: %v %+v", err, rep.Deactivation)
	}
	mark := sari.sent()
	h.pass(t)
	contains(t, textTo(sari.await(mark, 1), chatSari), "kini berstatus tidak aktif")
	if h.linked(t, "2003") != "" {
		t.Fatal("Sari's chat is still linked")
	}
}
