package telegram

import (
	"context"
	"time"
)

// Bounds of the wait between retries of a failed step.
const (
	minBackoff = 200 * time.Millisecond
	maxBackoff = 30 * time.Second
)

// nextBackoff doubles the previous wait, from minBackoff up to maxBackoff.
// A 429's retry_after in err, when longer, wins.
func nextBackoff(prev time.Duration, err error) time.Duration {
	d := min(max(2*prev, minBackoff), maxBackoff)
	if ra, ok := RetryAfter(err); ok && ra > d {
		d = ra
	}
	return d
}

// sleep waits d or until ctx is done, returning ctx's error then.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// retry runs step until it succeeds, fails fatally (see isFatal) or ctx is
// done, waiting between attempts. what names the step in logs.
func (a *Adapter) retry(ctx context.Context, what string, step func(context.Context) error) error {
	var wait time.Duration
	for {
		err := step(ctx)
		if err == nil || isFatal(err) || ctx.Err() != nil {
			return err
		}
		wait = nextBackoff(wait, err)
		a.log.Warn("telegram call failed; retrying", "call", what, "retry_in", wait, "err", a.redact(err))
		if err := sleep(ctx, wait); err != nil {
			return err
		}
	}
}
