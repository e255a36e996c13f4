package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/storage"
)

// /apresiasi lists the colleagues of the unit a page at a time: Budi sees
// eight of his eleven colleagues, the next page the other three, and
// back; typing part of a name narrows the list.
func TestAppreciationPagesTheUnitsColleagues(t *testing.T) {
	h, _, budi, _ := setup(t)
	h.addTeam(t, 9) // with Rina and Sari: eleven colleagues in PKM-SMP
	list := budi.say("/apresiasi")
	contains(t, list.Text, "halaman 1")
	first := colleagueButtons(list.Buttons())
	if len(first) != 8 || strings.Contains(strings.Join(first, "|"), "Budi") {
		t.Fatalf("first page offers %v, want eight colleagues and not Budi", first)
	}
	next := budi.press(list, "Berikutnya", 1)[0]
	contains(t, next.Text, "halaman 2")
	second := colleagueButtons(next.Buttons())
	if len(second) != 3 || strings.Contains(strings.Join(second, "|"), first[0]) {
		t.Fatalf("second page offers %v, want the three others", second)
	}
	for _, b := range next.Buttons() {
		if strings.Contains(b.Text, "Berikutnya") {
			t.Fatalf("the last page offers a next page")
		}
	}
	back := budi.press(next, "◀ Sebelumnya", 1)[0]
	if got := colleagueButtons(back.Buttons()); strings.Join(got, "|") != strings.Join(first, "|") {
		t.Fatalf("back on the first page: %v, want %v", got, first)
	}
	found := budi.say("anggota 7")
	if got := colleagueButtons(found.Buttons()); len(got) != 1 || !strings.HasPrefix(got[0], "Anggota 7") {
		t.Fatalf("typed «anggota 7»: %v", got)
	}
	contains(t, budi.press(found, "Anggota 7", 1)[0].Text, "BerAKHLAK")
}

// colleagueButtons are the labels of a colleague list's people (not its
// page buttons).
func colleagueButtons(bs []models.InlineKeyboardButton) []string {
	var out []string
	for _, b := range bs {
		if strings.Contains(b.Text, " — ") {
			out = append(out, b.Text)
		}
	}
	return out
}

// A regional holiday for the Puskesmas (and so its sub-units) is not a
// work day in Budi's /rekap, but it is in Lina's at the Dinas above it.
func TestRegionalHolidayCountsForItsUnitOnly(t *testing.T) {
	monday := time.Date(2026, 12, 7, 2, 0, 0, 0, time.UTC) // Monday 10:00 WITA
	h := start(t, harnessOpt{now: func() time.Time { return monday }})
	budi, lina := h.chat(t, chatBudi), h.chat(t, chatLina)
	budi.register(phoneBudi)
	lina.register(phoneLina)
	regional := storage.Holiday{Date: "2026-12-04", Name: "Hari Jadi Puskesmas", Units: []string{"PKM-SMP"}}
	if err := h.store.UpsertHoliday(context.Background(), regional); err != nil {
		t.Fatal(err)
	}
	// Work days to date: 1, 2, 3, 4 and 7 December; the 4th is a holiday
	// in PKM-SMP only.
	contains(t, budi.say("/rekap").Text, "Hari kerja tanpa laporan: 4 dari 4")
	contains(t, lina.say("/rekap").Text, "Hari kerja tanpa laporan: 5 dari 5")
}
