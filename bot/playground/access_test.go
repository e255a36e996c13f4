package playground_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot/playground"
)

// serve runs one request through the adapter's handler as if it came from
// remote and named host.
func serve(t *testing.T, o playground.Options, method, remote, host string, prep func(*http.Request)) int {
	t.Helper()
	if o.People == nil {
		o.People = people
	}
	a, err := playground.New(o)
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(method, "http://"+host+"/playground", strings.NewReader(`{"chat":"budi","text":"halo"}`))
	if method == http.MethodPost {
		req = httptest.NewRequest(method, "http://"+host+"/playground/api/text", strings.NewReader(`{"chat":"budi","text":"halo"}`))
		req.Header.Set(playground.ActionHeader, "1")
	}
	req.RemoteAddr, req.Host = remote, host
	if prep != nil {
		prep(req)
	}
	rec := httptest.NewRecorder()
	a.Handler(newInbox()).ServeHTTP(rec, req)
	return rec.Code
}

// By default only this machine is served, whatever address the server
// listens on: a loopback client naming a loopback host. Public serves
// anyone who has the password.
func TestLoopbackOnlyUnlessPublic(t *testing.T) {
	auth := func(pw string) func(*http.Request) {
		return func(r *http.Request) { r.SetBasicAuth("demo", pw) }
	}
	public := playground.Options{Public: true, Password: "rahasia-demo"}
	cases := []struct {
		name         string
		o            playground.Options
		remote, host string
		prep         func(*http.Request)
		want         int
	}{
		{"loopback v4", playground.Options{}, "127.0.0.1:50000", "127.0.0.1:8080", nil, 200},
		{"loopback v6", playground.Options{}, "[::1]:50000", "[::1]:8080", nil, 200},
		{"localhost name", playground.Options{}, "127.0.0.1:50000", "localhost:8080", nil, 200},
		{"other machine", playground.Options{}, "192.0.2.7:50000", "203.0.113.5:8080", nil, 403},
		{"other machine naming localhost", playground.Options{}, "192.0.2.7:50000", "localhost:8080", nil, 403},
		{"proxy or rebinding: loopback peer, public name", playground.Options{}, "127.0.0.1:50000", "kinerja.example.go.id", nil, 403},
		{"public without password", public, "192.0.2.7:50000", "kinerja.example.go.id", nil, 401},
		{"public with wrong password", public, "192.0.2.7:50000", "kinerja.example.go.id", auth("salah"), 401},
		{"public with a prefix of the password", public, "192.0.2.7:50000", "kinerja.example.go.id", auth("rahasia"), 401},
		{"public with password", public, "192.0.2.7:50000", "kinerja.example.go.id", auth("rahasia-demo"), 200},
		{"loopback with a password set", playground.Options{Password: "rahasia-demo"}, "127.0.0.1:1", "127.0.0.1", nil, 401},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := serve(t, tc.o, http.MethodGet, tc.remote, tc.host, tc.prep); got != tc.want {
				t.Fatalf("status %d, want %d", got, tc.want)
			}
		})
	}
}

// Actions need the playground's header, so another site open in the same
// browser cannot post to it (the header forces a CORS preflight, which the
// playground never answers).
func TestActionsNeedHeader(t *testing.T) {
	without := func(r *http.Request) { r.Header.Del(playground.ActionHeader) }
	if got := serve(t, playground.Options{}, http.MethodPost, "127.0.0.1:1", "127.0.0.1:8080", without); got != http.StatusForbidden {
		t.Fatalf("post without header: %d", got)
	}
	if got := serve(t, playground.Options{}, http.MethodPost, "127.0.0.1:1", "127.0.0.1:8080", nil); got != http.StatusAccepted {
		t.Fatalf("post with header: %d", got)
	}
}

func TestPublicNeedsPassword(t *testing.T) {
	if _, err := playground.New(playground.Options{People: people, Public: true}); err == nil {
		t.Fatal("public playground without password accepted")
	}
	if _, err := playground.New(playground.Options{}); err == nil {
		t.Fatal("playground without people accepted")
	}
	o := playground.Options{People: people, Password: "rahasia-demo"}
	if s := o.LogValue().String(); strings.Contains(s, "rahasia") {
		t.Fatalf("password logged: %s", s)
	}
	_ = context.Background
}
