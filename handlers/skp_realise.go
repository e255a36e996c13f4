package handlers

import (
	"fmt"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/measure"
	"github.com/kinerjabot/kinerjabot/storage"
)

// realisation is what the reports linked to one SKP target add up to.
type realisation struct {
	// Volume sums the output of the approved reports whose unit is the
	// target's (satuan, compared without case or extra spaces); OtherUnit
	// counts approved reports with an output in another unit.
	Volume    float64
	OtherUnit int
	// Minutes and Reports are the approved reports'; Pending counts those
	// waiting.
	Minutes int
	Reports int
	Pending int
}

// realise sums the reports linked to target t among acts.
func realise(t storage.SKPTarget, acts []storage.Activity) realisation {
	var z realisation
	for _, a := range acts {
		switch {
		case a.SKPTargetID != t.ID:
		case a.Status == storage.StatusPending:
			z.Pending++
		case a.Status == storage.StatusApproved:
			z.Reports++
			z.Minutes += a.Minutes
			if a.OutputVolume <= 0 || a.OutputUnit == "" {
				continue
			}
			if sameUnit(a.OutputUnit, t.Satuan) {
				z.Volume += a.OutputVolume
			} else {
				z.OtherUnit++
			}
		}
	}
	return z
}

// sameUnit compares two units (satuan) without case or extra spaces.
func sameUnit(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// targetAmount reads a target's number ("100", "88,31"), if it is one.
func targetAmount(t storage.SKPTarget) (float64, bool) {
	v, err := measure.ParseVolume(t.Target + " x")
	return v.Amount, err == nil
}

// percentOf is the share of the target realised, in whole percent ("" when
// the target is not a number).
func percentOf(z realisation, t storage.SKPTarget) string {
	target, ok := targetAmount(t)
	if !ok || target <= 0 {
		return ""
	}
	return fmt.Sprintf("%.0f%%", 100*z.Volume/target)
}

// periodDates are the first and last dates of an SKP period ("2026",
// "2026-Q4", "2026-11"); ok is false for anything else.
func periodDates(period string) (from, to string, ok bool) {
	p, ok := storage.ParsePeriod(period)
	if !ok {
		return "", "", false
	}
	var start time.Time
	months := 12
	switch {
	case len(p) == 4:
		start, _ = time.Parse("2006", p)
	case p[5] == 'Q':
		start, _ = time.Parse("2006", p[:4])
		start, months = start.AddDate(0, 3*int(p[6]-'1'), 0), 3
	default:
		start, _ = time.Parse("2006-01", p)
		months = 1
	}
	return start.Format(time.DateOnly), start.AddDate(0, months, -1).Format(time.DateOnly), true
}
