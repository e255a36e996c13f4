package conversation

import (
	"sync"
	"time"
)

// background is what the engine runs beside Run's own loops and must see
// end before Run returns: the outage notices Accept sends (goroutines) and
// the retries of failed steps and trims (timers). Run opens it as it starts
// and closes it once its workers are done.
type background struct {
	mu     sync.Mutex
	closed bool
	timers map[*time.Timer]func() // pending retries, by their timer
	wg     sync.WaitGroup         // goroutines and fired timers still running
}

// open lets after and spawn start work again (Run is starting).
func (b *background) open() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = false
}

// spawn runs f on a goroutine that close waits for; once closed (Run has
// returned), on the caller's goroutine instead, so that nothing outlives Run.
func (b *background) spawn(f func()) {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		f()
		return
	}
	b.wg.Add(1)
	b.mu.Unlock()
	go func() {
		defer b.wg.Done()
		f()
	}()
}

// after runs f once d has passed, or at close if that comes first. It runs
// nothing and reports false once closed.
func (b *background) after(d time.Duration, f func()) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return false
	}
	if b.timers == nil {
		b.timers = map[*time.Timer]func(){}
	}
	b.wg.Add(1)
	var t *time.Timer
	t = time.AfterFunc(d, func() {
		defer b.wg.Done()
		b.mu.Lock()
		_, pending := b.timers[t]
		delete(b.timers, t)
		b.mu.Unlock()
		if pending { // else close took it
			f()
		}
	})
	b.timers[t] = f
	return true
}

// close refuses new work, runs the pending timers' functions at once
// instead of at their time, and waits for every goroutine and fired timer.
func (b *background) close() {
	b.mu.Lock()
	b.closed = true
	due := make([]func(), 0, len(b.timers))
	for t, f := range b.timers {
		if t.Stop() {
			b.wg.Done() // its function will not run
		}
		due = append(due, f)
	}
	clear(b.timers)
	b.mu.Unlock()
	for _, f := range due {
		f()
	}
	b.wg.Wait()
}
