package conversation

import (
	"sync"

	"github.com/kinerjabot/kinerjabot/bot"
)

// shard is one worker's queue of chats to drain: a set in arrival order, so
// a chat kicked many times is drained once per wake-up.
type shard struct {
	mu      sync.Mutex
	queue   []bot.ChatKey
	pending map[bot.ChatKey]bool
	wake    chan struct{}
}

func newShard() *shard {
	return &shard{pending: map[bot.ChatKey]bool{}, wake: make(chan struct{}, 1)}
}

func (s *shard) push(c bot.ChatKey) {
	s.mu.Lock()
	if !s.pending[c] {
		s.pending[c] = true
		s.queue = append(s.queue, c)
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// pop takes the next chat. The chat leaves the pending set before it is
// drained, so a kick that arrives during the drain schedules it again.
func (s *shard) pop() (bot.ChatKey, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.queue) == 0 {
		return bot.ChatKey{}, false
	}
	c := s.queue[0]
	s.queue = s.queue[1:]
	delete(s.pending, c)
	return c, true
}
