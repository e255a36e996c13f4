package console

import (
	"context"
	"fmt"
	"time"
)

// compliance is reporting compliance among people: today (nothing to
// count on a day off: Of 0), and over the work days of the run's month up
// to today, each day counting every active person once (people on the
// roster now: the roster keeps no history).
func (f *figuresRun) compliance(ctx context.Context, clk unitClock, people []string) (today, month ratio, err error) {
	if clk.cal.WorkDay(clk.today) {
		n, err := f.reportedOn(ctx, clk.today, people)
		if err != nil {
			return today, month, err
		}
		today = ratio{Done: n, Of: len(people)}
	}
	for _, day := range monthWorkDays(clk, f.month) {
		n, err := f.reportedOn(ctx, day, people)
		if err != nil {
			return today, month, err
		}
		month.Done += n
		month.Of += len(people)
	}
	return today, month, nil
}

// reportedOn counts those of people with a report dated day.
func (f *figuresRun) reportedOn(ctx context.Context, day string, people []string) (int, error) {
	n := 0
	err := chunks(people, func(batch []string) error {
		got, err := f.c.d.Store.ReportedAmong(ctx, day, batch)
		if err != nil {
			return fmt.Errorf("reported among on %s: %w", day, err)
		}
		n += len(got)
		return nil
	})
	return n, err
}

// monthWorkDays are the work days of month (YYYY-MM) up to today.
func monthWorkDays(clk unitClock, month string) []string {
	first, err := time.Parse("2006-01", month)
	if err != nil {
		return nil
	}
	var days []string
	for d := first; d.Month() == first.Month(); d = d.AddDate(0, 0, 1) {
		day := d.Format(time.DateOnly)
		if day > clk.today {
			break
		}
		if clk.cal.WorkDay(day) {
			days = append(days, day)
		}
	}
	return days
}
