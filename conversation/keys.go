package conversation

import (
	"fmt"
	"hash/fnv"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
)

// Shards is the number of parts the engine's keys are split into. Every key
// of a chat, and the ready set of the chats with work, carry the hash tag
// of the chat's shard ({s07}): on a Redis Cluster each shard is one hash
// slot, so every script (which touches a chat's keys together with its
// shard's ready set) runs on one slot, and the shards spread the chats over
// the cluster's masters. The number is part of the key layout: changing it
// moves every chat to another key.
const Shards = 64

// shardOf is the shard of a chat: a hash of its key, stable across
// processes and versions.
func shardOf(chat string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(chat))
	return int(h.Sum32() % Shards)
}

// ShardTag is the Redis Cluster hash tag of a shard, braces included.
func ShardTag(shard int) string { return fmt.Sprintf("{s%02d}", shard) }

// ChatTag is the hash tag of a chat's keys: its shard's.
func ChatTag(c bot.ChatKey) string { return ShardTag(shardOf(c.String())) }

// ChatKey is a key of one chat: prefix, kind (inbox, outbox, session,
// lease), the shard's tag, the chat ("telegram:42").
func ChatKey(prefix, kind, chat string) string {
	return prefix + kind + ":" + ShardTag(shardOf(chat)) + ":" + chat
}

func (e *Engine) chatKey(kind, chat string) string { return ChatKey(e.opt.Prefix, kind, chat) }

// seenKey is an update's de-duplication mark, in its chat's shard (an
// update always belongs to the same chat, so its redelivery finds it).
func (e *Engine) seenKey(u bot.Update) string {
	chat := u.Chat().String()
	return e.opt.Prefix + "seen:" + ShardTag(shardOf(chat)) + ":" + string(u.Platform) + ":" + u.ID
}

// readyKey is a shard's ready set.
func (e *Engine) readyKey(shard int) string { return e.opt.Prefix + "ready:" + ShardTag(shard) }

// readyKeyOf is the ready set of a chat's shard.
func (e *Engine) readyKeyOf(chat string) string { return e.readyKey(shardOf(chat)) }

// ClusterOf returns the Redis Cluster client behind c, if c is one (or
// wraps one and says so with a Cluster method, as the tests' client does):
// what needs every master (script loading, SCAN) or the master of one slot
// (WAIT) uses it.
func ClusterOf(c redis.UniversalClient) (*redis.ClusterClient, bool) {
	switch v := c.(type) {
	case *redis.ClusterClient:
		return v, true
	case interface{ Cluster() *redis.ClusterClient }:
		cc := v.Cluster()
		return cc, cc != nil
	}
	return nil, false
}
