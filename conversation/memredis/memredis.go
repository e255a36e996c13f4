// Package memredis runs an in-process Redis-compatible server (miniredis)
// for the embedded default, where no REDIS_URL is configured, and for tests
// on machines without Redis. Unlike plain miniredis, its keys expire on the
// wall clock. It keeps nothing across restarts.
package memredis

import (
	"fmt"
	"sync"
	"time"

	"github.com/alicebob/miniredis/v2"
)

// tick is how often expiry time advances.
const tick = 50 * time.Millisecond

// Server is a running in-process server.
type Server struct {
	m    *miniredis.Miniredis
	stop chan struct{}
	wg   sync.WaitGroup
}

// Start listens on a free loopback port.
func Start() (*Server, error) {
	m := miniredis.NewMiniRedis()
	if err := m.StartAddr("127.0.0.1:0"); err != nil {
		return nil, fmt.Errorf("start in-process redis: %w", err)
	}
	s := &Server{m: m, stop: make(chan struct{})}
	s.wg.Add(1)
	go s.clock()
	return s, nil
}

// clock moves miniredis's expiry time along with the real one.
func (s *Server) clock() {
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
func (s *Server) Addr() string { return s.m.Addr() }

// Close stops the server.
func (s *Server) Close() {
	close(s.stop)
	s.wg.Wait()
	s.m.Close()
}
