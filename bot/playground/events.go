package playground

import (
	"fmt"
	"net/http"
	"time"
)

// heartbeat keeps an idle event stream open through proxies and lets a
// dead page be noticed.
const heartbeat = 15 * time.Second

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
	if writeEvent(w, first) != nil || rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case ev, open := <-sub.ch:
			if !open {
				return
			}
			err = writeEvent(w, ev)
		case <-tick.C:
			_, err = fmt.Fprint(w, ": ping\n\n")
		}
		if err != nil || rc.Flush() != nil {
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

// writeEvent writes one event; its JSON data holds no newline.
func writeEvent(w http.ResponseWriter, ev event) error {
	_, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
	return err
}
