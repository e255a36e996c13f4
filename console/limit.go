package console

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Rate limits: login links a person may ask for, failed login attempts a
// client address may make, each within a window.
const (
	linksPerPerson   = 5
	linksWindow      = 15 * time.Minute
	failuresPerIP    = 20
	failuresWindow   = 10 * time.Minute
	limitKindLinks   = "links"
	limitKindFailure = "failed"
)

// hit counts one event of kind for id in its window (INCR, EXPIRE on the
// first) and reports whether the count is within max, with how long the
// window still runs.
func (c *Console) hit(ctx context.Context, kind, id string, max int64, window time.Duration) (bool, time.Duration, error) {
	k := c.key("limit:"+kind, id)
	n, err := c.d.Redis.Incr(ctx, k).Result()
	if err != nil {
		return false, 0, fmt.Errorf("count %s: %w", kind, err)
	}
	if n == 1 {
		if err := c.d.Redis.Expire(ctx, k, window).Err(); err != nil {
			return false, 0, fmt.Errorf("count %s: %w", kind, err)
		}
	}
	if n <= max {
		return true, 0, nil
	}
	ttl, err := c.d.Redis.TTL(ctx, k).Result()
	if err != nil || ttl < 0 {
		ttl = window
	}
	return false, ttl, nil
}

// over reports whether id's count of kind is already past max (without
// counting).
func (c *Console) over(ctx context.Context, kind, id string, max int64) (bool, error) {
	n, err := c.d.Redis.Get(ctx, c.key("limit:"+kind, id)).Int64()
	if err != nil && !errors.Is(err, redis.Nil) {
		return false, fmt.Errorf("read %s count: %w", kind, err)
	}
	return n >= max, nil
}
