package scheduler

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// Lease is a Redis lease that lets one scheduler replica at a time send
// reminders. Its token is the holder's run id: reminder claims carry it, so
// a holder that lost the lease (stalled past the expiry) can no longer
// start messages a new holder took over.
type Lease struct {
	rdb redis.UniversalClient
	key string
	ttl time.Duration
}

// NewLease returns the lease at key with the given expiry.
func NewLease(rdb redis.UniversalClient, key string, ttl time.Duration) *Lease {
	return &Lease{rdb: rdb, key: key, ttl: ttl}
}

var (
	renewScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
	return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`)
	releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
	return redis.call('DEL', KEYS[1])
end
return 0`)
)

// Acquire takes the lease with a new token when no one holds it: the
// token, or "" when another replica holds it.
func (l *Lease) Acquire(ctx context.Context) (string, error) {
	token := newToken()
	ok, err := l.rdb.SetNX(ctx, l.key, token, l.ttl).Result()
	if err != nil || !ok {
		return "", err
	}
	return token, nil
}

// Renew extends the lease held with token: false when it is no longer
// held (it expired and perhaps another replica took it).
func (l *Lease) Renew(ctx context.Context, token string) (bool, error) {
	n, err := renewScript.Run(ctx, l.rdb, []string{l.key}, token, l.ttl.Milliseconds()).Int()
	if err != nil {
		return false, err
	}
	return n == 1, nil
}

// Release gives the lease up if token still holds it.
func (l *Lease) Release(ctx context.Context, token string) error {
	err := releaseScript.Run(ctx, l.rdb, []string{l.key}, token).Err()
	if errors.Is(err, redis.Nil) {
		return nil
	}
	return err
}

func newToken() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
