package whatsappcloud_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsappcloud"
	"github.com/kinerjabot/kinerjabot/bot/whatsappcloud/cloudtest"
)

func TestWebhookVerification(t *testing.T) {
	f := start(t, nil)
	h := f.a.WebhookHandler(f.in)
	cases := []struct {
		name, mode, token string
		want              int
	}{
		{"right token", "subscribe", cloudtest.VerifyToken, http.StatusOK},
		{"wrong token", "subscribe", "guess", http.StatusForbidden},
		{"no token", "subscribe", "", http.StatusForbidden},
		{"other mode", "unsubscribe", cloudtest.VerifyToken, http.StatusForbidden},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q := url.Values{"hub.mode": {tc.mode}, "hub.verify_token": {tc.token}, "hub.challenge": {"1158201444"}}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/whatsapp/cloud?"+q.Encode(), nil))
			if rec.Code != tc.want {
				t.Fatalf("status %d, want %d", rec.Code, tc.want)
			}
			if body := rec.Body.String(); (tc.want == http.StatusOK) != (body == "1158201444") {
				t.Fatalf("body %q", body)
			}
		})
	}
}

func TestWebhookSignature(t *testing.T) {
	f := start(t, nil)
	body := mustJSON(t, cloudtest.Notification(cloudtest.Text(budi, "Budi", "halo")))
	cases := []struct {
		name string
		sig  string
		want int
	}{
		{"unsigned", "", http.StatusUnauthorized},
		{"signed with another secret", whatsappcloud.Sign(body, "not-the-secret"), http.StatusUnauthorized},
		{"signature of another body", whatsappcloud.Sign(append(body, ' '), cloudtest.AppSecret), http.StatusUnauthorized},
		{"not hex", "sha256=zz", http.StatusUnauthorized},
		{"sha1 form", strings.Replace(whatsappcloud.Sign(body, cloudtest.AppSecret), "sha256=", "sha1=", 1), http.StatusUnauthorized},
		{"signed", whatsappcloud.Sign(body, cloudtest.AppSecret), http.StatusOK},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			before := len(f.in.updates())
			if got := f.s.PostRaw(t, body, tc.sig); got != tc.want {
				t.Fatalf("status %d, want %d", got, tc.want)
			}
			if took := len(f.in.updates()) - before; (tc.want == http.StatusOK) != (took == 1) {
				t.Fatalf("%d updates reached the inbox", took)
			}
		})
	}
}

func TestWebhookRefusals(t *testing.T) {
	f := start(t, nil)
	h := f.a.WebhookHandler(f.in)
	big := bytes.Repeat([]byte(" "), whatsappcloud.MaxWebhookBody+1)
	notJSON := []byte("{")
	other := []byte(`{"object":"page","entry":[]}`)
	cases := []struct {
		name   string
		method string
		body   []byte
		want   int
	}{
		{"too large", http.MethodPost, big, http.StatusRequestEntityTooLarge},
		{"not json", http.MethodPost, notJSON, http.StatusBadRequest},
		{"another object", http.MethodPost, other, http.StatusBadRequest},
		{"put", http.MethodPut, other, http.StatusMethodNotAllowed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(tc.method, "/whatsapp/cloud", bytes.NewReader(tc.body))
			r.Header.Set(whatsappcloud.SignatureHeader, whatsappcloud.Sign(tc.body, cloudtest.AppSecret))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			if rec.Code != tc.want {
				t.Fatalf("status %d, want %d", rec.Code, tc.want)
			}
		})
	}
}

// Messages reach the inbox in the notification's order, named by the
// number WhatsApp vouches for; an inbox that refuses gets 500, so Meta
// delivers again.
func TestWebhookMessagesInOrder(t *testing.T) {
	f := start(t, nil)
	f.s.Deliver(t, cloudtest.Text(budi, "Budi", "satu"), cloudtest.Text(budi, "Budi", "/lapor 2 jam"),
		f.s.Image(budi, "Budi", []byte("jpeg"), "bukti"))
	got := f.in.updates()
	if len(got) != 3 {
		t.Fatalf("%d updates, want 3", len(got))
	}
	want := []bot.Kind{bot.KindText, bot.KindCommand, bot.KindPhoto}
	for i, u := range got {
		if u.Kind != want[i] || u.ChatID != budi+"@s.whatsapp.net" || u.Phone != "+"+budi || u.Platform != bot.WhatsApp || u.UserName != "Budi" {
			t.Fatalf("update %d = %+v", i, u)
		}
	}
	if got[1].Command != "lapor" || got[1].Args != "2 jam" || got[2].Media == nil || got[2].Text != "bukti" {
		t.Fatalf("command %+v, photo %+v", got[1], got[2])
	}
	f.in.mu.Lock()
	f.in.refuse = io.ErrUnexpectedEOF
	f.in.mu.Unlock()
	if code := f.s.Post(t, cloudtest.Notification(cloudtest.Text(budi, "Budi", "tiga"))); code != http.StatusInternalServerError {
		t.Fatalf("status %d with the inbox refusing, want 500", code)
	}
}

// Statuses are counted; a failure with a permanent code marks the chat
// undeliverable, and a failure outside the window closes it.
func TestWebhookStatuses(t *testing.T) {
	var undeliverable []bot.ChatKey
	f := start(t, func(o *whatsappcloud.Options) {
		o.OnUndeliverable = func(k bot.ChatKey) { undeliverable = append(undeliverable, k) }
	})
	failed := func(code int) whatsappcloud.Status {
		return whatsappcloud.Status{ID: "wamid.x", Status: "failed", RecipientID: budi,
			Errors: []whatsappcloud.APIError{{Code: code, Title: "failed"}}}
	}
	code := f.s.Statuses(t, whatsappcloud.Status{ID: "wamid.x", Status: "sent", RecipientID: budi},
		whatsappcloud.Status{ID: "wamid.x", Status: "delivered", RecipientID: budi},
		whatsappcloud.Status{ID: "wamid.x", Status: "read", RecipientID: budi},
		failed(whatsappcloud.CodeUndeliverable), failed(whatsappcloud.CodeReEngagement))
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	st := f.a.Statuses()
	if st["sent"] != 1 || st["delivered"] != 1 || st["read"] != 1 || st["failed"] != 2 {
		t.Fatalf("statuses %v", st)
	}
	if fl := f.a.Failures(); fl[whatsappcloud.CodeUndeliverable] != 1 || fl[whatsappcloud.CodeReEngagement] != 1 {
		t.Fatalf("failures %v", fl)
	}
	if len(undeliverable) != 1 || undeliverable[0] != chat(budi) {
		t.Fatalf("undeliverable %v", undeliverable)
	}
	if len(f.in.updates()) != 0 {
		t.Fatal("statuses reached the inbox")
	}
}
