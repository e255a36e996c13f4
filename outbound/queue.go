// Package outbound paces the messages the bot sends on one platform so that
// they stay under the platform's limits (for Telegram about 30 messages a
// second overall and one a second per chat).
//
// A Queue wraps an adapter's bot.Sender and has two lanes:
//
//   - Send, for replies to a person's own message: goes out at once on the
//     caller's goroutine, never behind bulk messages. It still takes its
//     place in the global rate, so bulk messages make room for it.
//   - Bulk and Enqueue, for bot-initiated messages (reminders, digests,
//     notifications): queued per chat, in order, and sent no faster than the
//     global rate and the per-chat interval allow.
//
// A bulk message refused with a *bot.RateLimitedError waits the RetryAfter
// it was given before its chat is tried again, while other chats go on. One
// refused with bot.ErrBlocked marks the chat blocked (OnBlocked), and the
// chat's later bulk messages are skipped until Unblock (or a successful
// reply through Send). Other errors are retried with exponential backoff up
// to MaxRetries. A long message whose first parts went out before the
// failure (a *bot.PartialError) is retried from the part that failed. A message that is not delivered is never dropped silently:
// it is logged with its reason, counted through OnDropped, and its caller
// is told (Bulk's error, Enqueue's callback).
package outbound

import (
	"container/heap"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

// Errors of the queue itself.
var (
	// ErrClosed: the queue stopped before the message could be sent, or
	// was already stopped when it was given.
	ErrClosed = errors.New("outbound: queue closed")
	// ErrFull: enqueuing would pass Options.MaxPending.
	ErrFull = errors.New("outbound: queue full")
)

// Reasons a bulk message is dropped, as given to OnDropped (a small set, fit
// for a metric label).
const (
	ReasonBlocked     = "blocked"      // the recipient blocked the bot
	ReasonFailed      = "failed"       // still failing after MaxRetries retries
	ReasonRateLimited = "rate_limited" // refused with 429 more than MaxRateLimited times
	ReasonCancelled   = "cancelled"    // the caller's context ended first
	ReasonShutdown    = "shutdown"     // the queue stopped first
	// ReasonWithdrawn: BulkIf's start refused the message. Not a failure
	// (the caller decided), so it is not counted through OnDropped.
	ReasonWithdrawn = "withdrawn"
)

// Defaults applied to zero Options fields.
const (
	DefaultPerSecond       = 30
	DefaultPerChatInterval = time.Second
	DefaultMaxRetries      = 3
	DefaultMaxRateLimited  = 10
	DefaultBackoff         = time.Second
	DefaultMaxBackoff      = 30 * time.Second
	DefaultConcurrency     = 16
	DefaultMaxPending      = 200_000
	DefaultGrace           = 5 * time.Second
	// sweepEvery is how often chat states that no longer matter are freed.
	sweepEvery = 10 * time.Second
)

// Clock tells the time and makes timers; tests inject a fake one.
type Clock interface {
	Now() time.Time
	// Timer returns a channel that receives once d has passed, and a stop
	// function that releases the timer (safe to call after it fired).
	Timer(d time.Duration) (<-chan time.Time, func())
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Timer(d time.Duration) (<-chan time.Time, func()) {
	t := time.NewTimer(d)
	return t.C, func() { t.Stop() }
}

// Options configure a Queue. Zero fields take the defaults above.
type Options struct {
	// Platform names the platform in logs and callbacks; when empty it is
	// taken from the sender's Platform method, if it has one.
	Platform bot.Platform
	// PerSecond is the most messages in any one second, both lanes
	// together; bulk messages are also spaced at least 1/PerSecond apart.
	PerSecond int
	// ReplyReserve is how many of those a second bulk messages leave free
	// for replies, so that a reply arriving while a backlog drains does not
	// push the second over the limit: bulk messages go at most
	// PerSecond-ReplyReserve a second, fewer when replies take more. Zero
	// means the default, PerSecond/10 (at least 1); negative means none.
	ReplyReserve int
	// PerChatInterval is the least time between two messages to one chat
	// (a reply, which is never held back, still delays the chat's next bulk
	// message).
	PerChatInterval time.Duration
	// MaxRetries is how many times a bulk message failing with an error
	// other than rate limiting or blocking is retried, with exponential
	// backoff from Backoff up to MaxBackoff.
	MaxRetries int
	Backoff    time.Duration
	MaxBackoff time.Duration
	// MaxRateLimited is how many 429s one bulk message may get before it is
	// dropped (each waits its RetryAfter).
	MaxRateLimited int
	// Concurrency bounds the bulk sends in flight.
	Concurrency int
	// MaxPending bounds the bulk messages queued or in flight.
	MaxPending int
	// Grace is how long Run, once stopped, lets bulk sends in flight finish
	// before cancelling them.
	Grace time.Duration
	// Log receives the queue's logs (nil: discarded).
	Log *slog.Logger

	// OnSent is told of every message delivered, on either lane.
	OnSent func(p bot.Platform)
	// OnDropped is told of every bulk message not delivered, with its
	// reason (one of the Reason constants). Failed replies (Send) are the
	// caller's to count: Send returns their error.
	OnDropped func(p bot.Platform, reason string)
	// OnRateLimited is told of every 429 the platform answered.
	OnRateLimited func(p bot.Platform)
	// OnBlocked is told when the platform says a chat blocked the bot (on
	// either lane), to record it: Blocked should report it from then on,
	// until the person writes again. Its ctx is the send's, without the
	// send's cancellation: what it records outlives the caller's wait.
	OnBlocked func(ctx context.Context, chat bot.ChatKey)
	// OnUnblocked is told when a reply reached a chat marked blocked: the
	// person wrote again, so what OnBlocked recorded must be forgotten. Its
	// ctx is the reply's, without its cancellation.
	OnUnblocked func(ctx context.Context, chat bot.ChatKey)
	// Blocked, when set, says whether a chat is known to have blocked the
	// bot (as recorded through OnBlocked); bulk messages to it are skipped.
	// It is called without locks held, with the context of the enqueue or
	// of the send, and may do I/O.
	Blocked func(ctx context.Context, chat bot.ChatKey) bool
	// Clock is the time source, the real one when nil.
	Clock Clock
}

func (o Options) withDefaults(inner bot.Sender) Options {
	if o.Platform == "" {
		if p, ok := inner.(interface{ Platform() bot.Platform }); ok {
			o.Platform = p.Platform()
		}
	}
	if o.PerSecond <= 0 {
		o.PerSecond = DefaultPerSecond
	}
	switch {
	case o.ReplyReserve == 0:
		o.ReplyReserve = max(1, o.PerSecond/10)
	case o.ReplyReserve < 0:
		o.ReplyReserve = 0
	}
	o.ReplyReserve = min(o.ReplyReserve, o.PerSecond-1)
	if o.PerChatInterval <= 0 {
		o.PerChatInterval = DefaultPerChatInterval
	}
	if o.MaxRetries <= 0 {
		o.MaxRetries = DefaultMaxRetries
	}
	if o.MaxRateLimited <= 0 {
		o.MaxRateLimited = DefaultMaxRateLimited
	}
	if o.Backoff <= 0 {
		o.Backoff = DefaultBackoff
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = DefaultMaxBackoff
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.MaxPending <= 0 {
		o.MaxPending = DefaultMaxPending
	}
	if o.Grace <= 0 {
		o.Grace = DefaultGrace
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Clock == nil {
		o.Clock = realClock{}
	}
	return o
}

// Result is the outcome of one enqueued message: Err is nil and Ref set when
// it was delivered.
type Result struct {
	Reply bot.Reply
	Ref   bot.MessageRef
	Err   error
}

// item is one queued bulk message.
type item struct {
	r        bot.Reply
	ctx      context.Context // Bulk's caller's; Enqueue's without its cancellation
	done     func(Result)
	seq      uint64
	attempts int // failures other than 429 and 403
	limited  int // 429s
	// start, when set, is called once before the first send (BulkIf).
	start   func(context.Context) error
	started bool
}

// withdrawnError is a start refusal, carried to result.
type withdrawnError struct{ err error }

func (e *withdrawnError) Error() string { return "outbound: withdrawn: " + e.err.Error() }
func (e *withdrawnError) Unwrap() error { return e.err }

// chat is the state of one chat: its queued messages, in order, and when it
// may be sent to next.
type chat struct {
	key      bot.ChatKey
	q        []*item
	next     time.Time // per-chat interval, RetryAfter, backoff
	at       time.Time // heap key: when it became eligible
	seq      uint64    // heap tie-break: its head's seq
	inflight bool
	idx      int // in Queue.ready; -1 when not there
}

// Queue paces one platform's outbound messages. It implements bot.Sender;
// Run must be running for bulk messages to go out. Safe for concurrent use.
type Queue struct {
	inner    bot.Sender
	opt      Options
	clock    Clock
	log      *slog.Logger
	interval time.Duration // 1/PerSecond

	mu        sync.Mutex
	chats     map[bot.ChatKey]*chat
	ready     chatHeap    // chats with messages, not in flight
	tat       time.Time   // the next bulk message's earliest time (spacing)
	window    []time.Time // sends of the last second, both lanes, oldest first
	bulkCap   int         // PerSecond - ReplyReserve
	blocked   map[bot.ChatKey]bool
	pending   int // bulk messages queued or in flight
	inflight  int
	seq       uint64
	boot      string // random, names this queue in the Keys it gives
	closed    bool   // no more bulk messages taken
	stopping  bool   // Run is stopping: failures are not retried
	running   bool
	lastSweep time.Time

	wake      chan struct{}
	quit      chan struct{}
	closeOnce sync.Once
	done      chan struct{} // closed when Run returns

	filed func() // test hook: a bulk send's outcome was filed
}

var _ bot.Sender = (*Queue)(nil)

// New returns a queue in front of inner, which it calls for every message.
func New(inner bot.Sender, opt Options) *Queue {
	opt = opt.withDefaults(inner)
	return &Queue{
		inner:    inner,
		opt:      opt,
		clock:    opt.Clock,
		log:      opt.Log.With("component", "outbound", "platform", string(opt.Platform)),
		interval: time.Second / time.Duration(opt.PerSecond),
		bulkCap:  opt.PerSecond - opt.ReplyReserve,
		chats:    map[bot.ChatKey]*chat{},
		blocked:  map[bot.ChatKey]bool{},
		boot:     rand.Text()[:12],
		wake:     make(chan struct{}, 1),
		quit:     make(chan struct{}),
		done:     make(chan struct{}),
	}
}

// chatOf is the chat a reply goes to (an edit's, when the reply names none).
func chatOf(r bot.Reply) bot.ChatKey {
	if r.Chat == (bot.ChatKey{}) && r.Edit != nil {
		return r.Edit.Chat
	}
	return r.Chat
}

// Send delivers a reply at once, on the caller's goroutine, ahead of any
// bulk message. It counts toward the global rate (bulk messages make room
// for it) and delays the chat's next bulk message by PerChatInterval. It does not retry: a rate-limited reply
// returns its *bot.RateLimitedError (and holds the chat's bulk messages for
// RetryAfter), a blocked one bot.ErrBlocked (and marks the chat). A reply
// delivered to a chat marked blocked unmarks it: the person wrote again.
func (q *Queue) Send(ctx context.Context, r bot.Reply) (bot.MessageRef, error) {
	key := chatOf(r)
	q.mu.Lock()
	now := q.clock.Now()
	q.countLocked(now)
	c := q.chatLocked(key)
	q.holdLocked(c, now.Add(q.opt.PerChatInterval))
	q.sweepLocked(now)
	q.mu.Unlock()

	ref, err := q.inner.Send(ctx, r)
	var rl *bot.RateLimitedError
	switch {
	case err == nil:
		q.mu.Lock()
		was := q.blocked[key]
		delete(q.blocked, key)
		q.mu.Unlock()
		if was && q.opt.OnUnblocked != nil {
			q.opt.OnUnblocked(context.WithoutCancel(ctx), key)
		}
		q.sent()
	case errors.Is(err, bot.ErrBlocked):
		q.markBlocked(ctx, key)
	case errors.As(err, &rl):
		q.rateLimited()
		q.mu.Lock()
		q.holdLocked(q.chatLocked(key), q.clock.Now().Add(retryAfter(rl)))
		q.mu.Unlock()
		q.notify()
	}
	return ref, err
}

// AnswerCallback passes through: a callback answer is not a message.
func (q *Queue) AnswerCallback(ctx context.Context, callbackID, text string) error {
	return q.inner.AnswerCallback(ctx, callbackID, text)
}

// Bulk queues a bot-initiated message and waits for its outcome: nil once
// delivered, else why not (bot.ErrBlocked, the last send error, ErrClosed,
// or ctx's error when ctx ends first; the message is then withdrawn, or
// cancelled if in flight, and counted as dropped).
func (q *Queue) Bulk(ctx context.Context, r bot.Reply) error {
	return q.BulkIf(ctx, r, nil)
}

// BulkIf is Bulk with a last check: start (when not nil) is called once,
// on the queue's goroutine, just before the message is first handed to the
// platform. If start fails the message is withdrawn, not sent, and BulkIf
// returns start's error. The reminder scheduler records "sending" there,
// so that a crash leaves apart what may have reached the person (started)
// from what certainly did not (queued).
func (q *Queue) BulkIf(ctx context.Context, r bot.Reply, start func(context.Context) error) error {
	_, err := q.BulkRef(ctx, r, start)
	return err
}

// BulkRef is BulkIf that also returns where the message was delivered, so
// that it can be edited later (an approval prompt the scheduler sends).
func (q *Queue) BulkRef(ctx context.Context, r bot.Reply, start func(context.Context) error) (bot.MessageRef, error) {
	if err := ctx.Err(); err != nil {
		return bot.MessageRef{}, err
	}
	ch := make(chan Result, 1)
	if err := q.enqueue(ctx, ctx, []bot.Reply{r}, func(res Result) { ch <- res }, start); err != nil {
		return bot.MessageRef{}, err
	}
	select {
	case res := <-ch:
		return res.Ref, res.Err
	case <-ctx.Done():
		return bot.MessageRef{}, ctx.Err()
	}
}

// Enqueue queues bot-initiated messages and returns at once; done (when not
// nil) is called exactly once for each message, from the queue's own
// goroutines, with its outcome, and must not block for long. Messages to
// one chat go out in the order given. ctx serves the look-ups of the block
// list now and carries its values to the sends; its end does not withdraw
// the messages (Bulk's does). It fails with ErrClosed once the queue
// stopped, and ErrFull (taking none) when the messages would pass
// MaxPending. Messages to chats known to be blocked are skipped at once
// (done gets bot.ErrBlocked).
func (q *Queue) Enqueue(ctx context.Context, rs []bot.Reply, done func(Result)) error {
	return q.enqueue(ctx, context.WithoutCancel(ctx), rs, done, nil)
}

// enqueue queues rs: ctx serves the block list's look-ups, itemCtx is kept
// with each message, its end withdrawing the message.
func (q *Queue) enqueue(ctx, itemCtx context.Context, rs []bot.Reply, done func(Result), start func(context.Context) error) error {
	var known []bool
	if q.opt.Blocked != nil {
		known = make([]bool, len(rs))
		for i, r := range rs {
			known[i] = q.opt.Blocked(ctx, chatOf(r))
		}
	}
	var fin []outcome
	q.mu.Lock()
	switch {
	case q.closed:
		q.mu.Unlock()
		return ErrClosed
	case q.pending+len(rs) > q.opt.MaxPending:
		q.mu.Unlock()
		return fmt.Errorf("%w: %d pending, %d more, limit %d", ErrFull, q.pending, len(rs), q.opt.MaxPending)
	}
	now := q.clock.Now()
	for i, r := range rs {
		q.seq++
		if r.Key == "" {
			r.Key = fmt.Sprintf("bulk/%s/%d", q.boot, q.seq) // its retries are one message
		}
		it := &item{r: r, ctx: itemCtx, done: done, seq: q.seq, start: start}
		key := chatOf(r)
		if known != nil && known[i] {
			q.blocked[key] = true // so that the person's next reply unblocks it
		}
		if q.blocked[key] {
			fin = append(fin, outcome{it: it, err: bot.ErrBlocked, reason: ReasonBlocked})
			continue
		}
		c := q.chatLocked(key)
		c.q = append(c.q, it)
		q.pending++
		if len(c.q) == 1 && !c.inflight {
			q.pushLocked(c, now)
		}
	}
	q.mu.Unlock()
	q.finish(fin)
	q.notify()
	return nil
}

// Unblock forgets that chat blocked the bot (the person wrote again); the
// Blocked option, if set, must stop reporting it too.
func (q *Queue) Unblock(chat bot.ChatKey) {
	q.mu.Lock()
	defer q.mu.Unlock()
	delete(q.blocked, chat)
}

// Platform is the platform the queue sends on.
func (q *Queue) Platform() bot.Platform { return q.opt.Platform }

// Pending is how many bulk messages are queued or in flight.
func (q *Queue) Pending() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.pending
}

// Close stops the queue: Run returns (Close waits for it), and bulk messages
// not yet delivered are dropped with ReasonShutdown. Send keeps working.
func (q *Queue) Close() error {
	q.closeOnce.Do(func() { close(q.quit) })
	q.mu.Lock()
	q.closed = true
	running := q.running
	q.mu.Unlock()
	if running {
		<-q.done
		return nil
	}
	q.drain()
	return nil
}

// Run sends bulk messages until ctx ends or Close is called, then lets sends
// in flight finish (for up to Grace), drops what is left with
// ReasonShutdown and returns nil. Run may be called once.
func (q *Queue) Run(ctx context.Context) error {
	q.mu.Lock()
	switch {
	case q.closed:
		q.mu.Unlock()
		return ErrClosed
	case q.running:
		q.mu.Unlock()
		return errors.New("outbound: Run called twice")
	}
	q.running = true
	q.mu.Unlock()
	defer close(q.done)

	sendCtx, cancelSends := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelSends()
	var wg sync.WaitGroup
	defer func() {
		q.mu.Lock()
		q.closed, q.stopping = true, true
		q.mu.Unlock()
		grace := time.AfterFunc(q.opt.Grace, cancelSends)
		wg.Wait()
		grace.Stop()
		q.drain()
	}()

	for {
		c, it, wait, fin := q.next()
		q.finish(fin)
		if it != nil {
			wg.Add(1)
			go func() {
				defer wg.Done()
				q.send(sendCtx, c, it)
			}()
			continue
		}
		if len(fin) > 0 {
			continue // withdrawn messages; look again
		}
		var timer <-chan time.Time
		stop := func() {}
		if wait >= 0 {
			timer, stop = q.clock.Timer(wait)
		}
		select {
		case <-ctx.Done():
			stop()
			return nil
		case <-q.quit:
			stop()
			return nil
		case <-q.wake:
		case <-timer:
		}
		stop()
	}
}

// next picks the message to send now, taking its global and chat slots. With
// none due it returns how long to wait (-1: until woken). Messages found
// cancelled or blocked on the way are returned in fin, to be finished.
func (q *Queue) next() (c *chat, it *item, wait time.Duration, fin []outcome) {
	q.mu.Lock()
	defer q.mu.Unlock()
	now := q.clock.Now()
	q.sweepLocked(now)
	if q.inflight >= q.opt.Concurrency || len(q.ready) == 0 {
		return nil, nil, -1, nil
	}
	c = q.ready[0]
	at := later(c.at, q.tat)
	if q.pruneLocked(now); len(q.window) >= q.bulkCap {
		at = later(at, q.window[len(q.window)-q.bulkCap].Add(time.Second))
	}
	if at.After(now) {
		return nil, nil, at.Sub(now), nil
	}
	heap.Pop(&q.ready)
	head := c.q[0]
	switch {
	case q.blocked[c.key]:
		for _, it := range c.q {
			fin = append(fin, outcome{it: it, err: bot.ErrBlocked, reason: ReasonBlocked})
		}
		q.pending -= len(c.q)
		c.q = nil
		return nil, nil, 0, fin
	case head.ctx.Err() != nil:
		c.q = c.q[1:]
		q.pending--
		if len(c.q) > 0 {
			q.pushLocked(c, now)
		}
		return nil, nil, 0, []outcome{{it: head, err: head.ctx.Err(), reason: ReasonCancelled}}
	}
	c.inflight = true
	q.inflight++
	q.tat = later(q.tat, now).Add(q.interval)
	q.countLocked(now)
	c.next = later(c.next, now.Add(q.opt.PerChatInterval))
	return c, head, 0, nil
}

// send delivers it, the head of c, and files the outcome. The send ends at
// the first of ctx (the queue's) and the item's own context.
func (q *Queue) send(ctx context.Context, c *chat, it *item) {
	if it.ctx.Done() != nil {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(ctx)
		defer cancel()
		defer context.AfterFunc(it.ctx, cancel)()
	}
	var ref bot.MessageRef
	var err error
	skipped := q.opt.Blocked != nil && q.opt.Blocked(ctx, c.key)
	if skipped {
		err = bot.ErrBlocked
	} else {
		err = q.startItem(ctx, it)
		if err == nil {
			ref, err = q.inner.Send(ctx, it.r)
		}
	}
	q.result(c, it, ref, err, skipped)
}

// startItem calls the item's start hook the first time it is sent. The chat is in
// flight, so nothing else touches it meanwhile.
func (q *Queue) startItem(ctx context.Context, it *item) error {
	if it.start == nil || it.started {
		return nil
	}
	it.started = true
	if err := it.start(ctx); err != nil {
		return &withdrawnError{err: err}
	}
	return nil
}

// result files the outcome of sending it, the head of c; skipped says it was
// not sent because Options.Blocked reported the chat (OnBlocked is only told
// of the platform's answers).
func (q *Queue) result(c *chat, it *item, ref bot.MessageRef, err error, skipped bool) {
	var fin []outcome
	var rl *bot.RateLimitedError
	newlyBlocked, limited := false, false
	q.mu.Lock()
	now := q.clock.Now()
	c.inflight = false
	q.inflight--
	done := func(err error, reason string) {
		c.q = c.q[1:]
		q.pending--
		fin = append(fin, outcome{it: it, ref: ref, err: err, reason: reason})
	}
	switch {
	case err == nil:
		done(nil, "")
	case errors.Is(err, bot.ErrBlocked):
		newlyBlocked = !q.blocked[c.key] && !skipped
		q.blocked[c.key] = true
		for _, it := range c.q {
			fin = append(fin, outcome{it: it, err: err, reason: ReasonBlocked})
		}
		q.pending -= len(c.q)
		c.q = nil
	case errors.As(err, new(*withdrawnError)):
		done(errors.Unwrap(err), ReasonWithdrawn)
	case it.ctx.Err() != nil:
		done(err, ReasonCancelled)
	case errors.As(err, &rl):
		limited = true
		it.limited++
		it.r = rest(it.r, err)
		switch {
		case it.limited > q.opt.MaxRateLimited:
			done(err, ReasonRateLimited)
		case q.stopping:
			done(err, ReasonShutdown)
		default:
			c.next = later(c.next, now.Add(retryAfter(rl)))
		}
	default:
		it.attempts++
		it.r = rest(it.r, err)
		switch {
		case it.attempts > q.opt.MaxRetries:
			done(err, ReasonFailed)
		case q.stopping:
			done(err, ReasonShutdown)
		default:
			c.next = later(c.next, now.Add(q.backoff(it.attempts)))
		}
	}
	if len(c.q) > 0 && !q.stopping {
		q.pushLocked(c, now)
	}
	q.mu.Unlock()

	if limited {
		q.rateLimited()
		q.log.Debug("rate limited; chat waits", "chat", c.key.String(), "retry_after", retryAfter(rl))
	}
	if newlyBlocked && q.opt.OnBlocked != nil {
		q.opt.OnBlocked(context.WithoutCancel(it.ctx), c.key)
	}
	q.finish(fin)
	q.notify()
	if q.filed != nil {
		q.filed()
	}
}

// rest is what a retry of r sends after err: the parts not sent when err
// is a *bot.PartialError (the first parts of a long message went out),
// else r.
func rest(r bot.Reply, err error) bot.Reply {
	var partial *bot.PartialError
	if errors.As(err, &partial) {
		return partial.Rest
	}
	return r
}

// markBlocked records that chat blocked the bot, telling OnBlocked the
// first time.
func (q *Queue) markBlocked(ctx context.Context, chat bot.ChatKey) {
	q.mu.Lock()
	first := !q.blocked[chat]
	q.blocked[chat] = true
	q.mu.Unlock()
	if first && q.opt.OnBlocked != nil {
		q.opt.OnBlocked(context.WithoutCancel(ctx), chat)
	}
	q.notify() // its queued messages are dropped when reached
}

// drain drops every queued message with ReasonShutdown. Nothing is in flight.
func (q *Queue) drain() {
	var fin []outcome
	q.mu.Lock()
	q.closed = true
	for _, c := range q.chats {
		for _, it := range c.q {
			fin = append(fin, outcome{it: it, err: ErrClosed, reason: ReasonShutdown})
		}
		q.pending -= len(c.q)
		c.q = nil
	}
	q.ready = nil
	clear(q.chats)
	q.mu.Unlock()
	q.finish(fin)
}

// outcome is a bulk message done with: delivered (reason "") or dropped.
type outcome struct {
	it     *item
	ref    bot.MessageRef
	err    error
	reason string
}

// finish reports outcomes: counts, logs, and tells the callers. Call without
// q.mu held.
func (q *Queue) finish(fin []outcome) {
	for _, o := range fin {
		switch o.reason {
		case "":
			q.sent()
		case ReasonWithdrawn:
			q.log.Debug("outbound message withdrawn", "chat", chatOf(o.it.r).String(), "err", o.err)
		default:
			q.log.Warn("outbound message not delivered", "chat", chatOf(o.it.r).String(), "reason", o.reason,
				"attempts", o.it.attempts, "rate_limited", o.it.limited, "err", o.err)
			if q.opt.OnDropped != nil {
				q.opt.OnDropped(q.opt.Platform, o.reason)
			}
		}
		if o.it.done != nil {
			o.it.done(Result{Reply: o.it.r, Ref: o.ref, Err: o.err})
		}
	}
}

func (q *Queue) sent() {
	if q.opt.OnSent != nil {
		q.opt.OnSent(q.opt.Platform)
	}
}

func (q *Queue) rateLimited() {
	if q.opt.OnRateLimited != nil {
		q.opt.OnRateLimited(q.opt.Platform)
	}
}

// notify wakes Run.
func (q *Queue) notify() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

// backoff is the wait before retry number attempt (from 1).
func (q *Queue) backoff(attempt int) time.Duration {
	d := q.opt.Backoff
	for i := 1; i < attempt && d < q.opt.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, q.opt.MaxBackoff)
}

// retryAfter is how long a 429 asks to wait, a second when it did not say.
func retryAfter(rl *bot.RateLimitedError) time.Duration {
	if rl.RetryAfter <= 0 {
		return time.Second
	}
	return rl.RetryAfter
}

// countLocked records a send at now in the one-second window.
func (q *Queue) countLocked(now time.Time) {
	q.pruneLocked(now)
	i := len(q.window)
	for i > 0 && q.window[i-1].After(now) { // clocks may step back a little
		i--
	}
	q.window = append(q.window, time.Time{})
	copy(q.window[i+1:], q.window[i:])
	q.window[i] = now
}

// pruneLocked forgets the sends a second old or older.
func (q *Queue) pruneLocked(now time.Time) {
	cut := 0
	for cut < len(q.window) && now.Sub(q.window[cut]) >= time.Second {
		cut++
	}
	if cut > 0 {
		q.window = append(q.window[:0], q.window[cut:]...)
	}
}

// chatLocked returns key's state, made when missing. Call with q.mu held.
func (q *Queue) chatLocked(key bot.ChatKey) *chat {
	c, ok := q.chats[key]
	if !ok {
		c = &chat{key: key, idx: -1}
		q.chats[key] = c
	}
	return c
}

// holdLocked makes c wait until at least t, moving it in the heap.
func (q *Queue) holdLocked(c *chat, t time.Time) {
	c.next = later(c.next, t)
	if c.idx >= 0 && c.next.After(c.at) {
		c.at = c.next
		heap.Fix(&q.ready, c.idx)
	}
}

// pushLocked puts c, which has messages and none in flight, in the heap.
func (q *Queue) pushLocked(c *chat, now time.Time) {
	c.at = later(c.next, now)
	c.seq = c.q[0].seq
	heap.Push(&q.ready, c)
}

// sweepLocked frees, now and then, the state of chats that have nothing
// queued and whose interval has passed.
func (q *Queue) sweepLocked(now time.Time) {
	if now.Sub(q.lastSweep) < sweepEvery {
		return
	}
	q.lastSweep = now
	for k, c := range q.chats {
		if len(c.q) == 0 && !c.inflight && c.idx < 0 && !c.next.After(now) {
			delete(q.chats, k)
		}
	}
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// chatHeap orders chats by when they became eligible, then by their head
// message's age.
type chatHeap []*chat

func (h chatHeap) Len() int { return len(h) }
func (h chatHeap) Less(i, j int) bool {
	if !h[i].at.Equal(h[j].at) {
		return h[i].at.Before(h[j].at)
	}
	return h[i].seq < h[j].seq
}
func (h chatHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].idx, h[j].idx = i, j
}
func (h *chatHeap) Push(x any) {
	c := x.(*chat)
	c.idx = len(*h)
	*h = append(*h, c)
}
func (h *chatHeap) Pop() any {
	old := *h
	c := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	c.idx = -1
	return c
}
