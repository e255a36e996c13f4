package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// addTeam puts n more active people under Rina on the roster (sorted
// after Budi by NIP), as a roster import would.
func (h *harness) addTeam(t *testing.T, n int) {
	t.Helper()
	for i := 1; i <= n; i++ {
		e := storage.Employee{NIP: fmt.Sprintf("199501012020011%03d", i), Name: fmt.Sprintf("Anggota %d", i),
			UnitCode: "PKM-SMP", Position: "Perawat", SupervisorNIP: nipKapus, Active: true}
		if err := h.store.UpsertEmployee(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
}

// Rina's team of ten: the first page shows eight with today's and the
// week's figures, the next page the rest; she opens Budi and approves what
// waits from there, and Budi is told. Budi, who has no team, is refused.
func TestTeamViewPagesOpensAMemberAndApproves(t *testing.T) {
	_, now := fixedClock(t, "2026-12-08 01:00") // Tuesday 09:00 in Samarinda (WITA)
	h, rina, budi, _ := setupWith(t, harnessOpt{now: now})
	h.addTeam(t, 8)
	budi.submit("Kunjungan rumah pasien TB di RT 12")

	team := rina.say("/tim")
	for _, w := range []string{"Tim Anda", "Hari kerja minggu ini sampai hari ini: 2", "10 anggota (halaman 1/2)",
		"1. Sari Dewi\n   Hari ini: ❌ belum lapor\n   Minggu ini: 0/2 hari, 0 menit · Menunggu: 0",
		"2. Budi Santoso\n   Hari ini: ✅ 1 jam 30 menit\n   Minggu ini: 1/2 hari, 1 jam 30 menit · Menunggu: 1 · Terakhir: Selasa, 8 Desember 2026",
		"8. Anggota 6"} {
		contains(t, team.Text, w)
	}
	if strings.Contains(team.Text, "Anggota 7") {
		t.Fatalf("the first page shows more than 8 people:\n%s", team.Text)
	}
	next := rina.press(team, "Berikutnya", 1)[0]
	contains(t, next.Text, "halaman 2/2")
	contains(t, next.Text, "9. Anggota 7")
	contains(t, next.Text, "10. Anggota 8")
	contains(t, rina.press(next, "◀ Sebelumnya", 1)[0].Text, "1. Sari Dewi")

	member := rina.press(team, "👤 2.", 1)[0]
	contains(t, member.Text, "Laporan Budi Santoso")
	contains(t, member.Text, "Kunjungan rumah pasien TB")
	contains(t, member.Text, "Menunggu")
	out := rina.press(member, "✅ Setujui semua", 2)
	contains(t, textTo(out, chatRina), "1 laporan disetujui")
	contains(t, textTo(out, chatBudi), "Disetujui oleh dr. Rina Wulandari")
	if a := h.activities(t, nipBudi)[0]; a.Status != storage.StatusApproved || a.Decision.ByNIP != nipKapus {
		t.Fatalf("report after approving from the team view = %+v", a)
	}
	contains(t, rina.say("/tim").Text, "Menunggu: 0")

	contains(t, budi.say("/tim").Text, "tidak punya anggota tim")
	contains(t, budi.say("/team").Text, "tidak punya anggota tim")
}

// Rina's team view still shows Budi after the roster moved him to Sari
// (and Rina is no longer an admin): her buttons for him are refused, and
// nothing is decided; Sari's /tim has him now.
func TestTeamButtonsForSomeoneNoLongerOnTheTeamAreRefused(t *testing.T) {
	h, rina, budi, sari := setup(t)
	budi.submit("Pelacakan kontak kasus TB di RT 03")
	team := rina.say("/tim")
	contains(t, team.Text, "Budi Santoso")
	open, approve := buttonData(t, team, "👤 2."), buttonData(t, team, "✅ 2:")

	h.updateEmployee(t, nipKapus, func(e *storage.Employee) { e.Role = storage.RoleStaff })
	h.updateEmployee(t, nipBudi, func(e *storage.Employee) { e.SupervisorNIP = nipSari })

	for name, data := range map[string]string{"open": open, "approve": approve} {
		if got := rina.pressAnswer(team, data); !strings.Contains(got, "tidak (lagi) dapat") {
			t.Fatalf("the former supervisor's %s press answered %q", name, got)
		}
	}
	if a := h.activities(t, nipBudi)[0]; a.Status != storage.StatusPending || a.Decision != nil {
		t.Fatalf("a refused press changed the report: %+v", a)
	}
	contains(t, sari.say("/tim").Text, "1. Budi Santoso")
}
