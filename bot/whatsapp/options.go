package whatsapp

import (
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Defaults applied by New to zero fields of Options.
const (
	DefaultPrefix        = "kb:"
	DefaultChoiceTTL     = 7 * 24 * time.Hour
	DefaultReplayWindow  = 24 * time.Hour
	DefaultMinBackoff    = 2 * time.Second
	DefaultMaxBackoff    = 5 * time.Minute
	DefaultLoginTimeout  = time.Minute
	DefaultLiveCheck     = 30 * time.Second
	DefaultAcceptTimeout = 5 * time.Second
	DefaultReachableTTL  = 24 * time.Hour
)

// Options configure the WhatsApp adapter.
type Options struct {
	// Redis keeps the numbered choices offered in each chat, so a reply "2"
	// finds its button after a restart and on any replica. Required.
	Redis redis.UniversalClient
	// Prefix of the adapter's Redis keys (default DefaultPrefix); the keys
	// are {Prefix}wa:choice:{chat}:{message id}, {Prefix}wa:choice-last:{chat}
	// and {Prefix}wa:too-late:{chat}.
	Prefix string
	// ChoiceTTL is how long offered choices can be answered (default
	// DefaultChoiceTTL).
	ChoiceTTL time.Duration
	// Language of the adapter's own words ("Balas 1 untuk …"): "id" (the
	// default) or "en".
	Language string
	// Chats records who wrote to the bot; sends to anyone else are refused
	// (see ErrNotContacted). Nil allows sending to anyone.
	Chats ChatBook
	// ReplayWindow: a message sent while the bot was offline and older than
	// the start of the current connection minus this window came too late
	// to be handled: it is not handed to the inbox, and the person is told
	// (once a day at most) to send it again; see offline.go. Default
	// DefaultReplayWindow; negative hands every message to the inbox.
	ReplayWindow time.Duration
	// MinBackoff and MaxBackoff bound the wait between reconnect attempts,
	// doubling from one to the other.
	MinBackoff time.Duration
	MaxBackoff time.Duration
	// LoginTimeout bounds the wait for the login to complete after a
	// connection opens; past it the connection is closed and retried.
	LoginTimeout time.Duration
	// LiveCheck is how often a connection the events call up is checked to
	// be logged in still (default DefaultLiveCheck); one that is not is
	// dropped and reconnected.
	LiveCheck time.Duration
	// NoTyping: never show "typing…" (by default it shows after a person's
	// message reached the inbox, and while a photo uploads).
	NoTyping bool
	// AcceptTimeout bounds the handing of one received message to the
	// inbox (resolving the sender, recording the chat, Accept); past it the
	// message is not acknowledged and WhatsApp delivers it again (default
	// DefaultAcceptTimeout).
	AcceptTimeout time.Duration
	// OnState is told of every change of Status, from the adapter's own
	// goroutine; it must not block for long.
	OnState func(Status)
	// Now is the clock (default time.Now).
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	if o.Prefix == "" {
		o.Prefix = DefaultPrefix
	}
	if o.ChoiceTTL <= 0 {
		o.ChoiceTTL = DefaultChoiceTTL
	}
	if o.Language == "" {
		o.Language = "id"
	}
	if o.ReplayWindow == 0 {
		o.ReplayWindow = DefaultReplayWindow
	}
	if o.MinBackoff <= 0 {
		o.MinBackoff = DefaultMinBackoff
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = DefaultMaxBackoff
	}
	o.MaxBackoff = max(o.MaxBackoff, o.MinBackoff)
	if o.LoginTimeout <= 0 {
		o.LoginTimeout = DefaultLoginTimeout
	}
	if o.LiveCheck <= 0 {
		o.LiveCheck = DefaultLiveCheck
	}
	if o.AcceptTimeout <= 0 {
		o.AcceptTimeout = DefaultAcceptTimeout
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

func (o Options) validate() error {
	if o.Redis == nil {
		return errors.New("whatsapp: Options.Redis is required (numbered choices live there)")
	}
	if o.Language != "id" && o.Language != "en" {
		return fmt.Errorf("whatsapp: language must be id or en, got %q", o.Language)
	}
	return nil
}
