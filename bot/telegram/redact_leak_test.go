package telegram_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot/telegram"
)

// A Bot API (or a proxy before it) whose error page echoes the request path
// must not bring the token into the logs or the returned errors, in any
// spelling: raw, path-escaped or query-escaped.
func TestEchoedTokenNeverLogged(t *testing.T) {
	const token = "123456:AAHsecretPART-x_9"
	calls := make(chan struct{}, 10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/getMe") {
			fmt.Fprint(w, `{"ok":true,"result":{"id":123456,"is_bot":true,"first_name":"k","username":"kinerja_bot"}}`)
			return
		}
		calls <- struct{}{}
		w.WriteHeader(http.StatusBadGateway)
		fmt.Fprintf(w, "<html>502 for %s (%s, %s)</html>", r.URL.Path, url.PathEscape(r.URL.Path), url.QueryEscape(r.URL.Path))
	}))
	t.Cleanup(srv.Close)
	l := &logs{}
	a, err := telegram.New(t.Context(), telegram.Options{Token: token, APIURL: srv.URL, Mode: telegram.ModeWebhook,
		WebhookURL: "https://bot.example.go.id/telegram", WebhookSecret: "rahasia-1"}, l.logger())
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, a, newInbox())
	for i := 0; i < 2; i++ { // the first retry is logged before the second call
		select {
		case <-calls:
		case <-time.After(wait):
			t.Fatal("setWebhook not retried")
		}
	}
	runErr := r.stop()
	got := l.String()
	if !strings.Contains(got, "retrying") {
		t.Fatalf("no retry logged:\n%s", got)
	}
	for _, form := range []string{token, url.PathEscape(token), url.QueryEscape(token), "AAHsecretPART-x_9"} {
		if strings.Contains(got, form) {
			t.Errorf("the token (%q) is in the logs:\n%s", form, got)
		}
		if runErr != nil && strings.Contains(runErr.Error(), form) {
			t.Errorf("the token (%q) is in Run's error: %v", form, runErr)
		}
	}
}
