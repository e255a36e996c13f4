package whatsapp_test

import (
	"errors"
	"testing"

	"go.mau.fi/whatsmeow"

	"github.com/kinerjabot/kinerjabot/bot"
)

// TestRetriedSendIsOneMessage: a reply retried after a timeout that went
// through anyway goes out under the same id, which WhatsApp drops; replies
// with other keys, or none, are messages of their own.
func TestRetriedSendIsOneMessage(t *testing.T) {
	r := start(t, nil)
	r.wrote(t, budiID)
	rep := bot.Reply{Chat: chat(budiID), Text: "Laporan diterima.", Key: "whatsapp:62812/3EB0AA/0"}
	r.fc.TimeOutSends(1)
	if _, err := r.a.Send(t.Context(), rep); !errors.Is(err, whatsmeow.ErrMessageTimedOut) {
		t.Fatalf("first attempt: %v, want the timeout", err)
	}
	ref := r.send(t, rep)
	sent := r.fc.SentTo(budiPhone)
	if len(sent) != 1 || ref.MessageID != sent[0].ID {
		t.Fatalf("sent %d messages (ref %s), want the one, once", len(sent), ref.MessageID)
	}
	r.send(t, bot.Reply{Chat: chat(budiID), Text: "Laporan diterima.", Key: "whatsapp:62812/3EB0BB/0"})
	r.send(t, bot.Reply{Chat: chat(budiID), Text: "Laporan diterima."})
	r.send(t, bot.Reply{Chat: chat(budiID), Text: "Laporan diterima."})
	if n := len(r.fc.SentTo(budiPhone)); n != 4 {
		t.Errorf("%d messages, want 4: other keys and no key are new messages", n)
	}
}
