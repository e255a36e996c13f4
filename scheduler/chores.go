package scheduler

import "context"

// Chore is housekeeping the replica holding the lease does after each
// pass's messages (the retention job is one). RunDue decides itself
// whether it is due (a daily chore keeps when it last ran where every
// replica reads it) and must be bounded: the next pass waits for it.
type Chore interface {
	Name() string
	RunDue(ctx context.Context) error
}

// runChores runs each chore in turn; a failure is logged, and the next
// pass calls the chore again.
func (s *Scheduler) runChores(ctx context.Context) {
	for _, c := range s.opt.Chores {
		if err := c.RunDue(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("scheduler: chore failed; the next pass retries", "chore", c.Name(), "err", err)
		}
	}
}
