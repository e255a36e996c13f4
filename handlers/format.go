package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/measure"
	"github.com/kinerjabot/kinerjabot/storage"
)

// fmtDate renders a YYYY-MM-DD date: "Senin, 23 November 2026".
func fmtDate(lang i18n.Lang, date string) string { return measure.FormatDate(string(lang), date) }

// fmtDateTime renders a moment in its own zone: "20 Nov 2026 09.15".
func fmtDateTime(lang i18n.Lang, t time.Time) string {
	return measure.FormatDateTime(string(lang), t)
}

func monthName(lang i18n.Lang, t time.Time) string { return measure.MonthName(string(lang), t) }

// durationText renders minutes, with the time range when one was given.
func durationText(lang i18n.Lang, minutes int, start *int) string {
	s := measure.FormatMinutes(minutes, string(lang))
	if start != nil {
		end := *start + minutes
		s += fmt.Sprintf(" (%02d.%02d–%02d.%02d)", *start/60, *start%60, end/60%24, end%60)
	}
	return s
}

func volumeText(amount float64, unit string) string {
	if unit == "" {
		return ""
	}
	return measure.Volume{Amount: amount, Unit: unit}.String()
}

// distanceText renders how far a shared location is from the unit.
func distanceText(lang i18n.Lang, meters float64, unit string) string {
	var d string
	if meters < 1000 {
		d = fmt.Sprintf("%.0f m", meters)
	} else {
		d = strings.Replace(fmt.Sprintf("%.1f km", meters/1000), ".", ",", 1)
		if lang == i18n.EN {
			d = fmt.Sprintf("%.1f km", meters/1000)
		}
	}
	return lang.T(i18n.ApprovalDistance, d, unit)
}

// zones caches time zones by name.
var zones sync.Map

// zone is the time zone of a unit (the default zone when the unit or its
// zone is unknown).
func (r *Router) zone(ctx context.Context, unitCode string) (*time.Location, error) {
	name := r.opt.DefaultTimezone
	u, err := r.store.GetUnit(ctx, unitCode)
	switch {
	case err == nil && u.Timezone != "":
		name = u.Timezone
	case err != nil && !errors.Is(err, storage.ErrNotFound):
		return nil, fmt.Errorf("get unit: %w", err)
	}
	if name == "" {
		name = "Asia/Jakarta"
	}
	if l, ok := zones.Load(name); ok {
		return l.(*time.Location), nil
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("load time zone %s: %w", name, err)
	}
	zones.Store(name, l)
	return l, nil
}

func isNotFound(err error) bool { return errors.Is(err, storage.ErrNotFound) }
