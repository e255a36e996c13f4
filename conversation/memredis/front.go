package memredis

import (
	"net"
	"sync"
)

// maxHeld bounds the reply bytes one connection keeps waiting for the disk;
// past it, the server stops reading that connection's commands.
const maxHeld = 8 << 20

// accept serves each client connection through a heldConn.
func (s *Server) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		hc := newHeldConn(c, s.j)
		s.conns.Add(1)
		go func() {
			defer s.conns.Done()
			hc.send()
		}()
		s.srv.ServeConn(hc)
	}
}

// heldConn is a client connection whose writes (miniredis's replies) leave
// only once every journal record appended before them is synced: a reply
// never tells a client about data the disk might not have. Writes that
// must wait are queued in order and sent by one goroutine, so a pipeline's
// commands share one fsync.
type heldConn struct {
	net.Conn
	j *journal

	mu     sync.Mutex
	cond   *sync.Cond
	q      []held
	queued int
	busy   bool // send is writing
	err    error
}

type held struct {
	b    []byte
	need uint64
}

func newHeldConn(c net.Conn, j *journal) *heldConn {
	hc := &heldConn{Conn: c, j: j}
	hc.cond = sync.NewCond(&hc.mu)
	return hc
}

// Write queues p until the journal has everything appended so far.
func (c *heldConn) Write(p []byte) (int, error) {
	need := c.j.appended.Load()
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.queued > maxHeld && c.err == nil {
		c.cond.Wait()
	}
	if c.err != nil {
		return 0, c.err
	}
	if len(c.q) == 0 && !c.busy && c.j.durable(need) {
		return c.Conn.Write(p)
	}
	c.q = append(c.q, held{b: append([]byte(nil), p...), need: need})
	c.queued += len(p)
	c.cond.Broadcast()
	if c.j.held != nil {
		c.j.held()
	}
	return len(p), nil
}

// send writes the queued replies once the disk has what they need.
func (c *heldConn) send() {
	for {
		c.mu.Lock()
		for len(c.q) == 0 && c.err == nil {
			c.cond.Wait()
		}
		if c.err != nil {
			c.mu.Unlock()
			return
		}
		q := c.q
		c.q, c.busy = nil, true
		c.mu.Unlock()

		n := 0
		bufs := make(net.Buffers, 0, len(q))
		for _, h := range q {
			bufs = append(bufs, h.b)
			n += len(h.b)
		}
		err := c.j.wait(q[len(q)-1].need)
		if err == nil {
			_, err = bufs.WriteTo(c.Conn)
		}
		c.mu.Lock()
		c.busy = false
		c.queued -= n
		if err != nil && c.err == nil {
			c.err = err
			c.Conn.Close()
		}
		c.cond.Broadcast()
		c.mu.Unlock()
	}
}

// Close closes the connection; replies still waiting for the disk are
// dropped (the client sees the connection end, not a success).
func (c *heldConn) Close() error {
	err := c.Conn.Close()
	c.mu.Lock()
	if c.err == nil {
		c.err = net.ErrClosed
	}
	c.cond.Broadcast()
	c.mu.Unlock()
	return err
}
