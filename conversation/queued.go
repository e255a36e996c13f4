package conversation

// Queued is how many chats with accepted work wait in this process's
// queue for a worker (not those being drained): the process's backlog,
// shown on /metrics as kinerjabot_inbox_queued_chats.
func (e *Engine) Queued() int { return e.ready.len() }

func (q *readyQueue) len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.queue)
}
