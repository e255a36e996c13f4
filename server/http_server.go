package server

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// The server's bounds: a request must arrive whole (headers and body)
// within ReadTimeout, its answer be written within WriteTimeout of its
// headers, and a kept-alive connection may wait IdleTimeout for the next
// request. A handler that must outlive them (the playground's event
// stream, the Telegram webhook, uploads) moves its own deadlines with
// http.ResponseController.
const (
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultReadTimeout       = 30 * time.Second
	DefaultWriteTimeout      = 30 * time.Second
	DefaultIdleTimeout       = 60 * time.Second
	// DefaultMaxConnections is HTTP_MAX_CONNECTIONS's default.
	DefaultMaxConnections = 1000
)

// Spare connections: past the cap, this many more connections are taken
// at once, each for spareTime at most, to answer GET /healthz (and turn
// everything else away with 503), so a load balancer still sees the
// process alive while slow clients hold every connection. Connections past
// those are closed as soon as they are accepted.
const (
	spareConnections = 32
	spareTime        = 2 * time.Second
)

// Option changes how Listen builds the server.
type Option func(*options)

type options struct {
	readHeader, read, write, idle time.Duration
	maxConns                      int
	spare                         int
	spareTime                     time.Duration
	log                           *slog.Logger
}

// WithReadHeaderTimeout bounds the arrival of a request's headers.
func WithReadHeaderTimeout(d time.Duration) Option { return func(o *options) { o.readHeader = d } }

// WithReadTimeout bounds the arrival of a whole request, headers and body.
func WithReadTimeout(d time.Duration) Option { return func(o *options) { o.read = d } }

// WithWriteTimeout bounds the handling and answer of a request, from the
// end of its headers.
func WithWriteTimeout(d time.Duration) Option { return func(o *options) { o.write = d } }

// WithIdleTimeout bounds the wait for the next request on a kept-alive
// connection.
func WithIdleTimeout(d time.Duration) Option { return func(o *options) { o.idle = d } }

// WithMaxConnections caps the connections served at once (idle ones
// included); see spareConnections for what happens past the cap.
func WithMaxConnections(n int) Option { return func(o *options) { o.maxConns = n } }

// withSpareTime sets how long a spare connection may last (tests).
func withSpareTime(d time.Duration) Option { return func(o *options) { o.spareTime = d } }

// WithLog is where the server says it is full (at most once a minute).
func WithLog(log *slog.Logger) Option { return func(o *options) { o.log = log } }

// Server is the HTTP server with its capped listener.
type Server struct {
	http *http.Server
	ln   *limitListener
}

// Listen listens on addr (host:port; port 0 picks one) and builds the
// server of h with the default bounds, changed by opts. Serve it with
// Serve, stop it with Shutdown.
func Listen(addr string, h http.Handler, opts ...Option) (*Server, error) {
	o := options{readHeader: DefaultReadHeaderTimeout, read: DefaultReadTimeout, write: DefaultWriteTimeout,
		idle: DefaultIdleTimeout, maxConns: DefaultMaxConnections, spare: spareConnections, spareTime: spareTime}
	for _, opt := range opts {
		opt(&o)
	}
	if o.log == nil {
		o.log = slog.New(slog.DiscardHandler)
	}
	if o.maxConns < 1 {
		return nil, fmt.Errorf("listen on %s: at least one connection must be allowed, got %d", addr, o.maxConns)
	}
	inner, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	ln := newLimitListener(inner, o)
	srv := &http.Server{
		Handler:           spareGuard(h),
		ReadHeaderTimeout: o.readHeader,
		ReadTimeout:       o.read,
		WriteTimeout:      o.write,
		IdleTimeout:       o.idle,
		ConnContext:       markSpare,
		ErrorLog:          slog.NewLogLogger(o.log.Handler(), slog.LevelWarn),
	}
	return &Server{http: srv, ln: ln}, nil
}

// Addr is the address the server listens on.
func (s *Server) Addr() net.Addr { return s.ln.Addr() }

// Serve accepts connections until Shutdown; it then returns
// http.ErrServerClosed.
func (s *Server) Serve() error { return s.http.Serve(s.ln) }

// Shutdown stops accepting, closes idle connections and waits, until ctx
// ends, for the requests in hand (see http.Server.Shutdown).
func (s *Server) Shutdown(ctx context.Context) error { return s.http.Shutdown(ctx) }

// Close closes the listener and every connection at once.
func (s *Server) Close() error { return s.http.Close() }

type spareKey struct{}

// markSpare marks the requests of a spare connection.
func markSpare(ctx context.Context, c net.Conn) context.Context {
	if _, ok := c.(*spareConn); ok {
		return context.WithValue(ctx, spareKey{}, true)
	}
	return ctx
}

// spareGuard serves GET /healthz on a spare connection and closes it after;
// anything else there is answered 503 at once, without reading its body.
func spareGuard(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Context().Value(spareKey{}) == nil {
			h.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Connection", "close")
		if (r.Method == http.MethodGet || r.Method == http.MethodHead) && r.URL.Path == HealthPath {
			h.ServeHTTP(w, r)
			return
		}
		busy(w)
	})
}

// busyAnswer is the whole 503 a spare connection gets for anything but
// /healthz.
const busyAnswer = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n" +
	"Retry-After: 30\r\nConnection: close\r\nContent-Length: 17\r\n\r\nserver too busy\r\n"

// busy answers 503 and closes the connection without waiting for a body
// the client may be sending slowly.
func busy(w http.ResponseWriter) {
	c, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		w.Header().Set("Retry-After", "30")
		http.Error(w, "server too busy", http.StatusServiceUnavailable)
		return
	}
	_, _ = c.Write([]byte(busyAnswer))
	_ = c.Close()
}
