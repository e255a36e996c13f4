package e2e

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kinerjabot/kinerjabot/storage"
)

// /ekspor: Lina, admin of the Dinas, receives the month's workbook of the
// Dinas and the Puskesmas below it as an .xlsx document, which opens with
// the right rows, a formula-like description kept as text. Budi (staff),
// Rina asking for a unit above her own, and Sari, a supervisor, asking for
// her unit are refused, with no document; Sari's own export holds her team
// only.
func TestExportDocument(t *testing.T) {
	_, now := fixedClock(t, "2026-12-07 01:00") // Monday 09:00 in Samarinda (WITA)
	h, rina, budi, sari := setupWith(t, harnessOpt{now: now})
	lina := h.chat(t, chatLina)
	lina.register(phoneLina)
	const formula = `=HYPERLINK("http://evil.example","klik")`
	rina.press(budi.submit(formula), "✅ Setujui", 1)
	h.api.WaitEdits(t, 1, waitFor)
	sari.submit("+1 kelas ibu hamil di Kelurahan Sempaja")

	r := lina.say("/ekspor")
	if r.Method != "sendDocument" || r.DocumentBytes == nil {
		t.Fatalf("/ekspor answered with %s %q, want a document", r.Method, r.Text)
	}
	contains(t, r.Text, "Desember 2026")
	contains(t, r.Text, "bukan TPP")
	if r.DocumentName != "ekspor-DINKES-2026-12.xlsx" {
		t.Errorf("file name %q", r.DocumentName)
	}
	f := workbook(t, r.DocumentBytes)
	rekap, _ := f.GetRows("Rekap")
	var people []string
	for _, row := range rekap[1:] {
		people = append(people, row[1]+"="+row[4])
	}
	if got := strings.Join(people, ","); got != "Lina Marliani=0,Budi Santoso=90,Sari Dewi=0,dr. Rina Wulandari=0" {
		t.Errorf("Rekap people=approved minutes: %s", got)
	}
	kegiatan, _ := f.GetRows("Kegiatan")
	if len(kegiatan) != 3 {
		t.Fatalf("Kegiatan has %d rows, want a header and 2 reports", len(kegiatan))
	}
	for _, row := range kegiatan[1:] {
		if row[2] != "Budi Santoso" {
			continue
		}
		typ, _ := f.GetCellType("Kegiatan", "D2")
		formulaOf, _ := f.GetCellFormula("Kegiatan", "D2")
		if row[3] != formula || typ != excelize.CellTypeInlineString || formulaOf != "" {
			t.Errorf("description %q (type %v, formula %q), want the literal text", row[3], typ, formulaOf)
		}
	}

	if z := lina.say("/ekspor csv"); z.DocumentName != "ekspor-DINKES-2026-12.zip" || !bytes.HasPrefix(z.DocumentBytes, []byte("PK")) {
		t.Errorf("/ekspor csv: %s %q", z.DocumentName, z.Text)
	}

	for _, tc := range []struct {
		name string
		c    *chat
		ask  string
		want string
	}{
		{"staff", budi, "/ekspor", "tidak punya tim"},
		{"staff asking for a unit", budi, "/export unit PKM-SMP", "hanya untuk admin"},
		{"an admin asking above their branch", rina, "/ekspor unit DINKES", "di luar unit yang Anda kelola"},
	} {
		got := tc.c.say(tc.ask)
		if got.DocumentBytes != nil {
			t.Errorf("%s: received a document", tc.name)
		}
		contains(t, got.Text, tc.want)
	}
	// Sari becomes a supervisor (of one person) on the roster: she gets her
	// team, and nobody outside it, and may not ask for her unit.
	intern := storage.Employee{NIP: "200001012025011001", Name: "Putri Magang", UnitCode: "PKM-SMP",
		SupervisorNIP: nipSari, Active: true}
	if err := h.store.UpsertEmployee(context.Background(), intern); err != nil {
		t.Fatal(err)
	}
	contains(t, sari.say("/ekspor unit PKM-SMP").Text, "hanya untuk admin")
	own := sari.say("/ekspor 2026-12")
	if own.DocumentName != "ekspor-tim-2026-12.xlsx" {
		t.Fatalf("Sari's team export: %s %q", own.Method, own.Text)
	}
	sf := workbook(t, own.DocumentBytes)
	if rows, _ := sf.GetRows("Kegiatan"); len(rows) != 1 {
		t.Errorf("Sari's team export shows reports of people outside her team: %q", rows)
	}
	if rows, _ := sf.GetRows("Rekap"); len(rows) != 2 || rows[1][1] != "Putri Magang" {
		t.Errorf("Sari's team rows %q, want Putri only", rows)
	}

	team := rina.say("/ekspor tim")
	if team.DocumentName != "ekspor-tim-2026-12.xlsx" {
		t.Fatalf("Rina's team export: %s %q", team.Method, team.Text)
	}
	tf := workbook(t, team.DocumentBytes)
	if rows, _ := tf.GetRows("Rekap"); len(rows) != 3 || rows[1][1] != "Budi Santoso" || rows[2][1] != "Sari Dewi" {
		t.Errorf("Rina's team rows %q, want Budi and Sari only (Sari's intern is not Rina's)", rows)
	}
}

// workbook opens a document received as an XLSX workbook.
func workbook(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the document does not open as a workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
