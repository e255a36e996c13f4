package server

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// serve runs Listen's server over h until the test ends.
func serve(t *testing.T, h http.Handler, opts ...Option) *Server {
	t.Helper()
	s, err := Listen("127.0.0.1:0", h, opts...)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve() }()
	t.Cleanup(func() {
		_ = s.Close()
		if err := <-done; !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
	})
	return s
}

// healthMux is the real routes with a health check that always passes.
func healthMux() http.Handler {
	ok := func(context.Context) error { return nil }
	return Mux(NewHealth(nil, map[string]Check{"redis": ok}), http.NotFoundHandler(), nil)
}

// slowRequest is the hardening issue's attack: headers announcing a
// 200,000-byte body, then one byte of it, then nothing (no secret needed:
// any path does).
const slowRequest = "POST /telegram/webhook HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n" +
	"Content-Length: 200000\r\n\r\n{"

// clients are connections the test holds; ended gets, for each one the
// server closes, how long after its request it ended.
type clients struct {
	ended chan time.Duration
}

// hold opens n connections to addr and sends req on each.
func hold(t *testing.T, addr net.Addr, n int, req string) *clients {
	t.Helper()
	c := &clients{ended: make(chan time.Duration, n)}
	for range n {
		conn, err := net.Dial("tcp", addr.String())
		if err != nil {
			t.Fatalf("dial: %v", err)
		}
		t.Cleanup(func() { conn.Close() })
		start := time.Now()
		if _, err := io.WriteString(conn, req); err != nil {
			t.Fatalf("write: %v", err)
		}
		go func() {
			_, _ = io.Copy(io.Discard, conn) // until the server closes it, or the test does
			c.ended <- time.Since(start)
		}()
	}
	return c
}

// wait waits for n connections to end and returns the last one's time.
func (c *clients) wait(t *testing.T, n int, within time.Duration) time.Duration {
	t.Helper()
	timeout := time.After(within)
	var last time.Duration
	for i := range n {
		select {
		case last = <-c.ended:
		case <-timeout:
			t.Fatalf("%d of %d connections ended within %v", i, n, within)
		}
	}
	return last
}

// healthz times one GET /healthz on a fresh connection.
func healthz(t *testing.T, addr net.Addr) (int, time.Duration) {
	t.Helper()
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	start := time.Now()
	resp, err := client.Get("http://" + addr.String() + HealthPath)
	if err != nil {
		t.Fatalf("/healthz after %v: %v", time.Since(start), err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, time.Since(start)
}

// 400 slow requests held open do not slow /healthz past 2 s, under the
// connection cap and past it (where spare connections answer it and turn
// other requests away).
func TestHealthzWhileSlowRequestsHeld(t *testing.T) {
	const slow = 400
	cases := []struct {
		name     string
		max      int
		turnAway int // slow requests the server closes at once
	}{
		{"under the cap", DefaultMaxConnections, 0},
		{"past the cap", 100, slow - 100},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := serve(t, healthMux(), WithMaxConnections(tc.max), WithReadTimeout(time.Minute))
			held := hold(t, s.Addr(), slow, slowRequest)
			held.wait(t, tc.turnAway, 10*time.Second)
			code, took := healthz(t, s.Addr())
			t.Logf("%d slow requests held (%d turned away): /healthz %d in %v", slow-tc.turnAway, tc.turnAway, code, took)
			if code != http.StatusOK || took > 2*time.Second {
				t.Fatalf("/healthz = %d in %v, want 200 within 2s", code, took)
			}
			if n := len(held.ended); n != 0 {
				t.Fatalf("%d held requests ended before their read timeout", n)
			}
			if tc.turnAway > 0 {
				resp, err := http.Get("http://" + s.Addr().String() + "/metrics")
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
					t.Fatalf("/metrics past the cap = %d %v, want 503 with Retry-After", resp.StatusCode, resp.Header)
				}
			}
		})
	}
}

// A request that has not arrived whole within its timeout is closed, as is
// a connection idle past the idle timeout and one taken past the cap.
func TestSlowConnectionsAreCut(t *testing.T) {
	const (
		header = 800 * time.Millisecond
		read   = 1200 * time.Millisecond
		idle   = 400 * time.Millisecond
		spare  = 300 * time.Millisecond
		margin = 3 * time.Second // a loaded machine is slow to notice
	)
	reading := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.Copy(io.Discard, r.Body) })
	cases := []struct {
		name    string
		handler http.Handler
		max     int
		req     string
		want    time.Duration
	}{
		{"headers never end", healthMux(), 10, "POST / HTTP/1.1\r\nHost: bot\r\n", header},
		{"body never ends, handler ignores it", healthMux(), 10, slowRequest, read},
		{"body never ends, handler reads it", reading, 10, slowRequest, read},
		{"idle after a request", healthMux(), 10, "GET /healthz HTTP/1.1\r\nHost: bot\r\n\r\n", idle},
		{"spare connection past the cap", healthMux(), 1, "GET /healthz HTTP/1.1\r\nHost: bot\r\n", spare},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := serve(t, tc.handler, WithMaxConnections(tc.max), WithReadHeaderTimeout(header),
				WithReadTimeout(read), WithIdleTimeout(idle), WithWriteTimeout(time.Minute), withSpareTime(spare))
			if tc.max == 1 {
				hold(t, s.Addr(), 1, "POST / HTTP/1.1\r\nHost: bot\r\n") // takes the one slot until header
			}
			took := hold(t, s.Addr(), 1, tc.req).wait(t, 1, tc.want+margin)
			t.Logf("closed after %v (timeout %v)", took, tc.want)
			if took < tc.want*9/10 {
				t.Fatalf("closed after %v, before its timeout %v", took, tc.want)
			}
		})
	}
}

// An answer the client does not read is cut at the write timeout.
func TestSlowReaderIsCut(t *testing.T) {
	const write = 500 * time.Millisecond
	failed := make(chan time.Duration, 1)
	chunk := make([]byte, 1<<20)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		for {
			if _, err := w.Write(chunk); err != nil {
				failed <- time.Since(start)
				return
			}
		}
	})
	s := serve(t, h, WithWriteTimeout(write))
	conn, err := net.Dial("tcp", s.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "GET /big HTTP/1.1\r\nHost: bot\r\n\r\n")
	if _, err := http.ReadResponse(bufio.NewReader(conn), nil); err != nil { // the headers, not the body
		t.Fatal(err)
	}
	select {
	case took := <-failed:
		if took < write*9/10 {
			t.Fatalf("write failed after %v, before the timeout %v", took, write)
		}
	case <-time.After(write + 3*time.Second):
		t.Fatal("the answer was still being written past the write timeout")
	}
}
