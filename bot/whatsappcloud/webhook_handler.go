package whatsappcloud

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/ident"
)

// SignatureHeader carries the HMAC-SHA256 of a webhook request's raw body,
// keyed with the app secret, as "sha256=<hex>".
const SignatureHeader = "X-Hub-Signature-256"

// MaxWebhookBody bounds the body of one webhook request.
const MaxWebhookBody = 1 << 20

// webhookTimeout bounds the answer to a signed request, in place of the
// server's write timeout: handing its messages to the inbox may have to
// ride out a Redis that answers slowly.
const webhookTimeout = 60 * time.Second

// WebhookHandler serves the webhook. GET is Meta's subscription check: it
// answers hub.challenge when hub.mode is subscribe and hub.verify_token the
// configured one, else 403. POST carries notifications: 413 for a body
// over MaxWebhookBody, 401 unless signed with the app secret, 400 for a
// body that is not a notification; then each message goes to in, in
// order, and the answer is 200 only once in took them all (500 otherwise,
// so Meta delivers the notification again; the engine drops the copies of
// messages it already has, by message id). Statuses are counted.
func (a *Adapter) WebhookHandler(in bot.Inbox) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			a.serveVerify(w, r)
		case http.MethodPost:
			a.serveNotification(w, r, in)
		default:
			w.Header().Set("Allow", "GET, POST")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		}
	})
}

func (a *Adapter) serveVerify(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("hub.mode") != "subscribe" || !equal(q.Get("hub.verify_token"), a.opt.VerifyToken) {
		a.log.Warn("whatsapp cloud webhook: verification refused", "remote", r.RemoteAddr)
		http.Error(w, "forbidden", http.StatusForbidden)
		return
	}
	a.log.Info("whatsapp cloud webhook verified")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = io.WriteString(w, q.Get("hub.challenge"))
}

func (a *Adapter) serveNotification(w http.ResponseWriter, r *http.Request, in bot.Inbox) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxWebhookBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		http.Error(w, "too large", http.StatusRequestEntityTooLarge)
		return
	case err != nil:
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if !Signed(body, r.Header.Get(SignatureHeader), a.opt.AppSecret) {
		a.log.Warn("whatsapp cloud webhook: missing or wrong signature", "remote", r.RemoteAddr)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(webhookTimeout))
	n, err := Parse(body)
	if err != nil {
		a.log.Warn("whatsapp cloud webhook: bad notification", "err", err)
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if err := a.take(r, n, in); err != nil {
		a.log.Warn("whatsapp cloud webhook: the inbox did not take a message; Meta delivers it again", "err", err)
		http.Error(w, "not accepted", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// Signed reports whether header is "sha256=" and the hex HMAC-SHA256 of
// body keyed with secret, compared in constant time. No secret refuses all.
func Signed(body []byte, header, secret string) bool {
	got, ok := strings.CutPrefix(header, "sha256=")
	if !ok || secret == "" {
		return false
	}
	sig, err := hex.DecodeString(got)
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return hmac.Equal(sig, mac.Sum(nil))
}

// Sign is the X-Hub-Signature-256 value of body under secret.
func Sign(body []byte, secret string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

func equal(got, want string) bool {
	return want != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// Parse reads a notification. It refuses JSON that is not one, or one for
// another object than a WhatsApp business account.
func Parse(body []byte) (Notification, error) {
	var n Notification
	if err := json.Unmarshal(body, &n); err != nil {
		return Notification{}, err
	}
	if n.Object != "whatsapp_business_account" {
		return Notification{}, errors.New("not a whatsapp_business_account notification")
	}
	return n, nil
}

// take hands the notification's messages to in, in order, after recording
// that each sender wrote (the 24-hour window), and counts its statuses.
func (a *Adapter) take(r *http.Request, n Notification, in bot.Inbox) error {
	ctx := r.Context()
	for _, e := range n.Entry {
		for _, c := range e.Changes {
			if c.Field != "messages" {
				continue
			}
			if id := c.Value.Metadata.PhoneNumberID; id != "" && id != a.opt.PhoneNumberID {
				a.log.Warn("whatsapp cloud webhook: change for another phone number ignored", "phone_number_id", id)
				continue
			}
			a.recordStatuses(ctx, c.Value.Statuses)
			us, skipped := fromValue(c.Value, a.opt.Now())
			for _, why := range skipped {
				a.log.Debug("whatsapp cloud message ignored", "reason", why)
			}
			for _, u := range us {
				if err := a.deliver(ctx, u, in); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// deliver opens the chat's window and hands u to in. An update the inbox
// can never record is dropped, logged: redelivering it would not help.
func (a *Adapter) deliver(ctx context.Context, u bot.Update, in bot.Inbox) error {
	if err := a.wrote(ctx, u.ChatID); err != nil {
		return err
	}
	err := in.Accept(ctx, u)
	switch {
	case errors.Is(err, bot.ErrMalformed):
		a.log.Warn("whatsapp cloud message dropped: it cannot be recorded", "update_id", u.ID, "err", err)
		return nil
	case err != nil:
		return err
	}
	a.log.Debug("whatsapp cloud update accepted", "update_id", u.ID, "chat_id", ident.MaskPhone(u.Phone), "kind", u.Kind)
	return nil
}
