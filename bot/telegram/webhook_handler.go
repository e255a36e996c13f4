package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/bot"
)

// SecretHeader carries the webhook secret in Telegram's webhook requests.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// MaxWebhookBody bounds the body of one webhook request.
const MaxWebhookBody = 1 << 20

// webhookTimeout bounds a webhook request that carries the secret, in
// place of the server's read and write timeouts (server.Listen): Accept
// may have to ride out a Redis that answers slowly (go-redis retries a
// command for up to about 30 s), and the request's context must not end
// before.
const webhookTimeout = 60 * time.Second

// WebhookHandler receives Telegram's webhook requests into in. It answers
// 200 only after in accepted the update (or the update is one the bot
// ignores), and 500 when in refused it, so Telegram delivers it again.
// Requests without the configured secret get 401; with no secret configured
// every request does. Then: 405 for a method other than POST, 413 for a body
// over MaxWebhookBody, 400 for a body that is not an update.
func (a *Adapter) WebhookHandler(in bot.Inbox) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.serveWebhook(w, r, in)
	})
}

func (a *Adapter) serveWebhook(w http.ResponseWriter, r *http.Request, in bot.Inbox) {
	if !a.secretOK(r.Header.Get(SecretHeader)) {
		a.log.Warn("telegram webhook: missing or wrong secret", "remote", r.RemoteAddr)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	rc, until := http.NewResponseController(w), time.Now().Add(webhookTimeout)
	_ = rc.SetReadDeadline(until)
	_ = rc.SetWriteDeadline(until)
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	raw, status := readUpdate(w, r)
	if status != http.StatusOK {
		a.log.Warn("telegram webhook: bad request", "status", status)
		http.Error(w, http.StatusText(status), status)
		return
	}
	u, skip := fromTelegram(raw, a.username, time.Now())
	if skip != "" {
		a.log.Debug("telegram update ignored", "update_id", raw.ID, "reason", skip)
		w.WriteHeader(http.StatusOK)
		return
	}
	if err := in.Accept(r.Context(), u); errors.Is(err, bot.ErrMalformed) {
		a.log.Warn("telegram update dropped: it cannot be recorded", "update_id", u.ID, "err", err)
		w.WriteHeader(http.StatusOK) // redelivering it would not help
		return
	} else if errors.Is(err, bot.ErrNotReplicated) {
		// Recorded on the Redis master only: a failover could lose it.
		a.log.Warn("telegram update not yet replicated; telegram will redeliver", "update_id", u.ID, "err", err)
		http.Error(w, "not replicated", http.StatusServiceUnavailable)
		return
	} else if err != nil {
		a.log.Warn("inbox refused telegram update; telegram will redeliver", "update_id", u.ID, "err", err)
		http.Error(w, "not accepted", http.StatusInternalServerError)
		return
	}
	a.logAccepted(u)
	w.WriteHeader(http.StatusOK)
}

// secretOK compares in constant time; no configured secret refuses all.
func (a *Adapter) secretOK(got string) bool {
	want := a.opt.WebhookSecret
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// readUpdate reads the body as one update, returning the HTTP status to
// answer when it cannot.
func readUpdate(w http.ResponseWriter, r *http.Request) (*models.Update, int) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxWebhookBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, http.StatusRequestEntityTooLarge
	case err != nil:
		return nil, http.StatusBadRequest
	}
	u := &models.Update{}
	if err := json.Unmarshal(body, u); err != nil || u.ID <= 0 {
		return nil, http.StatusBadRequest
	}
	return u, http.StatusOK
}

// runWebhook registers the webhook, then waits for ctx to end. The webhook is
// left in place on the way out: other replicas keep serving it.
func (a *Adapter) runWebhook(ctx context.Context) error {
	err := a.retry(ctx, "setWebhook", func(ctx context.Context) error {
		_, err := a.api.SetWebhook(ctx, &tg.SetWebhookParams{
			URL: a.opt.WebhookURL, SecretToken: a.opt.WebhookSecret, AllowedUpdates: allowedUpdates,
		})
		return err
	})
	if ctx.Err() != nil {
		return nil
	}
	if err != nil {
		return fmt.Errorf("telegram setWebhook: %w", a.redact(err))
	}
	a.log.Info("telegram webhook set", "url", a.opt.WebhookURL)
	<-ctx.Done()
	return nil
}
