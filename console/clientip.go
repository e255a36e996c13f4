package console

import (
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// clientIP is the request's client address, for counting failed logins:
// the connection's, unless it comes from a trusted proxy
// (CONSOLE_TRUSTED_PROXIES: the Ingress or load balancer in front), then
// the right-most address of X-Forwarded-For that is not a trusted proxy.
// Only trusted proxies are believed, so a client cannot pick the address
// it is counted under; without the setting, everyone behind a proxy would
// share the proxy's count (20 failures would lock them all out).
func (c *Console) clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if !c.trusted(host) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := strings.TrimSpace(hops[i])
		if _, err := netip.ParseAddr(hop); err != nil {
			break // garbage: stop believing the header here
		}
		if !c.trusted(hop) {
			return hop
		}
		host = hop
	}
	return host
}

// trusted reports whether addr is one of the trusted proxies.
func (c *Console) trusted(addr string) bool {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range c.d.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}
