package telegramtest

import (
	"net/http"
	"slices"
	"time"

	"github.com/go-telegram/bot/models"
)

// defaultLimit is getUpdates' limit when the call gives none.
const defaultLimit = 100

// PushUpdate queues updates for getUpdates, in order and all at once. Like
// Telegram, the next getUpdates drops those below its offset, so an update
// pushed after it was confirmed is not delivered again.
func (s *Server) PushUpdate(us ...models.Update) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = append(s.queue, us...)
	s.changedLocked()
}

// PushTwice queues u twice in a row, as Telegram does when it redelivers an
// update it never saw confirmed: both copies reach the bot.
func (s *Server) PushTwice(u models.Update) { s.PushUpdate(u, u) }

// Confirmed is the highest offset a getUpdates gave: every update with a
// smaller update_id is confirmed. 0 until an offset was given.
func (s *Server) Confirmed() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.confirm
}

// Pending is the number of queued updates not yet confirmed.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue)
}

// AllowedUpdates is the allowed_updates of the last getUpdates that gave it.
func (s *Server) AllowedUpdates() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.allowed)
}

// getUpdates confirms below offset, then answers the queued updates, waiting
// up to timeout seconds for one when none is queued.
func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, p params) {
	var allowed []string
	if err := p.json("allowed_updates", &allowed); err != nil {
		writeError(w, badRequest("%v", err))
		return
	}
	limit := p.int("limit")
	if limit <= 0 || limit > defaultLimit {
		limit = defaultLimit
	}
	deadline := time.Now().Add(time.Duration(p.int("timeout")) * time.Second)
	s.mu.Lock()
	if s.webhook.URL != "" {
		s.mu.Unlock()
		writeError(w, Fault{Code: http.StatusConflict, Description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"})
		return
	}
	if _, ok := p["allowed_updates"]; ok {
		s.allowed = allowed
	}
	s.confirmLocked(p.int64("offset"))
	s.mu.Unlock()
	batch, ok := s.waitBatch(r, deadline, limit)
	if ok {
		writeResult(w, batch)
	}
}

// waitBatch waits until an update is queued, the deadline passes, the
// request ends or the server closes (ok false for the last two).
func (s *Server) waitBatch(r *http.Request, deadline time.Time, limit int) (batch []models.Update, ok bool) {
	timer := time.NewTimer(time.Until(deadline))
	defer timer.Stop()
	for {
		s.mu.Lock()
		batch = append([]models.Update{}, s.queue[:min(limit, len(s.queue))]...)
		changed := s.changed
		s.mu.Unlock()
		if len(batch) > 0 || !time.Now().Before(deadline) {
			return batch, true
		}
		select {
		case <-changed:
		case <-timer.C:
		case <-r.Context().Done():
			return nil, false
		case <-s.done:
			return nil, false
		}
	}
}

// confirmLocked drops the queued updates below offset. Call with s.mu held.
func (s *Server) confirmLocked(offset int64) {
	if offset <= 0 {
		return
	}
	s.queue = slices.DeleteFunc(s.queue, func(u models.Update) bool { return u.ID < offset })
	if offset > s.confirm {
		s.confirm = offset
	}
	s.changedLocked()
}

// nextUpdateID allots an update id.
func (s *Server) nextUpdateID() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextUpd
	s.nextUpd++
	return id
}
