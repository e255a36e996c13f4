package main

import (
	"context"
	"time"

	"github.com/kinerjabot/kinerjabot/demo"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// Demo NIPs (demo/roster.csv).
const (
	nipMaya  = "198003122006042009" // Kepala Puskesmas
	nipRizal = "199607142020121003"
	nipDewi  = "199702212022032006"
)

// report is one demo report and how it was decided.
type report struct {
	nip, date string
	minutes   int
	desc      string
	volume    float64
	unit      string
	to        storage.Status // "" stays pending
	reason    string
	where     *storage.Point
}

var reports = []report{
	{nipRizal, "2026-11-02", 180, "Kunjungan rumah pasien TB paru di RT 12 Sempaja Selatan", 3, "kunjungan", storage.StatusApproved, "",
		&storage.Point{Lat: -0.4561, Lon: 117.1612}},
	{nipRizal, "2026-11-03", 240, "Pelayanan imunisasi dasar di Posyandu Kenanga", 28, "anak", storage.StatusApproved, "", nil},
	{nipRizal, "2026-11-04", 90, "=SUM(A1:A9) ditulis apa adanya: teks, bukan rumus", 1, "laporan", storage.StatusRejected,
		"Uraian tidak jelas", nil},
	{nipRizal, "2026-11-05", 300, "Skrining PTM di Kelurahan Sempaja Selatan", 41, "orang", "", "", nil},
	{nipDewi, "2026-11-02", 270, "Kelas ibu hamil, pertemuan ke-3", 14, "peserta", storage.StatusApproved, "", nil},
	{nipDewi, "2026-11-03", 120, "Pemeriksaan ANC terpadu", 9, "ibu hamil", storage.StatusRevision,
		"Tambahkan jumlah peserta", nil},
}

// seed opens a store at path with the demo roster and the reports above.
func seed(ctx context.Context, path string) (storage.Store, error) {
	st, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	if _, err := demo.Seed(ctx, st); err != nil {
		return st, err
	}
	for i, r := range reports {
		if err := add(ctx, st, i, r); err != nil {
			return st, err
		}
	}
	err = st.AddFeedback(ctx, storage.Feedback{ID: "f1", FromNIP: nipDewi, ToNIP: nipRizal, Value: 7, Anonymous: true,
		Date: "2026-11-05", At: time.Date(2026, 11, 5, 3, 0, 0, 0, time.UTC)})
	return st, err
}

func add(ctx context.Context, st storage.Store, i int, r report) error {
	id := "demo" + string(rune('a'+i))
	at := time.Date(2026, 11, 6, 1, 15+i, 0, 0, time.UTC)
	err := st.CreateActivity(ctx, storage.Activity{ID: id, NIP: r.nip, UnitCode: "PKM-SEMPAJA", SupervisorNIP: nipMaya, Date: r.date,
		Content:     storage.Content{Minutes: r.minutes, Description: r.desc, OutputVolume: r.volume, OutputUnit: r.unit, Location: r.where},
		SubmittedAt: at})
	if err != nil || r.to == "" {
		return err
	}
	_, err = st.DecideActivity(ctx, id, 1, storage.Decide{To: r.to, ByNIP: nipMaya, Reason: r.reason, At: at.Add(2 * time.Hour)})
	return err
}
