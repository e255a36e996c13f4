package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// A minimal RESP client for the few commands the generator itself sends
// (INFO, SCAN, UNLINK, FLUSHDB): the generator needs no Redis library.

type respConn struct {
	c net.Conn
	r *bufio.Reader
}

type redisAddr struct {
	host, password string
	db             int
}

func parseRedisURL(s string) (redisAddr, error) {
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "redis" || u.Host == "" {
		return redisAddr{}, fmt.Errorf("want redis://host:port/db, got %q", s)
	}
	a := redisAddr{host: u.Host}
	if !strings.Contains(a.host, ":") {
		a.host += ":6379"
	}
	if pw, ok := u.User.Password(); ok {
		a.password = pw
	}
	if db := strings.Trim(u.Path, "/"); db != "" {
		if a.db, err = strconv.Atoi(db); err != nil {
			return redisAddr{}, fmt.Errorf("redis db %q: %w", db, err)
		}
	}
	return a, nil
}

func dialRedis(a redisAddr) (*respConn, error) {
	c, err := net.DialTimeout("tcp", a.host, 5*time.Second)
	if err != nil {
		return nil, err
	}
	rc := &respConn{c: c, r: bufio.NewReader(c)}
	if a.password != "" {
		if _, err := rc.do("AUTH", a.password); err != nil {
			c.Close()
			return nil, err
		}
	}
	if a.db != 0 {
		if _, err := rc.do("SELECT", strconv.Itoa(a.db)); err != nil {
			c.Close()
			return nil, err
		}
	}
	return rc, nil
}

func (rc *respConn) Close() error { return rc.c.Close() }

// do sends one command and reads its reply: string, int64, []any, nil, or
// an error for a Redis error reply.
func (rc *respConn) do(args ...string) (any, error) {
	_ = rc.c.SetDeadline(time.Now().Add(30 * time.Second))
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	if _, err := io.WriteString(rc.c, b.String()); err != nil {
		return nil, err
	}
	return readRESP(rc.r)
}

func readRESP(r *bufio.Reader) (any, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return nil, err
	}
	line = strings.TrimSuffix(line, "\r\n")
	if line == "" {
		return nil, errors.New("empty RESP line")
	}
	switch line[0] {
	case '+':
		return line[1:], nil
	case '-':
		return nil, errors.New(line[1:])
	case ':':
		return strconv.ParseInt(line[1:], 10, 64)
	case '$':
		n, err := strconv.Atoi(line[1:])
		if err != nil || n < 0 {
			return nil, err
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, err
		}
		return string(buf[:n]), nil
	case '*':
		n, err := strconv.Atoi(line[1:])
		if err != nil || n < 0 {
			return nil, err
		}
		out := make([]any, n)
		for i := range out {
			if out[i], err = readRESP(r); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("unknown RESP type %q", line[0])
}

// redisStats is what INFO tells of the server's work so far.
type redisStats struct {
	calls   map[string]int64 // by command, from INFO commandstats
	cpuSecs float64          // used_cpu_sys + used_cpu_user
}

func (rc *respConn) stats() (redisStats, error) {
	if rc == nil { // no Redis of its own: kinerjabot's embedded state
		return redisStats{}, nil
	}
	v, err := rc.do("INFO", "commandstats")
	if err != nil {
		return redisStats{}, err
	}
	s, _ := v.(string)
	st := redisStats{calls: parseCommandStats(s)}
	v, err = rc.do("INFO", "cpu")
	if err != nil {
		return redisStats{}, err
	}
	s, _ = v.(string)
	for _, line := range strings.Split(s, "\n") {
		k, val, ok := strings.Cut(strings.TrimSpace(line), ":")
		if ok && (k == "used_cpu_sys" || k == "used_cpu_user") {
			f, _ := strconv.ParseFloat(val, 64)
			st.cpuSecs += f
		}
	}
	return st, nil
}

// parseCommandStats reads "cmdstat_get:calls=12,usec=…" lines. Commands run
// inside scripts are counted as calls too (Redis 7).
func parseCommandStats(info string) map[string]int64 {
	out := map[string]int64{}
	for _, line := range strings.Split(info, "\n") {
		name, rest, ok := strings.Cut(strings.TrimSpace(line), ":")
		name, isCmd := strings.CutPrefix(name, "cmdstat_")
		if !ok || !isCmd {
			continue
		}
		_, after, ok := strings.Cut(rest, "calls=")
		if !ok {
			continue
		}
		v, _, _ := strings.Cut(after, ",")
		n, err := strconv.ParseInt(v, 10, 64)
		if err == nil {
			out[name] = n
		}
	}
	return out
}

// commandDelta is after minus before, leaving out the generator's own
// commands (INFO, and the clean-up's SCAN, UNLINK, FLUSHDB, SELECT).
func commandDelta(before, after map[string]int64) (total int64, by map[string]int64) {
	by = map[string]int64{}
	for name, n := range after {
		switch name {
		case "info", "scan", "unlink", "flushdb", "select", "auth":
			continue
		}
		if d := n - before[name]; d > 0 {
			by[name] = d
			total += d
		}
	}
	return total, by
}

// deletePrefix removes the keys under prefix (SCAN + UNLINK).
func (rc *respConn) deletePrefix(prefix string) (int, error) {
	cursor, n := "0", 0
	for {
		v, err := rc.do("SCAN", cursor, "MATCH", prefix+"*", "COUNT", "1000")
		if err != nil {
			return n, err
		}
		arr, _ := v.([]any)
		if len(arr) != 2 {
			return n, errors.New("SCAN: unexpected reply")
		}
		cursor, _ = arr[0].(string)
		keys, _ := arr[1].([]any)
		if len(keys) > 0 {
			args := []string{"UNLINK"}
			for _, k := range keys {
				s, _ := k.(string)
				args = append(args, s)
			}
			if _, err := rc.do(args...); err != nil {
				return n, err
			}
			n += len(keys)
		}
		if cursor == "0" {
			return n, nil
		}
	}
}

// tripProxy forwards TCP connections to Redis and counts round trips: a
// round trip starts each time a client sends after Redis last answered it
// (or for the first time). A pipeline or a script is one round trip. While a
// client shares one connection among concurrent requests (ioredis does), the
// requests of several updates can share a trip, so under load the count is
// a lower bound; with one user it is exact.
type tripProxy struct {
	ln       net.Listener
	upstream string
	counting *atomic.Bool
	trips    atomic.Int64
}

func startTripProxy(upstream string, counting *atomic.Bool) (*tripProxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &tripProxy{ln: ln, upstream: upstream, counting: counting}
	go p.accept()
	return p, nil
}

func (p *tripProxy) addr() string { return p.ln.Addr().String() }

func (p *tripProxy) close() { p.ln.Close() }

func (p *tripProxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		go p.serve(c)
	}
}

func (p *tripProxy) serve(client net.Conn) {
	server, err := net.Dial("tcp", p.upstream)
	if err != nil {
		client.Close()
		return
	}
	// turn: 0 nobody yet, 1 the client is sending, 2 Redis is answering.
	var turn atomic.Int32
	done := make(chan struct{}, 2)
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, err := client.Read(buf)
			if n > 0 {
				if turn.Swap(1) != 1 && p.counting.Load() {
					p.trips.Add(1)
				}
				if _, werr := server.Write(buf[:n]); werr != nil {
					break
				}
			}
			if err != nil {
				break
			}
		}
		server.Close()
		done <- struct{}{}
	}()
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, err := server.Read(buf)
			if n > 0 {
				turn.Store(2)
				if _, werr := client.Write(buf[:n]); werr != nil {
					break
				}
			}
			if err != nil {
				break
			}
		}
		client.Close()
		done <- struct{}{}
	}()
	<-done
	<-done
}
