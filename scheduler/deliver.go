package scheduler

import (
	"context"
	"errors"
	"slices"
	"sync/atomic"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/storage"
)

// errNoOutbox: the scheduler does not send on the reply's platform.
var errNoOutbox = errors.New("scheduler: no outbox for the platform")

// replies are the messages of an item: its reply, or, for an item built
// once its key is claimed (Item.Build), what Build makes, on the platforms
// the scheduler sends on.
func (s *Scheduler) replies(ctx context.Context, it Item) ([]bot.Reply, error) {
	if it.Build == nil {
		return []bot.Reply{it.Reply}, nil
	}
	rs, err := it.Build(ctx)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(rs, func(r bot.Reply) bool {
		_, ok := s.outboxes[r.Chat.Platform]
		return !ok
	}), nil
}

// deliver sends r through its platform's outbox and reports whether it
// was started (start, when not nil, ran: see Outbox). A photo is loaded for
// a chat on another platform than the photo's (Options.LoadMedia) or left
// out, and the text goes alone should the photo fail; a tracked reply is
// recorded where it was delivered (Options.Track), so that it can be
// edited; an edit that cannot be made gets its fallback, a short new
// message.
func (s *Scheduler) deliver(ctx context.Context, r bot.Reply, start func(context.Context) error) (bool, error) {
	out, ok := s.outboxes[r.Chat.Platform]
	if !ok {
		return false, errNoOutbox
	}
	var started atomic.Bool
	mark := func(ctx context.Context) error {
		started.Store(true)
		if start == nil {
			return nil
		}
		return start(ctx)
	}
	if r.Photo != nil {
		s.loadPhoto(ctx, &r)
	}
	ref, err := bulk(ctx, out, r, mark)
	failed := err != nil && started.Load() && !errors.Is(err, bot.ErrBlocked) && !errors.Is(err, storage.ErrConflict)
	switch {
	case failed && r.Photo != nil:
		s.log.Warn("scheduler: photo not sent; sending the text alone", "chat", r.Chat.String(), "err", err)
		r.Photo = nil
		ref, err = bulk(ctx, out, r, nil)
	case failed && r.Edit != nil && r.Fallback != "":
		s.log.Info("scheduler: message not edited; its fallback goes out", "chat", r.Chat.String(), "err", err)
		_, _ = bulk(ctx, out, bot.Reply{Chat: r.Chat, Text: r.Fallback}, nil)
	}
	if err == nil && r.Track != "" && s.opt.Track != nil && ref.MessageID != "" {
		if terr := s.opt.Track(ctx, r.Track, ref); terr != nil {
			s.log.Error("scheduler: sent message not recorded", "track", r.Track, "err", terr)
		}
	}
	return started.Load(), err
}

// bulk sends through out, with the message's reference when out gives it.
func bulk(ctx context.Context, out Outbox, r bot.Reply, start func(context.Context) error) (bot.MessageRef, error) {
	if ro, ok := out.(RefOutbox); ok {
		return ro.BulkRef(ctx, r, start)
	}
	return bot.MessageRef{}, out.BulkIf(ctx, r, start)
}

// loadPhoto fills a photo's bytes for a chat on another platform than the
// photo's file id (Options.LoadMedia), or leaves the photo out.
func (s *Scheduler) loadPhoto(ctx context.Context, r *bot.Reply) {
	p := *r.Photo
	if (p.FileID != "" && p.Platform == r.Chat.Platform) || len(p.Data) > 0 {
		return
	}
	r.Photo = nil
	if s.opt.LoadMedia == nil || p.EvidenceID == "" {
		return
	}
	data, err := s.opt.LoadMedia(ctx, p.EvidenceID)
	if err != nil {
		s.log.Warn("scheduler: photo not loaded; sending the text alone", "evidence_id", p.EvidenceID, "err", err)
		return
	}
	p.Data = data
	r.Photo = &p
}
