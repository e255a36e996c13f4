package main

import "testing"

func TestTargetsMet(t *testing.T) {
	for _, tc := range []struct {
		users                          int
		throughput, p99, cpu, commands float64
		want                           string
	}{
		{1, 9, 0.1, 0.5, 8, "all"}, // throughput and p99 do not apply under 50 users
		{10, 1.4, 0.7, 0.8, 18, "none"},
		{50, 2, 0.5, 0.5, 8, "all"},
		{50, 1.99, 0.51, 0.51, 8.1, "none"},
		{200, 2.1, 0.62, 0.9, 18.6, "throughput (not p99, CPU, Redis commands)"},
		{200, 1.2, 0.4, 0.9, 7, "p99, Redis commands (not throughput, CPU)"},
	} {
		if got := targetsMet(tc.users, tc.throughput, tc.p99, tc.cpu, tc.commands); got != tc.want {
			t.Errorf("targetsMet(%d, %v, %v, %v, %v) = %q, want %q", tc.users, tc.throughput, tc.p99, tc.cpu, tc.commands, got, tc.want)
		}
	}
}
