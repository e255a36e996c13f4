package playground

import (
	"fmt"
	"io"
	"net/http"
	"time"
)

// heartbeat keeps an idle event stream open through proxies and lets a
// dead page be noticed.
const heartbeat = 15 * time.Second

// eventWriteTimeout bounds each write to the stream. The stream itself
// outlives the server's read and write timeouts (server.Listen): a page
// that stops reading is cut once a write waits this long.
const eventWriteTimeout = 10 * time.Second

// serveEvents is the page's event stream (server-sent events): first a
// "snapshot" of the people and their chats, then every change as it
// happens ("message", "edit", "keyboard", "toast", "clock", and a new
// "snapshot" after a reset). A page that falls too far behind is cut off;
// EventSource reconnects by itself and starts from a fresh snapshot.
func (a *Adapter) serveEvents(w http.ResponseWriter, r *http.Request) {
	people, err := a.people(r.Context())
	if err != nil {
		a.log.Error("playground: list people", "err", err)
		http.Error(w, "the roster cannot be read now", http.StatusServiceUnavailable)
		return
	}
	sub, first, ok := a.subscribe(people)
	if !ok {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer a.unsubscribe(sub)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Time{}) // the page sends nothing more; it leaving still ends r.Context()
	send := func(chunk string) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(eventWriteTimeout))
		_, err := io.WriteString(w, chunk)
		return err == nil && rc.Flush() == nil
	}
	if !send(first.wire()) {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		var chunk string
		select {
		case <-r.Context().Done():
			return
		case ev, open := <-sub.ch:
			if !open {
				return
			}
			chunk = ev.wire()
		case <-tick.C:
			chunk = ": ping\n\n"
		}
		if !send(chunk) {
			return
		}
	}
}

// subscribe registers a page and returns the snapshot it starts from, taken
// under the same lock, so no change falls between the two.
func (a *Adapter) subscribe(people []Person) (*subscriber, event, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.stopped {
		return nil, event{}, false
	}
	s := &subscriber{ch: make(chan event, subscriberBuffer)}
	a.subs[s] = struct{}{}
	return s, a.snapshotLocked(people), true
}

func (a *Adapter) unsubscribe(s *subscriber) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.subs[s]; ok {
		delete(a.subs, s)
		close(s.ch)
	}
}

// wire is the event as the stream carries it; its JSON data holds no
// newline.
func (ev event) wire() string { return fmt.Sprintf("event: %s\ndata: %s\n\n", ev.name, ev.data) }
