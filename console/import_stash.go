package console

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/importer"
)

// stashTTL is how long an uploaded file waits for the admin's confirmation.
const stashTTL = 15 * time.Minute

// errStashGone: no file waits under that id for this viewer (expired,
// confirmed already, or someone else's).
var errStashGone = errors.New("import stash gone")

// stashed is an uploaded file between its dry run and the confirmation.
type stashed struct {
	Kind    importer.Kind
	Partial bool
	Data    []byte
}

// stashKey is the Redis key of a stash: bound to the viewer's NIP and a
// random id, so neither a guess nor another session finds it.
func (c *Console) stashKey(nip, id string) string {
	return c.d.Prefix + "console:import:" + nip + ":" + id
}

// stash keeps the file for stashTTL and returns its id (128 random bits).
func (c *Console) stash(ctx context.Context, nip string, s stashed) (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("stash id: %w", err)
	}
	id := hex.EncodeToString(b[:])
	key := c.stashKey(nip, id)
	partial := "0"
	if s.Partial {
		partial = "1"
	}
	_, err := c.d.Redis.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, key, "kind", string(s.Kind), "partial", partial, "data", s.Data)
		p.Expire(ctx, key, stashTTL)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("stash import file: %w", err)
	}
	return id, nil
}

// unstash takes the file of id away (once: a second confirmation finds
// nothing), errStashGone when there is none.
func (c *Console) unstash(ctx context.Context, nip, id string) (stashed, error) {
	key := c.stashKey(nip, id)
	var get *redis.MapStringStringCmd
	_, err := c.d.Redis.TxPipelined(ctx, func(p redis.Pipeliner) error {
		get = p.HGetAll(ctx, key)
		p.Del(ctx, key)
		return nil
	})
	if err != nil {
		return stashed{}, fmt.Errorf("take import file: %w", err)
	}
	m := get.Val()
	if len(m) == 0 {
		return stashed{}, errStashGone
	}
	return stashed{Kind: importer.Kind(m["kind"]), Partial: m["partial"] == "1", Data: []byte(m["data"])}, nil
}
