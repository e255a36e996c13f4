// Package playground is the web playground: a third platform adapter, next
// to Telegram and WhatsApp, whose "platform" is a page in the browser. The
// page shows a chat pane for each person of a (demo) roster side by side;
// what a pane does (type, upload a photo, share its own contact or a
// location, press a button) becomes a bot.Update accepted through the same
// Inbox as the other platforms, so it runs through the same engine, flows
// and stores. Replies come back through Send and reach the page by
// server-sent events, edits in place included.
//
// A pane can only speak for its own person: the contact it shares is the
// person's own phone, with the person's id as the contact's user id, just as
// Telegram vouches for a user's own number. Who may act, and with which
// phone, comes from Options.People, never from the browser.
//
// The page is served on loopback only unless Options.Public, which requires a
// password (HTTP basic auth). Its assets are embedded: it works offline.
package playground

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

var (
	_ bot.Adapter    = (*Adapter)(nil)
	_ bot.Downloader = (*Adapter)(nil)
)

// Adapter is the running playground. Its methods are safe for concurrent use.
type Adapter struct {
	opt   Options
	log   *slog.Logger
	files *files
	docs  documents
	// idPrefix makes update ids unique across restarts (the engine keeps
	// them for de-duplication longer than a process may live).
	idPrefix string

	mu        sync.Mutex
	seq       int64
	chats     map[string]*chat
	subs      map[*subscriber]struct{}
	callbacks map[string]string // callback id → chat id, until answered
	stopped   bool
}

// New builds the playground adapter.
func New(o Options) (*Adapter, error) {
	o = o.withDefaults()
	if err := o.validate(); err != nil {
		return nil, err
	}
	fs, err := newFiles(o.FileDir)
	if err != nil {
		return nil, err
	}
	return &Adapter{
		opt: o, log: o.Log.With("platform", string(bot.Playground)), files: fs, idPrefix: randomHex(6),
		chats: map[string]*chat{}, subs: map[*subscriber]struct{}{}, callbacks: map[string]string{},
	}, nil
}

// Platform returns bot.Playground.
func (a *Adapter) Platform() bot.Platform { return bot.Playground }

// Run waits until ctx is cancelled, then ends every event stream so the
// HTTP server can shut down. Updates arrive through Handler, which the
// caller mounts on its HTTP server, so in is not used (as with Telegram's
// webhook mode).
func (a *Adapter) Run(ctx context.Context, in bot.Inbox) error {
	<-ctx.Done()
	a.stop()
	return nil
}

func (a *Adapter) stop() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.stopped = true
	for s := range a.subs {
		delete(a.subs, s)
		close(s.ch)
	}
}

// Handler serves the page, its assets, its event stream and its actions
// under Options.Base, accepting updates into in. Mount it on Base and on
// Base + "/".
func (a *Adapter) Handler(in bot.Inbox) http.Handler {
	return a.guard(a.routes(in))
}

// now is the (possibly shifted) time.
func (a *Adapter) now() time.Time {
	if a.opt.Clock != nil {
		return a.opt.Clock.Now()
	}
	return time.Now()
}

// person finds who a pane speaks for.
func (a *Adapter) person(ctx context.Context, id string) (Person, bool, error) {
	people, err := a.people(ctx)
	if err != nil {
		return Person{}, false, err
	}
	for _, p := range people {
		if p.ID == id {
			return p, true, nil
		}
	}
	return Person{}, false, nil
}

// people lists the panes, dropping entries with an id unfit for URLs and
// keys (logged).
func (a *Adapter) people(ctx context.Context) ([]Person, error) {
	all, err := a.opt.People(ctx)
	if err != nil {
		return nil, fmt.Errorf("playground people: %w", err)
	}
	out := make([]Person, 0, len(all))
	for _, p := range all {
		if !validID.MatchString(p.ID) {
			a.log.Warn("playground person with an invalid id left out", "id", p.ID)
			continue
		}
		out = append(out, p)
	}
	return out, nil
}
