package console

import (
	"net/http/httptest"
	"net/netip"
	"testing"
)

// Failed logins are counted by the client's address: the connection's,
// or, from a trusted proxy, the right-most forwarded address that is not
// a trusted proxy. A client cannot choose the address it is counted under.
func TestClientIP(t *testing.T) {
	c := &Console{d: Deps{TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8")}}}
	cases := []struct {
		name, remote string
		forwarded    []string
		want         string
	}{
		{"direct", "203.0.113.5:4000", nil, "203.0.113.5"},
		{"direct, header ignored", "203.0.113.5:4000", []string{"198.51.100.1"}, "203.0.113.5"},
		{"through the ingress", "10.1.2.3:5000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"spoofed left entries ignored", "10.1.2.3:5000", []string{"1.2.3.4, 198.51.100.1"}, "198.51.100.1"},
		{"two trusted hops", "10.1.2.3:5000", []string{"198.51.100.1, 10.9.9.9"}, "198.51.100.1"},
		{"several header lines", "10.1.2.3:5000", []string{"1.2.3.4", "198.51.100.1"}, "198.51.100.1"},
		{"ipv6 proxy", "[fd00::1]:5000", []string{"2001:db8::7"}, "2001:db8::7"},
		{"trusted proxy, no header", "10.1.2.3:5000", nil, "10.1.2.3"},
		{"trusted proxy, garbage", "10.1.2.3:5000", []string{"not-an-ip"}, "10.1.2.3"},
		{"all trusted", "10.1.2.3:5000", []string{"10.4.4.4"}, "10.4.4.4"},
	}
	for _, tc := range cases {
		r := httptest.NewRequest("POST", "/console/masuk", nil)
		r.RemoteAddr = tc.remote
		for _, f := range tc.forwarded {
			r.Header.Add("X-Forwarded-For", f)
		}
		if got := c.clientIP(r); got != tc.want {
			t.Errorf("%s: clientIP = %q, want %q", tc.name, got, tc.want)
		}
	}
}
