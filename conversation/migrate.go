package conversation

import (
	"context"
	"strings"

	"github.com/redis/go-redis/v9"
)

// migrateLayout moves what the layout before the shards left (inbox:<chat>,
// outbox:<chat>, session:<chat>, ready) to the sharded keys, so that an
// upgrade loses no update waiting and no conversation in progress. It runs
// at start, before any worker, on one node or a Sentinel's master (the
// old layout never ran on a Redis Cluster, which refused its scripts);
// every process of the old version must be stopped first. Old leases and
// de-duplication marks are left to expire.
func (e *Engine) migrateLayout(ctx context.Context) {
	if _, ok := ClusterOf(e.rdb); ok {
		return
	}
	mark := e.opt.Prefix + "layout"
	if v, _ := e.rdb.Get(ctx, mark).Result(); v == layoutSharded {
		return
	}
	moved := 0
	for _, kind := range []string{"inbox", "outbox", "session"} {
		old := e.opt.Prefix + kind + ":"
		it := e.rdb.Scan(ctx, 0, GlobEscape(old)+"*", 500).Iterator()
		for it.Next(ctx) {
			chat := strings.TrimPrefix(it.Val(), old)
			if strings.HasPrefix(chat, "{") { // sharded already
				continue
			}
			if err := e.moveChatKey(ctx, kind, it.Val(), chat); err != nil {
				e.log.Warn("cannot move a chat's state to the sharded key layout", "kind", kind, "err", err)
				continue
			}
			moved++
		}
		if err := it.Err(); err != nil {
			e.log.Warn("cannot look for the state of the key layout before the shards", "err", err)
			return
		}
	}
	e.migrateReady(ctx)
	e.rdb.Set(ctx, mark, layoutSharded, 0)
	if moved > 0 {
		e.log.Info("conversation state moved to the sharded key layout", "keys", moved)
	}
}

// layoutSharded marks (prefix+"layout") a Redis whose keys are in the
// sharded layout: the search for the old one is not made again.
const layoutSharded = "sharded-64"

// moveChatKey moves one chat's key. A list goes to the head of the new
// one, in order (an update accepted under the new layout before this ran
// stays after the older ones); a session is kept if the new one is absent.
func (e *Engine) moveChatKey(ctx context.Context, kind, from, chat string) error {
	to := e.chatKey(kind, chat)
	if kind == "session" {
		if _, err := e.rdb.RenameNX(ctx, from, to).Result(); err != nil {
			return err
		}
		return e.rdb.Del(ctx, from).Err()
	}
	for {
		err := e.rdb.RPopLPush(ctx, from, to).Err()
		if err == redis.Nil {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// migrateReady puts the chats of the old ready set in their shards' sets.
func (e *Engine) migrateReady(ctx context.Context) {
	old := e.opt.Prefix + "ready"
	zs, err := e.rdb.ZRangeWithScores(ctx, old, 0, -1).Result()
	if err != nil || len(zs) == 0 {
		return
	}
	for _, z := range zs {
		chat, _ := z.Member.(string)
		if err := e.rdb.ZAddNX(ctx, e.readyKeyOf(chat), z).Err(); err != nil {
			e.log.Warn("cannot move the chats with work to the sharded key layout", "err", err)
			return
		}
	}
	e.rdb.Del(ctx, old)
}

// GlobEscape quotes the characters SCAN MATCH treats as a pattern.
func GlobEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`, `]`, `\]`)
	return r.Replace(s)
}
