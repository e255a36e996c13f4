package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// /rekap sends its text with a chart: a PNG a phone shows legibly, within
// 200 KB; a holiday is not a work day without a report.
func TestRecapChart(t *testing.T) {
	monday := time.Date(2026, 12, 7, 2, 0, 0, 0, time.UTC) // Monday 10:00 WITA
	h := start(t, harnessOpt{now: func() time.Time { return monday }})
	rina, budi := h.chat(t, chatRina), h.chat(t, chatBudi)
	rina.register(phoneKapus)
	budi.register(phoneBudi)
	if err := h.store.UpsertHoliday(context.Background(), storage.Holiday{Date: "2026-12-04", Name: "Libur daerah"}); err != nil {
		t.Fatal(err)
	}
	prompt := budi.submit("Pelayanan imunisasi di Posyandu Kenanga")
	rina.press(prompt, "✅ Setujui", 1)
	h.api.WaitEdits(t, 1, waitFor)

	r := budi.say("/rekap")
	if r.Method != "sendPhoto" || r.PhotoBytes == nil {
		t.Fatalf("/rekap answered with %s, want a photo (the chart) with its text", r.Method)
	}
	// Work days to date: 1, 2, 3 and 7 December (the 4th a holiday); a
	// report on the 7th.
	contains(t, r.Text, "Hari kerja tanpa laporan: 3 dari 4")
	contains(t, r.Text, "Disetujui: 1 jam 30 menit")
	if len(r.PhotoBytes) > 200<<10 {
		t.Errorf("chart of %d bytes, over 200 KB", len(r.PhotoBytes))
	}
	img, err := png.Decode(bytes.NewReader(r.PhotoBytes))
	if err != nil {
		t.Fatalf("the chart is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1000 || b.Dy() != 600 {
		t.Errorf("chart %dx%d, want 1000x600", b.Dx(), b.Dy())
	}
}

// /dataku sends the person their own data as a document: their reports,
// not a colleague's; a second request within the hour is refused.
func TestMyDataDocument(t *testing.T) {
	_, _, budi, sari := setup(t)
	budi.submit("Pelayanan imunisasi di Posyandu Kenanga")
	sari.submit("Kelas ibu hamil di Kelurahan Sempaja")

	r := budi.say("/dataku")
	if r.Method != "sendDocument" || r.DocumentBytes == nil {
		t.Fatalf("/dataku answered with %s %q, want a document", r.Method, r.Text)
	}
	contains(t, r.Text, "1 laporan")
	if !strings.HasPrefix(r.DocumentName, "dataku-") || !strings.HasSuffix(r.DocumentName, ".json") {
		t.Errorf("file name %q", r.DocumentName)
	}
	var doc struct {
		Profile struct {
			NIP string `json:"nip"`
		} `json:"profile"`
		Reports []struct {
			NIP         string `json:"nip"`
			Description string `json:"description"`
		} `json:"reports"`
	}
	if err := json.Unmarshal(r.DocumentBytes, &doc); err != nil {
		t.Fatalf("the document is not JSON: %v", err)
	}
	if doc.Profile.NIP != nipBudi || len(doc.Reports) != 1 || doc.Reports[0].Description != "Pelayanan imunisasi di Posyandu Kenanga" {
		t.Errorf("document of %s with reports %+v; want Budi's one report", doc.Profile.NIP, doc.Reports)
	}
	if bytes.Contains(r.DocumentBytes, []byte("Kelas ibu hamil")) {
		t.Error("Budi's document holds Sari's report")
	}

	again := budi.say("/mydata")
	if again.DocumentBytes != nil {
		t.Fatal("a second document within the hour")
	}
	contains(t, again.Text, "sekali dalam satu jam")
	if d := sari.say("/dataku"); d.DocumentBytes == nil { // the limit is per person
		t.Errorf("Sari was refused: %q", d.Text)
	}
}
