package sqlite

import (
	"context"
	"errors"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// retryBusy calls do until it succeeds, fails with an error other than
// ErrUnavailable, or busyTimeout has passed, backing off between calls.
func retryBusy(ctx context.Context, do func() error) error {
	deadline := time.Now().Add(busyTimeout)
	delay := 5 * time.Millisecond
	for {
		err := do()
		if !errors.Is(err, storage.ErrUnavailable) || time.Now().After(deadline) {
			return err
		}
		timer := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			timer.Stop()
			return errors.Join(err, ctx.Err())
		case <-timer.C:
		}
		delay = min(2*delay, 250*time.Millisecond)
	}
}
