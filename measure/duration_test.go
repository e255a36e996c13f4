package measure

import (
	"errors"
	"strings"
	"testing"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in      string
		minutes int
		start   int // -1: no StartMinute
	}{
		// minutes
		{"90", 90, -1},
		{"90 menit", 90, -1},
		{"90 MENIT", 90, -1},
		{"  90   mnt  ", 90, -1},
		{"90m", 90, -1},
		{"90 min", 90, -1},
		{"90 minutes", 90, -1},
		{"5", 5, -1},
		{"720 menit", 720, -1},
		{"0090", 90, -1},
		{"45 menit.", 45, -1},
		// hours and minutes
		{"1 jam 30", 90, -1},
		{"1 jam 30 menit", 90, -1},
		{"1 Jam 30 Menit", 90, -1},
		{"1j30m", 90, -1},
		{"1J30M", 90, -1},
		{"1j 30m", 90, -1},
		{"1 j 30 m", 90, -1},
		{"1jam30menit", 90, -1},
		{"1 jam dan 30 menit", 90, -1},
		{"1h30m", 90, -1},
		{"1 h 30 min", 90, -1},
		{"1 hour and 30 minutes", 90, -1},
		{"0 jam 30", 30, -1},
		{"2 jam 0 menit", 120, -1},
		{"11 jam 59 menit", 719, -1},
		// hours
		{"2 jam", 120, -1},
		{"2j", 120, -1},
		{"2 hours", 120, -1},
		{"1 hr", 60, -1},
		{"12 jam", 720, -1},
		{"1,5 jam", 90, -1},
		{"1.5 jam", 90, -1},
		{"0,5 jam", 30, -1},
		{"0.5 jam", 30, -1},
		{"1.5 hours", 90, -1},
		{"1,25 jam", 75, -1},
		{"1,75 jam", 105, -1},
		{"0,1 jam", 6, -1},
		{"1,50 jam", 90, -1},
		{"0,125 jam", 8, -1},   // 7.5 min: half rounds up
		{"0,0999 jam", 6, -1},  // 5.994 min
		{"1,333 jam", 80, -1},  // 79.98 min
		{"0,1083 jam", 6, -1},  // 6.498 min
		{"0,1084 jam", 7, -1},  // 6.504 min
		{"11,99 jam", 719, -1}, // 719.4 min
		// ranges
		{"08.00-09.30", 90, 480},
		{"08:00 - 09:30", 90, 480},
		{"8.00–9.30", 90, 480},
		{"8.00—9.30", 90, 480},
		{"08.00 s/d 09.30", 90, 480},
		{"08.00 S/D 09.30", 90, 480},
		{"08.00 s.d. 09.30", 90, 480},
		{"08.00 sd 09.30", 90, 480},
		{"08.00 sampai 09.30", 90, 480},
		{"08.00 hingga 09.30", 90, 480},
		{"8:00 to 9:30", 90, 480},
		{"pukul 08.00 - 09.30 WITA", 90, 480},
		{"jam 13.15-jam 15.00", 105, 795},
		{"pkl. 07.30 s/d 08.00 wib", 30, 450},
		{"00.00-00.05", 5, 0},
		{"11.59-23.59", 720, 719},
		{"07.30-12.00", 270, 450},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := ParseDuration(tt.in)
			if err != nil {
				t.Fatalf("ParseDuration(%q): %v", tt.in, err)
			}
			if d.Minutes != tt.minutes {
				t.Errorf("Minutes = %d, want %d", d.Minutes, tt.minutes)
			}
			switch {
			case tt.start < 0 && d.StartMinute != nil:
				t.Errorf("StartMinute = %d, want nil", *d.StartMinute)
			case tt.start >= 0 && (d.StartMinute == nil || *d.StartMinute != tt.start):
				t.Errorf("StartMinute = %v, want %d", d.StartMinute, tt.start)
			}
		})
	}
}

func TestParseDurationRefused(t *testing.T) {
	tests := []struct {
		in   string
		want Reason
	}{
		{"", ReasonDurationFormat},
		{"   ", ReasonDurationFormat},
		{"sebentar", ReasonDurationFormat},
		{"jam", ReasonDurationFormat},
		{"-30", ReasonDurationFormat},
		{"1,5", ReasonDurationFormat},        // fractional minutes
		{"90,5 menit", ReasonDurationFormat}, // fractional minutes
		{"1.5", ReasonDurationFormat},
		{"90 detik", ReasonDurationFormat},
		{"90 menit lebih", ReasonDurationFormat},
		{"30 menit 1 jam", ReasonDurationFormat},
		{"1 jam 2 jam", ReasonDurationFormat},
		{"1 jam 30 menit 10", ReasonDurationFormat},
		{"1 jam 60 menit", ReasonDurationFormat},
		{"1,5 jam 30 menit", ReasonDurationFormat},
		{"1 jam 30,5", ReasonDurationFormat},
		{"90 dan", ReasonDurationFormat},
		{"dan 90", ReasonDurationFormat},
		{"1 jam dan dan 30", ReasonDurationFormat},
		{"1, 5 jam", ReasonDurationFormat},
		{"1,5,5 jam", ReasonDurationFormat},
		{"90menitan", ReasonDurationFormat},
		{"08.00", ReasonDurationFormat}, // a time, not a duration
		{"08.00-", ReasonDurationFormat},
		{"08.00-9", ReasonDurationFormat},
		{"08.0-09.30", ReasonDurationFormat},
		{"08.00 09.30", ReasonDurationFormat},
		{"0,0000001 jam", ReasonDurationFormat},
		{"1.30 jam", ReasonDurationAmbiguous},
		{"1.25 hours", ReasonDurationAmbiguous},
		{"1.500 jam", ReasonDurationAmbiguous},
		{"4", ReasonDurationRange},
		{"0", ReasonDurationRange},
		{"4 menit", ReasonDurationRange},
		{"721", ReasonDurationRange},
		{"13 jam", ReasonDurationRange},
		{"12 jam 1 menit", ReasonDurationRange},
		{"0,05 jam", ReasonDurationRange},  // 3 min
		{"12,01 jam", ReasonDurationRange}, // 720.6 → 721
		{"99999999999999999999", ReasonDurationRange},
		{"99999999999999999999 jam", ReasonDurationRange},
		{"08.00-08.04", ReasonDurationRange},
		{"06.00-18.30", ReasonDurationRange},
		{"24.00-24.30", ReasonClock},
		{"08.60-09.30", ReasonClock},
		{"08.00-25.00", ReasonClock},
		{"09.30-08.00", ReasonRangeOrder},
		{"22.00-02.00", ReasonRangeOrder}, // never across midnight
		{"08.00-08.00", ReasonRangeOrder},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, err := ParseDuration(tt.in)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("ParseDuration(%q) = %+v, %v; want *Error %v", tt.in, d, err, tt.want)
			}
			if e.Reason != tt.want {
				t.Errorf("Reason = %v, want %v", e.Reason, tt.want)
			}
			if d != (Duration{}) {
				t.Errorf("Duration = %+v, want zero with an error", d)
			}
		})
	}
}

func TestFormatMinutes(t *testing.T) {
	tests := []struct {
		m      int
		id, en string
	}{
		{0, "0 menit", "0 min"},
		{5, "5 menit", "5 min"},
		{45, "45 menit", "45 min"},
		{60, "1 jam", "1 h"},
		{90, "1 jam 30 menit", "1 h 30 min"},
		{125, "2 jam 5 menit", "2 h 5 min"},
		{720, "12 jam", "12 h"},
		{6000, "100 jam", "100 h"},
	}
	for _, tt := range tests {
		if got := FormatMinutes(tt.m, "id"); got != tt.id {
			t.Errorf("FormatMinutes(%d, id) = %q, want %q", tt.m, got, tt.id)
		}
		if got := FormatMinutes(tt.m, ""); got != tt.id {
			t.Errorf("FormatMinutes(%d, \"\") = %q, want %q", tt.m, got, tt.id)
		}
		if got := FormatMinutes(tt.m, "en"); got != tt.en {
			t.Errorf("FormatMinutes(%d, en) = %q, want %q", tt.m, got, tt.en)
		}
	}
}

// Every duration within the limits survives formatting and parsing, in
// both languages and as a range.
func TestFormatMinutesParsesBack(t *testing.T) {
	for m := MinMinutes; m <= MaxMinutes; m++ {
		for _, lang := range []string{"id", "en"} {
			s := FormatMinutes(m, lang)
			d, err := ParseDuration(s)
			if err != nil || d.Minutes != m || d.StartMinute != nil {
				t.Fatalf("ParseDuration(%q) = %+v, %v; want %d minutes", s, d, err, m)
			}
		}
		start := 7 * 60
		s := FormatClock(start) + "-" + FormatClock(start+m)
		if d, err := ParseDuration(s); err != nil || d.Minutes != m || *d.StartMinute != start {
			t.Fatalf("ParseDuration(%q) = %+v, %v; want %d minutes", s, d, err, m)
		}
	}
}

func TestFormatClock(t *testing.T) {
	tests := map[int]string{0: "00.00", 480: "08.00", 570: "09.30", 1439: "23.59", 1440: "00.00", -1: "23.59"}
	for in, want := range tests {
		if got := FormatClock(in); got != want {
			t.Errorf("FormatClock(%d) = %q, want %q", in, got, want)
		}
	}
}

func TestDurationMessages(t *testing.T) {
	tests := []struct {
		r      Reason
		id, en string
	}{
		{ReasonDurationFormat,
			"Tulis lama kegiatan, misalnya 90, 1 jam 30, 1,5 jam atau 08.00-09.30 (5 sampai 720 menit).",
			"Write how long the activity took, e.g. 90, 1 h 30, 1.5 hours or 08.00-09.30 (5 to 720 minutes)."},
		{ReasonDurationRange,
			"Lama kegiatan harus antara 5 menit dan 12 jam.",
			"An activity must last between 5 minutes and 12 hours."},
	}
	for _, tt := range tests {
		e := &Error{Reason: tt.r}
		if got := e.Message("id"); got != tt.id {
			t.Errorf("Message(id) = %q, want %q", got, tt.id)
		}
		if got := e.Message("EN-us"); got != tt.en {
			t.Errorf("Message(en) = %q, want %q", got, tt.en)
		}
		if got := e.Error(); got != "measure: "+tt.en {
			t.Errorf("Error() = %q", got)
		}
	}
	// Every reason has both messages, with an example and no placeholder left.
	for r := range reasonNames {
		for _, lang := range []string{"id", "en"} {
			msg := (&Error{Reason: r}).Message(lang)
			if _, ok := reasonKeys[r]; !ok || strings.Contains(msg, "{") || strings.Contains(msg, "%!") {
				t.Errorf("reason %v (%s): message %q", r, lang, msg)
			}
			if !strings.Contains(msg, "misalnya") && !strings.Contains(msg, "e.g.") && r != ReasonDurationRange {
				t.Errorf("reason %v (%s): no example in %q", r, lang, msg)
			}
		}
	}
	if got := (&Error{Reason: 0}).Message(""); !strings.HasPrefix(got, "Tulis lama kegiatan") {
		t.Errorf("unknown reason message = %q", got)
	}
	if Reason(0).String() != "unknown" || ReasonClock.String() != "clock" {
		t.Errorf("Reason.String: %q %q", Reason(0), ReasonClock)
	}
}
