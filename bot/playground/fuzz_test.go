package playground_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/playground"
)

// FuzzPlaygroundAction posts any body to the page's action endpoints
// (text, contact, location, button press, clock) as a browser on this
// machine does, and checks that:
//
//   - the answer is 202 with exactly one update in the inbox, or a 4xx
//     with a JSON error and no update, never a 5xx;
//
//   - the update is from the pane's own person (a listed one), from the
//     playground, and carries what the action promises: a trimmed UTF-8
//     text of at most 4096 characters that is a command exactly when
//     ParseCommand accepts it; the person's roster phone, never one from
//     the request; a point in range; a press of a button that is on the
//     bot's message in that chat;
//
//   - the update survives the JSON encoding the engine's inbox stores it
//     in.
//
//     go test -run '^$' -fuzz '^FuzzPlaygroundAction$' -fuzztime 60s ./bot/playground/
func FuzzPlaygroundAction(f *testing.F) {
	in := newInbox()
	a, err := playground.New(playground.Options{People: people, Clock: playground.NewClock(nil)})
	if err != nil {
		f.Fatal(err)
	}
	h := a.Handler(in)
	buttons := [][]bot.Button{{{Label: "Setujui", Data: "a:ok:01J:1"}, {Label: "Tolak", Data: "a:no:01J:1"}}}
	ref, err := a.Send(context.Background(), bot.Reply{Chat: bot.ChatKey{Platform: bot.Playground, ChatID: budi.ID}, Text: "Laporan", Buttons: buttons})
	if err != nil {
		f.Fatal(err)
	}
	actions := []string{"text", "contact", "location", "press", "clock"}
	for _, s := range []string{
		`{"chat":"budi","text":"/lapor kemarin"}`, `{"chat":"budi","text":"  halo  "}`, `{"chat":"rina","text":""}`,
		`{"chat":"budi","text":"x","phone":"+6281"}`, `{"chat":"nobody","text":"x"}`, `{"chat":"warga","text":"/start skm_PKM_cepat"}`,
		`{"chat":"budi"}`, `{"chat":"warga"}`, `{"chat":"rina","lat":-0.5,"lon":117.1}`, `{"chat":"budi","lat":91,"lon":0}`,
		`{"chat":"budi","message_id":"` + ref.MessageID + `","data":"a:ok:01J:1"}`,
		`{"chat":"rina","message_id":"` + ref.MessageID + `","data":"a:ok:01J:1"}`,
		`{"chat":"budi","message_id":"` + ref.MessageID + `","data":"a:ok:01J:2","keyboard":true}`,
		`{"chat":"budi","text":"a"}{"x":1}`, `[]`, `null`, `{"chat":"budi","lat":1e999}`,
		`{"jump":"` + playground.JumpAfternoon + `"}`, `{"jump":"` + playground.JumpTomorrow + `"}`, `{"jump":"` + playground.JumpReal + `"}`, `{"jump":"25:00"}`,
	} {
		for i := range actions {
			f.Add(uint8(i), []byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, action uint8, body []byte) {
		name := actions[int(action)%len(actions)]
		req := httptest.NewRequest(http.MethodPost, "/playground/api/"+name, bytes.NewReader(body))
		req.RemoteAddr, req.Host = "127.0.0.1:40000", "127.0.0.1:8080"
		req.Header.Set(playground.ActionHeader, "1")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var got []bot.Update
		for len(in.ch) > 0 {
			got = append(got, <-in.ch)
		}
		if name == "clock" {
			if rec.Code != http.StatusOK && rec.Code != http.StatusBadRequest || len(got) > 0 {
				t.Fatalf("clock %q: %d %q with %d updates", body, rec.Code, rec.Body.String(), len(got))
			}
			return
		}
		if rec.Code != http.StatusAccepted {
			var e map[string]string
			if rec.Code < 400 || rec.Code >= 500 || len(got) > 0 || json.Unmarshal(rec.Body.Bytes(), &e) != nil || e["error"] == "" {
				t.Fatalf("%s %q: %d %q with %d updates", name, body, rec.Code, rec.Body.String(), len(got))
			}
			return
		}
		if len(got) != 1 {
			t.Fatalf("%s %q: 202 with %d updates", name, body, len(got))
		}
		checkAction(t, name, body, got[0], ref.MessageID, buttons)
	})
}

func checkAction(t *testing.T, name string, body []byte, u bot.Update, msgID string, buttons [][]bot.Button) {
	t.Helper()
	var p *playground.Person
	for _, q := range []playground.Person{budi, rina, warga} {
		if q.ID == u.ChatID {
			p = &q
		}
	}
	if p == nil || u.Platform != bot.Playground || u.UserID != u.ChatID || u.ID == "" {
		t.Fatalf("%s %q: update %+v from nobody listed", name, body, u)
	}
	switch name {
	case "text":
		cmd, _, args, ok := bot.ParseCommand(u.Text)
		if u.Text == "" || u.Text != strings.TrimSpace(u.Text) || !utf8.ValidString(u.Text) || utf8.RuneCountInString(u.Text) > 4096 ||
			(u.Kind == bot.KindCommand) != ok || u.Kind != bot.KindCommand && u.Kind != bot.KindText || ok && (u.Command != cmd || u.Args != args) {
			t.Fatalf("text %q: update %+v", body, u)
		}
	case "contact":
		if u.Kind != bot.KindContact || u.Contact == nil || p.Phone == "" || u.Contact.Phone != p.Phone || u.Contact.UserID != p.ID {
			t.Fatalf("contact %q: update %+v", body, u)
		}
	case "location":
		l := u.Location
		if u.Kind != bot.KindLocation || l == nil || l.Latitude < -90 || l.Latitude > 90 || l.Longitude < -180 || l.Longitude > 180 {
			t.Fatalf("location %q: update %+v", body, u)
		}
	case "press":
		if u.Kind != bot.KindCallback || u.Callback == nil || u.ChatID != budi.ID || u.Callback.MessageID != msgID ||
			u.Callback.ID == "" || !onMessage(buttons, u.Callback.Data) {
			t.Fatalf("press %q: update %+v", body, u)
		}
	}
	enc, err := json.Marshal(u)
	if err != nil {
		t.Fatalf("the engine cannot queue %+v: %v", u, err)
	}
	var back bot.Update
	if err := json.Unmarshal(enc, &back); err != nil || back.Kind != u.Kind || back.Text != u.Text || back.ChatID != u.ChatID {
		t.Fatalf("queued update %s changes: %+v, %v", enc, back, err)
	}
}

func onMessage(rows [][]bot.Button, data string) bool {
	for _, row := range rows {
		for _, b := range row {
			if b.Data == data {
				return true
			}
		}
	}
	return false
}
