package telegram

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// Modes of receiving updates.
const (
	ModePolling = "polling"
	ModeWebhook = "webhook"
)

// Defaults applied by New to zero fields of Options.
const (
	DefaultAPIURL      = "https://api.telegram.org"
	DefaultPollTimeout = 50 * time.Second
)

// sendTimeout bounds one API call other than getUpdates when the caller gave
// no HTTP client.
const sendTimeout = 30 * time.Second

// Command is one entry of the bot's command menu (setMyCommands).
type Command struct {
	Name        string // without the slash, lower case: "lapor"
	Description string
}

// Options configure the Telegram adapter.
type Options struct {
	Token string
	// APIURL is the Bot API server, DefaultAPIURL when empty.
	APIURL string
	// Mode is ModePolling (the default when empty) or ModeWebhook.
	Mode string
	// WebhookURL is the public HTTPS address Telegram posts updates to, and
	// WebhookSecret the X-Telegram-Bot-Api-Secret-Token it sends with them
	// (1-256 of A-Z a-z 0-9 _ -). Both are required in webhook mode.
	WebhookURL    string
	WebhookSecret string
	// PollTimeout is the long-poll timeout of getUpdates, DefaultPollTimeout
	// when zero; values under a second are raised to one second.
	PollTimeout time.Duration
	// Commands fill the default command menu at start (for every language);
	// empty leaves it untouched. LanguageCommands, by IETF language code
	// ("en"), fill the menu that people whose Telegram app uses that
	// language see instead.
	Commands         []Command
	LanguageCommands map[string][]Command
	// HTTPClient carries every call when set. Long polls run on a copy of it
	// without Client.Timeout (they are bounded by a context deadline), so its
	// Timeout only bounds the other calls.
	HTTPClient *http.Client
}

// withDefaults returns a copy of o with defaults filled in.
func (o Options) withDefaults() Options {
	if o.APIURL == "" {
		o.APIURL = DefaultAPIURL
	}
	o.APIURL = strings.TrimRight(o.APIURL, "/")
	if o.Mode == "" {
		o.Mode = ModePolling
	}
	if o.PollTimeout == 0 {
		o.PollTimeout = DefaultPollTimeout
	}
	if o.PollTimeout < time.Second {
		o.PollTimeout = time.Second
	}
	return o
}

// validate checks o after withDefaults. Its errors never hold the token or
// the secret.
func (o Options) validate() error {
	if strings.TrimSpace(o.Token) == "" {
		return errors.New("telegram: empty token")
	}
	switch o.Mode {
	case ModePolling:
		return nil
	case ModeWebhook:
		return o.validateWebhook()
	default:
		return fmt.Errorf("telegram: unknown mode %q (want %q or %q)", o.Mode, ModePolling, ModeWebhook)
	}
}

func (o Options) validateWebhook() error {
	if o.WebhookURL == "" {
		return errors.New("telegram: webhook mode needs a webhook URL")
	}
	if !validSecret(o.WebhookSecret) {
		return errors.New("telegram: webhook mode needs a secret of 1-256 characters A-Z a-z 0-9 _ -")
	}
	return nil
}

func validSecret(s string) bool {
	if len(s) == 0 || len(s) > 256 {
		return false
	}
	for _, c := range s {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}

// maxIdlePerHost is how many connections to the Bot API are kept open
// between calls: as many as the engine's workers may send on at once, so
// that busy moments reuse connections instead of opening (and, with
// Telegram, handshaking TLS for) new ones; net/http keeps 2 by default.
const maxIdlePerHost = 64

// clients returns the client for ordinary calls and the one for long polls.
func (o Options) clients() (send, poll *http.Client) {
	if o.HTTPClient == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConns = 2 * maxIdlePerHost
		t.MaxIdleConnsPerHost = maxIdlePerHost
		return &http.Client{Timeout: sendTimeout, Transport: t}, &http.Client{Transport: t}
	}
	c := *o.HTTPClient
	c.Timeout = 0
	return o.HTTPClient, &c
}

// String shows the options with the token and the secret masked.
func (o Options) String() string {
	return fmt.Sprintf("telegram.Options{Token:%s APIURL:%s Mode:%s WebhookURL:%s WebhookSecret:%s PollTimeout:%v Commands:%d}",
		maskToken(o.Token), o.APIURL, o.Mode, o.WebhookURL, maskSecret(o.WebhookSecret), o.PollTimeout, len(o.Commands))
}

// LogValue logs the options with the token and the secret masked.
func (o Options) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("token", maskToken(o.Token)), slog.String("api_url", o.APIURL),
		slog.String("mode", o.Mode), slog.String("webhook_url", o.WebhookURL),
		slog.String("webhook_secret", maskSecret(o.WebhookSecret)),
		slog.Duration("poll_timeout", o.PollTimeout), slog.Int("commands", len(o.Commands)),
	)
}

func maskSecret(s string) string {
	if s == "" {
		return ""
	}
	return "***"
}
