// Command slowconn holds slow HTTP requests against a running kinerjabot
// and times /healthz meanwhile: the hardening issue's attack, each
// connection sending a request's headers with Content-Length: 200000 and
// one byte of body, then nothing. It prints, at each probe, how many of
// its requests the server still holds, how long /healthz took, and the
// server's resident memory and open files (from /proc, given -pid).
//
//	slowconn -addr 127.0.0.1:8080 -n 2000 -pid $(pidof kinerjabot) [-probes 1s,10s,25s,35s]
//
// It opens its connections from this process, so -n is bounded by its own
// open-file limit (`ulimit -n`). See docs/reliability.md, "Slow connections".
package main

import (
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// slowRequest is the attack: a body announced and never sent.
const slowRequest = "POST /telegram/webhook HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n" +
	"Content-Length: 200000\r\n\r\n{"

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "the bot's HTTP_ADDR")
	n := flag.Int("n", 400, "slow requests to hold")
	pid := flag.Int("pid", 0, "the bot's process id, for its memory and open files (0: not shown)")
	probes := flag.String("probes", "1s,10s,25s,35s", "when to time /healthz, after the last request was sent")
	flag.Parse()
	at, err := durations(*probes)
	if err != nil {
		fmt.Fprintln(os.Stderr, "slowconn: -probes:", err)
		os.Exit(2)
	}
	var ended atomic.Int64
	refused := 0
	start := time.Now()
	for range *n {
		c, err := net.DialTimeout("tcp", *addr, 5*time.Second)
		if err == nil {
			_, err = io.WriteString(c, slowRequest)
		}
		if err != nil {
			refused++
			continue
		}
		go func() { _, _ = io.Copy(io.Discard, c); ended.Add(1) }()
	}
	sent := time.Now()
	fmt.Printf("%d slow requests sent in %v (%d refused at connect or write)\n\n", *n, sent.Sub(start).Round(time.Millisecond), refused)
	fmt.Println("| after | held by the server | /healthz | RSS MB | open files |")
	fmt.Println("|---:|---:|---|---:|---:|")
	for _, d := range at {
		time.Sleep(time.Until(sent.Add(d)))
		held := int64(*n-refused) - ended.Load()
		fmt.Printf("| %v | %d | %s | %s | %s |\n", d, held, healthz(*addr), rss(*pid), openFiles(*pid))
	}
	if *pid != 0 {
		fmt.Printf("\npeak RSS %s MB\n", status(*pid, "VmHWM"))
	}
}

// healthz times one GET /healthz on a fresh connection.
func healthz(addr string) string {
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	start := time.Now()
	resp, err := client.Get("http://" + addr + "/healthz")
	took := time.Since(start)
	if err != nil {
		return fmt.Sprintf("no answer after %v", took.Round(time.Millisecond))
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return fmt.Sprintf("%d in %v", resp.StatusCode, took.Round(100*time.Microsecond))
}

// status reads a kB field of /proc/pid/status, in MB.
func status(pid int, field string) string {
	if pid == 0 {
		return "–"
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "?"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return strconv.Itoa(kb / 1024)
		}
	}
	return "?"
}

func rss(pid int) string { return status(pid, "VmRSS") }

func openFiles(pid int) string {
	if pid == 0 {
		return "–"
	}
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		return "?"
	}
	return strconv.Itoa(len(fds))
}

func durations(s string) ([]time.Duration, error) {
	var out []time.Duration
	for _, f := range strings.Split(s, ",") {
		d, err := time.ParseDuration(strings.TrimSpace(f))
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}
