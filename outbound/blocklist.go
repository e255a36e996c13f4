package outbound

import (
	"context"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
)

// BlockList keeps the chats that blocked the bot in a Redis set, so that
// every replica skips them and a restart does not forget them. Wire it as
// Options.Blocked, OnBlocked and OnUnblocked. Redis being down fails open:
// the message is tried, and a 403 marks the chat again.
type BlockList struct {
	rdb redis.UniversalClient
	key string
	log *slog.Logger
}

// NewBlockList returns the block list kept at key. A nil log discards logs.
func NewBlockList(rdb redis.UniversalClient, key string, log *slog.Logger) *BlockList {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &BlockList{rdb: rdb, key: key, log: log}
}

// blockListTimeout bounds each Redis call of the list, within the caller's
// context.
const blockListTimeout = 2 * time.Second

// Blocked reports whether chat is on the list.
func (b *BlockList) Blocked(ctx context.Context, chat bot.ChatKey) bool {
	ctx, cancel := context.WithTimeout(ctx, blockListTimeout)
	defer cancel()
	on, err := b.rdb.SIsMember(ctx, b.key, chat.String()).Result()
	if err != nil {
		b.log.Warn("block list unreadable; sending anyway", "err", err)
		return false
	}
	return on
}

// Add puts chat on the list.
func (b *BlockList) Add(ctx context.Context, chat bot.ChatKey) { b.do(ctx, "add", b.rdb.SAdd, chat) }

// Remove takes chat off the list.
func (b *BlockList) Remove(ctx context.Context, chat bot.ChatKey) {
	b.do(ctx, "remove", b.rdb.SRem, chat)
}

func (b *BlockList) do(ctx context.Context, op string, f func(context.Context, string, ...any) *redis.IntCmd, chat bot.ChatKey) {
	ctx, cancel := context.WithTimeout(ctx, blockListTimeout)
	defer cancel()
	if err := f(ctx, b.key, chat.String()).Err(); err != nil {
		b.log.Warn("block list not updated", "op", op, "chat", chat.String(), "err", err)
	}
}
