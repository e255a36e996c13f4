package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
)

// WhatsApp's 429 (rate over limit) is about the account, not one chat: once
// it comes, every send, upload and number lookup waits out a pause, from
// minRatePause doubling up to maxRatePause while 429s keep coming soon after
// a pause ends. A send during the pause fails at once, without reaching
// WhatsApp, with a *bot.RateLimitedError whose RetryAfter is the pause left.
//
// 463 is about one chat: its privacy token is stale, and WhatsApp refuses
// messages to it until the person writes again (their message brings a
// fresh one). The send fails as blocked (ErrStaleToken, matching
// bot.ErrBlocked), so that no queue retries it in a loop.

// Bounds of the account-wide pause after a 429.
const (
	minRatePause = time.Minute
	maxRatePause = 30 * time.Minute
)

// pacedClient is the Client the adapter uses: cli behind the pause.
type pacedClient struct {
	Client
	now func() time.Time
	log *slog.Logger

	mu    sync.Mutex
	until time.Time     // end of the current or last pause
	pause time.Duration // its length
}

// pausedError is a call refused or answered with 429: all sending waits left.
type pausedError struct {
	left time.Duration
	err  error
}

func (e *pausedError) Error() string {
	return fmt.Sprintf("whatsapp: sending paused for %s after a rate-over-limit: %v", e.left.Round(time.Second), e.err)
}
func (e *pausedError) Unwrap() error { return e.err }

// errPaused is the cause of a call refused during a pause.
var errPaused = errors.New("whatsapp: account over its rate limit")

func (c *pacedClient) SendMessage(ctx context.Context, to types.JID, msg *waE2E.Message, id string) (whatsmeow.SendResponse, error) {
	if err := c.paused(); err != nil {
		return whatsmeow.SendResponse{}, err
	}
	resp, err := c.Client.SendMessage(ctx, to, msg, id)
	if serverCode(err) == codeStaleToken {
		c.log.Warn("WhatsApp refused a message with 463: the chat's privacy token is stale; "+
			"nothing more goes to that chat until the person writes again", "chat", maskChat(to.String()))
	}
	return resp, c.observe(err)
}

func (c *pacedClient) Upload(ctx context.Context, data []byte, kind whatsmeow.MediaType) (whatsmeow.UploadResponse, error) {
	if err := c.paused(); err != nil {
		return whatsmeow.UploadResponse{}, err
	}
	resp, err := c.Client.Upload(ctx, data, kind)
	return resp, c.observe(err)
}

func (c *pacedClient) IsOnWhatsApp(ctx context.Context, phones []string) ([]types.IsOnWhatsAppResponse, error) {
	if err := c.paused(); err != nil {
		return nil, err
	}
	res, err := c.Client.IsOnWhatsApp(ctx, phones)
	return res, c.observe(err)
}

// paused refuses a call while a pause lasts.
func (c *pacedClient) paused() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if left := c.until.Sub(c.now()); left > 0 {
		return &pausedError{left: left, err: errPaused}
	}
	return nil
}

// observe starts a pause when err is a rate-over-limit.
func (c *pacedClient) observe(err error) error {
	if err == nil || (serverCode(err) != codeRateOverLimit && !errors.Is(err, whatsmeow.ErrIQRateOverLimit)) {
		return err
	}
	c.mu.Lock()
	now := c.now()
	started := !now.Before(c.until)
	if started {
		switch {
		case c.pause == 0 || now.After(c.until.Add(c.pause)):
			c.pause = minRatePause // the first, or long after the last
		default:
			c.pause = min(2*c.pause, maxRatePause)
		}
		c.until = now.Add(c.pause)
	}
	left, until := c.until.Sub(now), c.until
	c.mu.Unlock()
	if started {
		c.log.Error("WhatsApp says the account is over its rate limit (429): all sending pauses",
			"pause", left, "until", until.UTC().Format(time.RFC3339))
	}
	return &pausedError{left: left, err: err}
}
