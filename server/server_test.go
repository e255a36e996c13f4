package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
)

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
			map[string]string{"redis": "ok", "store": "error: dial tcp: refused"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := NewHealth(nil, tc.checks) // a nil log discards the failing checks' warning
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
