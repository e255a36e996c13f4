package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// replica is one kinerjabot process of a fault run, which the generator may
// kill (SIGKILL) and start again with the same environment: the same
// DATA_DIR, REDIS_URL, REDIS_PREFIX, webhook secret and HTTP port.
type replica struct {
	idx  int
	bin  string
	port int
	url  string // webhook URL on loopback
	env  []string
	work string

	mu     sync.Mutex
	cur    *child
	starts int
}

func (r *replica) logPath(n int) string {
	return filepath.Join(r.work, fmt.Sprintf("bot-r%d-%02d.log", r.idx, n))
}

// start starts the process and waits until its webhook port accepts
// connections (the HTTP server listens once the store, Redis and the Bot API
// answered).
func (r *replica) start(limit time.Duration) error {
	r.mu.Lock()
	r.starts++
	n := r.starts
	c, err := startChild(r.bin, nil, r.env, r.logPath(n))
	if err == nil {
		r.cur = c
	}
	r.mu.Unlock()
	if err != nil {
		return err
	}
	deadline := time.Now().Add(limit)
	for {
		conn, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", r.port), time.Second)
		if err == nil {
			conn.Close()
			return nil
		}
		if c.exited() {
			return fmt.Errorf("replica %d exited at start: %v\n%s", r.idx, c.err, tail(r.logPath(n), 20))
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("replica %d: webhook port %d did not open in %s", r.idx, r.port, limit)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// kill ends the process with SIGKILL and waits until it is gone.
func (r *replica) kill() {
	r.mu.Lock()
	c := r.cur
	r.mu.Unlock()
	if c == nil || c.exited() {
		return
	}
	_ = c.cmd.Process.Signal(syscall.SIGKILL)
	<-c.done
}

// stop asks the process to end (SIGTERM), as a deployment would.
func (r *replica) stop(grace time.Duration) {
	r.mu.Lock()
	c := r.cur
	r.mu.Unlock()
	if c != nil {
		c.stop(grace)
	}
}

// outageRec is one dependency outage as the generator saw it.
type outageRec struct {
	Name     string    `json:"name"`
	Command  string    `json:"command"`
	AtS      float64   `json:"planned_at_s"`
	ForS     float64   `json:"planned_for_s"`
	DownAt   time.Time `json:"down_at"`
	UpAt     time.Time `json:"up_at"`
	DownForS float64   `json:"down_for_s"`
	Err      string    `json:"error,omitempty"`
	Output   []string  `json:"helper_output,omitempty"`
}

// runOutage runs an outage helper: a command that makes a dependency
// unavailable, prints a line "down" once it is, and on SIGTERM makes it
// available again and exits (bench/faults redis-down, sqlite-lock). The
// dependency is back when the helper has exited. Words of cmdline are split
// on spaces; {data} is replaced by the bots' DATA_DIR.
func runOutage(ctx context.Context, name, cmdline string, hold time.Duration, vars map[string]string) *outageRec {
	rec := &outageRec{Name: name, Command: cmdline, ForS: hold.Seconds()}
	for k, v := range vars {
		cmdline = strings.ReplaceAll(cmdline, "{"+k+"}", v)
	}
	words := strings.Fields(cmdline)
	if len(words) == 0 {
		rec.Err = "empty outage command"
		return rec
	}
	cmd := exec.Command(words[0], words[1:]...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err == nil {
		err = cmd.Start()
	}
	if err != nil {
		rec.Err = err.Error()
		return rec
	}
	down := make(chan struct{})
	var lines []string
	var linesMu sync.Mutex
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		sc := bufio.NewScanner(out)
		once := sync.Once{}
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			linesMu.Lock()
			lines = append(lines, line)
			linesMu.Unlock()
			if line == "down" {
				once.Do(func() { close(down) })
			}
		}
	}()
	select {
	case <-down:
		rec.DownAt = time.Now()
	case <-readDone:
		rec.Err = "outage helper ended before it said down"
		_ = cmd.Wait()
		rec.Output = lines
		return rec
	case <-time.After(60 * time.Second):
		rec.Err = "outage helper did not say down in 60s"
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return rec
	}
	select {
	case <-time.After(hold):
	case <-ctx.Done():
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	<-readDone
	if err := cmd.Wait(); err != nil {
		rec.Err = "outage helper: " + err.Error()
	}
	rec.UpAt = time.Now()
	rec.DownForS = rec.UpAt.Sub(rec.DownAt).Seconds()
	linesMu.Lock()
	rec.Output = lines
	linesMu.Unlock()
	return rec
}
