package storage

import (
	"slices"
	"testing"
	"time"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2026", "2026", true},
		{" 2026 ", "2026", true},
		{"2026-Q4", "2026-Q4", true},
		{"2026-q1", "2026-Q1", true},
		{"2026-01", "2026-01", true},
		{"2026-12", "2026-12", true},
		{"2000", "2000", true},
		{"2100-Q2", "2100-Q2", true},
		{"", "", false},
		{"26", "", false},
		{"1999", "", false},
		{"2101", "", false},
		{"2026-Q0", "", false},
		{"2026-Q5", "", false},
		{"2026-Q", "", false},
		{"2026-Q12", "", false},
		{"2026-00", "", false},
		{"2026-13", "", false},
		{"2026-1", "", false},
		{"2026-", "", false},
		{"2026/11", "", false},
		{"2026-11-01", "", false},
		{"Q4-2026", "", false},
		{"2026 Q4", "", false},
		{"TW4 2026", "", false},
		{"２０２６", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParsePeriod(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ParsePeriod(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestCurrentPeriods(t *testing.T) {
	wita := time.FixedZone("WITA", 8*3600)
	tests := []struct {
		now  time.Time
		want []string
	}{
		{time.Date(2026, 11, 23, 10, 0, 0, 0, wita), []string{"2026-11", "2026-Q4", "2026"}},
		{time.Date(2026, 1, 1, 0, 0, 0, 0, wita), []string{"2026-01", "2026-Q1", "2026"}},
		{time.Date(2026, 3, 31, 23, 59, 0, 0, wita), []string{"2026-03", "2026-Q1", "2026"}},
		{time.Date(2026, 4, 1, 0, 0, 0, 0, wita), []string{"2026-04", "2026-Q2", "2026"}},
		{time.Date(2026, 9, 30, 12, 0, 0, 0, wita), []string{"2026-09", "2026-Q3", "2026"}},
		// The date is read in now's zone: 31 Dec 23:30 WITA is 15:30 UTC.
		{time.Date(2026, 12, 31, 23, 30, 0, 0, wita), []string{"2026-12", "2026-Q4", "2026"}},
		{time.Date(2026, 12, 31, 23, 30, 0, 0, wita).UTC(), []string{"2026-12", "2026-Q4", "2026"}},
		{time.Date(2027, 1, 1, 0, 30, 0, 0, wita), []string{"2027-01", "2027-Q1", "2027"}},
		{time.Date(2027, 1, 1, 0, 30, 0, 0, wita).UTC(), []string{"2026-12", "2026-Q4", "2026"}},
	}
	for _, tt := range tests {
		got := CurrentPeriods(tt.now)
		if !slices.Equal(got, tt.want) {
			t.Errorf("CurrentPeriods(%v) = %v, want %v", tt.now, got, tt.want)
		}
		for _, p := range got {
			if c, ok := ParsePeriod(p); !ok || c != p {
				t.Errorf("CurrentPeriods(%v) gives %q, which ParsePeriod reads as %q, %v", tt.now, p, c, ok)
			}
		}
	}
}
