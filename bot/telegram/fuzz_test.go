package telegram

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/bot"
)

// FuzzWebhookUpdate decodes a webhook body as the webhook handler does
// (readUpdate) and converts it (fromTelegram), checking that:
//
//   - a body is either an update (200, with an update_id > 0) or a 400;
//
//   - an ignored update (skip) yields nothing;
//
//   - a converted update names the Telegram platform, carries the update,
//     chat and user ids in decimal, and has the fields its Kind promises;
//
//   - a message text is a command exactly when parseCommand accepts it for
//     this bot, and a command's name and arguments are what ParseCommand
//     gives;
//
//   - the update survives the JSON encoding the engine's inbox stores it
//     in (conversation.Engine.Accept), unchanged.
//
//     go test -run '^$' -fuzz '^FuzzWebhookUpdate$' -fuzztime 60s ./bot/telegram/
func FuzzWebhookUpdate(f *testing.F) {
	seeds := []*models.Update{
		msg(func(m *models.Message) { m.Text = "rapat koordinasi" }),
		msg(func(m *models.Message) { m.Text = "/Start@kinerjabot  kode-123 " }),
		msg(func(m *models.Message) { m.Text = "/start@OtherBot" }),
		msg(func(m *models.Message) { m.Text = "/lapor\nrapat" }),
		msg(func(m *models.Message) {
			m.Contact = &models.Contact{PhoneNumber: "6281234567789", FirstName: "Siti", UserID: 77}
		}),
		msg(func(m *models.Message) {
			m.Caption = "bukti rapat"
			m.Photo = []models.PhotoSize{
				{FileID: "small", Width: 90, Height: 67, FileSize: 1000},
				{FileID: "large", Width: 1280, Height: 960, FileSize: 150000},
			}
		}),
		msg(func(m *models.Message) {
			m.Document = &models.Document{FileID: "doc", FileName: "notulen.pdf", MimeType: "application/pdf", FileSize: 2048}
		}),
		msg(func(m *models.Message) { m.Location = &models.Location{Latitude: -6.175, Longitude: 106.827} }),
		msg(func(m *models.Message) { m.Sticker = &models.Sticker{FileID: "s"} }),
		msg(func(m *models.Message) { m.Text, m.Chat = "hai", models.Chat{ID: -5, Type: models.ChatTypeSupergroup} }),
		callback(models.MaybeInaccessibleMessage{
			Type:    models.MaybeInaccessibleMessageTypeMessage,
			Message: &models.Message{ID: 42, Chat: private, Date: int(at.Unix())},
		}),
		callback(models.MaybeInaccessibleMessage{
			Type:                models.MaybeInaccessibleMessageTypeInaccessibleMessage,
			InaccessibleMessage: &models.InaccessibleMessage{MessageID: 43},
		}),
		callback(models.MaybeInaccessibleMessage{}),
		{ID: 1, EditedMessage: &models.Message{Chat: private}},
		{ID: 1, Poll: &models.Poll{}},
	}
	for _, u := range seeds {
		raw, err := json.Marshal(u)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	for _, s := range []string{"{", `{"message":{}}`, `{"update_id":0}`, `{"update_id":-1,"message":{}}`,
		`{"update_id":5,"callback_query":{"id":"x","from":{"id":1},"message":{"date":0,"chat":{"id":3,"type":"private"}},"data":"a:ok:1:1"}}`,
		`{"update_id":5,"message":{"date":1,"chat":{"id":9,"type":"private"},"from":{"id":9},"photo":[]}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(body))
		raw, status := readUpdate(httptest.NewRecorder(), req)
		switch {
		case status == http.StatusBadRequest && raw == nil:
			return
		case status != http.StatusOK || raw == nil:
			t.Fatalf("readUpdate: status %d, update %v", status, raw)
		case raw.ID <= 0:
			t.Fatalf("readUpdate accepted update_id %d", raw.ID)
		}
		u, skip := fromTelegram(raw, testBot, now)
		if skip != "" {
			if !reflect.DeepEqual(u, bot.Update{}) {
				t.Fatalf("skipped (%s) but returned %+v", skip, u)
			}
			return
		}
		checkUpdate(t, raw, u)
		enc, err := json.Marshal(u)
		if err != nil {
			if y := u.At.Year(); y < 0 || y > 9999 {
				// A message dated outside years 0 to 9999 does not encode
				// either, but only a sender holding the webhook secret
				// could send one: see docs/fuzzing.md.
				t.Skip("message date outside years 0-9999")
			}
			t.Fatalf("the engine cannot queue %+v: %v", u, err)
		}
		var back bot.Update
		if err := json.Unmarshal(enc, &back); err != nil || !reflect.DeepEqual(back, u) {
			t.Fatalf("queued update changes:\n got %+v\nwant %+v (%v)", back, u, err)
		}
	})
}

func checkUpdate(t *testing.T, raw *models.Update, u bot.Update) {
	t.Helper()
	if u.Platform != bot.Telegram || u.ID != strconv.FormatInt(raw.ID, 10) {
		t.Fatalf("platform %q id %q for update %d", u.Platform, u.ID, raw.ID)
	}
	for _, id := range []string{u.ChatID, u.UserID} {
		if _, err := strconv.ParseInt(id, 10, 64); err != nil {
			t.Fatalf("chat or user id %q is not a Telegram id", id)
		}
	}
	if u.Kind == bot.KindCallback {
		if raw.CallbackQuery == nil || u.Callback == nil || u.Callback.Data != raw.CallbackQuery.Data || !u.At.Equal(now) {
			t.Fatalf("callback %+v from %+v", u.Callback, raw.CallbackQuery)
		}
		return
	}
	m := raw.Message
	if m == nil || m.Chat.Type != models.ChatTypePrivate || m.From == nil || m.From.IsBot || u.Callback != nil {
		t.Fatalf("converted %+v from %+v", u, raw)
	}
	switch u.Kind {
	case bot.KindText, bot.KindCommand:
		cmd, args, ok := parseCommand(u.Text, testBot)
		if u.Text != m.Text || ok != (u.Kind == bot.KindCommand) || u.Command != cmd || u.Args != args {
			t.Fatalf("text %q made %q %q %q; parseCommand gives %q %q %v", m.Text, u.Kind, u.Command, u.Args, cmd, args, ok)
		}
		if c, target, a, _ := bot.ParseCommand(u.Text); ok && (c != cmd || a != args || target != "" && !equalFold(target, testBot)) {
			t.Fatalf("command %q: ParseCommand gives %q @%q %q", u.Text, c, target, a)
		}
	case bot.KindContact:
		if u.Contact == nil || m.Contact == nil || u.Contact.Phone != m.Contact.PhoneNumber ||
			(u.Contact.UserID != "") != (m.Contact.UserID != 0) {
			t.Fatalf("contact %+v from %+v", u.Contact, m.Contact)
		}
	case bot.KindPhoto:
		if u.Media == nil || u.Media.MIME != photoMIME || len(m.Photo) == 0 {
			t.Fatalf("photo %+v", u.Media)
		}
		for _, p := range m.Photo {
			if p.Width*p.Height > u.Media.Width*u.Media.Height {
				t.Fatalf("photo %+v picked over a larger %+v", u.Media, p)
			}
		}
	case bot.KindDocument:
		if u.Media == nil || m.Document == nil || u.Media.FileID != m.Document.FileID {
			t.Fatalf("document %+v", u.Media)
		}
	case bot.KindLocation:
		if u.Location == nil || m.Location == nil {
			t.Fatalf("location %+v", u.Location)
		}
	case bot.KindOther:
	default:
		t.Fatalf("kind %q", u.Kind)
	}
}

func equalFold(a, b string) bool { return bytes.EqualFold([]byte(a), []byte(b)) }
