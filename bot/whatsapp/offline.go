package whatsapp

import (
	"context"
	"errors"
	"time"

	"go.mau.fi/whatsmeow/types/events"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/i18n"
)

// Messages sent to the bot while it was not connected arrive when it
// connects: WhatsApp keeps them (for weeks) and delivers them first, as it
// delivers again the messages the adapter refused. They are offline
// messages: sent before the connection began. Each goes to the inbox like
// any other, and the flows judge it by its time; one older than the
// connection's start minus ReplayWindow came too late to be acted on: it is
// not handed to the inbox, and the person is told, at most once a
// tooLateTTL, that it arrived too late and to send it again if it still
// matters. Both kinds are counted (Offline) and, once WhatsApp says its
// offline queue is drained, logged at warn level.

// tooLateTTL is how long a person told that a message came too late is not
// told again.
const tooLateTTL = 24 * time.Hour

// offlineCount counts the offline messages handled.
type offlineCount struct{ delivered, tooLate int64 }

// age says whether a message sent at ts is an offline one, and whether it
// came too late to be handled.
func (a *Adapter) age(ts time.Time) (offline, late bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.connStart.IsZero() || !ts.Before(a.connStart) {
		return false, false
	}
	return true, a.opt.ReplayWindow >= 0 && ts.Before(a.connStart.Add(-a.opt.ReplayWindow))
}

// tellTooLate answers a message that came too late, unless the person was
// told lately. It fails (so the message is delivered again) only when the
// answer could not go out for a passing reason.
func (a *Adapter) tellTooLate(ctx context.Context, _ bot.Inbox, e *events.Message) error {
	s, err := a.senderOf(ctx, e.Info)
	if err != nil {
		return err
	}
	if a.opt.Chats != nil {
		if err := a.opt.Chats.Wrote(ctx, s.ChatID, e.Info.Timestamp.UTC()); err != nil {
			return err
		}
	}
	key := a.opt.Prefix + "wa:too-late:" + s.ChatID
	if n, err := a.opt.Redis.Exists(ctx, key).Result(); err != nil || n > 0 {
		return err
	}
	if err := a.waitConnected(ctx); err != nil {
		return err
	}
	var rl *bot.RateLimitedError
	switch err := a.sendHint(ctx, s, a.lang.T(i18n.WATooLate)); {
	case errors.Is(err, bot.ErrBlocked), errors.Is(err, ErrInvalidReply), errors.As(err, &rl):
		a.log.Warn("whatsapp person not told that their message came too late", "chat", maskChat(s.ChatID), "err", safeErr(err))
		return nil
	case err != nil:
		return err
	}
	if err := a.opt.Redis.Set(ctx, key, e.Info.ID, tooLateTTL).Err(); err != nil {
		a.log.Warn("whatsapp too-late answer not recorded; the person may be told twice", "chat", maskChat(s.ChatID), "err", safeErr(err))
	}
	return nil
}

// waitConnected waits until the status is connected: offline messages may
// come before whatsmeow reports the login.
func (a *Adapter) waitConnected(ctx context.Context) error {
	for {
		changed := a.StatusChanged()
		if a.Status().State == StateConnected {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// countOffline counts one handled message, if it was an offline one.
func (a *Adapter) countOffline(offline, late bool) {
	if !offline {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, c := range []*offlineCount{&a.offline, &a.offlineSinceLog} {
		if late {
			c.tooLate++
		} else {
			c.delivered++
		}
	}
}

// offlineDone logs, at warn level, the offline messages WhatsApp delivered
// since the last such log.
func (a *Adapter) offlineDone(e *events.OfflineSyncCompleted) {
	a.mu.Lock()
	c := a.offlineSinceLog
	a.offlineSinceLog = offlineCount{}
	a.mu.Unlock()
	if c.delivered+c.tooLate == 0 {
		return
	}
	a.log.Warn("whatsapp messages sent while the bot was offline arrived", "handled", c.delivered, "too_late", c.tooLate,
		"too_late_after", a.opt.ReplayWindow, "offline_events", e.Count)
}

// Offline is how many messages sent while the bot was offline were handed
// to the inbox, and how many came too late and were answered instead,
// since the adapter started (for metrics).
func (a *Adapter) Offline() (delivered, tooLate int64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.offline.delivered, a.offline.tooLate
}
