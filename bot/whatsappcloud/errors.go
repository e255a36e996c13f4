package whatsappcloud

import (
	"errors"
	"fmt"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

// APIError is the Graph API's error object, in an error answer
// ({"error": {...}}) or a failed status of the webhook ({"errors": [...]}).
type APIError struct {
	Message   string `json:"message"`
	Type      string `json:"type,omitempty"`
	Code      int    `json:"code"`
	Subcode   int    `json:"error_subcode,omitempty"`
	Title     string `json:"title,omitempty"`
	ErrorData struct {
		Details string `json:"details,omitempty"`
	} `json:"error_data,omitzero"`
	// HTTPStatus is the HTTP status of the answer (0 in a webhook status).
	HTTPStatus int `json:"-"`
}

func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = e.Title
	}
	return fmt.Sprintf("whatsapp cloud api: code %d: %s", e.Code, msg)
}

// Error codes of the Cloud API the adapter acts on
// (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
const (
	CodeTokenExpired    = 190    // access token expired or revoked (OAuthException)
	CodeAppRateLimit    = 4      // the app's API call rate
	CodeWABARateLimit   = 80007  // the business account's API call rate
	CodeThroughput      = 130429 // the number's message throughput
	CodePairRateLimit   = 131056 // too many messages to one person
	CodeReEngagement    = 131047 // over 24 hours since the person last wrote
	CodeUndeliverable   = 131026 // not on WhatsApp, old app, or blocked the business
	CodeMarketingOptOut = 131050 // the person stopped the business's messages
)

// Waits after a rate limit, when the API does not say.
const (
	globalBackoff = 2 * time.Second // 130429, 4, 80007: every chat
	pairBackoff   = 6 * time.Second // 131056: Meta allows about one message per 6 s to one person
)

// Errors of the adapter itself.
var (
	// ErrInvalidReply marks a reply refused before reaching the API.
	ErrInvalidReply = errors.New("whatsappcloud: invalid reply")
	// ErrTokenExpired: the API refused the access token (190); nothing is
	// sent until the bot restarts with a new WHATSAPP_CLOUD_TOKEN.
	ErrTokenExpired = errors.New("whatsappcloud: access token expired or revoked")
)

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidReply}, args...)...)
}

// codeOf is the Graph API error code in err's chain, 0 when none.
func codeOf(err error) int {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Code
	}
	return 0
}

// isGlobalLimit reports a rate limit of the whole number or app.
func isGlobalLimit(code int) bool {
	return code == CodeThroughput || code == CodeAppRateLimit || code == CodeWABARateLimit
}

// isPermanent reports a refusal that no retry cures until the person writes:
// it marks the chat blocked.
func isPermanent(code int) bool { return code == CodeUndeliverable || code == CodeMarketingOptOut }

// classify wraps a send's error in the classes of package bot, keeping err
// in the chain: rate limits become a *bot.RateLimitedError (the global ones
// also pause every send, see pause), permanent refusals match
// bot.ErrBlocked, and an expired token ErrTokenExpired.
func classify(err error) error {
	code := codeOf(err)
	switch {
	case err == nil:
		return nil
	case isGlobalLimit(code):
		return &bot.RateLimitedError{RetryAfter: globalBackoff, Err: err}
	case code == CodePairRateLimit:
		return &bot.RateLimitedError{RetryAfter: pairBackoff, Err: err}
	case isPermanent(code):
		return &classed{err: err, class: bot.ErrBlocked}
	case code == CodeTokenExpired:
		return &classed{err: err, class: ErrTokenExpired}
	}
	return err
}

// classed is a platform error that also matches a class.
type classed struct{ err, class error }

func (e *classed) Error() string   { return e.err.Error() }
func (e *classed) Unwrap() []error { return []error{e.err, e.class} }
