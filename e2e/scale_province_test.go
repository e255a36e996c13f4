package e2e

import (
	"os"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// TestProvinceOnFile runs the per-update paths against a store holding a
// province's roster: KINERJA_SCALE_DB names a SQLite file made by
// bench/scale.sh (a million people from bench/roster); without it the
// test is skipped. The file gains the test's people and records. Each step
// is timed and logged (go test -v): registering, a report, its approval,
// /apresiasi in a unit of the synthetic roster (paged), /persetujuan unit
// of an admin over the whole deployment.
func TestProvinceOnFile(t *testing.T) {
	path := os.Getenv("KINERJA_SCALE_DB")
	if path == "" {
		t.Skip("KINERJA_SCALE_DB not set (see bench/scale.sh)")
	}
	at := time.Now()
	h := start(t, harnessOpt{storePath: path})
	step := func(name string, since time.Time) {
		t.Logf("%-28s %v", name, time.Since(since).Round(time.Millisecond))
	}
	step("harness (imports 4 people)", at)

	at = time.Now()
	rina, budi := h.chat(t, chatRina), h.chat(t, chatBudi)
	rina.register(phoneKapus)
	budi.register(phoneBudi)
	step("two registrations", at)

	at = time.Now()
	prompt := budi.submit("Kunjungan rumah pasien TB di RT 12")
	step("a report (whole flow)", at)

	at = time.Now()
	contains(t, textTo(rina.press(prompt, "✅ Setujui", 1), chatBudi), "Disetujui")
	step("an approval", at)

	// Budi moves into a unit of the synthetic roster (about 150 people).
	h.updateEmployee(t, nipBudi, func(e *storage.Employee) { e.UnitCode = "U00001" })
	at = time.Now()
	list := budi.say("/apresiasi")
	contains(t, list.Text, "halaman 1")
	step("/apresiasi first page", at)
	at = time.Now()
	contains(t, budi.press(list, "Berikutnya", 1)[0].Text, "halaman 2")
	step("/apresiasi next page", at)
	budi.say("/batal")

	at = time.Now()
	contains(t, rina.say("/persetujuan unit").Text, "Tidak ada laporan")
	step("/persetujuan unit", at)
}
