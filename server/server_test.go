package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

type stated string

func (s stated) Error() string       { return "whatsapp: no device paired at /var/lib/x: " + string(s) }
func (s stated) HealthState() string { return string(s) }

func TestHealth(t *testing.T) {
	ok := func(context.Context) error { return nil }
	down := func(context.Context) error { return errors.New("dial tcp: refused") }
	cases := []struct {
		name   string
		checks map[string]Check
		code   int
		state  map[string]string
	}{
		{"all up", map[string]Check{"redis": ok, "store": ok}, 200, map[string]string{"redis": "ok", "store": "ok"}},
		{"store down", map[string]Check{"redis": ok, "store": down}, 503,
			map[string]string{"redis": "ok", "store": "unavailable"}},
		{"stated", map[string]Check{"whatsapp": func(context.Context) error { return stated("unpaired") }}, 503,
			map[string]string{"whatsapp": "unpaired"}},
		{"slow", map[string]Check{"redis": func(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }}, 503,
			map[string]string{"redis": "timeout"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := NewHealth(nil, tc.checks) // a nil log discards the failing checks' warning
			h.timeout = 100 * time.Millisecond
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
			var body healthBody
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatal(err)
			}
			if rec.Code != tc.code || len(body.Checks) != len(tc.state) {
				t.Fatalf("%d %+v", rec.Code, body)
			}
			for k, v := range tc.state {
				if body.Checks[k] != v {
					t.Errorf("%s = %q, want %q", k, body.Checks[k], v)
				}
			}
		})
	}
}
