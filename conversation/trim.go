package conversation

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
)

// trimJob is a drained chat whose sent replies are still in its outbox and
// whose lease token still holds it.
type trimJob struct {
	chat    bot.ChatKey
	token   string
	sent    int
	retries int
	at      time.Time // when it was parked
}

// maxTrimBatch bounds the chats trimmed in one pipeline.
const maxTrimBatch = 128

// park lets a drained chat linger (Options.Linger) before the trimmer lets
// it go; an update accepted meanwhile takes it over (unpark).
func (e *Engine) park(j trimJob) {
	if e.opt.Linger < 0 {
		e.trims <- j
		return
	}
	if j.at.IsZero() {
		j.at = time.Now()
	}
	e.parkMu.Lock()
	first := len(e.parked) == 0
	e.parked[j.chat] = j
	e.parkMu.Unlock()
	if first { // otherwise the trimmer's timer is set for an older one
		select {
		case e.parkWake <- struct{}{}:
		default:
		}
	}
}

// unpark takes the chat's lingering lease, if this process holds one.
func (e *Engine) unpark(c bot.ChatKey) (trimJob, bool) {
	e.parkMu.Lock()
	defer e.parkMu.Unlock()
	j, ok := e.parked[c]
	if ok {
		delete(e.parked, c)
	}
	return j, ok
}

// dueParked moves the parked chats whose linger is over (all of them when
// all is set) into batch, up to maxTrimBatch, and returns how long until
// the next one is due (0: none left, or more due now).
func (e *Engine) dueParked(batch []trimJob, now time.Time, all bool) ([]trimJob, time.Duration) {
	e.parkMu.Lock()
	defer e.parkMu.Unlock()
	var next time.Duration
	for c, j := range e.parked {
		wait := j.at.Add(e.opt.Linger).Sub(now)
		switch {
		case len(batch) >= maxTrimBatch:
			return batch, time.Millisecond
		case wait <= 0 || all:
			batch = append(batch, j)
			delete(e.parked, c)
		case next == 0 || wait < next:
			next = wait
		}
	}
	return batch, next
}

// trimLoop ends drains: for each job, one claim step drops the sent replies
// and lets the chat go when nothing new arrived, all the jobs due at that
// moment in one pipelined round trip. A chat that got an update meanwhile
// goes back to its worker with the claim in hand. Parked chats are due when
// their linger is over. It returns when ctx ends, after finishing the jobs
// already given and every parked chat.
func (e *Engine) trimLoop(ctx context.Context) {
	batch := make([]trimJob, 0, maxTrimBatch)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		batch = batch[:0]
		select {
		case j := <-e.trims:
			batch = append(batch, j)
		case <-e.parkWake:
		case <-timer.C:
		case <-ctx.Done():
			e.finishTrims(context.WithoutCancel(ctx))
			return
		}
	more:
		for len(batch) < maxTrimBatch {
			select {
			case j := <-e.trims:
				batch = append(batch, j)
			default:
				break more
			}
		}
		var next time.Duration
		batch, next = e.dueParked(batch, time.Now(), false)
		if next > 0 {
			timer.Reset(next)
		}
		if len(batch) > 0 {
			e.trimBatch(context.WithoutCancel(ctx), batch)
		}
	}
}

// finishTrims trims what is queued and every parked chat, at shutdown.
func (e *Engine) finishTrims(ctx context.Context) {
	for {
		select {
		case j := <-e.trims:
			e.trimBatch(ctx, []trimJob{j})
			continue
		default:
		}
		batch, _ := e.dueParked(nil, time.Now(), true)
		if len(batch) == 0 {
			return
		}
		e.trimBatch(ctx, batch)
	}
}

func (e *Engine) trimBatch(ctx context.Context, batch []trimJob) {
	cmds := make([]*redis.Cmd, len(batch))
	_, _ = e.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, j := range batch {
			keys, args := e.stepArgs(j.chat, j.token, "claim", j.sent, "", "", nil)
			cmds[i] = stepScript.EvalSha(ctx, p, keys, args...)
		}
		return nil
	})
	for i, j := range batch {
		v, err := cmds[i].Slice()
		if err != nil && isNoScript(err) {
			// Redis lost its script cache (a restart): this one call loads it.
			var res stepResult
			res, err = e.step(ctx, j.chat, j.token, "claim", j.sent, "", "", nil)
			e.trimmed(j, res, err)
			continue
		}
		if err != nil {
			e.trimmed(j, stepResult{}, err)
			continue
		}
		res, err := parseStep(v)
		e.trimmed(j, res, err)
	}
}

func (e *Engine) trimmed(j trimJob, res stepResult, err error) {
	switch {
	case err != nil:
		e.opt.Observer.RedisError("step")
		e.retryTrim(j, err)
	case res.status == "ok":
		e.kickClaim(j.chat, &claim{token: j.token, res: res})
	case res.status != "idle":
		e.log.Debug("chat trim found the chat taken", "chat", j.chat.String(), "status", res.status)
	}
}

func isNoScript(err error) bool {
	var re redis.Error
	return errors.As(err, &re) && strings.HasPrefix(re.Error(), "NOSCRIPT")
}

// retryTrim tries a failed trim again shortly (Redis out or restarting),
// so the chat is let go as soon as Redis is back, not after its lease
// expires; after LeaseTTL of retries, or once Run is ending, the sweeper
// takes over. A retry still waiting when Run ends is tried at once, by the
// trimmer's last round.
func (e *Engine) retryTrim(j trimJob, err error) {
	if time.Duration(j.retries)*retryMax > e.opt.LeaseTTL {
		e.log.Warn("chat trim failed; the sweeper retries", "chat", j.chat.String(), "err", err)
		return
	}
	wait := min(retryBase<<min(j.retries, 4), retryMax)
	first := j.retries == 0
	j.retries++
	armed := e.bg.after(wait, func() {
		select {
		case e.trims <- j:
		default: // the trimmer is swamped: resume the chat instead
			e.kickClaim(j.chat, &claim{token: j.token, resume: true, retries: j.retries})
		}
	})
	switch {
	case !armed:
		e.log.Warn("chat trim failed; the sweeper retries", "chat", j.chat.String(), "err", err)
	case first:
		e.log.Warn("chat trim failed; retrying", "chat", j.chat.String(), "err", err)
	}
}
