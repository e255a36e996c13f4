package server

import (
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// fullLogEvery spaces the "connections at the cap" warnings.
const fullLogEvery = time.Minute

// limitListener serves at most max connections at once. Past that it
// never blocks (a blocked accept would leave /healthz waiting in the
// kernel's queue behind the slow clients): it takes up to spare more
// connections for spareTime each (see spareGuard), and closes any further
// one as soon as it is accepted.
type limitListener struct {
	net.Listener
	slots, spare chan struct{}
	spareTime    time.Duration
	log          *slog.Logger
	refused      atomic.Int64 // closed at once since the last warning
	lastWarn     atomic.Int64 // unix nanoseconds
}

func newLimitListener(ln net.Listener, o options) *limitListener {
	return &limitListener{Listener: ln, slots: make(chan struct{}, o.maxConns),
		spare: make(chan struct{}, o.spare), spareTime: o.spareTime, log: o.log}
}

// Accept returns the next connection there is room for.
func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		select {
		case l.slots <- struct{}{}:
			return &countedConn{Conn: c, free: l.slots}, nil
		default:
		}
		select {
		case l.spare <- struct{}{}:
			l.full()
			return newSpareConn(c, l.spare, time.Now().Add(l.spareTime)), nil
		default:
		}
		l.refused.Add(1)
		l.full()
		_ = c.Close()
	}
}

// full warns, at most once every fullLogEvery, that the cap is reached.
func (l *limitListener) full() {
	now := time.Now().UnixNano()
	last := l.lastWarn.Load()
	if now-last < int64(fullLogEvery) || !l.lastWarn.CompareAndSwap(last, now) {
		return
	}
	l.log.Warn("HTTP connections at HTTP_MAX_CONNECTIONS: past it only /healthz is answered, on a few spare connections",
		"max_connections", cap(l.slots), "refused_since_last_warning", l.refused.Swap(0))
}

// countedConn gives its slot back when closed.
type countedConn struct {
	net.Conn
	free chan struct{}
	once sync.Once
}

// Close frees the slot before closing, so a client that sees the
// connection end can count on the slot being free.
func (c *countedConn) Close() error {
	c.once.Do(func() { <-c.free })
	return c.Conn.Close()
}

// spareConn is a connection taken past the cap: no deadline the server
// sets may go past its own.
type spareConn struct {
	countedConn
	until time.Time
}

func newSpareConn(c net.Conn, free chan struct{}, until time.Time) *spareConn {
	_ = c.SetDeadline(until)
	return &spareConn{countedConn: countedConn{Conn: c, free: free}, until: until}
}

func (c *spareConn) clamp(t time.Time) time.Time {
	if t.IsZero() || t.After(c.until) {
		return c.until
	}
	return t
}

func (c *spareConn) SetDeadline(t time.Time) error      { return c.Conn.SetDeadline(c.clamp(t)) }
func (c *spareConn) SetReadDeadline(t time.Time) error  { return c.Conn.SetReadDeadline(c.clamp(t)) }
func (c *spareConn) SetWriteDeadline(t time.Time) error { return c.Conn.SetWriteDeadline(c.clamp(t)) }
