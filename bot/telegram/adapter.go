// Package telegram is the Telegram adapter: it turns Bot API updates into
// bot.Update values for an Inbox and sends bot.Reply values back, built on
// github.com/go-telegram/bot.
//
// Nothing acknowledged is lost: an update is confirmed to Telegram (the next
// getUpdates offset passes it, or the webhook answers 200) only after
// Inbox.Accept returned nil for it. The library's own polling loop and
// webhook handler confirm before any handler runs, so this package has its
// own (get_updates.go, webhook_handler.go) and uses the library for calls
// only. Updates the bot does not handle (group chats, channel posts, edits,
// other kinds) are confirmed without reaching the Inbox.
package telegram

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	tg "github.com/go-telegram/bot"

	"github.com/kinerjabot/kinerjabot/bot"
)

var (
	_ bot.Adapter    = (*Adapter)(nil)
	_ bot.Downloader = (*Adapter)(nil)
)

// Adapter is the running Telegram adapter. Its methods are safe for
// concurrent use.
type Adapter struct {
	opt      Options
	api      *tg.Bot
	client   *http.Client // ordinary calls and file downloads
	poller   *http.Client // getUpdates long polls
	username string       // the bot's @username, without the @
	log      *slog.Logger
}

// New builds the adapter and calls getMe to learn the bot's username. Errors
// show the token masked. A nil log discards logs.
func New(ctx context.Context, o Options, log *slog.Logger) (*Adapter, error) {
	o = o.withDefaults()
	if err := o.validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	a := &Adapter{opt: o, log: log.With("platform", string(bot.Telegram))}
	a.client, a.poller = o.clients()
	api, err := tg.New(o.Token,
		tg.WithServerURL(o.APIURL),
		tg.WithHTTPClient(o.PollTimeout, wholeBodies{a.client}),
		// The library's getMe at New runs on its own background context and
		// drops the answer; the one below runs on ctx and keeps the username.
		tg.WithSkipGetMe(),
		tg.WithErrorsHandler(a.libraryError),
	)
	if err != nil {
		return nil, fmt.Errorf("telegram client token=%s: %w", maskToken(o.Token), a.redact(err))
	}
	a.api = api
	me, err := api.GetMe(ctx)
	if err != nil {
		return nil, fmt.Errorf("telegram getMe token=%s: %w", maskToken(o.Token), a.redact(err))
	}
	a.username = me.Username
	a.log.Info("telegram bot ready", "bot", me.Username, "mode", o.Mode)
	return a, nil
}

// Platform returns bot.Telegram.
func (a *Adapter) Platform() bot.Platform { return bot.Telegram }

// Username returns the bot's @username (without the @), as getMe told.
func (a *Adapter) Username() string { return a.username }

// Run sets the command menu, then receives updates until ctx is cancelled,
// returning nil then. It returns an error only when Telegram refuses the
// token or a setup call outright (401, 404, 400); other failures are retried
// with capped backoff. In polling mode
// it long-polls getUpdates into in. In webhook mode it registers the webhook
// and waits: updates arrive through WebhookHandler, which the caller mounts
// on its HTTP server, so in is not used.
func (a *Adapter) Run(ctx context.Context, in bot.Inbox) error {
	a.SetCommands(ctx)
	if a.opt.Mode == ModeWebhook {
		return a.runWebhook(ctx)
	}
	return a.poll(ctx, in)
}

// redact hides the token in err's message.
func (a *Adapter) redact(err error) error { return redact(err, a.opt.Token) }

// libraryError logs the errors go-telegram/bot reports out of band.
func (a *Adapter) libraryError(err error) {
	a.log.Error("telegram client", "err", a.redact(err))
}
