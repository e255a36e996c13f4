package whatsapp

import (
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/ident"
)

// fuzzVCard is the card WhatsApp makes for a number (whatsapptest.VCard,
// which this package's tests cannot import).
func fuzzVCard(name, phone string) string {
	d := digits(phone)
	return "BEGIN:VCARD\nVERSION:3.0\nN:;" + name + ";;;\nFN:" + name +
		"\nTEL;type=CELL;type=VOICE;waid=" + d + ":+" + d + "\nEND:VCARD"
}

// FuzzParseVCard checks the reading of a shared contact card and the
// number comparison that decides whether the card proves the sender's own
// number (registration):
//
//   - the name and number read are single trimmed lines; a number read
//     from waid is "+" and digits;
//
//   - a card rebuilt from what was read reads the same;
//
//   - samePhone is symmetric, never matches a number without digits, and
//     matches a number with itself;
//
//   - the card makes a contact whose UserID is the sender's only when the
//     sender's number is known and is the card's number (same E.164, or
//     the same digits).
//
//     go test -run '^$' -fuzz '^FuzzParseVCard$' -fuzztime 60s ./bot/whatsapp/
func FuzzParseVCard(f *testing.F) {
	for _, tc := range []struct{ vcard, sender string }{
		// TestParseVCard and TestSamePhone.
		{"BEGIN:VCARD\nVERSION:3.0\nFN:Budi\nTEL;type=CELL;type=VOICE;waid=6281234567890:+62 812-3456-7890\nEND:VCARD", "+6281234567890"},
		{"BEGIN:VCARD\r\nFN:Siti\r\nTEL;TYPE=cell:0857-1234-5678\r\nEND:VCARD", "+6285712345678"},
		{"BEGIN:VCARD\nFN:Ani\nTEL;TYPE=CELL;WAID=62\n 81299998888:+62 812\nEND:VCARD", "+6281299998888"},
		{"FN:X\nTEL;waid=6281111111111:+1\nTEL;waid=6282222222222:+2", "+6282222222222"},
		{"", ""},
		{"TEL:1 (415) 555-0123", "+14155550123"},
		{"TEL;waid=x:+", "+"},
		{fuzzVCard("Budi", "+6281234567890"), "+6281234567891"},
		{"FN:\t\n TEL:0812\r", "0812"},
		{"BEGIN:VCARD\nVERSION:3.0\nFN:Budi\nitem1.TEL;waid=6281234567890:+62 812-3456-7890\nitem1.X-ABLabel:Ponsel\nEND:VCARD", "+6281234567890"},
		{"item1.FN:X\nitem2.tel:0812\n.TEL:1\nitem3.:2", "0812"},
	} {
		f.Add(tc.vcard, tc.sender)
	}
	f.Fuzz(func(t *testing.T, vcard, senderPhone string) {
		c := parseVCard(vcard)
		for _, s := range []string{c.Name, c.Phone} {
			if strings.Contains(s, "\n") || s != strings.TrimSpace(s) {
				t.Fatalf("parseVCard(%q) = %+v: not a trimmed line", vcard, c)
			}
		}
		if again := parseVCard("BEGIN:VCARD\nFN:" + c.Name + "\nTEL:" + c.Phone + "\nEND:VCARD"); again != c {
			t.Fatalf("parseVCard(%q) = %+v, but the card rebuilt from it reads %+v", vcard, c, again)
		}
		checkSamePhone(t, c.Phone, senderPhone)

		s := sender{JID: types.NewJID("6281234567890", types.DefaultUserServer), ChatID: "6281234567890@s.whatsapp.net", Phone: senderPhone}
		if senderPhone == "" {
			s = sender{JID: types.NewJID("777888999", types.HiddenUserServer), ChatID: "777888999@lid"}
		}
		m := &waE2E.Message{ContactMessage: &waE2E.ContactMessage{Vcard: proto.String(vcard)}}
		got := contact(m, s)
		if got.Phone != c.Phone || got.FirstName != c.Name {
			t.Fatalf("contact from %q = %+v, card %+v", vcard, got, c)
		}
		if got.UserID == "" {
			return
		}
		if got.UserID != s.ChatID || s.Phone == "" || !sameNumber(got.Phone, s.Phone) {
			t.Fatalf("card %q (number %q) proves sender %+v", vcard, got.Phone, s)
		}
	})
}

// checkSamePhone checks samePhone's laws on a and b.
func checkSamePhone(t *testing.T, a, b string) {
	t.Helper()
	same := samePhone(a, b)
	if same != samePhone(b, a) {
		t.Fatalf("samePhone(%q, %q) = %v but not the other way", a, b, same)
	}
	if same && (digits(a) == "" || digits(b) == "") {
		t.Fatalf("samePhone(%q, %q) matches a number without digits", a, b)
	}
	if same && !sameNumber(a, b) {
		t.Fatalf("samePhone(%q, %q): not the same number", a, b)
	}
	for _, s := range []string{a, b} {
		if digits(s) != "" && !samePhone(s, s) {
			t.Fatalf("samePhone(%q, itself) = false", s)
		}
	}
}

// sameNumber is the meaning of samePhone: both Indonesian mobile numbers
// with the same E.164 form, or (when either is not one) the same digits.
func sameNumber(a, b string) bool {
	na, errA := ident.NormalizePhone(a)
	nb, errB := ident.NormalizePhone(b)
	if errA == nil && errB == nil {
		return na == nb
	}
	return digits(a) != "" && digits(a) == digits(b)
}

// FuzzPickChoice checks how a typed reply picks one of the numbered
// choices offered under a message:
//
//   - a pick is one of the choices offered;
//
//   - a reply that normalises to nothing picks nothing;
//
//   - a number picks the choice with that number, and only 1..n pick;
//
//   - otherwise the pick is the first choice whose label normalises to the
//     same text, and typing a choice's label picks a choice so labelled;
//
//   - normalize gives single spaces between words, none around.
//
//     go test -run '^$' -fuzz '^FuzzPickChoice$' -fuzztime 60s ./bot/whatsapp/
func FuzzPickChoice(f *testing.F) {
	// TestPick.
	for _, typed := range []string{"1", " 2 ", "3.", "setujui", "TOLAK!", "lewati   LOKASI", "0", "4", "ya", "", "👍", "1 2", "+1", "-2", "٣", "Ⅻ"} {
		f.Add(typed, "✅ Setujui", "❌ Tolak", "Lewati lokasi")
	}
	f.Add("2", "Ya", "ya!", "2")
	f.Add("ǅ", "ǆ", "Ǆ", "")
	f.Fuzz(func(t *testing.T, typed, l1, l2, l3 string) {
		cs := []choice{{Label: l1, Data: "1", Kind: choiceCallback}, {Label: l2, Data: "2", Kind: choiceText}, {Label: l3, Data: "3", Kind: choiceContact}}
		n := normalize(typed)
		if n != strings.TrimSpace(n) || strings.Contains(n, "  ") {
			t.Fatalf("normalize(%q) = %q", typed, n)
		}
		c, ok := pick(cs, typed)
		if !ok {
			if c != (choice{}) {
				t.Fatalf("pick(%q) refused but returned %+v", typed, c)
			}
		} else if !slicesContains(cs, c) {
			t.Fatalf("pick(%q) = %+v, not offered", typed, c)
		}
		if n == "" && ok {
			t.Fatalf("pick(%q) picked %+v from nothing", typed, c)
		}
		if num, err := strconv.Atoi(n); n != "" && err == nil {
			if want := num >= 1 && num <= len(cs); ok != want || ok && c != cs[num-1] {
				t.Fatalf("pick(%q) = %+v, %v for number %d", typed, c, ok, num)
			}
		} else if ok {
			if normalize(c.Label) != n {
				t.Fatalf("pick(%q) = %+v: label does not match", typed, c)
			}
			for _, o := range cs {
				if o == c {
					break
				}
				if normalize(o.Label) == n {
					t.Fatalf("pick(%q) = %+v, but %+v comes first", typed, c, o)
				}
			}
		}
		for _, o := range cs {
			ln := normalize(o.Label)
			if _, err := strconv.Atoi(ln); ln == "" || err == nil {
				continue
			}
			if p, ok := pick(cs, o.Label); !ok || normalize(p.Label) != ln {
				t.Fatalf("typing label %q picks %+v, %v", o.Label, p, ok)
			}
		}
	})
}

func slicesContains(cs []choice, c choice) bool {
	for _, o := range cs {
		if o == c {
			return true
		}
	}
	return false
}

// fuzzMessages are the seeds of FuzzFromWhatsApp: one message of each kind
// (the messages of TestIncoming).
func fuzzMessages() []*waE2E.Message {
	key := []byte("0123456789abcdef0123456789abcdef")
	return []*waE2E.Message{
		{Conversation: proto.String("halo")},
		{Conversation: proto.String("/Lapor kemarin")},
		{Conversation: proto.String("/lapor@x")},
		{ExtendedTextMessage: &waE2E.ExtendedTextMessage{Text: proto.String("2"),
			ContextInfo: &waE2E.ContextInfo{StanzaID: proto.String("3EB0BOT1")}}},
		{ImageMessage: &waE2E.ImageMessage{URL: proto.String("https://mmg.whatsapp.net/x"), DirectPath: proto.String("/v/t62/x"),
			MediaKey: key, FileSHA256: key, FileEncSHA256: key, FileLength: proto.Uint64(1234),
			Mimetype: proto.String("image/jpeg"), Width: proto.Uint32(544), Height: proto.Uint32(408), Caption: proto.String("rapat pagi")}},
		{ImageMessage: &waE2E.ImageMessage{Mimetype: proto.String("image/jpeg")}},
		{DocumentMessage: &waE2E.DocumentMessage{DirectPath: proto.String("/v/t62/d"), MediaKey: key,
			FileName: proto.String("notulen.pdf"), Mimetype: proto.String("application/pdf"), FileLength: proto.Uint64(2048)}},
		{LocationMessage: &waE2E.LocationMessage{DegreesLatitude: proto.Float64(-0.5022), DegreesLongitude: proto.Float64(117.1536)}},
		{LiveLocationMessage: &waE2E.LiveLocationMessage{DegreesLatitude: proto.Float64(-0.5), DegreesLongitude: proto.Float64(117)}},
		{ContactMessage: &waE2E.ContactMessage{DisplayName: proto.String("Budi"), Vcard: proto.String(fuzzVCard("Budi", "+6281234567890"))}},
		{ContactMessage: &waE2E.ContactMessage{DisplayName: proto.String("Siti"), Vcard: proto.String(fuzzVCard("Siti", "+6285712345678"))}},
		{ContactsArrayMessage: &waE2E.ContactsArrayMessage{Contacts: []*waE2E.ContactMessage{{Vcard: proto.String(fuzzVCard("A", "+6281234567890"))}, {}}}},
		{AudioMessage: &waE2E.AudioMessage{Seconds: proto.Uint32(3)}},
		{ReactionMessage: &waE2E.ReactionMessage{Text: proto.String("👍")}},
		{ProtocolMessage: &waE2E.ProtocolMessage{}},
	}
}

// FuzzFromWhatsApp decodes a WhatsApp message (the protobuf whatsmeow
// hands the adapter) from a person's chat and maps it as the adapter does
// (screen, senderFrom, fromMessage), checking that:
//
//   - a message screened in becomes an update of the kind contentKind
//     says, with the fields that kind promises, from the sender's chat;
//
//   - a text is a command exactly when ParseCommand accepts it without a
//     bot name;
//
//   - a photo or document gets a file id that decodes back to its media
//     when it has a path and a key, and is refused with ErrBadFileID when
//     it has not;
//
//   - a contact proves the sender's number only as FuzzParseVCard says;
//
//   - the update survives the JSON encoding the engine's inbox stores it
//     in (conversation.Engine.Accept), unchanged: an update that cannot be
//     encoded is refused by Accept, and the adapter's delivery loop, which
//     keeps order, retries it for ever, stalling every later message.
//
//     go test -run '^$' -fuzz '^FuzzFromWhatsApp$' -fuzztime 60s ./bot/whatsapp/
func FuzzFromWhatsApp(f *testing.F) {
	for i, m := range fuzzMessages() {
		raw, err := proto.Marshal(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw, uint8(i%3))
	}
	own := ownIDs{pn: types.NewJID("6281100000000", types.DefaultUserServer), lid: types.NewJID("100", types.HiddenUserServer)}
	at := time.Date(2025, 3, 10, 1, 2, 3, 0, time.UTC)
	f.Fuzz(func(t *testing.T, raw []byte, who uint8) {
		m := &waE2E.Message{}
		if err := proto.Unmarshal(raw, m); err != nil {
			return
		}
		info := types.MessageInfo{ID: "3EB0FUZZ", PushName: "Tester", Timestamp: at}
		switch who % 3 {
		case 0: // a phone-number sender
			info.Chat = types.NewJID("6281234567890", types.DefaultUserServer)
			info.Sender = info.Chat
		case 1: // a LID sender whose number comes alongside
			info.Chat = types.NewJID("111222333", types.HiddenUserServer)
			info.Sender, info.SenderAlt = info.Chat, types.NewJID("6285712345678", types.DefaultUserServer)
		default: // a LID sender with no known number
			info.Chat = types.NewJID("777888999", types.HiddenUserServer)
			info.Sender = info.Chat
		}
		evt := &events.Message{Info: info, Message: m}
		kind, readable := contentKind(m)
		if skip := screen(evt, own); skip != "" {
			if readable {
				t.Fatalf("readable %q message screened out: %s", kind, skip)
			}
			return
		}
		s := senderFrom(info, knownPN(info))
		u, quoted := fromMessage(evt, s)
		if u.Kind != kind && !(kind == bot.KindText && u.Kind == bot.KindCommand) || u.Platform != bot.WhatsApp || u.ID != info.ID || u.ChatID != s.ChatID || u.UserID != s.ChatID ||
			u.Phone != s.Phone || !u.At.Equal(at) || u.Callback != nil {
			t.Fatalf("update %+v (kind %q) from sender %+v", u, kind, s)
		}
		if quoted != "" && m.GetConversation() != "" {
			t.Fatalf("a plain conversation quotes %q", quoted)
		}
		checkWhatsAppUpdate(t, m, s, u)
		enc, err := json.Marshal(u)
		if err != nil {
			t.Fatalf("the engine cannot queue the update of %v: %v", m, err)
		}
		// Invalid UTF-8 in a text becomes U+FFFD on the way (harmless): the
		// decoded update must be stable and keep everything else.
		back, back2 := decodeQueued(t, enc), bot.Update{}
		if again, err := json.Marshal(back); err != nil {
			t.Fatalf("queued update %s does not encode again: %v", enc, err)
		} else {
			back2 = decodeQueued(t, again)
		}
		if !reflect.DeepEqual(back, back2) || back.Kind != u.Kind || back.ChatID != u.ChatID || back.Phone != u.Phone ||
			!back.At.Equal(u.At) || !reflect.DeepEqual(back.Location, u.Location) ||
			(back.Media == nil) != (u.Media == nil) || u.Media != nil && back.Media.FileID != u.Media.FileID ||
			(back.Contact == nil) != (u.Contact == nil) || u.Contact != nil && back.Contact.UserID != u.Contact.UserID {
			t.Fatalf("queued update changes:\n got %+v\nwant %+v", back, u)
		}
	})
}

func checkWhatsAppUpdate(t *testing.T, m *waE2E.Message, s sender, u bot.Update) {
	t.Helper()
	switch u.Kind {
	case bot.KindText, bot.KindCommand:
		text := m.GetConversation()
		if text == "" {
			text = m.GetExtendedTextMessage().GetText()
		}
		cmd, target, args, ok := bot.ParseCommand(strings.TrimSpace(text))
		isCmd := ok && target == ""
		if u.Text != text || (u.Kind == bot.KindCommand) != isCmd || isCmd && (u.Command != cmd || u.Args != args) {
			t.Fatalf("text %q made %q %q %q", text, u.Kind, u.Command, u.Args)
		}
	case bot.KindPhoto, bot.KindDocument:
		var path string
		var key []byte
		prefix := fileIDPrefix + fileIDImage
		if u.Kind == bot.KindPhoto {
			path, key = m.GetImageMessage().GetDirectPath(), m.GetImageMessage().GetMediaKey()
		} else {
			path, key, prefix = m.GetDocumentMessage().GetDirectPath(), m.GetDocumentMessage().GetMediaKey(), fileIDPrefix+fileIDDocument
		}
		if u.Media == nil || !strings.HasPrefix(u.Media.FileID, prefix) {
			t.Fatalf("%s media %+v", u.Kind, u.Media)
		}
		mf, err := decodeFileID(u.Media.FileID)
		switch {
		case path == "" || len(key) == 0:
			if !errors.Is(err, ErrBadFileID) {
				t.Fatalf("file id of media without path or key decodes: %v", err)
			}
		case err != nil:
			t.Fatalf("file id %q does not decode: %v", u.Media.FileID, err)
		case mf.GetDirectPath() != path || string(mf.GetMediaKey()) != string(key) || int64(mf.GetFileLength()) != u.Media.Size:
			t.Fatalf("file id %q decodes to another file", u.Media.FileID)
		}
	case bot.KindLocation:
		if u.Location == nil {
			t.Fatal("location without a point")
		}
	case bot.KindContact:
		if u.Contact == nil {
			t.Fatal("contact without a card")
		}
		if u.Contact.UserID != "" && (u.Contact.UserID != s.ChatID || s.Phone == "" || !sameNumber(u.Contact.Phone, s.Phone)) {
			t.Fatalf("contact %+v proves sender %+v", u.Contact, s)
		}
	case bot.KindOther:
		if u.Text != "" || u.Media != nil || u.Contact != nil || u.Location != nil {
			t.Fatalf("other update with content: %+v", u)
		}
	default:
		t.Fatalf("kind %q", u.Kind)
	}
}

func decodeQueued(t *testing.T, enc []byte) bot.Update {
	t.Helper()
	var u bot.Update
	if err := json.Unmarshal(enc, &u); err != nil {
		t.Fatalf("queued update %s does not decode: %v", enc, err)
	}
	return u
}
