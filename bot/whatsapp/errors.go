package whatsapp

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"go.mau.fi/whatsmeow"

	"github.com/kinerjabot/kinerjabot/bot"
)

// Errors of the adapter itself.
var (
	// ErrInvalidReply marks a reply refused before reaching WhatsApp: a chat
	// of another platform or an unreadable chat id, nothing to send, a
	// button without label or data, several keyboards at once, or a photo
	// with neither a WhatsApp file id nor data.
	ErrInvalidReply = errors.New("whatsapp: invalid reply")
	// ErrNotContacted: the person never wrote to the bot, and the bot does
	// not start conversations on WhatsApp. It matches bot.ErrBlocked.
	ErrNotContacted = errors.New("whatsapp: the person never wrote to the bot")
	// ErrNotOnWhatsApp: the number has no WhatsApp account. It matches
	// bot.ErrBlocked.
	ErrNotOnWhatsApp = errors.New("whatsapp: number not on WhatsApp")
	// ErrUnavailable: the adapter is not connected (stopped, unpaired or
	// reconnecting); the message was not sent.
	ErrUnavailable = errors.New("whatsapp: not connected")
	// ErrStaleToken: WhatsApp refused the message with 463, the chat's
	// privacy token being stale; it takes messages again once the person
	// writes. It matches bot.ErrBlocked.
	ErrStaleToken = errors.New("whatsapp: the chat's privacy token is stale (463)")
)

// Server error codes WhatsApp answers a message with.
const (
	codeRateOverLimit = 429
	// codeStaleToken: the chat's privacy token is stale (see ratelimit.go).
	codeStaleToken = 463
)

// classify wraps an error of a send in the platform-neutral classes of
// package bot, keeping err in the chain: WhatsApp's rate-over-limit (429,
// from a message or an info query) and a send refused during the pause it
// starts become a *bot.RateLimitedError (RetryAfter: the pause left); 463
// becomes ErrStaleToken, matching bot.ErrBlocked. Other errors are
// returned as they are.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var p *pausedError
	if errors.As(err, &p) {
		return &bot.RateLimitedError{RetryAfter: p.left, Err: err}
	}
	switch serverCode(err) {
	case codeRateOverLimit:
		return &bot.RateLimitedError{Err: err}
	case codeStaleToken:
		return &blockedError{err: fmt.Errorf("%w: %w", ErrStaleToken, err)}
	}
	if errors.Is(err, whatsmeow.ErrIQRateOverLimit) {
		return &bot.RateLimitedError{Err: err}
	}
	return err
}

// serverCode is the code of whatsmeow's "server returned error N", 0 when
// err is not one.
func serverCode(err error) int {
	if !errors.Is(err, whatsmeow.ErrServerReturnedError) {
		return 0
	}
	msg := err.Error()
	i := strings.LastIndex(msg, whatsmeow.ErrServerReturnedError.Error())
	if i < 0 {
		return 0
	}
	f := strings.Fields(msg[i+len(whatsmeow.ErrServerReturnedError.Error()):])
	if len(f) == 0 {
		return 0
	}
	n, _ := strconv.Atoi(f[0])
	return n
}

// blockedError is an adapter error that also matches bot.ErrBlocked.
type blockedError struct{ err error }

func (e *blockedError) Error() string   { return e.err.Error() }
func (e *blockedError) Unwrap() []error { return []error{e.err, bot.ErrBlocked} }

func blocked(err error, chat string) error {
	return &blockedError{err: fmt.Errorf("%w: chat %s", err, maskChat(chat))}
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidReply}, args...)...)
}
