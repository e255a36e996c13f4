package playground

import (
	"net"
	"net/http"
	"strings"

	"github.com/kinerjabot/kinerjabot/internal/webguard"
)

// ActionHeader must be on every POST: a custom header makes a cross-site
// request a preflighted one, which the playground never allows, so another
// page open in the same browser cannot act for a pane.
const ActionHeader = "X-Playground"

// guard lets a request through only when its client may use the
// playground:
//   - not public: the client is on loopback and names a loopback host (so a
//     reverse proxy on the same machine does not expose it, and a DNS
//     rebinding page cannot reach it);
//   - a password is set: HTTP basic auth with it (any user name), compared
//     in constant time;
//   - a POST carries ActionHeader.
func (a *Adapter) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secureHeaders(w.Header())
		if !a.opt.Public && !(loopbackClient(r.RemoteAddr) && loopbackHost(r.Host)) {
			a.log.Warn("playground: non-loopback client refused", "remote", r.RemoteAddr, "host", r.Host)
			http.Error(w, "The playground answers on this machine only (http://127.0.0.1…). "+
				"To open it to other machines set PLAYGROUND_PUBLIC=on and PLAYGROUND_PASSWORD.", http.StatusForbidden)
			return
		}
		if a.opt.Password != "" && !webguard.PasswordOK(r, a.opt.Password) {
			w.Header().Set("WWW-Authenticate", `Basic realm="kinerjabot playground", charset="UTF-8"`)
			http.Error(w, "password required", http.StatusUnauthorized)
			return
		}
		if r.Method == http.MethodPost && r.Header.Get(ActionHeader) == "" {
			http.Error(w, "missing "+ActionHeader+" header", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// loopbackClient reports whether the TCP peer is on this machine.
func loopbackClient(remoteAddr string) bool {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		host = remoteAddr
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// loopbackHost reports whether the Host header names this machine:
// localhost (or a name under .localhost) or a loopback address.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// secureHeaders keeps the page to its own origin: no frames, no scripts or
// images from elsewhere.
func secureHeaders(h http.Header) {
	webguard.SecureHeaders(h, "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; "+
		"script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
}
