package playground

import (
	"sync"
	"time"
)

// Clock is a clock that can be shifted: real time plus an offset. The
// engine's clock (conversation.Options.Now), and through it the flows'
// Input.Now, read it, so a jump is seen by every part at once; the
// reminders of the scheduler are meant to read it too. Safe for concurrent
// use.
type Clock struct {
	real func() time.Time

	mu     sync.RWMutex
	offset time.Duration
}

// NewClock returns a clock on real (time.Now when nil), not shifted.
func NewClock(real func() time.Time) *Clock {
	if real == nil {
		real = time.Now
	}
	return &Clock{real: real}
}

// Now is the shifted time.
func (c *Clock) Now() time.Time {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.real().Add(c.offset)
}

// Offset is how far the clock is shifted from real time.
func (c *Clock) Offset() time.Duration {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.offset
}

// Set shifts the clock so that Now reads t at this instant; it runs on from
// there.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset = t.Sub(c.real())
}

// Reset brings the clock back to real time.
func (c *Clock) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset = 0
}

// Jumps the page offers.
const (
	JumpAfternoon = "15:30"    // 15:30 today (staff reminders)
	JumpTomorrow  = "tomorrow" // 08:00 the next day (supervisor digests)
	JumpReal      = "now"      // back to real time
)

// jumpTarget is where a jump lands from now, read in zone; ok is false for
// an unknown jump. JumpReal is not a target.
func jumpTarget(jump string, now time.Time, zone *time.Location) (time.Time, bool) {
	y, m, d := now.In(zone).Date()
	switch jump {
	case JumpAfternoon:
		return time.Date(y, m, d, 15, 30, 0, 0, zone), true
	case JumpTomorrow:
		return time.Date(y, m, d+1, 8, 0, 0, 0, zone), true
	}
	return time.Time{}, false
}

// Jump moves the clock as the page's buttons do: JumpAfternoon to 15:30 of
// the (shifted) day, JumpTomorrow to 08:00 of the next (shifted) day,
// JumpReal back to real time. Times are read in zone. It reports whether
// the jump is known.
func (c *Clock) Jump(jump string, zone *time.Location) bool {
	if jump == JumpReal {
		c.Reset()
		return true
	}
	t, ok := jumpTarget(jump, c.Now(), zone)
	if ok {
		c.Set(t)
	}
	return ok
}
