package telegram_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

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
		failing  bool
		bad      bool
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
		{name: "inbox fails", req: telegramtest.WebhookRequest(text, secret), failing: true, want: 500},
		{name: "update the inbox can never record", req: telegramtest.WebhookRequest(text, secret), bad: true, want: 200},
		{name: "ignored group message", req: telegramtest.WebhookRequest(group, secret), want: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := newInbox()
			if tt.failing {
				in.hook = func(bot.Update, int) error { return errInboxDown }
			}
			if tt.bad {
				in.hook = func(bot.Update, int) error { return bot.ErrMalformed }
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
			if n := in.attemptsOf(id(text)); !tt.accepted && !tt.failing && !tt.bad && n != 0 {
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
