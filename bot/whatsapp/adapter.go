// Package whatsapp is the WhatsApp adapter: it turns whatsmeow events into
// bot.Update values for an Inbox and sends bot.Reply values back, built on
// go.mau.fi/whatsmeow (a WhatsApp Web multi-device client). The adapter
// reaches whatsmeow only through the small Client interface, so tests drive
// it with the fake in package whatsapptest.
//
// WhatsApp without its business API has no buttons: inline buttons and
// reply keyboards become numbered choices appended to the text, and a
// reply with the number (or the label) comes back as the button press
// (see choices.go). Edits become short follow-up messages.
//
// whatsmeow acknowledges a message to WhatsApp only once the adapter's event
// handler reports it handled, which it does once the Inbox took it (see
// deliver.go). A message the Inbox does not take is not acknowledged, and
// WhatsApp delivers it again: nothing acknowledged waits in memory.
//
// Ids: a person's chat id and user id are both their phone-number JID
// ("62812…@s.whatsapp.net") whenever the number is known — from the message
// itself or from whatsmeow's LID store — and their LID ("…@lid") only when
// it is not. Replies go back to that JID.
package whatsapp

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/i18n"
)

var (
	_ bot.Adapter    = (*Adapter)(nil)
	_ bot.Downloader = (*Adapter)(nil)
)

// Adapter is the running WhatsApp adapter. Its methods are safe for
// concurrent use.
type Adapter struct {
	cli     Client
	opt     Options
	log     *slog.Logger
	lang    i18n.Lang // of the adapter's own words
	choices choices

	mu        sync.Mutex
	status    Status
	connStart time.Time // when the current connection attempt began
	qr        pairingCode
	life      context.Context // ends when Run returns; bounds pairing
	endLife   context.CancelFunc

	inbox   bot.Inbox // where messages go; nil unless Run runs
	held    bool      // a message of this connection was refused: refuse the rest
	refused int       // connections in a row on which the inbox refused a message

	offline         offlineCount // since the start
	offlineSinceLog offlineCount // since the last log of them

	wake      chan struct{} // the supervisor has something to look at
	states    chan Status   // changes for OnState, in order
	changed   chan struct{} // closed and replaced at every status change
	running   atomic.Bool
	reachable sync.Map // chat → reach: whether it is on WhatsApp, until when known
	typed     sync.Map // chat JID → when "typing…" was last shown
	retries   sync.Map // message id → chan *events.MediaRetry: downloads waiting for a phone
}

// New builds the adapter over cli and registers its event handler. It does
// not connect: Run does. A nil log discards logs.
func New(cli Client, o Options, log *slog.Logger) (*Adapter, error) {
	o = o.withDefaults()
	if err := o.validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = log.With("platform", string(bot.WhatsApp))
	cli = &pacedClient{Client: cli, now: o.Now, log: log}
	a := &Adapter{
		cli: cli, opt: o, log: log,
		lang:    i18n.Lang(o.Language).Or(i18n.ID),
		choices: choices{rdb: o.Redis, prefix: o.Prefix, ttl: o.ChoiceTTL},
		wake:    make(chan struct{}, 1),
		states:  make(chan Status, 32),
		changed: make(chan struct{}),
	}
	a.life, a.endLife = context.WithCancel(context.Background())
	a.status = Status{State: StateConnecting, Since: o.Now()}
	if !cli.Paired() {
		a.status = Status{State: StateUnpaired, Since: o.Now(), Reason: "no device paired"}
	}
	cli.AddEventHandler(a.HandleEvent)
	return a, nil
}

// Platform returns bot.WhatsApp.
func (a *Adapter) Platform() bot.Platform { return bot.WhatsApp }

// Status returns the connection's current status.
func (a *Adapter) Status() Status {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.status
}

// StatusChanged returns a channel closed at the next change of Status or of
// the QR code on offer.
func (a *Adapter) StatusChanged() <-chan struct{} {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.changed
}

// Check is a health check: nil when connected and logged in, else what is
// wrong (see Live).
func (a *Adapter) Check(context.Context) error { return a.Live().Err() }

// Run connects (when a device is paired) and keeps the connection up with
// capped back-off, handing received messages to in, until ctx is
// cancelled; it returns nil then. Messages arriving as it stops are not
// acknowledged: WhatsApp delivers them at the next start. It does not fail when WhatsApp refuses
// the session for good (logged out, banned…): it logs that, reports it in
// Status and waits, so the rest of the bot keeps serving. Run may be
// called once.
func (a *Adapter) Run(ctx context.Context, in bot.Inbox) error {
	if !a.running.CompareAndSwap(false, true) {
		return nil
	}
	defer a.endLife()
	a.mu.Lock()
	a.inbox = in
	a.mu.Unlock()
	defer func() {
		a.mu.Lock()
		a.inbox = nil
		a.mu.Unlock()
	}()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); a.reportStates(ctx) }()
	if st := a.Status(); st.State == StateUnpaired {
		a.log.Warn("WhatsApp has no paired device; waiting for one to be paired (the rest of the bot keeps working)")
	}
	a.supervise(ctx)
	a.cli.Disconnect()
	wg.Wait()
	return nil
}

// setStatusLocked replaces the status and passes it to OnState; a.mu is held.
func (a *Adapter) setStatusLocked(s Status) {
	if s.Since.IsZero() {
		s.Since = a.opt.Now()
	}
	a.status = s
	a.changedLocked()
	select {
	case a.states <- s:
	default:
		a.log.Warn("whatsapp status change not reported: OnState is too slow", "state", s.State)
	}
}

// changedLocked wakes the waiters on StatusChanged; a.mu is held.
func (a *Adapter) changedLocked() {
	close(a.changed)
	a.changed = make(chan struct{})
}

// reportStates calls OnState with each change, in order.
func (a *Adapter) reportStates(ctx context.Context) {
	for {
		select {
		case s := <-a.states:
			if a.opt.OnState != nil {
				a.opt.OnState(s)
			}
		case <-ctx.Done():
			return
		}
	}
}

// poke wakes the supervisor.
func (a *Adapter) poke() {
	select {
	case a.wake <- struct{}{}:
	default:
	}
}
