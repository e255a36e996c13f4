package playground

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

// Defaults applied by New to zero fields of Options.
const (
	DefaultBase      = "/playground"
	DefaultMaxUpload = 20 << 20
	DefaultHistory   = 300
)

// Person is someone a pane speaks for. ID is the pane's chat and user id on
// the playground platform; Phone is the number its "share my contact"
// vouches for, as Telegram vouches for a user's own number.
type Person struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Title string `json:"title,omitempty"` // "Perawat · UPTD Puskesmas Sempaja"
	// Role colours the pane: "pegawai", "atasan", "admin" or "warga".
	Role  string `json:"role,omitempty"`
	Phone string `json:"-"`
	// Location is the point "share location" sends when the browser gives
	// none (a demo point near the person's unit); nil: the browser's own.
	Location *bot.Location `json:"location,omitempty"`
	// Shortcuts are texts one press sends (a survey QR code's /start link).
	Shortcuts []Shortcut `json:"shortcuts,omitempty"`
	// Hidden panes start closed; the page lists them to open.
	Hidden bool `json:"hidden,omitempty"`
}

// Shortcut is a button of a pane that sends Text.
type Shortcut struct {
	Label string `json:"label"`
	Text  string `json:"text"`
}

// validID is the form of a person id: it ends up in URLs and Redis keys.
var validID = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)

// Options configure the playground adapter.
type Options struct {
	// People lists the panes. It is called when a page connects and for every
	// action (to know who may act and which phone a contact carries), so the
	// list may change (after a roster import or a reset). It does I/O.
	People func(ctx context.Context) ([]Person, error)
	// Clock is the shared clock the page can shift; nil: real time, and the
	// page shows no clock control.
	Clock *Clock
	// Zone is where the clock's jumps ("15:30 today", "tomorrow 08:00") are
	// read and times are shown (default UTC).
	Zone *time.Location
	// Public lets clients from other hosts in; otherwise only loopback
	// clients, naming a loopback host, are served. Public needs Password.
	Public bool
	// Password, when set, is asked for with HTTP basic auth (any user name).
	Password string
	// FileDir keeps uploaded and sent photos on disk; empty keeps them in
	// memory.
	FileDir string
	// MaxUpload bounds one uploaded file (DefaultMaxUpload when zero).
	MaxUpload int64
	// History bounds the messages kept per chat (DefaultHistory when zero).
	History int
	// Base is the path the page is served at (DefaultBase when empty).
	Base string
	// Reset, when set, is called by the page's "reset demo" button before
	// the adapter forgets its chats: it resets what lives outside the
	// adapter (sessions, linked accounts, the demo roster, the clock).
	Reset func(ctx context.Context) error
	// Log receives the adapter's logs (nil: discarded).
	Log *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.Zone == nil {
		o.Zone = time.UTC
	}
	if o.MaxUpload <= 0 {
		o.MaxUpload = DefaultMaxUpload
	}
	if o.History <= 0 {
		o.History = DefaultHistory
	}
	if o.Base == "" {
		o.Base = DefaultBase
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// validate checks o after withDefaults. Its errors never hold the password.
func (o Options) validate() error {
	switch {
	case o.People == nil:
		return errors.New("playground: no People")
	case o.Public && o.Password == "":
		return errors.New("playground: public without a password")
	case o.Base[0] != '/' || o.Base[len(o.Base)-1] == '/':
		return fmt.Errorf("playground: base path %q must start with / and not end with /", o.Base)
	}
	return nil
}

// LogValue logs the options with the password masked.
func (o Options) LogValue() slog.Value {
	pw := ""
	if o.Password != "" {
		pw = "***"
	}
	return slog.GroupValue(
		slog.String("base", o.Base), slog.Bool("public", o.Public), slog.String("password", pw),
		slog.String("file_dir", o.FileDir), slog.String("zone", o.Zone.String()),
	)
}
