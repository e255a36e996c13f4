package e2e

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

const (
	nipLina   = "198402292009032001" // admin of the Dinas, above the Puskesmas
	chatLina  = 2009
	phoneLina = "+6281234500009"
)

// Lina, admin of the Dinas, makes Sari the Plh for Rina's post through the
// chat: Budi's next report goes to Sari, who approves it as Plh; Sari's
// /tim has Rina's team. A staff member and Rina (admin of the Puskesmas
// only) are refused for Lina's own post; an overlap is refused; Lina
// removes the assignment with its button, which Budi cannot press.
func TestAdminAddsActingByChatAndThePlhDecides(t *testing.T) {
	_, now := fixedClock(t, "2026-12-07 01:00") // Monday 09:00 in Samarinda (WITA)
	h, rina, budi, sari := setupWith(t, harnessOpt{now: now})
	lina := h.chat(t, chatLina)
	lina.register(phoneLina)

	add := "/plt " + nipSari + " " + nipKapus + " 2026-12-07 2026-12-09 plh"
	contains(t, budi.say(add).Text, "hanya untuk admin")
	contains(t, rina.say("/plt "+nipSari+" "+nipLina+" 2026-12-07 2026-12-09").Text, "bukan di unit Anda")
	contains(t, lina.say("/plt "+nipSari+" "+nipKapus+" 2026-12-09 2026-12-07").Text, "sebelum tanggal mulai")
	contains(t, lina.say("/plt "+nipSari+" 123 2026-12-07 2026-12-09").Text, "bukan NIP yang valid")
	contains(t, lina.say("/plt "+nipKapus+" "+nipKapus+" 2026-12-07 2026-12-09").Text, "jabatannya sendiri")
	if got := actingList(t, h); len(got) != 0 {
		t.Fatalf("refused additions stored %+v", got)
	}

	contains(t, lina.say(add).Text, "Tersimpan: Sari Dewi sebagai Plh dr. Rina Wulandari")
	want := storage.Acting{ActingNIP: nipSari, ForNIP: nipKapus, From: "2026-12-07", To: "2026-12-09", Kind: storage.ActingPlh, By: nipLina}
	if got := actingList(t, h); !slices.Equal(got, []storage.Acting{want}) {
		t.Fatalf("acting list = %+v, want %+v", got, want)
	}
	contains(t, lina.say("/plt "+nipBudi+" "+nipKapus+" 2026-12-08 2026-12-10").Text, "bertumpang tindih")

	prompt := budi.submitTo(chatSari, nipSari, "Rapat koordinasi lintas program")
	contains(t, sari.say("/tim").Text, "Budi Santoso")
	contains(t, textTo(sari.press(prompt, "✅ Setujui", 1), chatBudi), "Disetujui oleh Sari Dewi sebagai Plt/Plh dr. Rina Wulandari")
	if a := h.activities(t, nipBudi)[0]; a.Status != storage.StatusApproved || a.Decision.ActingFor != nipKapus {
		t.Fatalf("report decided by the Plh = %+v", a.Decision)
	}

	list := lina.say("/plt")
	contains(t, list.Text, "1. Sari Dewi sebagai Plh dr. Rina Wulandari")
	remove := buttonData(t, list, "🗑 1")
	if got := budi.pressAnswer(list, remove); !strings.Contains(got, "hanya untuk admin") {
		t.Fatalf("a staff member's remove press answered %q", got)
	}
	contains(t, lina.press(list, "🗑 1", 1)[0].Text, "Dihapus: Sari Dewi")
	if got := actingList(t, h); len(got) != 0 {
		t.Fatalf("acting list after removal = %+v", got)
	}
	contains(t, lina.say("/plt").Text, "Belum ada Plt/Plh")
}

func actingList(t *testing.T, h *harness) []storage.Acting {
	t.Helper()
	list, err := h.store.ListActing(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return list
}
