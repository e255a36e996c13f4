package whatsappcloud

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

// This file holds the pure conversions from the webhook's messages to
// neutral updates. Nothing here does I/O.

// jidServer is the server part of a person's chat id, the same as the
// whatsmeow adapter's, so that both transports name a person alike.
const jidServer = "@s.whatsapp.net"

// ChatID is the chat id of the person with WhatsApp id waID ("62812…").
func ChatID(waID string) string { return waID + jidServer }

// waID is the WhatsApp id (the number, digits only) of a chat id.
func waID(chatID string) (string, bool) {
	id, ok := strings.CutSuffix(chatID, jidServer)
	if !ok || id == "" || strings.Trim(id, "0123456789") != "" {
		return "", false
	}
	return id, true
}

// fromValue maps the messages of one change to updates, in order. A
// message the bot does not read (a reaction, a sticker, a message from a
// group or with no sender) is left out, with the reason in skipped.
func fromValue(v Value, now time.Time) (out []bot.Update, skipped []string) {
	names := map[string]string{}
	for _, c := range v.Contacts {
		names[c.WaID] = c.Profile.Name
	}
	for _, m := range v.Messages {
		u, skip := fromMessage(m, names[m.From], now)
		if skip != "" {
			skipped = append(skipped, m.Type+": "+skip)
			continue
		}
		out = append(out, u)
	}
	return out, skipped
}

// fromMessage maps one message. The sender is From: the number WhatsApp
// vouches for (wa_id), which is also the person's chat.
func fromMessage(m Message, name string, now time.Time) (bot.Update, string) {
	if m.ID == "" {
		return bot.Update{}, "no message id"
	}
	if _, ok := waID(ChatID(m.From)); !ok {
		return bot.Update{}, "sender is not a phone number"
	}
	chat := ChatID(m.From)
	u := bot.Update{ID: m.ID, Platform: bot.WhatsApp, ChatID: chat, UserID: chat, UserName: name,
		Phone: "+" + m.From, At: at(m.Timestamp, now)}
	if skip := content(&u, m); skip != "" {
		return bot.Update{}, skip
	}
	return u, ""
}

// content fills u with what m carries, or says why the bot does not read it.
func content(u *bot.Update, m Message) string {
	switch {
	case m.Type == "text" && m.Text != nil && m.Text.Body != "":
		setText(u, m.Text.Body)
	case m.Type == "interactive" && m.Interactive != nil:
		return pressed(u, m, pick(m.Interactive))
	case m.Type == "button" && m.Button != nil:
		return pressed(u, m, &Reply{ID: m.Button.Payload, Title: m.Button.Text})
	case m.Type == "image" && m.Image != nil && m.Image.ID != "":
		u.Kind, u.Text = bot.KindPhoto, m.Image.Caption
		u.Media = &bot.Media{FileID: m.Image.ID, MIME: m.Image.MIMEType}
	case m.Type == "document" && m.Document != nil && m.Document.ID != "":
		u.Kind, u.Text = bot.KindDocument, m.Document.Caption
		u.Media = &bot.Media{FileID: m.Document.ID, MIME: m.Document.MIMEType, FileName: m.Document.Filename}
	case m.Type == "location" && m.Location != nil:
		if !validPoint(m.Location.Latitude, m.Location.Longitude) {
			u.Kind = bot.KindOther
			return ""
		}
		u.Kind, u.Location = bot.KindLocation, &bot.Location{Latitude: m.Location.Latitude, Longitude: m.Location.Longitude}
	case m.Type == "audio", m.Type == "video", m.Type == "sticker", m.Type == "contacts":
		u.Kind = bot.KindOther
	default:
		return "no content the bot reads"
	}
	return ""
}

func pick(in *Interactive) *Reply {
	switch in.Type {
	case "button_reply":
		return in.ButtonReply
	case "list_reply":
		return in.ListReply
	}
	return nil
}

// pressed maps a press of a button the bot sent (see choiceID) to what the
// button stands for.
func pressed(u *bot.Update, m Message, r *Reply) string {
	if r == nil || r.ID == "" {
		return "interactive reply without id"
	}
	c, ok := parseChoiceID(r.ID)
	if !ok {
		setText(u, r.Title) // a button the bot did not make: its title, as typed
		return ""
	}
	switch c.kind {
	case choiceCallback:
		u.Kind = bot.KindCallback
		u.Callback = &bot.Callback{ID: bot.ChatCallbackID(u.ChatID, u.ID), Data: c.value}
		if m.Context != nil {
			u.Callback.MessageID = m.Context.ID
		}
	case choiceText:
		setText(u, c.value)
	case choiceContact:
		u.Kind = bot.KindContact
		u.Contact = &bot.Contact{Phone: u.Phone, FirstName: u.UserName, UserID: u.UserID}
	}
	return ""
}

func setText(u *bot.Update, text string) {
	u.Kind, u.Text = bot.KindText, text
	if cmd, target, args, ok := bot.ParseCommand(strings.TrimSpace(text)); ok && target == "" {
		u.Kind, u.Command, u.Args = bot.KindCommand, cmd, args
	}
}

// at reads a webhook timestamp (Unix seconds), now when it is unreadable
// or out of the range an update can carry.
func at(ts string, now time.Time) time.Time {
	s, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || s <= 0 || s > 253402300799 { // 9999-12-31
		return now.UTC()
	}
	return time.Unix(s, 0).UTC()
}

func validPoint(lat, lon float64) bool {
	return !math.IsNaN(lat) && !math.IsNaN(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180
}
