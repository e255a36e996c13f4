package conversation

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

// unreadableFlow marks a stored session the code can no longer read; the
// handler sees an unknown flow and restarts the chat kindly.
const unreadableFlow = "(unreadable)"

// maxConflicts bounds how often one drain re-reads a session whose version
// moved under it before it leaves the chat to the sweeper.
const maxConflicts = 3

type stepResult struct {
	status  string
	head    *string
	version string
	session string
	outbox  []string
}

// drain handles a chat's updates, holding the chat's lease: at most
// Options.Turn of them, then the chat yields to the back of the queue with
// its lease and state in hand. Every Redis move is one step: claim (unless
// cl already holds the lease), then commit after each update; the last trim
// is the trimmer's. When runCtx is cancelled it stops before the next update
// and hands the lease back, so a restart resumes the chat at once.
func (e *Engine) drain(runCtx context.Context, c bot.ChatKey, cl *claim) {
	ctx := context.WithoutCancel(runCtx)
	var token string
	var res stepResult
	var err error
	sent := 0 // outbox entries sent, to trim at the next step
	retries := 0
	var failed pendingCommit // the commit whose reply never came
	switch {
	case cl != nil && cl.resume:
		token, retries = cl.token, cl.retries
		res, err = e.step(ctx, c, token, "claim", 0, "", "", nil)
		if err != nil {
			failed = cl.commit // still unknown: the next resume reads it
		} else {
			sent = cl.commit.settle(&res)
		}
	case cl != nil:
		token, res, sent = cl.token, cl.res, cl.sent
	default:
		if held, ok := e.unpark(c); ok { // lingering here: its lease is ours
			token = held.token
			res, err = e.step(ctx, c, token, "claim", held.sent, "", "", nil)
			break
		}
		token = newToken()
		res, err = e.step(ctx, c, token, "claim", 0, "", "", nil)
	}
	conflicts, handled := 0, 0
	for err == nil && res.status != "idle" {
		sent += e.sendOutbox(ctx, res.outbox)
		res.outbox = nil
		switch {
		case runCtx.Err() != nil:
			e.release(ctx, c, token, sent)
			return
		case res.status == "conflict" && conflicts < maxConflicts:
			conflicts++
			res, err = e.step(ctx, c, token, "claim", sent, "", "", nil)
			sent = 0
		case res.status != "ok":
			e.log.Debug("chat drain stopped", "chat", c.String(), "status", res.status)
			return
		case res.head == nil:
			// Replies sent, nothing else waiting: the chat lingers for
			// the person's next update (Options.Linger), then the trimmer
			// drops them from the outbox and lets the chat go, batched
			// with other chats' (or hands it back if an update came
			// meanwhile).
			e.park(trimJob{chat: c, token: token, sent: sent})
			return
		case handled >= e.opt.Turn:
			// Its turn is over: to the back of the queue (once this drain
			// is done), lease kept.
			e.kickClaim(c, &claim{token: token, res: res, sent: sent})
			return
		default:
			sess, replies := e.handle(ctx, c, res)
			failed = pendingCommit{version: res.version, sent: sent}
			res, err = e.step(ctx, c, token, "commit", sent, res.version, sess, replies)
			sent = 0
			handled++
		}
	}
	if err != nil {
		e.opt.Observer.RedisError("step")
		e.retryLater(runCtx, c, token, retries, failed, err)
	}
}

// pendingCommit is a commit whose outcome is unknown (its reply was lost):
// it was based on session version, and its trim was to drop the first sent
// outbox entries, already delivered.
type pendingCommit struct {
	version string
	sent    int
}

// settle reads what a resuming claim found: if the session is still at the
// commit's base version, the commit did not happen, so the first sent
// entries of the outbox are replies already delivered. It drops them from
// res and returns how many the next step must trim; they are not sent
// twice. (If the commit happened, it trimmed them itself.)
func (p pendingCommit) settle(res *stepResult) int {
	if p.version == "" || p.sent == 0 || res.status != "ok" || res.version != p.version {
		return 0
	}
	n := min(p.sent, len(res.outbox))
	res.outbox = res.outbox[n:]
	return n
}

// retryLater resumes a chat whose step failed (Redis out, or restarting)
// with the same lease token, so that the chat goes on as soon as Redis is
// back rather than after the lease expires. Whether a failed commit took
// effect is read from the session version on resume (settle), so the
// replies it had sent go out once. After LeaseTTL of retries the lease is
// gone anyway and the sweeper takes over. A retry still waiting when Run
// ends is queued at once, and Run hands its lease back.
func (e *Engine) retryLater(runCtx context.Context, c bot.ChatKey, token string, retries int, commit pendingCommit, err error) {
	wait := min(retryBase<<min(retries, 4), retryMax)
	if time.Duration(retries)*retryMax > e.opt.LeaseTTL || runCtx.Err() != nil {
		e.log.Warn("chat drain failed; the sweeper retries", "chat", c.String(), "err", err)
		return
	}
	if retries == 0 {
		e.log.Warn("chat drain failed; retrying", "chat", c.String(), "err", err)
	}
	e.bg.after(wait, func() {
		e.kickClaim(c, &claim{token: token, resume: true, retries: retries + 1, commit: commit})
	})
}

// Retry pacing of retryLater: 100 ms doubling up to 1 s.
const (
	retryBase = 100 * time.Millisecond
	retryMax  = time.Second
)

// release hands the chat's lease back after trimming what was sent.
func (e *Engine) release(ctx context.Context, c bot.ChatKey, token string, trim int) {
	chat := c.String()
	keys := []string{e.chatKey("lease", chat), e.chatKey("outbox", chat)}
	if err := releaseScript.Run(ctx, e.rdb, keys, token, trim).Err(); err != nil {
		e.log.Warn("release chat lease", "chat", chat, "err", err)
	}
}

func (e *Engine) step(ctx context.Context, c bot.ChatKey, token, mode string, trim int, version, sess string, replies []string) (stepResult, error) {
	keys, args := e.stepArgs(c, token, mode, trim, version, sess, replies)
	v, err := stepScript.Run(ctx, e.rdb, keys, args...).Slice()
	if err != nil {
		return stepResult{}, fmt.Errorf("%s chat=%s: %w", mode, c.String(), err)
	}
	return parseStep(v)
}

func (e *Engine) stepArgs(c bot.ChatKey, token, mode string, trim int, version, sess string, replies []string) ([]string, []any) {
	chat := c.String()
	keys := []string{e.chatKey("lease", chat), e.chatKey("inbox", chat), e.chatKey("session", chat), e.chatKey("outbox", chat),
		e.readyKeyOf(chat)}
	args := make([]any, 0, 8+len(replies))
	args = append(args, token, e.opt.LeaseTTL.Milliseconds(), trim, chat, mode, version, sess, e.opt.SessionTTL.Milliseconds())
	for _, r := range replies {
		args = append(args, r)
	}
	return keys, args
}

func parseStep(v []any) (stepResult, error) {
	var r stepResult
	if len(v) == 0 {
		return r, fmt.Errorf("step: empty reply")
	}
	r.status, _ = v[0].(string)
	if r.status != "ok" {
		return r, nil
	}
	if len(v) < 4 {
		return r, fmt.Errorf("step: short reply (%d)", len(v))
	}
	if h, ok := v[1].(string); ok {
		r.head = &h
	}
	r.version, _ = v[2].(string)
	r.session, _ = v[3].(string)
	for _, o := range v[4:] {
		s, _ := o.(string)
		r.outbox = append(r.outbox, s)
	}
	return r, nil
}

// handle runs the handler and applies its effects for the update at the
// head of the inbox. It returns the session to save (the old one when the
// update failed) and the replies to queue.
func (e *Engine) handle(ctx context.Context, c bot.ChatKey, res stepResult) (string, []string) {
	start := time.Now()
	u, err := decodeUpdate(*res.head)
	if err != nil {
		e.opt.Observer.UpdateHandled(bot.KindOther, "malformed", time.Since(start))
		e.log.Error("malformed update dropped", "chat", c.String(), "err", err)
		return res.session, nil
	}
	sess, ok := decodeSession(res.session)
	if !ok {
		e.log.Warn("stored session unreadable; restarting chat", "chat", c.String())
		sess = Session{Flow: unreadableFlow}
	}
	in := Input{Session: sess, Update: u, Now: e.opt.Now()}
	if !u.At.IsZero() {
		e.opt.Observer.InboxWait(u.Platform, in.Now.Sub(u.At))
	}
	hctx, cancel := context.WithTimeout(ctx, e.opt.HandleTimeout)
	defer cancel()
	out, outcome, err := e.run(hctx, in)
	e.opt.Observer.UpdateHandled(u.Kind, outcome, time.Since(start))
	if err != nil {
		e.log.Error("update failed; session kept", "chat", c.String(), "kind", u.Kind, "update_id", u.ID, "err", err)
		replies, notice := e.handler.Failure(in, err)
		e.answerLater(ctx, u, notice)
		return res.session, e.encodeReplies(c, u, replies)
	}
	e.answerLater(ctx, u, out.Notice)
	out.Next.UpdatedAt = in.Now
	b, err := json.Marshal(out.Next)
	if err != nil {
		e.log.Error("encode session; session kept", "chat", c.String(), "err", err)
		return res.session, e.encodeReplies(c, u, out.Replies)
	}
	return string(b), e.encodeReplies(c, u, out.Replies)
}

// run calls the handler and applies the effects in order, turning a panic
// into an error so one bad update never wedges a chat.
func (e *Engine) run(ctx context.Context, in Input) (out Outcome, outcome string, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, outcome, err = Outcome{}, "panic", fmt.Errorf("handler panic: %v", p)
		}
	}()
	out, err = e.handler.Handle(ctx, in)
	if err != nil {
		return out, "failed", fmt.Errorf("handle: %w", err)
	}
	for _, ef := range out.Effects {
		more, err := e.applier.Apply(ctx, in, ef)
		if err != nil {
			return out, "failed", fmt.Errorf("apply %s: %w", ef.EffectName(), err)
		}
		out.Replies = append(out.Replies, more...)
	}
	return out, "ok", nil
}

func (e *Engine) answer(ctx context.Context, u bot.Update, text string) {
	if u.Kind != bot.KindCallback || u.Callback == nil {
		return
	}
	s, ok := e.sender(u.Platform)
	if !ok {
		return
	}
	if err := s.AnswerCallback(ctx, u.Callback.ID, text); err != nil {
		e.log.Warn("answer callback", "chat", u.Chat().String(), "err", err)
	}
}

// encodeReplies encodes the replies to u for the outbox, each with its
// Key: the chat, the update and its place, the same however often the
// update is handled or the reply retried.
func (e *Engine) encodeReplies(c bot.ChatKey, u bot.Update, rs []bot.Reply) []string {
	out := make([]string, 0, len(rs))
	for i, r := range rs {
		if r.Chat == (bot.ChatKey{}) {
			r.Chat = c
		}
		if r.Key == "" {
			r.Key = fmt.Sprintf("%s/%s/%d", c, u.ID, i)
		}
		b, err := json.Marshal(r)
		if err != nil {
			e.log.Error("encode reply dropped", "chat", c.String(), "err", err)
			continue
		}
		out = append(out, string(b))
	}
	return out
}

func newToken() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
