// Package webguard holds what every page kinerjabot serves to a browser
// shares: the security headers, the basic-auth password check, and a limit
// on failed password attempts per client.
package webguard

import (
	"crypto/sha256"
	"crypto/subtle"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// SecureHeaders keeps a page to its own origin (csp is its
// Content-Security-Policy), out of frames, unsniffed and uncached.
func SecureHeaders(h http.Header, csp string) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", csp)
}

// PasswordOK checks the request's basic-auth password (any user name)
// against want, comparing digests in constant time so that neither the
// password nor its length shows in the time taken.
func PasswordOK(r *http.Request, want string) bool {
	_, got, ok := r.BasicAuth()
	if !ok {
		return false
	}
	g, w := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(g[:], w[:]) == 1
}

// Failures limits failed password attempts: a client (by its IP address)
// that failed Max times within Window is refused until the oldest of those
// failures is Window old. Safe for concurrent use.
type Failures struct {
	Max    int
	Window time.Duration
	Now    func() time.Time // time.Now when nil

	mu       sync.Mutex
	byClient map[string][]time.Time // failure times, oldest first
}

// maxClients bounds the clients remembered: past it, clients whose
// failures have all expired are forgotten first.
const maxClients = 4096

// Blocked reports whether r's client must wait, and how long.
func (f *Failures) Blocked(r *http.Request) (time.Duration, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.now()
	times := f.recent(client(r), now)
	if len(times) < f.Max {
		return 0, false
	}
	return times[0].Add(f.Window).Sub(now), true
}

// Fail records a failed attempt by r's client.
func (f *Failures) Fail(r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.now()
	if f.byClient == nil {
		f.byClient = map[string][]time.Time{}
	}
	if len(f.byClient) >= maxClients {
		for c := range f.byClient {
			f.recent(c, now)
		}
	}
	c := client(r)
	if len(f.byClient) < maxClients || f.byClient[c] != nil {
		f.byClient[c] = append(f.recent(c, now), now)
	}
}

// Refuse answers a blocked client: 429 with Retry-After.
func Refuse(w http.ResponseWriter, wait time.Duration) {
	w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
	http.Error(w, "too many failed attempts; try again later", http.StatusTooManyRequests)
}

// recent drops c's failures older than Window and returns the rest.
func (f *Failures) recent(c string, now time.Time) []time.Time {
	times := f.byClient[c]
	i := 0
	for i < len(times) && now.Sub(times[i]) >= f.Window {
		i++
	}
	if i == len(times) {
		delete(f.byClient, c)
		return nil
	}
	f.byClient[c] = times[i:]
	return times[i:]
}

func (f *Failures) now() time.Time {
	if f.Now != nil {
		return f.Now()
	}
	return time.Now()
}

// client names the request's client: the peer's IP address.
func client(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
