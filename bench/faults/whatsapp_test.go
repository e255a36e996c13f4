package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The fake WhatsApp server redelivers what was not receipted, loses a
// receipt on a socket that is gone, drops a bot message sent again under
// its id, and ties each answer to the person's outstanding message.
func TestWAServer(t *testing.T) {
	w := newWAServer()
	srv := httptest.NewServer(w)
	defer srv.Close()
	post := func(path, body string, out any) int {
		t.Helper()
		resp, err := http.Post(srv.URL+path, "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if out != nil && resp.StatusCode == http.StatusOK {
			if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
				t.Fatal(err)
			}
		}
		return resp.StatusCode
	}
	type conn struct {
		Session string
		Offline []waWire
	}
	a := w.send("+628127", "satu") // while nobody is connected
	var c1 conn
	post("/connect", "", &c1)
	if len(c1.Offline) != 1 || c1.Offline[0].ID != a {
		t.Fatalf("offline at the first connect: %+v", c1.Offline)
	}
	// Handled, not receipted; the bot dies; the next connect has it again,
	// and the old session's receipt is lost.
	var c2 conn
	post("/connect", "", &c2)
	if code := post("/receipt?session="+c1.Session, `{"id":"`+a+`"}`, nil); code != http.StatusGone {
		t.Fatalf("receipt on an old session: %d", code)
	}
	if len(c2.Offline) != 1 || w.msgs[a].Deliveries != 2 {
		t.Fatalf("second connect: %+v, deliveries %d", c2.Offline, w.msgs[a].Deliveries)
	}
	post("/receipt?session="+c2.Session, `{"id":"`+a+`"}`, nil)
	post("/send", `{"to":"+628127","id":"R1","text":"jawab"}`, nil)
	post("/send", `{"to":"+628127","id":"R1","text":"jawab"}`, nil)
	if !w.msgs[a].Receipted || len(w.msgs[a].Answers) != 1 || w.sameID != 1 || !w.settled() {
		t.Fatalf("after receipt and answers: %+v, same id %d", w.msgs[a], w.sameID)
	}
	b := w.send("+628127", "dua")
	var live []waWire
	resp, err := http.Get(srv.URL + "/poll?session=" + c2.Session)
	if err != nil {
		t.Fatal(err)
	}
	_ = json.NewDecoder(resp.Body).Decode(&live)
	resp.Body.Close()
	if len(live) != 1 || live[0].ID != b {
		t.Fatalf("poll: %+v", live)
	}
	post("/send", `{"to":"+628127","id":"R2","text":"jawab"}`, nil)
	post("/send", `{"to":"+628127","id":"R3","text":"jawab"}`, nil)
	if got := w.msgs[b].Answers; len(got) != 2 || w.settled() {
		t.Fatalf("two answers to the second message: %v (settled %v: not receipted)", got, w.settled())
	}
}
