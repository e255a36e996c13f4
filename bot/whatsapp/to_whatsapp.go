package whatsapp

import (
	"strings"
	"unicode"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"google.golang.org/protobuf/proto"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/i18n"
)

// This file holds the pure conversions from neutral replies to WhatsApp
// messages: buttons and keyboards become numbered choices, and the text
// gets the line that offers them.

// limits bound one message the adapter sends, in characters. WhatsApp
// takes texts of up to 65,536 characters; 4,096 keeps each part readable on
// a phone. The numbered choices are added under the last part, past the
// limit.
var limits = bot.Limits{Text: 4096, Caption: 1024}

// chatJID parses the WhatsApp chat of a neutral chat key: a person's
// phone-number JID or LID, without device.
func chatJID(k bot.ChatKey) (types.JID, error) {
	if k.Platform != bot.WhatsApp {
		return types.EmptyJID, invalid("chat %s is not a whatsapp chat", k.Platform)
	}
	j, err := types.ParseJID(k.ChatID)
	if err != nil || j.User == "" || (j.Server != types.DefaultUserServer && j.Server != types.HiddenUserServer) {
		return types.EmptyJID, invalid("chat id %q is not a person's whatsapp id", maskChat(k.ChatID))
	}
	return j.ToNonAD(), nil
}

// offerOf collects the choices a reply offers: its inline buttons, or its
// reply keyboard, in reading order. Like Telegram, a reply carries at most
// one of buttons, keyboard and keyboard removal.
func offerOf(r bot.Reply) ([]choice, error) {
	n := 0
	for _, b := range []bool{len(r.Buttons) > 0, len(r.Keyboard) > 0, r.RemoveKeyboard} {
		if b {
			n++
		}
	}
	if n > 1 {
		return nil, invalid("a reply carries at most one of buttons, keyboard and remove keyboard")
	}
	if len(r.Buttons) > 0 {
		return buttonChoices(r.Buttons)
	}
	return keyboardChoices(r.Keyboard)
}

func buttonChoices(rows [][]bot.Button) ([]choice, error) {
	var out []choice
	for _, row := range rows {
		for _, b := range row {
			if err := bot.CheckButton(b); err != nil {
				return nil, invalid("%v", err)
			}
			out = append(out, choice{Label: b.Label, Data: b.Data, Kind: choiceCallback})
		}
	}
	return out, nil
}

func keyboardChoices(rows [][]bot.KeyButton) ([]choice, error) {
	var out []choice
	for _, row := range rows {
		for _, b := range row {
			switch {
			case b.Label == "":
				return nil, invalid("keyboard button without label")
			case b.RequestContact && b.RequestLocation:
				return nil, invalid("keyboard button %q asks for both contact and location", b.Label)
			case b.RequestContact:
				out = append(out, choice{Label: b.Label, Kind: choiceContact})
			case b.RequestLocation:
				out = append(out, choice{Label: b.Label, Kind: choiceLocation})
			default:
				out = append(out, choice{Label: b.Label, Kind: choiceText})
			}
		}
	}
	return out, nil
}

// withOffer appends to text the line (or list) offering the choices, and
// how to share a location when one of them asks for it.
func withOffer(l i18n.Lang, text string, cs []choice) string {
	if len(cs) == 0 {
		return text
	}
	labels := make([]string, len(cs))
	location := false
	for i, ch := range cs {
		labels[i] = ch.Label
		location = location || ch.Kind == choiceLocation
	}
	out := strings.TrimRightFunc(text, unicode.IsSpace)
	if out != "" {
		out += "\n\n"
	}
	out += offer(l, labels)
	if location {
		out += "\n" + l.T(i18n.WALocationHint)
	}
	return out
}

// textMessage is a plain text message, quoting the message quoted (its id
// and text, sent by own) when quoted is set.
func textMessage(text string, q *quote) *waE2E.Message {
	if q == nil {
		return &waE2E.Message{Conversation: proto.String(text)}
	}
	return &waE2E.Message{ExtendedTextMessage: &waE2E.ExtendedTextMessage{
		Text: proto.String(text), ContextInfo: q.contextInfo(),
	}}
}

// quote is a message the bot sent, quoted by a follow-up.
type quote struct {
	ID     string
	Sender types.JID
	Text   string
}

func (q *quote) contextInfo() *waE2E.ContextInfo {
	ci := &waE2E.ContextInfo{StanzaID: proto.String(q.ID)}
	if !q.Sender.IsEmpty() {
		ci.Participant = proto.String(q.Sender.String())
	}
	if q.Text != "" {
		ci.QuotedMessage = &waE2E.Message{Conversation: proto.String(q.Text)}
	}
	return ci
}
