package config

import (
	"strings"
	"testing"
	"time"
)

func TestConsoleURL(t *testing.T) {
	cases := []struct{ in, want string }{
		{"https://konsol.example.go.id", "https://konsol.example.go.id/console/"},
		{"https://example.go.id/", "https://example.go.id/console/"},
		{"https://example.go.id/console", "https://example.go.id/console/"},
		{"http://10.0.0.5:8080/kinerja/console/", "http://10.0.0.5:8080/kinerja/console/"},
		{"ftp://example.go.id/console/", ""},
		{"/console/", ""},
		{"https://example.go.id/admin/", ""},
		{"https://u:p@example.go.id/console/", ""},
		{"https://example.go.id/console/?x=1", ""},
	}
	for _, tc := range cases {
		got, err := consoleURL(tc.in)
		if (err != nil) != (tc.want == "") || got != tc.want {
			t.Errorf("consoleURL(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestConsoleBase(t *testing.T) {
	c := Config{HTTPAddr: ":9090", Playground: "off"}
	if c.ConsoleOn() {
		t.Errorf("console on without CONSOLE_URL or playground")
	}
	c.Playground = "on"
	if got := c.ConsoleBase(); got != "http://localhost:9090/console/" {
		t.Errorf("playground console base = %q", got)
	}
	c.TelegramToken = "1:a"
	if c.ConsoleOn() {
		t.Errorf("console on localhost beside a real platform")
	}
	c.ConsoleURL = "https://konsol.example.go.id"
	if got := c.ConsoleBase(); got != "https://konsol.example.go.id/console/" {
		t.Errorf("console base = %q", got)
	}
}

func TestValidateConsole(t *testing.T) {
	ok := ConsoleConfig{ConsoleSessionIdle: 8 * time.Hour, ConsoleSessionMax: 24 * time.Hour, ConsoleLinkTTL: 5 * time.Minute}
	cases := map[string]func(*ConsoleConfig){
		"bad url":          func(c *ConsoleConfig) { c.ConsoleURL = "konsol" },
		"idle over max":    func(c *ConsoleConfig) { c.ConsoleSessionIdle = 25 * time.Hour },
		"idle too short":   func(c *ConsoleConfig) { c.ConsoleSessionIdle = time.Second },
		"link ttl too big": func(c *ConsoleConfig) { c.ConsoleLinkTTL = 2 * time.Hour },
		"bad proxy":        func(c *ConsoleConfig) { c.ConsoleTrustedProxies = "10.0.0.0/8, ingress" },
	}
	if errs := (Config{ConsoleConfig: ok}).validateConsole(); len(errs) != 0 {
		t.Fatalf("defaults refused: %v", errs)
	}
	for name, change := range cases {
		cc := ok
		change(&cc)
		if errs := (Config{ConsoleConfig: cc}).validateConsole(); len(errs) == 0 {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestTrustedProxies(t *testing.T) {
	c := ConsoleConfig{ConsoleTrustedProxies: " 10.0.0.0/8 ,192.168.1.7, fd00::/8,"}
	var got []string
	for _, p := range c.TrustedProxies() {
		got = append(got, p.String())
	}
	want := []string{"10.0.0.0/8", "192.168.1.7/32", "fd00::/8"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("TrustedProxies() = %v, want %v", got, want)
	}
	if ps := (ConsoleConfig{}).TrustedProxies(); len(ps) != 0 {
		t.Errorf("no setting gives %v", ps)
	}
}
