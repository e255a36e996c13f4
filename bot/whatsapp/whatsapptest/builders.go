package whatsapptest

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/proto/waCommon"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
)

// Phone is the JID of a phone number ("+6281234567890" or digits).
func Phone(phone string) types.JID { return types.NewJID(digits(phone), types.DefaultUserServer) }

// LID is the JID of a WhatsApp LID ("123456789").
func LID(user string) types.JID { return types.NewJID(user, types.HiddenUserServer) }

// Group is the JID of a group chat.
func Group(id string) types.JID { return types.NewJID(id, types.GroupServer) }

// ChatID is the adapter's chat id for a phone number: "62812…@s.whatsapp.net".
func ChatID(phone string) string { return Phone(phone).String() }

func jidOf(chat string) types.JID {
	if strings.Contains(chat, "@") {
		j, _ := types.ParseJID(chat)
		return j
	}
	return Phone(chat)
}

func digits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

var msgSeq atomic.Int64

// NewID returns a fresh message id, as a phone makes them.
func NewID() string { return fmt.Sprintf("3EB0%012X", msgSeq.Add(1)) }

// Option changes a built message.
type Option func(*events.Message)

// ID sets the message id.
func ID(id string) Option { return func(m *events.Message) { m.Info.ID = id } }

// At sets the message time.
func At(t time.Time) Option { return func(m *events.Message) { m.Info.Timestamp = t } }

// Name sets the sender's display (push) name.
func Name(n string) Option { return func(m *events.Message) { m.Info.PushName = n } }

// Alt sets the sender's other id: the phone-number JID of a LID sender (as
// WhatsApp sends it alongside), or the LID of a phone-number sender.
func Alt(j types.JID) Option { return func(m *events.Message) { m.Info.SenderAlt = j } }

// FromMe marks the message as sent by the bot's own account (from its
// phone), in the chat with the sender given to the builder.
func FromMe() Option { return func(m *events.Message) { m.Info.IsFromMe = true } }

// InGroup puts the message in a group chat.
func InGroup(group types.JID) Option {
	return func(m *events.Message) { m.Info.Chat, m.Info.IsGroup = group, true }
}

// InChat sets the chat (for status or broadcast messages).
func InChat(chat types.JID) Option { return func(m *events.Message) { m.Info.Chat = chat } }

// Edited marks the message as an edit of an earlier one.
func Edited() Option { return func(m *events.Message) { m.IsEdit = true } }

// Message builds a message from a person (from: Phone or LID) carrying m.
func Message(from types.JID, m *waE2E.Message, opts ...Option) *events.Message {
	evt := &events.Message{
		Info: types.MessageInfo{
			MessageSource: types.MessageSource{Chat: from.ToNonAD(), Sender: from},
			ID:            NewID(), PushName: "Tester", Timestamp: time.Now(), Type: "text",
		},
		Message: m, RawMessage: m,
	}
	for _, o := range opts {
		o(evt)
	}
	return evt
}

// Text is a plain text message.
func Text(from types.JID, text string, opts ...Option) *events.Message {
	return Message(from, &waE2E.Message{Conversation: proto.String(text)}, opts...)
}

// Reply is a text that quotes (swipe-to-reply) the message quotedID.
func Reply(from types.JID, quotedID, text string, opts ...Option) *events.Message {
	return Message(from, &waE2E.Message{ExtendedTextMessage: &waE2E.ExtendedTextMessage{
		Text: proto.String(text), ContextInfo: &waE2E.ContextInfo{StanzaID: proto.String(quotedID)},
	}}, opts...)
}

// ExtendedText is a text with a link preview or formatting (no quote).
func ExtendedText(from types.JID, text string, opts ...Option) *events.Message {
	return Message(from, &waE2E.Message{ExtendedTextMessage: &waE2E.ExtendedTextMessage{Text: proto.String(text)}}, opts...)
}

// Image is a photo with caption; c holds its bytes so the adapter can
// download it.
func Image(c *Client, from types.JID, data []byte, mime, caption string, w, h int, opts ...Option) *events.Message {
	sum := sha256.Sum256(data)
	img := &waE2E.ImageMessage{
		URL: proto.String("https://mmg.whatsapp.net/x"), DirectPath: proto.String(c.AddMedia(data)),
		MediaKey: sum[:], FileSHA256: sum[:], FileEncSHA256: sum[:], FileLength: proto.Uint64(uint64(len(data))),
		Mimetype: proto.String(mime), Width: proto.Uint32(uint32(w)), Height: proto.Uint32(uint32(h)),
		JPEGThumbnail: []byte("thumbnail, not kept"),
	}
	if caption != "" {
		img.Caption = proto.String(caption)
	}
	return Message(from, &waE2E.Message{ImageMessage: img}, opts...)
}

// Location is a shared location.
func Location(from types.JID, lat, lon float64, opts ...Option) *events.Message {
	return Message(from, &waE2E.Message{LocationMessage: &waE2E.LocationMessage{
		DegreesLatitude: proto.Float64(lat), DegreesLongitude: proto.Float64(lon),
	}}, opts...)
}

// VCard is the contact card WhatsApp makes for name and phone ("+62…").
func VCard(name, phone string) string {
	d := digits(phone)
	return "BEGIN:VCARD\nVERSION:3.0\nN:;" + name + ";;;\nFN:" + name +
		"\nTEL;type=CELL;type=VOICE;waid=" + d + ":+" + d + "\nEND:VCARD"
}

// GroupedVCard is the contact card an iPhone makes for name and phone
// ("+62…"): its properties carry a group ("item1.TEL;waid=…").
func GroupedVCard(name, phone string) string {
	d := digits(phone)
	return "BEGIN:VCARD\nVERSION:3.0\nN:;" + name + ";;;\nFN:" + name +
		"\nitem1.TEL;waid=" + d + ":+" + d + "\nitem1.X-ABLabel:Ponsel\nEND:VCARD"
}

// ContactCard is a shared contact card of name and phone.
func ContactCard(from types.JID, name, phone string, opts ...Option) *events.Message {
	return ContactVCard(from, name, VCard(name, phone), opts...)
}

// ContactVCard is a shared contact card named name carrying vcard as is.
func ContactVCard(from types.JID, name, vcard string, opts ...Option) *events.Message {
	return Message(from, &waE2E.Message{ContactMessage: &waE2E.ContactMessage{
		DisplayName: proto.String(name), Vcard: proto.String(vcard),
	}}, opts...)
}

// Reaction is an emoji reaction to a message (the bot ignores them).
func Reaction(from types.JID, to, emoji string, opts ...Option) *events.Message {
	return Message(from, &waE2E.Message{ReactionMessage: &waE2E.ReactionMessage{
		Text: proto.String(emoji), Key: &waCommon.MessageKey{ID: proto.String(to)},
	}}, opts...)
}

// WaitState waits until the adapter's status is state and returns it; the
// test fails after timeout.
func WaitState(t testing.TB, a *whatsapp.Adapter, state whatsapp.State, timeout time.Duration) whatsapp.Status {
	t.Helper()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	for {
		changed := a.StatusChanged()
		if st := a.Status(); st.State == state {
			return st
		}
		select {
		case <-changed:
		case <-timer.C:
			t.Fatalf("whatsapptest: adapter %s after %v, want %s", a.Status().State, timeout, state)
		}
	}
}
