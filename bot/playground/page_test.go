package playground_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

// The page and its assets come from the binary: no CDN, nothing external.
func TestPageServedOffline(t *testing.T) {
	f := start(t)
	code, page := get(t, f.srv.URL+"/playground")
	if code != 200 || !strings.Contains(page, `/playground/static/app.js`) || !strings.Contains(page, `data-base="/playground"`) {
		t.Fatalf("page: %d\n%s", code, page)
	}
	for _, asset := range []string{"app.js", "app.css"} {
		code, body := get(t, f.srv.URL+"/playground/static/"+asset)
		if code != 200 || len(body) < 1000 {
			t.Fatalf("%s: %d, %d bytes", asset, code, len(body))
		}
		if strings.Contains(body, "http://") || strings.Contains(body, "https://") {
			t.Fatalf("%s refers to another site", asset)
		}
	}
	if code, _ := get(t, f.srv.URL+"/playground/static/index.html"); code != http.StatusNotFound {
		t.Fatalf("template served raw: %d", code)
	}
}

// The clock control shifts the shared clock and tells every page.
func TestClockControl(t *testing.T) {
	f := start(t)
	ev, snap := f.subscribe(t)
	if !snap.Clock.Control || snap.Clock.OffsetMS != 0 {
		t.Fatalf("snapshot clock = %+v", snap.Clock)
	}
	if code, body := f.post(t, "clock", map[string]string{"jump": "tomorrow"}); code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	var c clockEvent
	ev.decode(t, ev.expect(t, "clock"), &c)
	want := time.Now().In(wita(t)).AddDate(0, 0, 1).Format("2006-01-02") + "T08:00"
	if !strings.HasPrefix(c.Now, want) || c.OffsetMS == 0 {
		t.Fatalf("clock event = %+v, want %s…", c, want)
	}
	if got := f.clock.Now().In(wita(t)).Format("2006-01-02T15:04"); got != want {
		t.Fatalf("shared clock = %s, want %s", got, want)
	}
	if code, _ := f.post(t, "clock", map[string]string{"jump": "kemarin"}); code != http.StatusBadRequest {
		t.Fatalf("unknown jump: %d", code)
	}
}

// Reset demo: the caller's reset runs, the clock goes back, the chats are
// forgotten and every page starts again from a fresh snapshot.
func TestResetDemo(t *testing.T) {
	f := start(t)
	ev, _ := f.subscribe(t)
	f.a.Send(context.Background(), bot.Reply{Chat: chat("budi"), Text: "Halo"})
	f.post(t, "clock", map[string]string{"jump": "15:30"})
	if code, body := f.post(t, "reset", nil); code != 200 {
		t.Fatalf("%d %s", code, body)
	}
	var snap snapshot
	ev.decode(t, ev.expect(t, "snapshot"), &snap)
	if len(snap.Chats) != 0 || snap.Clock.OffsetMS != 0 || f.resets.Load() != 1 || len(snap.People) != 3 {
		t.Fatalf("after reset: chats %v, clock %+v, resets %d", snap.Chats, snap.Clock, f.resets.Load())
	}
}

// Stopping the adapter ends every event stream, so the HTTP server's
// shutdown is not held by open pages.
func TestRunEndsEventStreams(t *testing.T) {
	f := start(t)
	ev, _ := f.subscribe(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { f.a.Run(ctx, f.in); close(done) }()
	cancel()
	<-done
	deadline := time.After(wait)
	for open := true; open; {
		select {
		case _, open = <-ev.events:
		case <-deadline:
			t.Fatal("event stream still open after Run returned")
		}
	}
	if code, _ := get(t, f.srv.URL+"/playground/events"); code != http.StatusServiceUnavailable {
		t.Fatalf("events after stop: %d", code)
	}
}
