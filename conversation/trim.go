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
}

// maxTrimBatch bounds the chats trimmed in one pipeline.
const maxTrimBatch = 128

// trimLoop ends drains: for each job, one claim step drops the sent replies
// and lets the chat go when nothing new arrived, all the jobs waiting at
// that moment in one pipelined round trip. A chat that got an update
// meanwhile goes back to its worker with the claim in hand. It returns when
// ctx ends, after finishing the jobs already given.
func (e *Engine) trimLoop(ctx context.Context) {
	batch := make([]trimJob, 0, maxTrimBatch)
	for {
		select {
		case j := <-e.trims:
			batch = append(batch[:0], j)
		case <-ctx.Done():
			for {
				select {
				case j := <-e.trims:
					e.trimBatch(context.WithoutCancel(ctx), []trimJob{j})
				default:
					return
				}
			}
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
		e.trimBatch(context.WithoutCancel(ctx), batch)
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
// expires; after LeaseTTL of retries the sweeper takes over.
func (e *Engine) retryTrim(j trimJob, err error) {
	if time.Duration(j.retries)*retryMax > e.opt.LeaseTTL {
		e.log.Warn("chat trim failed; the sweeper retries", "chat", j.chat.String(), "err", err)
		return
	}
	if j.retries == 0 {
		e.log.Warn("chat trim failed; retrying", "chat", j.chat.String(), "err", err)
	}
	wait := min(retryBase<<min(j.retries, 4), retryMax)
	j.retries++
	time.AfterFunc(wait, func() {
		select {
		case e.trims <- j:
		default: // the trimmer is stopping or swamped: resume the chat instead
			e.kickClaim(j.chat, &claim{token: j.token, resume: true, retries: j.retries})
		}
	})
}
