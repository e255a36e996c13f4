package whatsapp

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

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
)

// Server error codes WhatsApp answers a message with.
const (
	codeRateOverLimit = 429
	// codeReachoutTimelock: the account may not start new chats for a
	// while (a restriction WhatsApp puts on numbers it suspects of spam).
	codeReachoutTimelock = 463
)

// reachoutWait is how long a send refused with 463 holds its chat.
const reachoutWait = time.Hour

// classify wraps an error of a send in the platform-neutral classes of
// package bot, keeping err in the chain: WhatsApp's rate-over-limit (429,
// from a message or an info query) and the reach-out restriction (463)
// become a *bot.RateLimitedError. Other errors are returned as they are.
func classify(err error) error {
	if err == nil {
		return nil
	}
	switch serverCode(err) {
	case codeRateOverLimit:
		return &bot.RateLimitedError{Err: err}
	case codeReachoutTimelock:
		return &bot.RateLimitedError{RetryAfter: reachoutWait, Err: err}
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
