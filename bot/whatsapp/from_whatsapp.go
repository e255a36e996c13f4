package whatsapp

import (
	"math"
	"strings"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"github.com/kinerjabot/kinerjabot/bot"
)

// This file holds the pure conversions from whatsmeow messages to neutral
// updates: screen decides whether a message is for the bot at all,
// fromMessage maps one that is. Neither does I/O.

// ownIDs are the bot's own account ids (non-AD), to drop its own messages.
type ownIDs struct{ pn, lid types.JID }

// screen says why a message is not for the bot ("" when it is): group
// chats, status and broadcast lists, newsletters, the bot's own messages,
// edits, and messages without any content the bot reads (reactions,
// protocol messages…). Old messages are for the bot (see offline.go).
func screen(evt *events.Message, own ownIDs) string {
	info := evt.Info
	switch {
	case info.IsGroup || info.Chat.Server == types.GroupServer:
		return "group chat"
	case info.Chat.Server == types.BroadcastServer || info.Chat == types.StatusBroadcastJID:
		return "status or broadcast list"
	case info.Chat.Server != types.DefaultUserServer && info.Chat.Server != types.HiddenUserServer:
		return "not a person's chat: " + info.Chat.Server
	case info.IsFromMe || isOwn(info.Sender, own):
		return "sent by the bot's own account"
	case info.Sender.IsBot():
		return "sent by a WhatsApp bot"
	case evt.IsEdit:
		return "edited message"
	}
	if _, ok := contentKind(evt.Message); !ok {
		return "no content the bot reads"
	}
	return ""
}

func isOwn(sender types.JID, own ownIDs) bool {
	s := sender.ToNonAD()
	return !s.IsEmpty() && (s == own.pn || s == own.lid)
}

// contentKind says what kind of update a message makes, and false for
// messages that carry nothing for the bot.
func contentKind(m *waE2E.Message) (bot.Kind, bool) {
	switch {
	case m == nil:
		return "", false
	case m.GetConversation() != "", m.GetExtendedTextMessage().GetText() != "":
		return bot.KindText, true
	case m.GetImageMessage() != nil:
		return bot.KindPhoto, true
	case m.GetDocumentMessage() != nil:
		return bot.KindDocument, true
	case m.GetLocationMessage() != nil, m.GetLiveLocationMessage() != nil:
		if loc := location(m); !validPoint(loc.Latitude, loc.Longitude) {
			return bot.KindOther, true // NaN, ±Inf or off the globe: no place
		}
		return bot.KindLocation, true
	case m.GetContactMessage() != nil, len(m.GetContactsArrayMessage().GetContacts()) > 0:
		return bot.KindContact, true
	case m.GetAudioMessage() != nil, m.GetVideoMessage() != nil, m.GetStickerMessage() != nil, m.GetPtvMessage() != nil:
		return bot.KindOther, true
	}
	return "", false
}

// sender is who wrote, as the adapter names them. JID is the chat replies
// go to; ChatID (also the user id) its string: the phone-number JID
// ("62812…@s.whatsapp.net") when the number is known, else the LID
// ("…@lid"). Phone is the number in E.164 ("+62812…"), empty when unknown.
type sender struct {
	JID    types.JID
	ChatID string
	Phone  string
}

// senderFrom names the sender of a message given the phone-number JID found
// for them (pn, empty when unknown). The LID is used only when the number is
// not known, so a person keeps one id as long as WhatsApp tells the number.
func senderFrom(info types.MessageInfo, pn types.JID) sender {
	jid := info.Sender.ToNonAD()
	if jid.IsEmpty() {
		jid = info.Chat.ToNonAD()
	}
	if jid.Server == types.DefaultUserServer {
		pn = jid
	}
	if !pn.IsEmpty() {
		pn = pn.ToNonAD()
		return sender{JID: pn, ChatID: pn.String(), Phone: "+" + pn.User}
	}
	return sender{JID: jid, ChatID: jid.String()}
}

// knownPN is the sender's phone-number JID when the message itself tells it
// (a phone-number sender, or a LID sender with its number alongside).
func knownPN(info types.MessageInfo) types.JID {
	for _, j := range []types.JID{info.Sender, info.SenderAlt, info.Chat} {
		if j.Server == types.DefaultUserServer && j.User != "" {
			return j.ToNonAD()
		}
	}
	return types.EmptyJID
}

// fromMessage maps a screened message from s to a neutral update. quoted is
// the id of the message it replies to (swipe-to-reply), if any.
func fromMessage(evt *events.Message, s sender) (u bot.Update, quoted string) {
	u = bot.Update{
		ID: evt.Info.ID, Platform: bot.WhatsApp, ChatID: s.ChatID, UserID: s.ChatID,
		UserName: evt.Info.PushName, Phone: s.Phone, At: evt.Info.Timestamp.UTC(),
	}
	m := evt.Message
	key := msgKey{Chat: evt.Info.Chat, Sender: evt.Info.Sender, ID: evt.Info.ID}
	switch kind, _ := contentKind(m); kind {
	case bot.KindText:
		text := m.GetConversation()
		if text == "" {
			text = m.GetExtendedTextMessage().GetText()
			quoted = m.GetExtendedTextMessage().GetContextInfo().GetStanzaID()
		}
		setText(&u, text)
		u.Quoted = quotedText(m.GetExtendedTextMessage().GetContextInfo())
	case bot.KindPhoto:
		img := m.GetImageMessage()
		u.Kind, u.Text, u.Media = bot.KindPhoto, img.GetCaption(), imageMedia(img, key)
	case bot.KindDocument:
		doc := m.GetDocumentMessage()
		u.Kind, u.Text, u.Media = bot.KindDocument, doc.GetCaption(), documentMedia(doc, key)
	case bot.KindLocation:
		u.Kind, u.Location = bot.KindLocation, location(m)
	case bot.KindContact:
		u.Kind, u.Contact = bot.KindContact, contact(m, s)
	default:
		u.Kind = bot.KindOther
	}
	return u, quoted
}

// quotedText is the text or caption of the message a swipe-reply quotes,
// as the reply carries it ("" for none). It may be the person's own
// message: the flows read it as a hint only (an approval prompt's report
// number), never as authority.
func quotedText(ci *waE2E.ContextInfo) string {
	q := ci.GetQuotedMessage()
	switch {
	case q.GetConversation() != "":
		return q.GetConversation()
	case q.GetExtendedTextMessage().GetText() != "":
		return q.GetExtendedTextMessage().GetText()
	}
	return q.GetImageMessage().GetCaption()
}

// setText makes u a text update, or a command one when text is "/cmd …".
// WhatsApp has no bot usernames, so "/cmd@name" stays text.
func setText(u *bot.Update, text string) {
	u.Kind, u.Text = bot.KindText, text
	if cmd, target, args, ok := bot.ParseCommand(strings.TrimSpace(text)); ok && target == "" {
		u.Kind, u.Command, u.Args = bot.KindCommand, cmd, args
	}
}

// validPoint reports whether the degrees are a place on Earth (a modified
// client can send NaN or ±Inf, which no update can carry).
func validPoint(lat, lon float64) bool {
	return !math.IsNaN(lat) && !math.IsNaN(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180
}

func location(m *waE2E.Message) *bot.Location {
	if l := m.GetLocationMessage(); l != nil {
		return &bot.Location{Latitude: l.GetDegreesLatitude(), Longitude: l.GetDegreesLongitude()}
	}
	l := m.GetLiveLocationMessage()
	return &bot.Location{Latitude: l.GetDegreesLatitude(), Longitude: l.GetDegreesLongitude()}
}

// contact maps a shared contact card (the first, when several are shared).
// UserID is the sender's own id only when the card's number is the number
// WhatsApp vouches for as the sender's: a card proves nothing by itself.
func contact(m *waE2E.Message, s sender) *bot.Contact {
	cm := m.GetContactMessage()
	if cm == nil {
		cm = m.GetContactsArrayMessage().GetContacts()[0]
	}
	card := parseVCard(cm.GetVcard())
	out := &bot.Contact{Phone: card.Phone, FirstName: cm.GetDisplayName()}
	if out.FirstName == "" {
		out.FirstName = card.Name
	}
	if samePhone(card.Phone, s.Phone) {
		out.UserID = s.ChatID
	}
	return out
}
