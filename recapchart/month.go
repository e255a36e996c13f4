// Package recapchart draws /rekap's picture: a person's approved and
// pending minutes per day of the month, stacked, against their daily
// target, weekends and holidays shaded, as a PNG a phone shows legibly. The
// reply keeps only the chart's reference (the month's numbers, a few
// hundred bytes); Maker draws it just before sending.
package recapchart

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kinerjabot/kinerjabot/files"
	"github.com/kinerjabot/kinerjabot/i18n"
)

// Kind is the kind of a chart's file reference.
const Kind = "chart"

// DayKind says whether a day is a work day, and if not why.
type DayKind string

// Day kinds.
const (
	WorkDay DayKind = ""
	Weekend DayKind = "w"
	Holiday DayKind = "h"
)

// Day is one day of the month: minutes approved and pending of the
// reports dated that day.
type Day struct {
	Approved int     `json:"a,omitempty"`
	Pending  int     `json:"p,omitempty"`
	Kind     DayKind `json:"k,omitempty"`
}

// Month is what the chart shows.
type Month struct {
	// Month is YYYY-MM.
	Month string `json:"m"`
	// Lang is the language of the chart's words.
	Lang i18n.Lang `json:"l"`
	// Target is the daily target in minutes (0: no line).
	Target int `json:"t"`
	// Days are the month's days from the 1st, as many as the month has.
	Days []Day `json:"d"`
}

// Ref is the file reference of the month's chart.
func (m Month) Ref() string {
	raw, _ := json.Marshal(m) // plain fields: never fails
	return files.Ref(Kind, string(raw))
}

// parse reads a chart reference's arguments, refusing what does not
// describe a month.
func parse(args string) (Month, error) {
	var m Month
	if err := json.Unmarshal([]byte(args), &m); err != nil {
		return Month{}, fmt.Errorf("chart reference: %w", err)
	}
	t, err := time.Parse("2006-01", m.Month)
	if err != nil {
		return Month{}, fmt.Errorf("chart month %q: %w", m.Month, err)
	}
	if n := t.AddDate(0, 1, -1).Day(); len(m.Days) != n {
		return Month{}, fmt.Errorf("chart of %s with %d days, want %d", m.Month, len(m.Days), n)
	}
	m.Lang = m.Lang.Or(i18n.ID)
	return m, nil
}

// Maker draws the chart a reference describes (files.Maker).
type Maker struct{}

var _ files.Maker = Maker{}

// MakeFile implements files.Maker: the PNG of the chart.
func (Maker) MakeFile(_ context.Context, args string) ([]byte, error) {
	m, err := parse(args)
	if err != nil {
		return nil, err
	}
	return Render(m)
}
