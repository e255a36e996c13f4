package playground_test

import (
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot/playground"
)

// The clock control's jumps, read in WITA, from a real time in the
// evening; the shifted clock runs on from where it landed.
func TestClockJumps(t *testing.T) {
	z := wita(t)
	real := time.Date(2026, 11, 23, 19, 47, 0, 0, z)
	c := playground.NewClock(func() time.Time { return real })
	cases := []struct {
		jump string
		want time.Time
	}{
		{playground.JumpAfternoon, time.Date(2026, 11, 23, 15, 30, 0, 0, z)},
		{playground.JumpTomorrow, time.Date(2026, 11, 24, 8, 0, 0, 0, z)},
		{playground.JumpTomorrow, time.Date(2026, 11, 25, 8, 0, 0, 0, z)},
		{playground.JumpAfternoon, time.Date(2026, 11, 25, 15, 30, 0, 0, z)},
		{playground.JumpReal, real},
	}
	for _, tc := range cases {
		if !c.Jump(tc.jump, z) {
			t.Fatalf("jump %q refused", tc.jump)
		}
		if got := c.Now(); !got.Equal(tc.want) {
			t.Fatalf("after %q: %v, want %v", tc.jump, got, tc.want)
		}
	}
	if c.Jump("kemarin", z) {
		t.Fatal("unknown jump accepted")
	}
	c.Jump(playground.JumpTomorrow, z)
	real = real.Add(90 * time.Minute)
	if got := c.Now(); !got.Equal(time.Date(2026, 11, 24, 9, 30, 0, 0, z)) {
		t.Fatalf("shifted clock does not run on: %v", got)
	}
}
