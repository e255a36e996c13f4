// Package conversation is the engine between the platform adapters and the
// flows: it accepts each update durably into a per-chat inbox in Redis,
// drops duplicates, handles each chat's updates strictly in order and never
// concurrently (also across replicas sharing one Redis), keeps the chat's
// session in Redis with a compare-and-set on its version, and sends replies
// through a per-chat outbox so that a crash loses none.
//
// Redis layout, all under the configured prefix; {sNN} is the Redis Cluster
// hash tag of the chat's shard (keys.go), so that each script touches one
// hash slot:
//
//	seen:{sNN}:<platform>:<update id>  de-duplication mark, expires after DedupeTTL
//	inbox:{sNN}:<chat>                 list of accepted, unhandled updates (JSON)
//	outbox:{sNN}:<chat>                list of replies decided but not yet sent
//	session:{sNN}:<chat>               hash {v: version, d: session JSON}, idle TTL
//	lease:{sNN}:<chat>                 the worker currently owning the chat
//	ready:{sNN}                        sorted set of the shard's chats with work, by first accept
//
// Rule for every other Redis user of kinerjabot (scheduler, outbound,
// WhatsApp choices, console sessions, rate limits): a script or a MULTI
// touches keys of one hash slot only. Keys used together share a hash tag
// (the chat's, as bot/whatsapp's choices do, or a fixed one such as
// {console}); a key used alone needs none. A SCAN on a Redis Cluster must
// visit every master (ForEachMaster).
package conversation

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
)

// Options tune the engine. Zero values take the defaults noted.
type Options struct {
	// Prefix of every Redis key (default "kb:"). Tests use one per test.
	Prefix string
	// Workers is the number of chats handled at once by this process
	// (default 64). Workers take chats from one shared queue; a worker
	// also sends the chat's replies, so a slow platform API needs more.
	Workers int
	// Turn is how many updates of one chat a worker handles before the
	// chat yields to the others waiting (default 2): a person typing fast
	// cannot starve the rest.
	Turn int
	// SessionTTL is how long an idle session lives (default 24h).
	SessionTTL time.Duration
	// DedupeTTL is how long an update id is remembered (default 25h, over
	// Telegram's 24h redelivery window).
	DedupeTTL time.Duration
	// LeaseTTL bounds how long a dead worker keeps a chat (default 30s).
	LeaseTTL time.Duration
	// SoleOwner says no other process uses this Redis (the in-process
	// server, whose directory admits one process): a lease found at start
	// belongs to a process that died, so Run drops it, and a crashed
	// process's chats resume at once rather than after LeaseTTL.
	SoleOwner bool
	// SweepEvery is how often chats with waiting work are looked for, to
	// resume what a crashed process or replica left (default 2s).
	SweepEvery time.Duration
	// Linger is how long a chat whose inbox ran dry keeps its lease, with
	// the replies it sent still in its outbox, waiting for the person's
	// next update (default 50ms; negative: none). An update this process
	// accepts meanwhile takes the chat over in its accept step, which also
	// drops those replies, so neither costs a round trip of its own; when
	// none comes the trimmer lets the chat go, batched with others. It
	// covers bursts (an album's photos, a supervisor going down a list);
	// its cost is that an update of the chat reaching another replica
	// meanwhile waits for the linger to end.
	Linger time.Duration
	// WaitReplicas, when above 0, makes Accept return only once that many
	// replicas of the Redis master have the update (WAIT, at most
	// WaitTimeout, default 200ms); short of it Accept returns an error
	// wrapping bot.ErrNotReplicated, and the adapter refuses the update so
	// that the platform delivers it again.
	WaitReplicas int
	WaitTimeout  time.Duration
	// HandleTimeout bounds one update's handler and effects (default 30s).
	HandleTimeout time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Observer receives measurements (default none).
	Observer Observer
	// Media loads stored images for photo replies (default none: a photo
	// that needs loading goes out as text).
	Media MediaLoader
	// Files makes documents and made images from their references
	// (default none: such a reply goes out as its text alone).
	Files FileMaker
}

func (o *Options) defaults() {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	if o.Prefix == "" {
		o.Prefix = "kb:"
	}
	if o.Workers <= 0 {
		o.Workers = 64
	}
	if o.Turn <= 0 {
		o.Turn = 2
	}
	def(&o.SessionTTL, 24*time.Hour)
	def(&o.DedupeTTL, 25*time.Hour)
	def(&o.LeaseTTL, 30*time.Second)
	def(&o.SweepEvery, 2*time.Second)
	def(&o.HandleTimeout, 30*time.Second)
	def(&o.WaitTimeout, 200*time.Millisecond)
	if o.Linger == 0 {
		o.Linger = 50 * time.Millisecond
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Observer == nil {
		o.Observer = nopObserver{}
	}
}

// Engine runs conversations. Accept is safe for concurrent use and may be
// called before Run; Run does the handling.
type Engine struct {
	rdb     redis.UniversalClient
	handler Handler
	applier Applier
	log     *slog.Logger
	opt     Options

	sendersMu sync.RWMutex
	senders   map[bot.Platform]bot.Sender

	ready *readyQueue
	// running: Run is handling chats, so Accept may claim them for it.
	running atomic.Bool
	trims   chan trimJob
	// parked: chats lingering after their drain (Options.Linger), each
	// with the trim it owes; parkWake tells the trimmer one was parked
	// when none was.
	parkMu   sync.Mutex
	parked   map[bot.ChatKey]trimJob
	parkWake chan struct{}

	// noticed: when each chat was last told that Redis is out (Accept).
	noticeMu sync.Mutex
	noticed  map[bot.ChatKey]time.Time

	// bg: the outage notices and retries Run waits for before it returns.
	bg background
	// answers: the button presses answered beside the drains.
	answers answerPool
	// sweeps counts the sweeps, to start each at another shard.
	sweeps atomic.Uint32
}

var _ bot.Inbox = (*Engine)(nil)

// New builds an engine on a Redis client. A nil log discards logs.
func New(rdb redis.UniversalClient, h Handler, a Applier, log *slog.Logger, o Options) *Engine {
	o.defaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	e := &Engine{rdb: rdb, handler: h, applier: a, log: log, opt: o, senders: map[bot.Platform]bot.Sender{},
		trims: make(chan trimJob, 4*o.Workers), noticed: map[bot.ChatKey]time.Time{},
		parked: map[bot.ChatKey]trimJob{}, parkWake: make(chan struct{}, 1)}
	e.ready = newReadyQueue(o.Workers)
	return e
}

// AddSender registers the sender for a platform's replies.
func (e *Engine) AddSender(p bot.Platform, s bot.Sender) {
	e.sendersMu.Lock()
	defer e.sendersMu.Unlock()
	e.senders[p] = s
}

func (e *Engine) sender(p bot.Platform) (bot.Sender, bool) {
	e.sendersMu.RLock()
	defer e.sendersMu.RUnlock()
	s, ok := e.senders[p]
	return s, ok
}

// Accept records the update in its chat's inbox, durably, and schedules the
// chat. A nil error means the update is in Redis (or was already): the
// adapter may confirm it to the platform.
func (e *Engine) Accept(ctx context.Context, u bot.Update) error {
	if u.ID == "" || u.ChatID == "" || u.Platform == "" {
		return fmt.Errorf("accept update: missing id, chat or platform")
	}
	raw, err := encodeUpdate(u)
	if err != nil {
		return err
	}
	chat := u.Chat().String()
	keys := []string{e.seenKey(u), e.chatKey("inbox", chat), e.readyKeyOf(chat),
		e.chatKey("lease", chat), e.chatKey("session", chat), e.chatKey("outbox", chat)}
	token, trim := "", 0
	// A chat lingering here after its last drain is still ours: the
	// accept step renews its lease and drops the replies it sent. A
	// person answering at once may beat the drain that sent the answer
	// to its end: that drain is waited for, briefly.
	if ended := e.ready.ending(u.Chat()); ended != nil {
		t := time.NewTimer(drainEndWait)
		select {
		case <-ended:
		case <-t.C:
		}
		t.Stop()
	}
	held, holding := e.unpark(u.Chat())
	switch {
	case holding:
		token, trim = held.token, held.sent
	case e.running.Load():
		token = newToken()
	}
	v, err := e.runAccept(ctx, keys, raw, e.opt.DedupeTTL.Milliseconds(), e.opt.Now().UnixMilli(), chat,
		token, e.opt.LeaseTTL.Milliseconds(), trim)
	// Short of replicas the update is still in the inbox and handled; only
	// its acknowledgement is refused (see runAccept).
	unreplicated := err
	if errors.Is(err, bot.ErrNotReplicated) {
		err = nil
	}
	if err != nil {
		e.opt.Observer.RedisError("accept")
		if holding {
			e.retryTrim(held, err)
		}
		e.acceptFailed(ctx, u, err)
		return fmt.Errorf("accept update chat=%s: %w", chat, err)
	}
	switch n, _ := v[0].(int64); n {
	case 0:
		if holding {
			e.park(held)
		}
		e.opt.Observer.Duplicate(u.Platform)
		e.log.Debug("duplicate update dropped", "platform", u.Platform, "update_id", u.ID)
	case 2:
		res, err := parseStep(append([]any{"ok"}, v[1:]...))
		if err != nil {
			return fmt.Errorf("accept update chat=%s: %w", chat, err)
		}
		e.kickClaim(u.Chat(), &claim{token: token, res: res})
	default:
		e.kick(u.Chat())
	}
	if unreplicated != nil {
		return fmt.Errorf("accept update chat=%s: %w", chat, unreplicated)
	}
	return nil
}

// drainEndWait bounds how long Accept waits for a drain of the same chat
// to end, so as to take the chat over when it lingers: long enough for a
// drain that has sent its last reply, short enough for a webhook.
const drainEndWait = 5 * time.Millisecond

// kick schedules a chat on its worker. It never blocks: a chat that cannot
// be scheduled now is found by the sweeper.
func (e *Engine) kick(c bot.ChatKey) { e.kickClaim(c, nil) }

// kickClaim schedules a chat whose lease cl holds (nil: none).
func (e *Engine) kickClaim(c bot.ChatKey, cl *claim) { e.ready.push(c, cl) }

// Run handles chats until ctx is cancelled, then waits for the workers to
// finish the update they are on, and for every goroutine and timer of the
// engine to end: nothing runs for the engine once Run has returned.
func (e *Engine) Run(ctx context.Context) error {
	e.loadScripts(ctx)
	e.migrateLayout(ctx)
	if e.opt.SoleOwner {
		e.dropDeadLeases(ctx)
	}
	e.bg.open()
	e.answers.start(func(j answerJob) { e.answer(j.ctx, j.u, j.text) })
	var wg sync.WaitGroup
	for range e.opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e.work(ctx)
		}()
	}
	trimDone := make(chan struct{})
	trimCtx, stopTrims := context.WithCancel(context.WithoutCancel(ctx))
	go func() { e.trimLoop(trimCtx); close(trimDone) }()
	e.sweepLoop(ctx) // sets running after its first sweep
	e.running.Store(false)
	wg.Wait()
	e.answers.stop()
	// Pending retries go now: a trim's to the trimmer, which finishes it,
	// a drain's to the queue, whose claims are handed back below.
	e.bg.close()
	stopTrims()
	<-trimDone
	// Claims still queued (taken by Accept or the trimmer, never drained)
	// hand their leases back, so that a restart resumes those chats at once.
	rctx := context.WithoutCancel(ctx)
	for c, cl := range e.ready.claims() {
		e.release(rctx, c, cl.token, cl.sent)
	}
	return nil
}

// dropDeadLeases deletes the leases of the chats with work left, before
// this process takes any (Accept claims only once Run has swept).
func (e *Engine) dropDeadLeases(ctx context.Context) {
	for shard := range Shards {
		chats, err := e.rdb.ZRange(ctx, e.readyKey(shard), 0, -1).Result()
		if err != nil {
			e.log.Warn("cannot list the chats left with work; their leases lapse by themselves", "err", err)
			return
		}
		for len(chats) > 0 {
			n := min(len(chats), 500)
			keys := make([]string, n)
			for i, c := range chats[:n] {
				keys[i] = e.chatKey("lease", c) // one shard: one hash slot
			}
			if err := e.rdb.Del(ctx, keys...).Err(); err != nil {
				e.log.Warn("cannot drop the leases of a stopped process; they lapse by themselves", "err", err)
				return
			}
			chats = chats[n:]
		}
	}
}

func (e *Engine) work(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-e.ready.wake:
		}
		for c, cl, ok := e.ready.pop(); ok; c, cl, ok = e.ready.pop() {
			if ctx.Err() != nil {
				if cl != nil {
					e.release(context.WithoutCancel(ctx), c, cl.token, cl.sent)
				}
				e.ready.done(c)
				return
			}
			e.drain(ctx, c, cl)
			e.ready.done(c)
		}
	}
}

// sweepLoop schedules every chat that has waited in the ready set longer
// than one sweep: work a crashed process left, or that a busy replica's
// worker could not take.
func (e *Engine) sweepLoop(ctx context.Context) {
	e.sweep(ctx, 0)
	e.running.Store(true)
	t := time.NewTicker(e.opt.SweepEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			e.sweep(ctx, e.opt.SweepEvery)
		}
	}
}

// sweepPerShard bounds the chats one sweep takes from each shard.
const sweepPerShard = 100

// sweep reads every shard's ready set in one pipeline (one round trip per
// node) and kicks the chats waiting longer than minAge, starting at the
// next shard each time so that no shard's chats always go last.
func (e *Engine) sweep(ctx context.Context, minAge time.Duration) {
	max := fmt.Sprint(e.opt.Now().Add(-minAge).UnixMilli())
	first := int(e.sweeps.Add(1) % Shards)
	cmds := make([]*redis.StringSliceCmd, Shards)
	_, err := e.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i := range Shards {
			cmds[i] = p.ZRangeByScore(ctx, e.readyKey((first+i)%Shards), &redis.ZRangeBy{Min: "-inf", Max: max, Count: sweepPerShard})
		}
		return nil
	})
	if err != nil {
		if ctx.Err() == nil {
			e.opt.Observer.RedisError("sweep")
			e.log.Warn("sweep ready chats", "err", err)
		}
	}
	for _, cmd := range cmds {
		for _, c := range cmd.Val() {
			if k, ok := parseChatKey(c); ok {
				e.kick(k)
			}
		}
	}
}
