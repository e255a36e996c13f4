// Package whatsappcloud is the WhatsApp adapter over Meta's official
// WhatsApp Business Platform (Cloud API): it receives people's messages by
// webhook into an Inbox and sends bot.Reply values through the Graph API.
// It owns the webhook's verification and signature check, the conversions
// between the API's JSON and neutral updates and replies, the 24-hour
// window (template messages to people silent for longer), media upload and
// download, and the sorting of the API's errors into the classes of
// package bot.
//
// It speaks as platform bot.WhatsApp with the same chat ids as the
// whatsmeow adapter (package whatsapp): a person's id is their number as
// WhatsApp vouches for it (the sender's wa_id), as "62812…@s.whatsapp.net",
// so a deployment may move from one transport to the other and keep its
// people's accounts. The two are never on together.
//
// Buttons are real: up to 3 become reply buttons, up to 10 a list, and
// more are sent as several lists. Each row's id carries what the button
// stands for (see to_cloud.go), so a press needs no memory. Edits, which
// the API does not offer, become follow-up messages quoting the original.
// The API takes no idempotency key, so Reply.Key is not used: a send that
// timed out although it went through shows twice when retried.
package whatsappcloud

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

var (
	_ bot.Adapter    = (*Adapter)(nil)
	_ bot.Downloader = (*Adapter)(nil)
)

// Adapter is the running Cloud API adapter. Its methods are safe for
// concurrent use.
type Adapter struct {
	opt Options
	log *slog.Logger

	pausedUntil atomic.Int64 // unix nanos: a global rate limit holds every send until then
	expired     atomic.Pointer[error]
	tellExpired sync.Once

	statuses statusCounts
}

// New builds the adapter. It does no I/O. A nil log discards logs.
func New(o Options, log *slog.Logger) (*Adapter, error) {
	o = o.withDefaults()
	if err := o.validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Adapter{opt: o, log: log.With("platform", string(bot.WhatsApp), "transport", "cloud")}, nil
}

// Platform returns bot.WhatsApp.
func (a *Adapter) Platform() bot.Platform { return bot.WhatsApp }

// Run waits for ctx to end: messages arrive through WebhookHandler, which
// the caller mounts on its HTTP server.
func (a *Adapter) Run(ctx context.Context, _ bot.Inbox) error {
	a.log.Info("whatsapp cloud api ready", "phone_number_id", a.opt.PhoneNumberID, "api_version", a.opt.APIVersion)
	<-ctx.Done()
	return nil
}

// Check is a health check: failing once the API refused the access token.
func (a *Adapter) Check(context.Context) error {
	if p := a.expired.Load(); p != nil {
		return errors.Join(ErrTokenExpired, *p)
	}
	return nil
}

// tokenExpired stops sending for good, loudly, and tells OnTokenExpired.
func (a *Adapter) tokenExpired(err error) {
	a.expired.CompareAndSwap(nil, &err)
	a.tellExpired.Do(func() {
		a.log.Error("WHATSAPP CLOUD API REFUSED THE ACCESS TOKEN: nothing is sent on WhatsApp until WHATSAPP_CLOUD_TOKEN is replaced and the bot restarted", "err", err)
		if a.opt.OnTokenExpired != nil {
			a.opt.OnTokenExpired(err)
		}
	})
}

// pause holds every send for d (a global rate limit).
func (a *Adapter) pause(d time.Duration) {
	until := a.opt.Now().Add(d).UnixNano()
	for {
		cur := a.pausedUntil.Load()
		if cur >= until || a.pausedUntil.CompareAndSwap(cur, until) {
			return
		}
	}
}

// paused is how long sends are still held, 0 when they are not.
func (a *Adapter) paused() time.Duration {
	return max(0, time.Duration(a.pausedUntil.Load()-a.opt.Now().UnixNano()))
}
