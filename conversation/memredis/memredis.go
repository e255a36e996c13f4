// Package memredis runs an in-process Redis-compatible server (miniredis)
// for the embedded default, where no REDIS_URL is configured, and for tests
// on machines without Redis. Unlike plain miniredis, its keys expire on the
// wall clock.
//
// Start keeps everything in memory. Open keeps it in a directory as well:
// every command that changes data is appended to a journal before it runs,
// and its reply (like every reply sent after it) leaves only once the
// journal is fsynced, so what a client was told is on disk. At the next
// Open the journal is replayed, with the expiry clock it ran with, and
// compacted into a snapshot. See docs/design.md, "The embedded conversation
// state".
package memredis

import (
	"fmt"
	"log/slog"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/alicebob/miniredis/v2/server"
)

// tick is how often expiry time advances.
const tick = 50 * time.Millisecond

// Server is a running in-process server.
type Server struct {
	m    *miniredis.Miniredis
	log  *slog.Logger
	stop chan struct{}
	wg   sync.WaitGroup

	// mu orders what changes data: each journaled command (appended, then
	// run), each tick of the clock, and the copy a compaction takes.
	mu sync.Mutex
	// clock is the wall time (ns) miniredis's expiry clock stands at; last
	// is the monotonic reading it was advanced at. Durable servers only.
	clock int64
	last  time.Time

	// Durable servers only.
	opt      Options
	srv      *server.Server
	ln       net.Listener
	j        *journal
	lock     *os.File
	gen      uint64            // the current journal's generation (under mu)
	scripts  map[string]string // sha1 → body of the scripts loaded (under mu)
	peers    sync.Map          // *server.Peer of a client → *peerState
	running  atomic.Pointer[server.Peer]
	compacts sync.Mutex // one compaction at a time
	conns    sync.WaitGroup
}

// Start runs a server that keeps nothing across restarts, on a free
// loopback port.
func Start() (*Server, error) {
	m := miniredis.NewMiniRedis()
	if err := m.StartAddr("127.0.0.1:0"); err != nil {
		return nil, fmt.Errorf("start in-process redis: %w", err)
	}
	s := &Server{m: m, stop: make(chan struct{}), log: slog.New(slog.DiscardHandler)}
	s.wg.Add(1)
	go s.memoryClock()
	return s, nil
}

// memoryClock moves miniredis's expiry time along with the real one.
func (s *Server) memoryClock() {
	defer s.wg.Done()
	t := time.NewTicker(tick)
	defer t.Stop()
	last := time.Now()
	for {
		select {
		case <-s.stop:
			return
		case now := <-t.C:
			s.m.FastForward(now.Sub(last))
			last = now
		}
	}
}

// Addr is host:port of the server.
func (s *Server) Addr() string {
	if s.ln != nil {
		return s.ln.Addr().String()
	}
	return s.m.Addr()
}

// Close stops the server. A durable server writes and syncs what its
// journal still holds and lets go of its directory.
func (s *Server) Close() {
	if s.ln == nil {
		close(s.stop)
		s.wg.Wait()
		s.m.Close()
		return
	}
	s.ln.Close()
	s.m.Close() // closes every client connection; no command runs after
	close(s.stop)
	s.wg.Wait()
	s.j.close()
	s.conns.Wait()
	s.unlock()
}
