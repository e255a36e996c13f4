package telegram

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	tg "github.com/go-telegram/bot"

	"github.com/kinerjabot/kinerjabot/bot"
)

// RetryAfter reports how long Telegram asked to wait after a 429 (Too Many
// Requests), found anywhere in err's chain.
func RetryAfter(err error) (time.Duration, bool) {
	var tm *tg.TooManyRequestsError
	if !errors.As(err, &tm) {
		return 0, false
	}
	return time.Duration(tm.RetryAfter) * time.Second, true
}

// IsForbidden reports whether Telegram refused with 403: the user blocked the
// bot or deleted the account. Retrying will not help.
func IsForbidden(err error) bool { return errors.Is(err, tg.ErrorForbidden) }

// isFatal reports errors that no retry of the same call can cure: the token
// is wrong or revoked (Telegram answers 401 or 404 for those), or the request
// itself is refused (400, such as a webhook URL that is not HTTPS).
func isFatal(err error) bool {
	return errors.Is(err, tg.ErrorUnauthorized) || errors.Is(err, tg.ErrorNotFound) ||
		errors.Is(err, tg.ErrorBadRequest)
}

// isNotModified reports Telegram's refusal to edit a message into what it
// already is; for an idempotent edit it means the edit is done.
func isNotModified(err error) bool {
	return errors.Is(err, tg.ErrorBadRequest) && strings.Contains(err.Error(), "message is not modified")
}

// apiError turns an error answer of the Bot API into the same errors the
// go-telegram/bot client returns, so callers test both alike.
func apiError(method string, code int, description string, retryAfter int) error {
	switch code {
	case http.StatusTooManyRequests:
		return &tg.TooManyRequestsError{
			Message:    fmt.Sprintf("%s, %s", tg.ErrorTooManyRequests, description),
			RetryAfter: retryAfter,
		}
	case http.StatusForbidden:
		return fmt.Errorf("%w, %s", tg.ErrorForbidden, description)
	case http.StatusBadRequest:
		return fmt.Errorf("%w, %s", tg.ErrorBadRequest, description)
	case http.StatusUnauthorized:
		return fmt.Errorf("%w, %s", tg.ErrorUnauthorized, description)
	case http.StatusNotFound:
		return fmt.Errorf("%w, %s", tg.ErrorNotFound, description)
	case http.StatusConflict:
		return fmt.Errorf("%w, %s", tg.ErrorConflict, description)
	default:
		return fmt.Errorf("error response from telegram for method %s, %d %s", method, code, description)
	}
}

// classify wraps an error of a send, edit or callback answer in the
// platform-neutral classes of package bot, keeping err in the chain (so
// errors.As to *tg.TooManyRequestsError and errors.Is(tg.ErrorForbidden)
// still hold): a 429 becomes a *bot.RateLimitedError carrying retry_after,
// and a 403 saying the user blocked the bot or is deactivated matches
// bot.ErrBlocked. Other errors are returned as they are.
func classify(err error) error {
	if err == nil {
		return nil
	}
	if d, ok := RetryAfter(err); ok {
		return &bot.RateLimitedError{RetryAfter: d, Err: err}
	}
	if isBlocked(err) {
		return &blockedError{err: err}
	}
	return err
}

// isBlocked reports a 403 that means the person is gone for the bot: they
// blocked it, or deleted their account.
func isBlocked(err error) bool {
	if !IsForbidden(err) {
		return false
	}
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "blocked by the user") || strings.Contains(msg, "user is deactivated")
}

// blockedError is a platform error that also matches bot.ErrBlocked.
type blockedError struct{ err error }

func (e *blockedError) Error() string   { return e.err.Error() }
func (e *blockedError) Unwrap() []error { return []error{e.err, bot.ErrBlocked} }
