package playground_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/playground"
)

func chat(id string) bot.ChatKey { return bot.ChatKey{Platform: bot.Playground, ChatID: id} }

// Typing in a pane becomes an update of the pane's person in the inbox, a
// command when it is one, each with its own id; the page sees the message.
func TestTextBecomesUpdate(t *testing.T) {
	f := start(t)
	ev, _ := f.subscribe(t)
	cases := []struct {
		name, text string
		kind       bot.Kind
		cmd, args  string
	}{
		{"text", "Kunjungan rumah", bot.KindText, "", ""},
		{"command", "/Lapor kemarin", bot.KindCommand, "lapor", "kemarin"},
		{"command for a named bot", "/start@kinerjabot skm_PKM-SEMPAJA_1", bot.KindCommand, "start", "skm_PKM-SEMPAJA_1"},
		{"not a command", "/ saja", bot.KindText, "", ""},
	}
	seen := map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if code, body := f.post(t, "text", map[string]any{"chat": "budi", "text": tc.text}); code != http.StatusAccepted {
				t.Fatalf("%d %s", code, body)
			}
			u := f.in.next(t)
			if u.Platform != bot.Playground || u.ChatID != "budi" || u.UserID != "budi" || u.UserName != "Budi" {
				t.Fatalf("update from %+v", u)
			}
			if u.Kind != tc.kind || u.Text != tc.text || u.Command != tc.cmd || u.Args != tc.args {
				t.Fatalf("update = %+v", u)
			}
			if u.ID == "" || seen[u.ID] || u.At.IsZero() {
				t.Fatalf("update id %q (seen %v), at %v", u.ID, seen[u.ID], u.At)
			}
			seen[u.ID] = true
			if m := ev.message(t, "message"); m.Chat != "budi" || m.Message.From != "me" || m.Message.Text != tc.text {
				t.Fatalf("echo = %+v", m)
			}
		})
	}
}

// Bad actions are refused before the inbox: an unknown pane, empty text.
func TestActionsRefused(t *testing.T) {
	f := start(t)
	cases := []struct {
		name, path string
		body       any
		code       int
	}{
		{"unknown pane", "text", map[string]any{"chat": "siapa", "text": "halo"}, http.StatusNotFound},
		{"empty text", "text", map[string]any{"chat": "budi", "text": "  "}, http.StatusBadRequest},
		{"not json", "text", "halo", http.StatusBadRequest},
		{"location without a point", "location", map[string]any{"chat": "rina"}, http.StatusBadRequest},
		{"location out of range", "location", map[string]any{"chat": "budi", "lat": 91, "lon": 0}, http.StatusBadRequest},
		{"press without a message", "press", map[string]any{"chat": "budi", "message_id": "99", "data": "x"}, http.StatusNotFound},
	}
	for _, tc := range cases {
		if code, body := f.post(t, tc.path, tc.body); code != tc.code {
			t.Errorf("%s: %d %s, want %d", tc.name, code, body, tc.code)
		}
	}
	select {
	case u := <-f.in.ch:
		t.Fatalf("a refused action reached the inbox: %+v", u)
	default:
	}
}

// "Share my contact" carries the pane's own phone with the pane's own user
// id, as Telegram vouches for a user's own number; a request cannot name
// another phone or speak for another pane's person.
func TestContactIsTheSendersOwn(t *testing.T) {
	f := start(t)
	if code, body := f.post(t, "contact", map[string]any{"chat": "budi"}); code != http.StatusAccepted {
		t.Fatalf("%d %s", code, body)
	}
	u := f.in.next(t)
	if u.Kind != bot.KindContact || u.Contact == nil || u.Contact.Phone != budi.Phone || u.Contact.UserID != u.UserID || u.UserID != "budi" {
		t.Fatalf("contact update = %+v %+v", u, u.Contact)
	}
	forged := []map[string]any{
		{"chat": "budi", "phone": rina.Phone},
		{"chat": "budi", "user_id": "rina"},
		{"chat": "budi", "contact": map[string]any{"phone": rina.Phone}},
	}
	for _, body := range forged {
		if code, resp := f.post(t, "contact", body); code != http.StatusBadRequest {
			t.Errorf("forged contact %v: %d %s", body, code, resp)
		}
	}
	if code, _ := f.post(t, "contact", map[string]any{"chat": "warga"}); code != http.StatusConflict {
		t.Errorf("contact of a person without phone: %d", code)
	}
	select {
	case u := <-f.in.ch:
		t.Fatalf("a forged contact reached the inbox: %+v", u)
	default:
	}
}

// Locations: the browser's point when it sends one, else the person's
// demo point.
func TestLocation(t *testing.T) {
	f := start(t)
	f.post(t, "location", map[string]any{"chat": "budi"})
	if u := f.in.next(t); u.Kind != bot.KindLocation || *u.Location != *budi.Location {
		t.Fatalf("demo point: %+v", u.Location)
	}
	f.post(t, "location", map[string]any{"chat": "budi", "lat": -0.5, "lon": 117.2})
	if u := f.in.next(t); u.Location.Latitude != -0.5 || u.Location.Longitude != 117.2 {
		t.Fatalf("browser point: %+v", u.Location)
	}
}

// Send reaches the page: text with inline buttons, a reply keyboard (one-time
// when it asks for the contact, hidden after its button is used), a photo
// from the playground's own files and one from bytes.
func TestSendReachesEventStream(t *testing.T) {
	f := start(t)
	ev, _ := f.subscribe(t)
	ctx := context.Background()
	ref, err := f.a.Send(ctx, bot.Reply{Chat: chat("budi"), Text: "Halo",
		Keyboard: [][]bot.KeyButton{{{Label: "📱 Kirim nomor HP saya", RequestContact: true}}}})
	if err != nil {
		t.Fatal(err)
	}
	m := ev.message(t, "message")
	if m.Chat != "budi" || m.Message.From != "bot" || m.Message.Text != "Halo" || m.Message.ID != ref.MessageID || ref.Photo {
		t.Fatalf("message = %+v, ref %+v", m, ref)
	}
	var kb keyboardEvent
	ev.decode(t, ev.expect(t, "keyboard"), &kb)
	if kb.Keyboard == nil || !kb.Keyboard.OneTime || !kb.Keyboard.Rows[0][0].RequestContact {
		t.Fatalf("keyboard = %+v", kb)
	}
	f.post(t, "contact", map[string]any{"chat": "budi", "keyboard": true})
	ev.decode(t, ev.expect(t, "keyboard"), &kb)
	if kb.Chat != "budi" || kb.Keyboard != nil {
		t.Fatalf("one-time keyboard not hidden after use: %+v", kb)
	}

	jpg := fixture(t)
	code, body := f.upload(t, "budi", "kegiatan-1.jpg", jpg)
	if code != http.StatusAccepted {
		t.Fatalf("upload: %d %s", code, body)
	}
	u := f.in.next(t) // the contact
	u = f.in.next(t)
	ref, err = f.a.Send(ctx, bot.Reply{Chat: chat("rina"), Text: "Laporan", Photo: &bot.Photo{FileID: u.Media.FileID, Platform: bot.Playground}})
	if err != nil || !ref.Photo {
		t.Fatalf("photo by file id: %+v %v", ref, err)
	}
	for {
		if m = ev.message(t, "message"); m.Chat == "rina" {
			break
		}
	}
	if m.Message.Photo == "" || m.Message.Text != "Laporan" {
		t.Fatalf("photo message = %+v", m)
	}
	if code, img := get(t, f.srv.URL+m.Message.Photo); code != 200 || img != string(jpg) {
		t.Fatalf("photo served: %d, %d bytes", code, len(img))
	}
	if _, err := f.a.Send(ctx, bot.Reply{Chat: chat("rina"), Text: "Dari data", Photo: &bot.Photo{Data: jpg, MIME: "image/jpeg"}}); err != nil {
		t.Fatalf("photo from bytes: %v", err)
	}
	if m = ev.message(t, "message"); m.Message.Photo == "" {
		t.Fatalf("photo from bytes = %+v", m)
	}
}

// Replies Telegram would refuse are refused here too.
func TestInvalidRepliesRefused(t *testing.T) {
	f := start(t)
	long := strings.Repeat("x", bot.MaxButtonData+1)
	cases := map[string]bot.Reply{
		"other platform":          {Chat: bot.ChatKey{Platform: bot.Telegram, ChatID: "1"}, Text: "x"},
		"empty":                   {Chat: chat("budi")},
		"long button data":        {Chat: chat("budi"), Text: "x", Buttons: [][]bot.Button{{{Label: "a", Data: long}}}},
		"button without data":     {Chat: chat("budi"), Text: "x", Buttons: [][]bot.Button{{{Label: "a"}}}},
		"two keyboards":           {Chat: chat("budi"), Text: "x", Buttons: [][]bot.Button{{{Label: "a", Data: "a"}}}, RemoveKeyboard: true},
		"photo of telegram":       {Chat: chat("budi"), Text: "x", Photo: &bot.Photo{FileID: "AgAC", Platform: bot.Telegram}},
		"unknown playground file": {Chat: chat("budi"), Text: "x", Photo: &bot.Photo{FileID: "f000000000000000000000000", Platform: bot.Playground}},
	}
	for name, r := range cases {
		if _, err := f.a.Send(context.Background(), r); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// As on Telegram, a text over 4,096 UTF-16 units shows as several
// messages, split at line breaks, the buttons under the last.
func TestLongTextInParts(t *testing.T) {
	f := start(t)
	ev, _ := f.subscribe(t)
	var b strings.Builder
	for i := range 60 {
		fmt.Fprintf(&b, "- %02d komentar%s\n", i, strings.Repeat(" antrean", 11))
	}
	text := b.String() // 60 lines of 100 units
	ref, err := f.a.Send(context.Background(), bot.Reply{Chat: chat("rina"), Text: text,
		Buttons: [][]bot.Button{{{Label: "✅ Setujui", Data: "a:ok:1:1"}}}})
	if err != nil {
		t.Fatal(err)
	}
	first, last := ev.message(t, "message").Message, ev.message(t, "message").Message
	if len(first.Text) > 4096 || len(first.Buttons) != 0 || len(last.Buttons) != 1 || last.ID != ref.MessageID {
		t.Fatalf("parts of %d and %d units, buttons %d and %d, ref %+v", len(first.Text), len(last.Text), len(first.Buttons), len(last.Buttons), ref)
	}
	if first.Text+"\n"+last.Text+"\n" != text {
		t.Fatal("the parts do not make up the text")
	}
}

// An edit replaces an earlier message's text and buttons in place; no
// buttons remove them. An edit of an unknown message fails.
func TestEditInPlace(t *testing.T) {
	f := start(t)
	ev, _ := f.subscribe(t)
	ctx := context.Background()
	ref, err := f.a.Send(ctx, bot.Reply{Chat: chat("rina"), Text: "Laporan No. 1",
		Buttons: [][]bot.Button{{{Label: "✅ Setujui", Data: "a:ok:1:1"}, {Label: "❌ Tolak", Data: "a:no:1:1"}}}})
	if err != nil {
		t.Fatal(err)
	}
	ev.expect(t, "message")
	got, err := f.a.Send(ctx, bot.Reply{Edit: &ref, Text: "Laporan No. 1\n\n✅ Disetujui"})
	if err != nil || got != ref {
		t.Fatalf("edit: %+v %v", got, err)
	}
	m := ev.message(t, "edit")
	if m.Chat != "rina" || m.Message.ID != ref.MessageID || !m.Message.Edited || len(m.Message.Buttons) != 0 || !strings.Contains(m.Message.Text, "Disetujui") {
		t.Fatalf("edit event = %+v", m)
	}
	_, snap := f.subscribe(t)
	if msgs := snap.Chats["rina"].Messages; len(msgs) != 1 || !msgs[0].Edited || len(msgs[0].Buttons) != 0 {
		t.Fatalf("a new page sees %+v", msgs)
	}
	stale := bot.MessageRef{Chat: chat("rina"), MessageID: "4242"}
	if _, err := f.a.Send(ctx, bot.Reply{Edit: &stale, Text: "x"}); !errors.Is(err, playground.ErrUnknownMessage) {
		t.Fatalf("edit of an unknown message: %v", err)
	}
	if _, err := f.a.Send(ctx, bot.Reply{Edit: &ref, Text: "x", Keyboard: [][]bot.KeyButton{{{Label: "a"}}}}); !errors.Is(err, playground.ErrInvalidReply) {
		t.Fatalf("edit with a keyboard: %v", err)
	}
}

// A pane presses only buttons shown on its own chat's messages; the press
// is an update carrying the button's data and the message id, and the
// answer shows as a toast.
func TestButtons(t *testing.T) {
	f := start(t)
	ev, _ := f.subscribe(t)
	ctx := context.Background()
	ref, _ := f.a.Send(ctx, bot.Reply{Chat: chat("rina"), Text: "Laporan",
		Buttons: [][]bot.Button{{{Label: "✅ Setujui", Data: "a:ok:1:1"}}}})
	if code, body := f.post(t, "press", map[string]any{"chat": "rina", "message_id": ref.MessageID, "data": "a:ok:1:1"}); code != http.StatusAccepted {
		t.Fatalf("press: %d %s", code, body)
	}
	u := f.in.next(t)
	if u.Kind != bot.KindCallback || u.Callback.Data != "a:ok:1:1" || u.Callback.MessageID != ref.MessageID || u.Callback.ID == "" || u.UserID != "rina" {
		t.Fatalf("press update = %+v %+v", u, u.Callback)
	}
	if err := f.a.AnswerCallback(ctx, u.Callback.ID, "✅ Disetujui"); err != nil {
		t.Fatal(err)
	}
	var toast toastEvent
	ev.decode(t, ev.expect(t, "toast"), &toast)
	if toast.Chat != "rina" || toast.Text != "✅ Disetujui" {
		t.Fatalf("toast = %+v", toast)
	}
	if err := f.a.AnswerCallback(ctx, u.Callback.ID, ""); err == nil {
		t.Fatal("a press answered twice")
	}
	if code, _ := f.post(t, "press", map[string]any{"chat": "rina", "message_id": ref.MessageID, "data": "a:ok:2:1"}); code != http.StatusConflict {
		t.Fatalf("press of data not on the message: %d", code)
	}
	if code, _ := f.post(t, "press", map[string]any{"chat": "budi", "message_id": ref.MessageID, "data": "a:ok:1:1"}); code != http.StatusNotFound {
		t.Fatalf("press of another chat's button: %d", code)
	}
	f.a.Send(ctx, bot.Reply{Edit: &ref, Text: "Laporan ✅"})
	if code, _ := f.post(t, "press", map[string]any{"chat": "rina", "message_id": ref.MessageID, "data": "a:ok:1:1"}); code != http.StatusConflict {
		t.Fatalf("press of a button removed by an edit: %d", code)
	}
}

// Uploads are kept for Download (the flows' fetcher), bounded by its limit.
func TestUploadAndDownload(t *testing.T) {
	dir := t.TempDir()
	f := start(t, func(o *playground.Options) { o.FileDir = dir })
	jpg := fixture(t)
	if code, body := f.upload(t, "budi", "kegiatan-1.jpg", jpg); code != http.StatusAccepted {
		t.Fatalf("%d %s", code, body)
	}
	u := f.in.next(t)
	if u.Kind != bot.KindPhoto || u.Media.MIME != "image/jpeg" || u.Media.Size != int64(len(jpg)) || u.Media.FileName != "kegiatan-1.jpg" {
		t.Fatalf("photo update = %+v %+v", u, u.Media)
	}
	data, err := f.a.Download(context.Background(), u.Media.FileID, 10<<20)
	if err != nil || string(data) != string(jpg) {
		t.Fatalf("download: %d bytes, %v", len(data), err)
	}
	if _, err := f.a.Download(context.Background(), u.Media.FileID, 100); !errors.Is(err, bot.ErrFileTooLarge) {
		t.Fatalf("download over the limit: %v", err)
	}
	if _, err := f.a.Download(context.Background(), "../../etc/passwd", 100); !errors.Is(err, playground.ErrNoFile) {
		t.Fatalf("download of a bad id: %v", err)
	}
	f.upload(t, "budi", "catatan.txt", []byte("bukan foto"))
	doc := f.in.next(t)
	if doc.Kind != bot.KindDocument || doc.Media.MIME != "text/plain" {
		t.Fatalf("text file = %+v %+v", doc, doc.Media)
	}
	// A restarted adapter on the same directory still has the photo.
	b, err := playground.New(playground.Options{People: people, FileDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if data, err := b.Download(context.Background(), doc.Media.FileID, 1<<20); err != nil || string(data) != "bukan foto" {
		t.Fatalf("after restart: %d bytes, %v", len(data), err)
	}
}

// A refused update answers 503 and marks the pane's message as not
// delivered.
func TestInboxRefusal(t *testing.T) {
	f := start(t)
	ev, _ := f.subscribe(t)
	f.in.setFail(true)
	if code, _ := f.post(t, "text", map[string]any{"chat": "budi", "text": "/lapor"}); code != http.StatusServiceUnavailable {
		t.Fatalf("refused update: %d", code)
	}
	ev.expect(t, "message")
	if m := ev.message(t, "edit"); m.Message.Failed == "" {
		t.Fatalf("echo not marked failed: %+v", m)
	}
}

func fixture(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../../evidence/testdata/kegiatan-1.jpg")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	return do(t, req)
}
