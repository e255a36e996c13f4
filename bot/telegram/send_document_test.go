package telegram_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
)

func TestSendDocumentUploads(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	data := []byte(`{"nip":"199001152019031004"}`)
	long := strings.Repeat("kata ", 300) + "akhir" // over a caption: the rest follows as text
	ref, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: long,
		Document: &bot.Document{Name: "dataku.json", MIME: "application/json", Ref: "mydata:x", Data: data}})
	if err != nil {
		t.Fatal(err)
	}
	sent := s.WaitSent(t, 2, wait)
	d := sent[0]
	if d.Method != "sendDocument" || !bytes.Equal(d.DocumentBytes, data) || d.DocumentName != "dataku.json" {
		t.Fatalf("first message %s %q %d bytes; want the document", d.Method, d.DocumentName, len(d.DocumentBytes))
	}
	if sent[1].Method != "sendMessage" || !strings.HasPrefix(long, d.Text) || !strings.HasSuffix(long, sent[1].Text) {
		t.Errorf("caption %q…, then %s; want the text to go on after the caption", d.Text[:20], sent[1].Method)
	}
	if ref.MessageID == "" {
		t.Errorf("ref %+v", ref)
	}
}

func TestSendDocumentRefusals(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	for name, r := range map[string]bot.Reply{
		"no data":            {Chat: chat, Text: "x", Document: &bot.Document{Name: "a.json", Ref: "mydata:x"}},
		"photo and document": {Chat: chat, Text: "x", Photo: &bot.Photo{Data: []byte{1}}, Document: &bot.Document{Data: []byte{1}}},
		"edit":               {Chat: chat, Text: "x", Edit: &bot.MessageRef{Chat: chat, MessageID: "1"}, Document: &bot.Document{Data: []byte{1}}},
	} {
		if _, err := a.Send(t.Context(), r); !errors.Is(err, telegram.ErrInvalidReply) {
			t.Errorf("%s: %v, want ErrInvalidReply", name, err)
		}
	}
	if n := len(s.Sent()); n != 0 {
		t.Errorf("%d messages sent", n)
	}
}
