package conversation

import (
	"sync"

	"github.com/kinerjabot/kinerjabot/bot"
)

// claim is a chat whose lease is already held for the worker that pops it
// (taken by Accept, kept by the trimmer when more work arrived, or kept by
// a worker that yielded the chat after its turn), with the state the last
// step returned, so that the drain needs no claim of its own. sent is how
// many outbox entries were already sent and must be trimmed by the next
// step.
type claim struct {
	token string
	res   stepResult
	sent  int
	// resume: a step failed (Redis was out); the drain starts with a claim
	// step on this token, which still holds the lease, after retries
	// earlier failures.
	resume  bool
	retries int
	commit  pendingCommit
}

// readyQueue is the process's queue of chats to drain, shared by all the
// workers: a set in arrival order, so a chat kicked many times waits once,
// and a chat that yields after its turn goes to the back, behind the chats
// that waited meanwhile. A chat being drained is not queued again: a kick
// meanwhile is remembered and queued when the drain ends.
type readyQueue struct {
	mu      sync.Mutex
	queue   []bot.ChatKey
	pending map[bot.ChatKey]*claim // nil: a plain kick
	busy    map[bot.ChatKey]*later // being drained, and what came meanwhile
	wake    chan struct{}
}

// later is what came for a chat while it was being drained: a kick, or a
// claim handed over (by the trimmer, or by the drain yielding its turn).
type later struct {
	kicked bool
	cl     *claim
	ended  chan struct{} // closed when the drain ends, if someone waits
}

func newReadyQueue(workers int) *readyQueue {
	return &readyQueue{pending: map[bot.ChatKey]*claim{}, busy: map[bot.ChatKey]*later{},
		wake: make(chan struct{}, workers)}
}

// push schedules c; cl, when set, is a claim on it (a pending plain kick
// takes the claim).
func (q *readyQueue) push(c bot.ChatKey, cl *claim) {
	q.mu.Lock()
	if l, draining := q.busy[c]; draining {
		l.kicked = true
		if cl != nil {
			l.cl = cl
		}
		q.mu.Unlock()
		return
	}
	old, ok := q.pending[c]
	switch {
	case !ok:
		q.pending[c] = cl
		q.queue = append(q.queue, c)
	case old == nil && cl != nil:
		q.pending[c] = cl
	}
	q.mu.Unlock()
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// pop takes the next chat and its claim, if any, and marks it busy.
func (q *readyQueue) pop() (bot.ChatKey, *claim, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.queue) == 0 {
		return bot.ChatKey{}, nil, false
	}
	c := q.queue[0]
	q.queue[0] = bot.ChatKey{}
	q.queue = q.queue[1:]
	cl := q.pending[c]
	delete(q.pending, c)
	q.busy[c] = &later{}
	return c, cl, true
}

// done ends c's drain: a claim handed over meanwhile is queued now, and so
// is a kick (an update accepted while the drain held the chat; if the
// chat now lingers here, the next drain resumes it with its lease).
func (q *readyQueue) done(c bot.ChatKey) {
	q.mu.Lock()
	l := q.busy[c]
	delete(q.busy, c)
	q.mu.Unlock()
	if l != nil && l.ended != nil {
		close(l.ended)
	}
	switch {
	case l == nil:
	case l.cl != nil:
		q.push(c, l.cl)
	case l.kicked:
		q.push(c, nil)
	}
}

// ending returns a channel closed when c's drain ends, or nil if c is not
// being drained.
func (q *readyQueue) ending(c bot.ChatKey) <-chan struct{} {
	q.mu.Lock()
	defer q.mu.Unlock()
	l, ok := q.busy[c]
	if !ok {
		return nil
	}
	if l.ended == nil {
		l.ended = make(chan struct{})
	}
	return l.ended
}

// claims empties the queue and returns the claims it held (at shutdown,
// to hand their leases back).
func (q *readyQueue) claims() map[bot.ChatKey]*claim {
	q.mu.Lock()
	defer q.mu.Unlock()
	out := map[bot.ChatKey]*claim{}
	for c, cl := range q.pending {
		if cl != nil {
			out[c] = cl
		}
	}
	q.queue, q.pending = nil, map[bot.ChatKey]*claim{}
	return out
}
