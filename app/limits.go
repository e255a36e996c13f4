package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// onceScript takes KEYS[1] for ARGV[1] (the holder) for ARGV[2]
// milliseconds unless another holder has it: -1 when the holder has it
// now, else the milliseconds left.
var onceScript = redis.NewScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return -1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then return -1 end
return redis.call('PTTL', KEYS[1])
`)

// limits keeps an action to once a period per key in Redis
// (handlers.Limiter), one atomic script a call. Keys are hashed: a key
// naming a person (a NIP) does not show in Redis.
type limits struct {
	rdb    redis.UniversalClient
	prefix string
	now    func() time.Time
}

// Once implements handlers.Limiter.
func (l limits) Once(ctx context.Context, key, holder string, every time.Duration) (bool, time.Time, error) {
	sum := sha256.Sum256([]byte(key))
	k := l.prefix + "limit:" + hex.EncodeToString(sum[:16])
	left, err := onceScript.Run(ctx, l.rdb, []string{k}, holder, every.Milliseconds()).Int64()
	if err != nil {
		return false, time.Time{}, fmt.Errorf("limit: %w", err)
	}
	if left < 0 {
		return true, time.Time{}, nil
	}
	now := time.Now
	if l.now != nil {
		now = l.now
	}
	return false, now().Add(time.Duration(left) * time.Millisecond), nil
}
