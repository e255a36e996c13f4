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
//
// A preferred replica (one that reaches a platform the others cannot: the
// WhatsApp pod, the one process with whatsmeow on) takes the lease over:
// while it does not hold it, it keeps a "wanted" mark alive (twice the
// expiry); a holder that is not preferred gives the lease up at its next
// renewal when it sees the mark, and a replica that is not preferred does
// not take a free lease while the mark is there. So reminders go out from
// the replica that reaches everyone whenever it is alive, and the others
// take over within two expiries of it going away. The mark is the lease
// key's own hash tag ("{key}:wanted"), so both lie in one Cluster slot.
type Lease struct {
	rdb       redis.UniversalClient
	key       string
	wanted    string
	ttl       time.Duration
	preferred bool
}

// NewLease returns the lease at key with the given expiry; preferred
// marks this replica as the one the lease goes to (see Lease).
func NewLease(rdb redis.UniversalClient, key string, ttl time.Duration, preferred bool) *Lease {
	return &Lease{rdb: rdb, key: key, wanted: "{" + key + "}:wanted", ttl: ttl, preferred: preferred}
}

// ErrHandedOver is Renew's error when a holder gave the lease up to a
// preferred replica.
var ErrHandedOver = errors.New("scheduler: lease handed to the replica that reaches every platform")

var (
	// acquireScript: KEYS lease, wanted; ARGV token, ttl ms, preferred
	// ("1"). 1 taken, 0 not.
	acquireScript = redis.NewScript(`
if ARGV[3] ~= '1' and redis.call('EXISTS', KEYS[2]) == 1 then
	return 0
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
	if ARGV[3] == '1' then redis.call('DEL', KEYS[2]) end
	return 1
end
if ARGV[3] == '1' then
	redis.call('SET', KEYS[2], '1', 'PX', 2 * tonumber(ARGV[2]))
end
return 0`)
	// renewScript: KEYS lease, wanted; ARGV token, ttl ms, preferred.
	// 1 renewed, 0 not held, 2 given up to a preferred replica.
	renewScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
	return 0
end
if ARGV[3] ~= '1' and redis.call('EXISTS', KEYS[2]) == 1 then
	redis.call('DEL', KEYS[1])
	return 2
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`)
	releaseScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
	return redis.call('DEL', KEYS[1])
end
return 0`)
)

// Acquire takes the lease with a new token when no one holds it (and, for
// a replica that is not preferred, no preferred one wants it): the token,
// or "" when not taken.
func (l *Lease) Acquire(ctx context.Context) (string, error) {
	token := newToken()
	n, err := acquireScript.Run(ctx, l.rdb, []string{l.key, l.wanted}, token, l.ttl.Milliseconds(), l.flag()).Int()
	if err != nil || n != 1 {
		return "", err
	}
	return token, nil
}

// Renew extends the lease held with token: false when it is no longer
// held (it expired and perhaps another replica took it), with
// ErrHandedOver when this replica gave it up to a preferred one.
func (l *Lease) Renew(ctx context.Context, token string) (bool, error) {
	n, err := renewScript.Run(ctx, l.rdb, []string{l.key, l.wanted}, token, l.ttl.Milliseconds(), l.flag()).Int()
	switch {
	case err != nil:
		return false, err
	case n == 2:
		return false, ErrHandedOver
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

func (l *Lease) flag() string {
	if l.preferred {
		return "1"
	}
	return "0"
}

func newToken() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
