package conversation

import (
	"context"
	"sync"

	"github.com/kinerjabot/kinerjabot/bot"
)

// answerers is how many goroutines answer button presses while Run runs,
// and answerQueue how many presses may wait for them.
const (
	answerers   = 8
	answerQueue = 256
)

// answerJob is a button press to answer, with its notice.
type answerJob struct {
	ctx  context.Context
	u    bot.Update
	text string
}

// answerPool answers button presses beside the drains: an answer (the
// spinner stopped, a notice shown) is best effort and orders with nothing,
// so a worker need not wait on a Bot API round trip for it before the
// commit and the replies (against a 50 ms Bot API a third of the updates are
// presses). A few long-lived goroutines do it, not one per press: a new
// goroutine's stack grows through the HTTP client on every call.
type answerPool struct {
	mu   sync.RWMutex
	jobs chan answerJob // nil unless Run runs
	wg   sync.WaitGroup
}

// start runs the answerers with answer; Run calls it as it starts.
func (p *answerPool) start(answer func(answerJob)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	jobs := make(chan answerJob, answerQueue)
	p.jobs = jobs
	for range answerers {
		p.wg.Go(func() {
			for j := range jobs {
				answer(j)
			}
		})
	}
}

// stop lets the answerers finish the presses queued and waits for them;
// Run calls it once its workers are done.
func (p *answerPool) stop() {
	p.mu.Lock()
	jobs := p.jobs
	p.jobs = nil
	p.mu.Unlock()
	if jobs != nil {
		close(jobs)
	}
	p.wg.Wait()
}

// offer queues j and reports true, or reports false when the pool is not
// running or full: the caller answers itself then.
func (p *answerPool) offer(j answerJob) bool {
	p.mu.RLock()
	defer p.mu.RUnlock()
	select {
	case p.jobs <- j:
		return true
	default: // nil (not running) or full
		return false
	}
}

// answerLater answers a button press through the pool, or at once when the
// pool cannot take it.
func (e *Engine) answerLater(ctx context.Context, u bot.Update, text string) {
	if u.Kind != bot.KindCallback || u.Callback == nil {
		return
	}
	if !e.answers.offer(answerJob{ctx: ctx, u: u, text: text}) {
		e.answer(ctx, u, text)
	}
}
