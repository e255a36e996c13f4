package whatsapptest

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
)

// Start builds an adapter over c with o, runs it into in (an engine, or a
// recording inbox) and, when c is paired, waits until it is connected. The
// adapter stops at the end of the test. o.Chats defaults to an in-memory
// book, so that people must write before the bot may answer them, as in
// production.
func Start(t testing.TB, c *Client, o whatsapp.Options, in bot.Inbox) *whatsapp.Adapter {
	t.Helper()
	if o.Chats == nil {
		o.Chats = whatsapp.NewMemoryChats()
	}
	a, err := whatsapp.New(c, o, nil)
	if err != nil {
		t.Fatalf("whatsapptest: New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); _ = a.Run(ctx, in) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Errorf("whatsapptest: the adapter did not stop")
		}
	})
	if c.Paired() {
		WaitState(t, a, whatsapp.StateConnected, 5*time.Second)
	}
	return a
}

var (
	inlineChoice = regexp.MustCompile(`(\d+) (?:untuk|for) ([^,]+?)(?:, |\.$)`)
	listChoice   = regexp.MustCompile(`(?m)^(\d+)\. (.+)$`)
)

// Choices reads the numbered choices offered at the end of a message the
// adapter sent ("Balas 1 untuk Setujui, 2 untuk Tolak." or a numbered
// list), in order: Choices(text)[0] is what "1" picks.
func Choices(text string) []string {
	var out []string
	lines := strings.Split(strings.TrimSpace(text), "\n")
	for _, l := range lines {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "Balas 1 untuk ") || strings.HasPrefix(l, "Reply 1 for ") {
			for _, m := range inlineChoice.FindAllStringSubmatch(l, -1) {
				out = append(out, m[2])
			}
			return out
		}
	}
	for _, m := range listChoice.FindAllStringSubmatch(text, -1) {
		if n, _ := strconv.Atoi(m[1]); n == len(out)+1 {
			out = append(out, m[2])
		}
	}
	return out
}

// Pick is the number to type to pick the choice whose label contains
// label (ignoring case) in a sent message, and false when none does.
func Pick(text, label string) (string, bool) {
	for i, c := range Choices(text) {
		if strings.Contains(strings.ToLower(c), strings.ToLower(label)) {
			return strconv.Itoa(i + 1), true
		}
	}
	return "", false
}
