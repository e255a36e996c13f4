package telegram_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
)

func TestWebhookHandler(t *testing.T) {
	const secret = "rahasia-webhook"
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s, webhookMode(secret))
	text := s.Text(9, "halo")
	group := s.Text(-9, "grup")
	group.Message.Chat.Type = models.ChatTypeGroup
	big := s.Text(9, strings.Repeat("x", telegram.MaxWebhookBody))

	tests := []struct {
		name     string
		req      *http.Request
		inboxErr error // what the inbox answers
		want     int
		accepted bool
	}{
		{name: "missing secret", req: telegramtest.WebhookRequest(text, ""), want: 401},
		{name: "wrong secret", req: telegramtest.WebhookRequest(text, "salah"), want: 401},
		{name: "secret prefix", req: telegramtest.WebhookRequest(text, secret[:5]), want: 401},
		{name: "not POST", req: withMethod(telegramtest.WebhookRequest(text, secret), http.MethodGet), want: 405},
		{name: "oversize", req: telegramtest.WebhookRequest(big, secret), want: 413},
		{name: "bad json", req: withBody(telegramtest.WebhookRequest(text, secret), "{"), want: 400},
		{name: "no update id", req: withBody(telegramtest.WebhookRequest(text, secret), `{"message":{}}`), want: 400},
		{name: "accepted", req: telegramtest.WebhookRequest(text, secret), want: 200, accepted: true},
		{name: "inbox fails", req: telegramtest.WebhookRequest(text, secret), inboxErr: errInboxDown, want: 500},
		{name: "not yet on the replicas: Telegram retries", req: telegramtest.WebhookRequest(text, secret), inboxErr: bot.ErrNotReplicated, want: 503},
		{name: "update the inbox can never record", req: telegramtest.WebhookRequest(text, secret), inboxErr: bot.ErrMalformed, want: 200},
		{name: "ignored group message", req: telegramtest.WebhookRequest(group, secret), want: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := newInbox()
			if tt.inboxErr != nil {
				in.hook = func(bot.Update, int) error { return tt.inboxErr }
			}
			rec := httptest.NewRecorder()
			a.WebhookHandler(in).ServeHTTP(rec, tt.req)
			if rec.Code != tt.want {
				t.Fatalf("status = %d, want %d", rec.Code, tt.want)
			}
			if tt.accepted {
				if u := in.next(t); u.ID != id(text) || u.Text != "halo" {
					t.Errorf("accepted %+v", u)
				}
			}
			in.none(t)
			if n := in.attemptsOf(id(text)); !tt.accepted && tt.inboxErr == nil && n != 0 {
				t.Errorf("inbox offered the update %d times", n)
			}
		})
	}
}

// Without a configured secret the handler refuses everything.
func TestWebhookHandlerWithoutSecretRefusesAll(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s) // polling mode, no secret
	in := newInbox()
	for _, secret := range []string{"", "anything"} {
		rec := httptest.NewRecorder()
		a.WebhookHandler(in).ServeHTTP(rec, telegramtest.WebhookRequest(s.Text(1, "x"), secret))
		if rec.Code != http.StatusUnauthorized {
			t.Errorf("secret %q: status %d, want 401", secret, rec.Code)
		}
	}
	in.none(t)
}

func withMethod(r *http.Request, method string) *http.Request {
	r.Method = method
	return r
}

func withBody(r *http.Request, body string) *http.Request {
	r2 := httptest.NewRequest(r.Method, r.URL.String(), strings.NewReader(body))
	r2.Header = r.Header.Clone()
	return r2
}

// slowInbox accepts an update only once the server's timeouts have passed
// (a connection opened then has been closed for sending nothing), and
// refuses it if the request's context ended before, as a Redis call would.
type slowInbox struct {
	addr     string
	accepted chan bot.Update
}

func (in *slowInbox) Accept(ctx context.Context, u bot.Update) error {
	conn, err := net.Dial("tcp", in.addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetReadDeadline(time.Now().Add(wait))
	if _, err := io.Copy(io.Discard, conn); err != nil {
		return fmt.Errorf("the server did not close an idle connection: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	in.accepted <- u
	return nil
}

// A webhook request with the secret outlives the server's read and write
// timeouts (server.Listen's are shorter than a slow Redis may take): the
// update is accepted and Telegram gets its 200.
func TestWebhookOutlivesServerTimeouts(t *testing.T) {
	const secret, timeout = "rahasia-webhook", 300 * time.Millisecond
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s, webhookMode(secret))
	in := &slowInbox{accepted: make(chan bot.Update, 1)}
	srv := httptest.NewUnstartedServer(a.WebhookHandler(in))
	c := srv.Config
	c.ReadHeaderTimeout, c.ReadTimeout, c.WriteTimeout, c.IdleTimeout = timeout, timeout, timeout, timeout
	srv.Start()
	defer srv.Close()
	in.addr = srv.Listener.Addr().String()
	hook := telegramtest.WebhookRequest(s.Text(9, "halo"), secret)
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/telegram/webhook", hook.Body)
	req.Header = hook.Header
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("webhook past the server's timeouts: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("webhook past the server's timeouts: %d", resp.StatusCode)
	}
	if u := <-in.accepted; u.Text != "halo" {
		t.Fatalf("accepted %+v", u)
	}
}
