package conversation

import (
	"sync"

	"github.com/kinerjabot/kinerjabot/bot"
)

// claim is a chat whose lease is already held for the worker that pops it
// (taken by Accept, or kept by the trimmer when more work arrived), with
// the state the claim returned, so that the drain needs no claim of its own.
type claim struct {
	token string
	res   stepResult
}

// shard is one worker's queue of chats to drain: a set in arrival order, so
// a chat kicked many times is drained once per wake-up.
type shard struct {
	mu      sync.Mutex
	queue   []bot.ChatKey
	pending map[bot.ChatKey]*claim // nil: a plain kick
	wake    chan struct{}
}

func newShard() *shard {
	return &shard{pending: map[bot.ChatKey]*claim{}, wake: make(chan struct{}, 1)}
}

// push schedules c; cl, when set, is a claim on it (a pending plain kick
// takes the claim).
func (s *shard) push(c bot.ChatKey, cl *claim) {
	s.mu.Lock()
	old, ok := s.pending[c]
	switch {
	case !ok:
		s.pending[c] = cl
		s.queue = append(s.queue, c)
	case old == nil && cl != nil:
		s.pending[c] = cl
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// pop takes the next chat and its claim, if any. The chat leaves the
// pending set before it is drained, so a kick that arrives during the
// drain schedules it again.
func (s *shard) pop() (bot.ChatKey, *claim, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.queue) == 0 {
		return bot.ChatKey{}, nil, false
	}
	c := s.queue[0]
	s.queue = s.queue[1:]
	cl := s.pending[c]
	delete(s.pending, c)
	return c, cl, true
}

// claims empties the queue and returns the claims it held (at shutdown,
// to hand their leases back).
func (s *shard) claims() map[bot.ChatKey]*claim {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[bot.ChatKey]*claim{}
	for c, cl := range s.pending {
		if cl != nil {
			out[c] = cl
		}
	}
	s.queue, s.pending = nil, map[bot.ChatKey]*claim{}
	return out
}
