package console

import (
	"context"
	"fmt"
	"time"

	"github.com/kinerjabot/kinerjabot/export"
	"github.com/kinerjabot/kinerjabot/i18n"
)

// capaianBands are the lower bounds of the capaian bands, in percent: under
// 50, 50–79, 80–99, 100 and more.
var capaianBands = []float64{0, 50, 80, 100}

// capaianLabels name the bands in lang: "under 50%", "50–79%", …
func capaianLabels(lang i18n.Lang) []string {
	last := len(capaianBands) - 1
	out := make([]string, len(capaianBands))
	for i, lo := range capaianBands {
		switch i {
		case 0:
			out[i] = lang.T(i18n.ConsoleSummaryCapUnder, int(capaianBands[1]))
		case last:
			out[i] = lang.T(i18n.ConsoleSummaryCapOver, int(lo))
		default:
			out[i] = lang.T(i18n.ConsoleSummaryCapRange, int(lo), int(capaianBands[i+1])-1)
		}
	}
	return out
}

// capaian counts people by their capaian in the run's month: approved
// minutes ÷ the unit's target, as the export's Rekap computes it
// (export.Capaian, Exporter.UnitTarget).
func (f *figuresRun) capaian(ctx context.Context, unit string, people []string) (bands, error) {
	target, err := f.c.exporter.UnitTarget(ctx, unit)
	if err != nil {
		return nil, fmt.Errorf("unit target: %w", err)
	}
	first, _ := time.Parse("2006-01", f.month)
	from, to := first.Format(time.DateOnly), first.AddDate(0, 1, -1).Format(time.DateOnly)
	out := make(bands, len(capaianBands))
	err = chunks(people, func(batch []string) error {
		minutes, err := f.c.d.Store.ApprovedMinutesAmong(ctx, from, to, batch)
		if err != nil {
			return fmt.Errorf("approved minutes among: %w", err)
		}
		for _, nip := range batch {
			out[capaianBand(100*export.Capaian(minutes[nip], target))]++
		}
		return nil
	})
	return out, err
}

// capaianBand is the index of the band pct falls in.
func capaianBand(pct float64) int {
	i := 0
	for j, lo := range capaianBands {
		if pct >= lo {
			i = j
		}
	}
	return i
}
