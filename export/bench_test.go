package export_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/export"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// benchPeople and benchDays: a unit of 200 people reporting every work
// day of November 2026 (21), 4,200 reports.
const benchPeople, benchDays = 200, 21

func benchStore(b *testing.B) storage.Store {
	b.Helper()
	ctx := context.Background()
	st := openStore(b)
	if err := st.UpsertUnit(ctx, storage.Unit{Code: "DINAS", Name: "Dinas", Timezone: "Asia/Makassar"}); err != nil {
		b.Fatal(err)
	}
	var days []string
	for d := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC); len(days) < benchDays; d = d.AddDate(0, 0, 1) {
		if d.Weekday() != time.Saturday && d.Weekday() != time.Sunday {
			days = append(days, d.Format(time.DateOnly))
		}
	}
	for p := range benchPeople {
		nip := fmt.Sprintf("19900101201501%04d", p+1)
		if err := st.UpsertEmployee(ctx, storage.Employee{NIP: nip, Name: fmt.Sprintf("Pegawai %d", p+1), UnitCode: "DINAS", Active: true}); err != nil {
			b.Fatal(err)
		}
		for i, day := range days {
			a := storage.Activity{ID: fmt.Sprintf("%s-%02d", nip, i), NIP: nip, UnitCode: "DINAS", Date: day,
				Content: storage.Content{Minutes: 300, Description: "Menyusun laporan kegiatan harian dan menindaklanjuti surat masuk"}}
			if err := st.CreateActivity(ctx, a); err != nil {
				b.Fatal(err)
			}
		}
	}
	return st
}

// BenchmarkBuildXLSX: reading a 200-person unit's month and writing the
// XLSX. Reports the file's size.
func BenchmarkBuildXLSX(b *testing.B) {
	st := benchStore(b)
	x := export.New(st, export.Options{})
	q := export.Request{Month: "2026-11", Unit: "DINAS", Lang: i18n.ID}
	var size int
	for b.Loop() {
		w, err := x.Build(context.Background(), q, now)
		if err != nil {
			b.Fatal(err)
		}
		data, err := w.XLSX()
		if err != nil {
			b.Fatal(err)
		}
		size = len(data)
	}
	b.ReportMetric(float64(size), "bytes/file")
}
