package whatsapp_test

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	wt "github.com/kinerjabot/kinerjabot/bot/whatsapp/whatsapptest"
)

func readPhoto(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/photo.jpg")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestIncoming checks the update each kind of message makes, and that the
// messages not for the bot make none. An ignored message is followed by a
// sentinel text: the adapter keeps order, so the sentinel arriving first
// proves the message was dropped.
func TestIncoming(t *testing.T) {
	photo := readPhoto(t)
	lidKnown, lidMapped, lidUnknown := wt.LID("111222333"), wt.LID("444555666"), wt.LID("777888999")
	base := func(chat, phone string) bot.Update {
		return bot.Update{Platform: bot.WhatsApp, ChatID: chat, UserID: chat, UserName: "Tester", Phone: phone}
	}
	with := func(u bot.Update, f func(*bot.Update)) *bot.Update { f(&u); return &u }
	budiU := base(budiID, budiPhone)
	tests := []struct {
		name string
		msg  func(fc *wt.Client) *events.Message
		want *bot.Update // nil: ignored
	}{
		{"text", func(*wt.Client) *events.Message { return wt.Text(budi, "halo") },
			with(budiU, func(u *bot.Update) { u.Kind, u.Text = bot.KindText, "halo" })},
		{"command", func(*wt.Client) *events.Message { return wt.Text(budi, "/Lapor kemarin") },
			with(budiU, func(u *bot.Update) {
				u.Kind, u.Text, u.Command, u.Args = bot.KindCommand, "/Lapor kemarin", "lapor", "kemarin"
			})},
		{"command naming a bot stays text", func(*wt.Client) *events.Message { return wt.Text(budi, "/lapor@x") },
			with(budiU, func(u *bot.Update) { u.Kind, u.Text = bot.KindText, "/lapor@x" })},
		{"a swipe-reply carries the quoted caption", func(*wt.Client) *events.Message {
			return wt.Message(budi, &waE2E.Message{ExtendedTextMessage: &waE2E.ExtendedTextMessage{
				Text: proto.String("Bagus, lanjutkan"), ContextInfo: &waE2E.ContextInfo{StanzaID: proto.String("BOTMSG1"),
					QuotedMessage: &waE2E.Message{ImageMessage: &waE2E.ImageMessage{Caption: proto.String("📝 Laporan kegiatan — No. 7K3M9Q2P")}}},
			}})
		}, with(budiU, func(u *bot.Update) {
			u.Kind, u.Text, u.Quoted = bot.KindText, "Bagus, lanjutkan", "📝 Laporan kegiatan — No. 7K3M9Q2P"
		})},
		{"extended text", func(*wt.Client) *events.Message { return wt.ExtendedText(budi, "lihat https://example.go.id") },
			with(budiU, func(u *bot.Update) { u.Kind, u.Text = bot.KindText, "lihat https://example.go.id" })},
		{"image with caption", func(fc *wt.Client) *events.Message {
			return wt.Image(fc, budi, photo, "image/jpeg", "rapat pagi", 544, 408)
		}, with(budiU, func(u *bot.Update) {
			u.Kind, u.Text = bot.KindPhoto, "rapat pagi"
			u.Media = &bot.Media{MIME: "image/jpeg", Size: int64(len(photo)), Width: 544, Height: 408}
		})},
		{"location", func(*wt.Client) *events.Message { return wt.Location(budi, -0.5022, 117.1536) },
			with(budiU, func(u *bot.Update) {
				u.Kind, u.Location = bot.KindLocation, &bot.Location{Latitude: -0.5022, Longitude: 117.1536}
			})},
		{"own contact card", func(*wt.Client) *events.Message { return wt.ContactCard(budi, "Budi", budiPhone) },
			with(budiU, func(u *bot.Update) {
				u.Kind, u.Contact = bot.KindContact, &bot.Contact{Phone: budiPhone, FirstName: "Budi", UserID: budiID}
			})},
		{"own contact card from an iPhone (grouped TEL)", func(*wt.Client) *events.Message {
			return wt.ContactVCard(budi, "Budi", wt.GroupedVCard("Budi", budiPhone))
		}, with(budiU, func(u *bot.Update) {
			u.Kind, u.Contact = bot.KindContact, &bot.Contact{Phone: budiPhone, FirstName: "Budi", UserID: budiID}
		})},
		{"someone else's contact card", func(*wt.Client) *events.Message { return wt.ContactCard(budi, "Siti", siti) },
			with(budiU, func(u *bot.Update) {
				u.Kind, u.Contact = bot.KindContact, &bot.Contact{Phone: siti, FirstName: "Siti"}
			})},
		{"LID sender with its number alongside", func(*wt.Client) *events.Message {
			return wt.Text(lidKnown, "halo", wt.Alt(budi))
		}, with(budiU, func(u *bot.Update) { u.Kind, u.Text = bot.KindText, "halo" })},
		{"LID sender known to the LID store", func(fc *wt.Client) *events.Message {
			fc.MapLID(lidMapped, siti)
			return wt.Text(lidMapped, "halo")
		}, with(base(sitiID, siti), func(u *bot.Update) { u.Kind, u.Text = bot.KindText, "halo" })},
		{"LID sender without a known number", func(*wt.Client) *events.Message { return wt.Text(lidUnknown, "halo") },
			with(base("777888999@lid", ""), func(u *bot.Update) { u.Kind, u.Text = bot.KindText, "halo" })},
		{"LID sender sharing a card cannot prove it", func(*wt.Client) *events.Message {
			return wt.ContactCard(lidUnknown, "Budi", budiPhone)
		}, with(base("777888999@lid", ""), func(u *bot.Update) {
			u.Kind, u.Contact = bot.KindContact, &bot.Contact{Phone: budiPhone, FirstName: "Budi"}
		})},
		{"audio", func(*wt.Client) *events.Message {
			return wt.Message(budi, &waE2E.Message{AudioMessage: &waE2E.AudioMessage{Seconds: proto.Uint32(3)}})
		}, with(budiU, func(u *bot.Update) { u.Kind = bot.KindOther })},
		{"group message", func(*wt.Client) *events.Message { return wt.Text(budi, "halo", wt.InGroup(wt.Group("1203630"))) }, nil},
		{"status broadcast", func(*wt.Client) *events.Message { return wt.Text(budi, "story", wt.InChat(types.StatusBroadcastJID)) }, nil},
		{"broadcast list", func(*wt.Client) *events.Message {
			return wt.Text(budi, "promo", wt.InChat(types.NewJID("123", types.BroadcastServer)))
		}, nil},
		{"sent from the bot's own phone", func(*wt.Client) *events.Message { return wt.Text(budi, "catatan", wt.FromMe()) }, nil},
		{"from the bot's own number", func(*wt.Client) *events.Message { return wt.Text(wt.Phone(botPhone), "halo") }, nil},
		{"edit", func(*wt.Client) *events.Message { return wt.Text(budi, "ralat", wt.Edited()) }, nil},
		{"reaction", func(*wt.Client) *events.Message { return wt.Reaction(budi, "BOT1", "👍") }, nil},
		{"protocol message", func(*wt.Client) *events.Message {
			return wt.Message(budi, &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{}})
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := start(t, nil)
			msg := tc.msg(r.fc)
			r.fc.Receive(msg, wt.Text(budi, "sentinel", wt.ID("SENTINEL")))
			got := r.in.waitN(t, 1)[0]
			if tc.want == nil {
				if got.ID != "SENTINEL" {
					t.Fatalf("ignored message made an update: %+v", got)
				}
				return
			}
			if got.ID != msg.Info.ID || !got.At.Equal(msg.Info.Timestamp.UTC()) {
				t.Errorf("id, at = %s, %v; want %s, %v", got.ID, got.At, msg.Info.ID, msg.Info.Timestamp)
			}
			want := *tc.want
			want.ID, want.At = got.ID, got.At
			if got.Media != nil {
				checkFileID(t, r.a, got.Media.FileID, photo)
				got.Media.FileID = ""
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("update\n got %+v\nwant %+v", got, want)
			}
			if next := r.in.waitN(t, 2)[1]; next.ID != "SENTINEL" {
				t.Errorf("after the message came %+v, want the sentinel", next)
			}
		})
	}
}

// checkFileID downloads a received photo by its file id, whole and over a
// limit.
func checkFileID(t *testing.T, a *whatsapp.Adapter, fileID string, want []byte) {
	t.Helper()
	if !strings.HasPrefix(fileID, "wa1:i:") || len(fileID) > 600 {
		t.Errorf("file id %q: want wa1:i:… of a few hundred bytes", fileID)
	}
	got, err := a.Download(t.Context(), fileID, 10<<20)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("Download = %d bytes, %v; want the %d bytes sent", len(got), err, len(want))
	}
	if _, err := a.Download(t.Context(), fileID, int64(len(want)-1)); !errors.Is(err, bot.ErrFileTooLarge) {
		t.Errorf("Download over the limit: %v, want ErrFileTooLarge", err)
	}
	if _, err := a.Download(t.Context(), "AgACAgIAAxkBAAIB", 10<<20); !errors.Is(err, whatsapp.ErrBadFileID) {
		t.Errorf("Download of a Telegram file id: %v, want ErrBadFileID", err)
	}
}

// TestIncomingRecordsWriter checks that a person who writes may be answered
// afterwards, and one who never wrote may not.
func TestIncomingRecordsWriter(t *testing.T) {
	r := start(t, nil)
	ctx := t.Context()
	if _, err := r.a.Send(ctx, bot.Reply{Chat: chat(budiID), Text: "halo"}); !errors.Is(err, whatsapp.ErrNotContacted) || !errors.Is(err, bot.ErrBlocked) {
		t.Fatalf("send before the person wrote: %v, want ErrNotContacted matching bot.ErrBlocked", err)
	}
	r.fc.Receive(wt.Text(budi, "halo"))
	r.in.waitN(t, 1)
	if _, err := r.a.Send(ctx, bot.Reply{Chat: chat(budiID), Text: "halo juga"}); err != nil {
		t.Fatalf("send after the person wrote: %v", err)
	}
}

func chat(id string) bot.ChatKey { return bot.ChatKey{Platform: bot.WhatsApp, ChatID: id} }
