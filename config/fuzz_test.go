package config

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// FuzzClockMinutes checks ClockMinutes (REMIND_STAFF_AT,
// REMIND_SUPERVISOR_AT, and the CLI's --at) on any text: an accepted
// time is a minute of the day, written as HH:MM or HH.MM (hour of one or
// two digits, minute of two), which reads the same in both separators and
// zero-padded; a refusal returns 0 and says what it got.
//
//	go test -run '^$' -fuzz '^FuzzClockMinutes$' -fuzztime 60s ./config/
func FuzzClockMinutes(f *testing.F) {
	// TestReminderSettings and the defaults.
	for _, s := range []string{"15:30", "08:00", "07.45", "25:00", "pagi", "", "7:05", "24:00", "23:59", "00:00",
		"12:60", "1:2", "12:00:00", " 08:00", "08:00 ", "0x10:00", "+8:00", "٠٨:٠٠", "08,00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ClockMinutes(s)
		if err != nil {
			if m != 0 || !strings.Contains(err.Error(), strconv.Quote(s)) {
				t.Fatalf("ClockMinutes(%q) = %d, %v", s, m, err)
			}
			return
		}
		if m < 0 || m >= 24*60 {
			t.Fatalf("ClockMinutes(%q) = %d: not a minute of the day", s, m)
		}
		hh, mm, ok := strings.Cut(s, ":")
		if !ok {
			hh, mm, ok = strings.Cut(s, ".")
		}
		if !ok || len(hh) < 1 || len(hh) > 2 || len(mm) != 2 || strings.Trim(hh+mm, "0123456789") != "" {
			t.Fatalf("ClockMinutes(%q) = %d: not HH:MM or HH.MM", s, m)
		}
		for _, v := range []string{fmt.Sprintf("%02d:%02d", m/60, m%60), fmt.Sprintf("%02d.%02d", m/60, m%60), fmt.Sprintf("%d:%02d", m/60, m%60)} {
			if again, err := ClockMinutes(v); err != nil || again != m {
				t.Fatalf("ClockMinutes(%q) = %d but %q gives %d, %v", s, m, v, again, err)
			}
		}
	})
}
