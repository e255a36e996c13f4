package config

import (
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"time"
)

// ConsoleConfig is the web console's settings (#20).
type ConsoleConfig struct {
	// ConsoleURL is where the console's login links point: an absolute
	// http(s) URL of the console's root (…/console/; a URL without a path
	// gets /console/). Empty: the console is off, except in the playground
	// alone, which serves it at its own address (ConsoleBase).
	ConsoleURL string `env:"CONSOLE_URL"`
	// ConsoleSessionIdle ends a session unused for so long; ConsoleSessionMax
	// ends any session so long after login.
	ConsoleSessionIdle time.Duration `env:"CONSOLE_SESSION_IDLE" envDefault:"8h"`
	ConsoleSessionMax  time.Duration `env:"CONSOLE_SESSION_MAX" envDefault:"24h"`
	// ConsoleLinkTTL is how long a login link /konsol sends stays valid.
	ConsoleLinkTTL time.Duration `env:"CONSOLE_LINK_TTL" envDefault:"5m"`
	// ConsoleTrustedProxies are the proxies in front of the console (the
	// Ingress, a load balancer) as comma-separated addresses or CIDR
	// ranges: their X-Forwarded-For names the client whose failed logins
	// are counted. Empty: the connection's address is the client's.
	ConsoleTrustedProxies string `env:"CONSOLE_TRUSTED_PROXIES"`
}

// TrustedProxies is CONSOLE_TRUSTED_PROXIES parsed (validated): an
// address is a range of one.
func (c ConsoleConfig) TrustedProxies() []netip.Prefix {
	ps, _ := parseProxies(c.ConsoleTrustedProxies)
	return ps
}

// parseProxies reads comma-separated addresses and CIDR ranges.
func parseProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if a, err := netip.ParseAddr(f); err == nil {
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("%q is neither an address nor a CIDR range", f)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// consolePath is the path the console is served at on HTTP_ADDR.
const consolePath = "/console/"

func (c Config) validateConsole() []error {
	var errs []error
	if c.ConsoleURL != "" {
		if _, err := consoleURL(c.ConsoleURL); err != nil {
			errs = append(errs, fmt.Errorf("CONSOLE_URL: %w", err))
		}
	}
	if c.ConsoleSessionIdle < time.Minute || c.ConsoleSessionIdle > c.ConsoleSessionMax {
		errs = append(errs, fmt.Errorf("CONSOLE_SESSION_IDLE: must be at least 1m and at most CONSOLE_SESSION_MAX, got %s", c.ConsoleSessionIdle))
	}
	if c.ConsoleSessionMax > 30*24*time.Hour {
		errs = append(errs, fmt.Errorf("CONSOLE_SESSION_MAX: must be at most 720h, got %s", c.ConsoleSessionMax))
	}
	if _, err := parseProxies(c.ConsoleTrustedProxies); err != nil {
		errs = append(errs, fmt.Errorf("CONSOLE_TRUSTED_PROXIES: %w", err))
	}
	if c.ConsoleLinkTTL < 30*time.Second || c.ConsoleLinkTTL > time.Hour {
		errs = append(errs, fmt.Errorf("CONSOLE_LINK_TTL: must be between 30s and 1h, got %s", c.ConsoleLinkTTL))
	}
	return errs
}

// consoleURL checks a CONSOLE_URL and returns it with the console's path.
func consoleURL(s string) (string, error) {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "", fmt.Errorf("not a URL")
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
		return "", fmt.Errorf("must be an absolute http:// or https:// URL")
	case u.User != nil || u.RawQuery != "" || u.Fragment != "":
		return "", fmt.Errorf("must have no user, query or fragment")
	}
	switch p := strings.TrimSuffix(u.Path, "/"); {
	case p == "":
		u.Path = consolePath
	case strings.HasSuffix(p, "/console"):
		u.Path = p + "/"
	default:
		return "", fmt.Errorf("its path must end in %s (the console is served there)", consolePath)
	}
	return u.String(), nil
}

// ConsoleOn reports whether the console is served: CONSOLE_URL is set, or
// the playground runs alone.
func (c Config) ConsoleOn() bool { return c.ConsoleBase() != "" }

// ConsoleBase is the console's root URL for login links: CONSOLE_URL with
// its path, or, in the playground alone (no real platform) without one,
// the playground's own http://localhost:PORT/console/. "" when the console
// is off.
func (c Config) ConsoleBase() string {
	if c.ConsoleURL != "" {
		u, _ := consoleURL(c.ConsoleURL) // validated
		return u
	}
	if !c.PlaygroundOn() || c.PlatformOn() { // never localhost links to real chats
		return ""
	}
	_, port, err := net.SplitHostPort(c.HTTPAddr)
	if err != nil || port == "" {
		port = "8080"
	}
	return "http://localhost:" + port + consolePath
}

// consoleAttrs is the console's settings for the startup log.
func (c Config) consoleAttrs() slog.Value {
	return slog.GroupValue(
		slog.String("url", orDefault(redactURL(c.ConsoleBase()), "(off)")),
		slog.Duration("session_idle", c.ConsoleSessionIdle),
		slog.Duration("session_max", c.ConsoleSessionMax),
		slog.Duration("link_ttl", c.ConsoleLinkTTL),
		slog.Int("trusted_proxies", len(c.TrustedProxies())),
	)
}
