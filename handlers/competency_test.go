package handlers

import "testing"

func TestParseJP(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"8", 8, true}, {" 8 JP ", 8, true}, {"32jp", 32, true}, {"500", 500, true},
		{"0", 0, false}, {"501", 0, false}, {"-3", 0, false}, {"delapan", 0, false}, {"1,5", 0, false}, {"", 0, false}, {"JP", 0, false},
	} {
		got, ok := parseJP(tc.in)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("parseJP(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
