package conversation

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

// maxReplyRetryAfter bounds how long a reply waits out a platform's 429
// (the chat's worker waits with it).
const maxReplyRetryAfter = 5 * time.Second

// sendBackoff is the wait before each retry of a failed send.
var sendBackoff = []time.Duration{200 * time.Millisecond, time.Second}

// sendOutbox delivers the outbox in order and returns how many entries it is
// done with: all of them, since a reply that still fails after its retries
// is logged and counted rather than allowed to block the chat.
func (e *Engine) sendOutbox(ctx context.Context, outbox []string) int {
	for _, raw := range outbox {
		var r bot.Reply
		if err := json.Unmarshal([]byte(raw), &r); err != nil {
			e.log.Error("malformed reply dropped", "err", err)
			continue
		}
		e.send(ctx, r)
	}
	return len(outbox)
}

func (e *Engine) send(ctx context.Context, r bot.Reply) {
	s, ok := e.sender(r.Chat.Platform)
	if !ok {
		e.opt.Observer.SendError(r.Chat.Platform)
		e.log.Error("reply dropped: no sender for platform", "chat", r.Chat.String())
		return
	}
	if r.Photo != nil && !e.loadPhoto(ctx, &r) {
		r.Photo = nil // the text still goes out
	}
	if r.Document != nil && !e.makeDocument(ctx, &r) {
		r.Document = nil
	}
	var err error
	for attempt := 0; ; attempt++ {
		var ref bot.MessageRef
		if ref, err = s.Send(ctx, r); err == nil {
			e.track(ctx, r, ref)
			return
		}
		if errors.Is(err, bot.ErrBlocked) {
			break // the person blocked the bot; no retry helps
		}
		var partial *bot.PartialError
		if errors.As(err, &partial) {
			r = partial.Rest // the first parts of a long reply went out: a retry sends the others
		}
		var rl *bot.RateLimitedError
		limited := errors.As(err, &rl)
		if r.Photo != nil && !limited {
			e.log.Warn("photo not sent; sending the text alone", "chat", r.Chat.String(), "err", err)
			r.Photo = nil
			continue
		}
		if r.Document != nil && !limited && attempt >= len(sendBackoff)-1 {
			e.log.Warn("document not sent; sending the text alone", "chat", r.Chat.String(), "err", err)
			r.Document = nil
			continue
		}
		if attempt >= len(sendBackoff) {
			break
		}
		wait := sendBackoff[attempt]
		if limited && rl.RetryAfter > wait {
			if rl.RetryAfter > maxReplyRetryAfter {
				break
			}
			wait = rl.RetryAfter
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
	}
	e.opt.Observer.SendError(r.Chat.Platform)
	e.log.Error("reply not delivered", "chat", r.Chat.String(), "err", err)
	if r.Edit != nil && r.Fallback != "" && !errors.Is(err, bot.ErrBlocked) {
		e.log.Info("edit not made; its fallback goes out as a new message", "chat", r.Chat.String())
		fb := bot.Reply{Chat: r.Chat, Text: r.Fallback}
		if r.Key != "" {
			fb.Key = r.Key + "/fallback"
		}
		e.send(ctx, fb)
	}
}

// loadPhoto fills a photo reply's bytes when the recipient's platform cannot
// use the photo's file id. It reports whether the photo can be sent.
func (e *Engine) loadPhoto(ctx context.Context, r *bot.Reply) bool {
	p := r.Photo
	if (p.FileID != "" && p.Platform == r.Chat.Platform) || len(p.Data) > 0 {
		return true
	}
	if p.Ref != "" {
		data, ok := e.makeFile(ctx, p.Ref)
		p.Data = data
		return ok
	}
	if e.opt.Media == nil || p.EvidenceID == "" {
		return false
	}
	data, err := e.opt.Media.LoadMedia(ctx, p.EvidenceID)
	if err != nil {
		e.log.Warn("load photo; sending the text alone", "evidence_id", p.EvidenceID, "err", err)
		return false
	}
	p.Data = data
	return true
}

// makeDocument fills a document reply's bytes from its reference. It
// reports whether the document can be sent.
func (e *Engine) makeDocument(ctx context.Context, r *bot.Reply) bool {
	d := r.Document
	if len(d.Data) > 0 {
		return true
	}
	data, ok := e.makeFile(ctx, d.Ref)
	d.Data = data
	return ok
}

func (e *Engine) makeFile(ctx context.Context, ref string) ([]byte, bool) {
	if e.opt.Files == nil || ref == "" {
		e.log.Warn("file reply without a maker; sending the text alone")
		return nil, false
	}
	data, err := e.opt.Files.MakeFile(ctx, ref)
	switch {
	case err != nil:
		e.log.Warn("make file; sending the text alone", "kind", refKind(ref), "err", err)
		return nil, false
	case len(data) == 0 || len(data) > bot.MaxDocument:
		e.log.Warn("made file empty or too large; sending the text alone", "kind", refKind(ref), "bytes", len(data))
		return nil, false
	}
	return data, true
}

// refKind is the part of a file reference before its first colon: logged
// instead of the reference, whose arguments may name a person.
func refKind(ref string) string {
	k, _, _ := strings.Cut(ref, ":")
	return k
}

// track hands a tracked reply's delivery to the Tracker.
func (e *Engine) track(ctx context.Context, r bot.Reply, ref bot.MessageRef) {
	if r.Track == "" {
		return
	}
	t, ok := e.applier.(Tracker)
	if !ok {
		return
	}
	if err := t.Sent(ctx, r.Track, ref); err != nil {
		e.log.Error("record sent message", "track", r.Track, "err", err)
		return
	}
	rf, ok := e.applier.(Refresher)
	if !ok {
		return
	}
	more, err := rf.Refresh(ctx, r.Track, ref)
	if err != nil {
		e.log.Warn("sent message not brought up to date", "track", r.Track, "err", err)
	}
	for _, m := range more {
		e.send(ctx, m)
	}
}
