// Package server is kinerjabot's HTTP side: /healthz with each dependency's
// state, /metrics, and the platform webhooks mounted by the caller; and the
// HTTP server itself, with its timeouts and its cap on connections, so that
// slow or idle clients cannot take every file descriptor.
package server

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"sort"
	"sync"
	"time"
)

// Check reports whether one dependency answers. It does I/O and must be
// safe for concurrent use.
type Check func(ctx context.Context) error

// Health answers /healthz: 200 with {"status":"ok","checks":{name:"ok"}}
// when every check passes, 503 otherwise. A failing check shows a short
// state only ("unavailable", "timeout", or the word its error gives through
// a HealthState() string method, such as WhatsApp's "unpaired"): errors may
// name hosts, ports and paths, so they go to the log, not to whoever asks.
type Health struct {
	checks  map[string]Check
	timeout time.Duration
	log     *slog.Logger
}

// NewHealth builds the health endpoint over named checks. A nil log
// discards logs.
func NewHealth(log *slog.Logger, checks map[string]Check) *Health {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Health{checks: checks, timeout: 2 * time.Second, log: log}
}

type healthBody struct {
	Status string            `json:"status"`
	Checks map[string]string `json:"checks"`
}

// ServeHTTP runs the checks concurrently, each bounded by a timeout.
func (h *Health) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), h.timeout)
	defer cancel()
	body := healthBody{Status: "ok", Checks: map[string]string{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for name, check := range h.checks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			state := "ok"
			if err := check(ctx); err != nil {
				state = shortState(ctx, err)
				h.log.Warn("health check failed", "check", name, "state", state, "err", err)
			}
			mu.Lock()
			body.Checks[name] = state
			mu.Unlock()
		}()
	}
	wg.Wait()
	code := http.StatusOK
	names := make([]string, 0, len(body.Checks))
	for n, s := range body.Checks {
		if s != "ok" {
			body.Status, code = "unavailable", http.StatusServiceUnavailable
			names = append(names, n)
		}
	}
	if code != http.StatusOK {
		sort.Strings(names)
		h.log.Warn("health check failing", "dependencies", names)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(body)
}

// shortState is what /healthz shows of a failing check.
func shortState(ctx context.Context, err error) string {
	var s interface{ HealthState() string }
	switch {
	case errors.As(err, &s):
		return s.HealthState()
	case errors.Is(err, context.DeadlineExceeded) || ctx.Err() != nil:
		return "timeout"
	}
	return "unavailable"
}

// HealthPath is where Health is served.
const HealthPath = "/healthz"

// Mux builds the HTTP routes: /healthz, /metrics, and extra handlers by
// path (webhooks).
func Mux(health http.Handler, metrics http.Handler, extra map[string]http.Handler) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("GET "+HealthPath, health)
	mux.Handle("GET /metrics", metrics)
	for path, h := range extra {
		mux.Handle(path, h)
	}
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("kinerjabot is running. Health: /healthz, metrics: /metrics\n"))
	})
	return mux
}
