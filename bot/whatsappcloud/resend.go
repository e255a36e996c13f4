package whatsappcloud

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
)

// The adapter keeps the text of each free-form message it sent for a day:
//
//	{prefix}wacloud:sent:{message id}  JSON {to, text}, TTL sentTTL
//
// The API takes a free-form message to someone outside the 24-hour window
// and only later reports it failed (131047, in a status): the kept text
// then goes in the template, so the person still gets it. And an edit,
// which the API cannot make, is sent as a follow-up saying only what it
// adds to the kept text (a decision under an approval prompt).

// sentTTL is how long a sent message's text is kept.
const sentTTL = 24 * time.Hour

type sentText struct {
	To   string `json:"to"`
	Text string `json:"text"`
}

func (a *Adapter) sentKey(id string) string { return a.opt.Prefix + "wacloud:sent:" + id }

// keepSent remembers a free-form message's text; a failure only logs.
func (a *Adapter) keepSent(ctx context.Context, id string, m outMessage) {
	text := bodyOf(m)
	if text == "" || m.Type == "template" {
		return
	}
	raw, _ := json.Marshal(sentText{To: m.To, Text: text})
	if err := a.opt.Redis.Set(ctx, a.sentKey(id), raw, sentTTL).Err(); err != nil {
		a.log.Warn("whatsapp cloud: sent text not kept (for a late 131047 or an edit)", "err", err)
	}
}

// sentText is the text kept of a message the bot sent, "" when none is.
func (a *Adapter) sentText(ctx context.Context, id string) string {
	raw, err := a.opt.Redis.Get(ctx, a.sentKey(id)).Bytes()
	var s sentText
	if err != nil || json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s.Text
}

// resendAsTemplate sends a message reported failed with 131047 again, in
// the template. A message no longer kept (older than sentTTL, or already
// resent) is only logged.
func (a *Adapter) resendAsTemplate(ctx context.Context, id string) {
	raw, err := a.opt.Redis.GetDel(ctx, a.sentKey(id)).Bytes()
	if errors.Is(err, redis.Nil) {
		a.log.Warn("whatsapp cloud: message outside the 24-hour window is no longer kept; not resent", "message_id", id)
		return
	}
	var s sentText
	if err == nil {
		err = json.Unmarshal(raw, &s)
	}
	if err == nil {
		_, err = a.sendTemplate(ctx, bot.ChatKey{Platform: bot.WhatsApp, ChatID: ChatID(s.To)}, s.To, s.Text)
	}
	if err != nil {
		a.log.Warn("whatsapp cloud: message outside the 24-hour window not resent as the template", "message_id", id, "err", err)
	}
}
