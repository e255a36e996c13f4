package whatsapp

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/gif"  // photo sizes
	_ "image/jpeg" // photo sizes
	_ "image/png"  // photo sizes
	"net/http"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"google.golang.org/protobuf/proto"

	"github.com/kinerjabot/kinerjabot/bot"
)

// maxPhotoUpload is the largest image WhatsApp takes as a photo.
const maxPhotoUpload = 16 << 20

// Bounds of the "is this number on WhatsApp" memory.
const (
	reachableTTL   = DefaultReachableTTL
	unreachableTTL = time.Hour
)

// Send delivers one reply: a text message, or a photo with the text as its
// caption, with any buttons or keyboard appended as numbered choices (which
// are remembered in Redis for the reply that picks one). A text over limits
// (4,096 characters, 1,024 for a caption) goes as several messages
// (bot.SendParts): split at line breaks, else at spaces, the photo first
// with as much as its caption takes, the choices offered under the last
// part, whose reference is returned. A part failing after others went out
// is a *bot.PartialError. An edit (r.Edit) becomes a follow-up message
// quoting the original, saying only what the edit adds (see followUp), and
// returns r.Edit; an edit that adds nothing sends nothing.
//
// Replies WhatsApp cannot carry fail with ErrInvalidReply before any call.
// A person who never wrote to the bot (ErrNotContacted) or whose number is
// not on WhatsApp (ErrNotOnWhatsApp) fails with an error matching
// bot.ErrBlocked; WhatsApp's rate-over-limit with a *bot.RateLimitedError;
// and any send while not connected with ErrUnavailable.
func (a *Adapter) Send(ctx context.Context, r bot.Reply) (bot.MessageRef, error) {
	if r.Edit != nil {
		return a.sendEdit(ctx, r)
	}
	to, err := chatJID(r.Chat)
	if err != nil {
		return bot.MessageRef{}, err
	}
	if r.Text == "" && r.Photo == nil && r.Document == nil {
		return bot.MessageRef{}, invalid("empty text")
	}
	if r.Photo != nil && r.Document != nil {
		return bot.MessageRef{}, invalid("a photo and a document in one reply")
	}
	cs, err := offerOf(r)
	if err != nil {
		return bot.MessageRef{}, err
	}
	if err := a.ready(ctx, r.Chat.ChatID, to); err != nil {
		return bot.MessageRef{}, err
	}
	lim := limits
	if (r.Photo != nil || r.Document != nil) && len(cs) > 0 { // the choices go under a caption that fits: within the limit too
		lim.Caption = max(lim.Caption-lim.Len(withOffer(a.lang, "", cs))-len("\n\n"), lim.Caption/4)
	}
	return bot.SendParts(ctx, r, lim, func(ctx context.Context, p bot.Reply) (bot.MessageRef, error) {
		return a.sendOne(ctx, to, p, r.Text)
	})
}

// sendOne sends one message of a reply whose whole text is full, checked
// by Send. The choices it offers are remembered with the whole text, for a
// later edit of the reply.
func (a *Adapter) sendOne(ctx context.Context, to types.JID, r bot.Reply, full string) (bot.MessageRef, error) {
	cs, _ := offerOf(r) // checked
	text := withOffer(a.lang, r.Text, cs)
	if r.Photo != nil || r.Document != nil {
		a.typing(ctx, to) // seen while the file uploads
	}
	msg, err := a.message(ctx, r, text)
	if err != nil {
		return bot.MessageRef{}, err
	}
	id, err := a.deliverMessage(ctx, to, msg, r.Key)
	if err != nil {
		return bot.MessageRef{}, fmt.Errorf("whatsapp send chat=%s: %w", maskChat(r.Chat.ChatID), err)
	}
	o := offered{Text: r.Text, Choices: cs}
	if len(cs) > 0 || r.Track != "" {
		o.Text = full
	}
	a.remember(ctx, r.Chat.ChatID, id, o, r.Track != "")
	return bot.MessageRef{Chat: r.Chat, MessageID: id, Photo: r.Photo != nil || r.Document != nil}, nil
}

// remember records what a sent message offered. The message is out: a
// failure here is logged, not returned, so the caller does not send it
// again; a reply picking one of its choices then arrives as text.
func (a *Adapter) remember(ctx context.Context, chat, id string, o offered, keep bool) {
	if err := a.choices.sent(ctx, chat, id, o, keep); err != nil {
		a.log.Error("whatsapp choices not remembered; a numbered reply will arrive as text",
			"chat", maskChat(chat), "message_id", id, "err", safeErr(err))
	}
}

// ready checks that a message may go to chat now: the adapter is
// connected, the person wrote to the bot, and their number is on WhatsApp.
func (a *Adapter) ready(ctx context.Context, chat string, to types.JID) error {
	if st := a.Status(); st.State != StateConnected {
		return fmt.Errorf("%w: %v", ErrUnavailable, st.Err())
	}
	if a.opt.Chats != nil {
		ok, err := a.opt.Chats.HasWritten(ctx, chat)
		if err != nil {
			return err
		}
		if !ok {
			return blocked(ErrNotContacted, chat)
		}
	}
	return a.reachableCheck(ctx, chat, to)
}

// reachableCheck asks WhatsApp, at most once a day per number, whether a
// phone-number chat still has an account. A LID always has one. A failed
// lookup does not hold the message back.
func (a *Adapter) reachableCheck(ctx context.Context, chat string, to types.JID) error {
	if to.Server != types.DefaultUserServer {
		return nil
	}
	now := a.opt.Now()
	if v, ok := a.reachable.Load(chat); ok {
		r := v.(reach)
		if now.Before(r.until) {
			if !r.on {
				return blocked(ErrNotOnWhatsApp, chat)
			}
			return nil
		}
	}
	res, err := a.cli.IsOnWhatsApp(ctx, []string{"+" + to.User})
	if err != nil {
		a.log.Debug("whatsapp number lookup failed; sending anyway", "chat", maskChat(chat), "err", safeErr(err))
		return nil
	}
	on := len(res) > 0 && res[0].IsIn
	ttl := reachableTTL
	if !on {
		ttl = unreachableTTL
	}
	a.reachable.Store(chat, reach{on: on, until: now.Add(ttl)})
	if !on {
		return blocked(ErrNotOnWhatsApp, chat)
	}
	return nil
}

type reach struct {
	on    bool
	until time.Time
}

// deliverMessage sends one message, under the id its key gives (ids.go).
func (a *Adapter) deliverMessage(ctx context.Context, to types.JID, msg *waE2E.Message, key string) (string, error) {
	resp, err := a.cli.SendMessage(ctx, to, msg, a.messageID(key))
	if err != nil {
		return "", classify(err)
	}
	return resp.ID, nil
}

// message builds a text message, or a photo or document message with text
// as caption.
func (a *Adapter) message(ctx context.Context, r bot.Reply, text string) (*waE2E.Message, error) {
	if r.Document != nil {
		return a.documentMessage(ctx, r.Document, text)
	}
	p := r.Photo
	if p == nil {
		return textMessage(text, nil), nil
	}
	img, err := a.image(ctx, p)
	if err != nil {
		return nil, err
	}
	img.Caption = proto.String(text)
	return &waE2E.Message{ImageMessage: img}, nil
}

// image is the photo of a reply: the one a WhatsApp file id names (sent
// again without uploading), else Data uploaded.
func (a *Adapter) image(ctx context.Context, p *bot.Photo) (*waE2E.ImageMessage, error) {
	if p.Platform == bot.WhatsApp && p.FileID != "" {
		if img, ok := imageFromFileID(p.FileID); ok {
			return img, nil
		}
	}
	switch {
	case len(p.Data) > maxPhotoUpload:
		return nil, invalid("photo of %d bytes, over %d", len(p.Data), maxPhotoUpload)
	case len(p.Data) == 0:
		return nil, invalid("photo with neither a whatsapp file id nor data")
	}
	up, err := a.cli.Upload(ctx, p.Data, whatsmeow.MediaImage)
	if err != nil {
		return nil, fmt.Errorf("whatsapp upload photo: %w", classify(err))
	}
	img := &waE2E.ImageMessage{
		URL: proto.String(up.URL), DirectPath: proto.String(up.DirectPath), MediaKey: up.MediaKey,
		FileEncSHA256: up.FileEncSHA256, FileSHA256: up.FileSHA256, FileLength: proto.Uint64(up.FileLength),
		Mimetype: proto.String(photoMIME(p)),
	}
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(p.Data)); err == nil {
		img.Width, img.Height = proto.Uint32(uint32(cfg.Width)), proto.Uint32(uint32(cfg.Height))
	}
	return img, nil
}

func photoMIME(p *bot.Photo) string {
	if p.MIME != "" {
		return p.MIME
	}
	return http.DetectContentType(p.Data)
}

// sendEdit turns an edit into a follow-up quoting the original message.
func (a *Adapter) sendEdit(ctx context.Context, r bot.Reply) (bot.MessageRef, error) {
	ref := *r.Edit
	switch {
	case r.Chat != (bot.ChatKey{}) && r.Chat != ref.Chat:
		return bot.MessageRef{}, invalid("edit of a message of chat %s sent to another chat", maskChat(ref.Chat.ChatID))
	case r.Photo != nil || r.Document != nil:
		return bot.MessageRef{}, invalid("an edit cannot change the photo or document")
	case len(r.Keyboard) > 0 || r.RemoveKeyboard:
		return bot.MessageRef{}, invalid("an edit carries inline buttons only")
	}
	to, err := chatJID(ref.Chat)
	if err != nil {
		return bot.MessageRef{}, err
	}
	cs, err := buttonChoices(r.Buttons)
	if err != nil {
		return bot.MessageRef{}, err
	}
	chat := ref.Chat.ChatID
	prev, _, err := a.choices.get(ctx, chat, ref.MessageID)
	if err != nil {
		return bot.MessageRef{}, err
	}
	add := bot.FollowUp(prev.Text, r.Text)
	if add == "" && len(cs) == 0 {
		return ref, a.choices.settle(ctx, chat, ref.MessageID, r.Text)
	}
	if err := a.ready(ctx, chat, to); err != nil {
		return bot.MessageRef{}, err
	}
	own, _ := a.cli.OwnID()
	text := withOffer(a.lang, add, cs)
	id, err := a.deliverMessage(ctx, to, textMessage(text, &quote{ID: ref.MessageID, Sender: own, Text: prev.Text}), r.Key)
	if err != nil {
		return bot.MessageRef{}, fmt.Errorf("whatsapp edit follow-up chat=%s: %w", maskChat(chat), err)
	}
	if err := a.choices.settle(ctx, chat, ref.MessageID, r.Text); err != nil {
		a.log.Error("whatsapp edited message not settled; its old choices stay open", "chat", maskChat(chat), "err", safeErr(err))
	}
	a.remember(ctx, chat, id, offered{Text: add, Choices: cs}, false)
	return ref, nil
}

// AnswerCallback answers a numbered-choice press: with text, that text
// goes to the chat as a message (WhatsApp has no toasts); without, nothing
// is sent. The chat's open choices stay open.
func (a *Adapter) AnswerCallback(ctx context.Context, callbackID, text string) error {
	if text == "" {
		return nil
	}
	chat, ok := bot.CallbackChat(callbackID)
	if !ok {
		return invalid("callback id %q is not a whatsapp one", callbackID)
	}
	to, err := chatJID(bot.ChatKey{Platform: bot.WhatsApp, ChatID: chat})
	if err != nil {
		return err
	}
	if err := a.ready(ctx, chat, to); err != nil {
		return err
	}
	if _, err := a.deliverMessage(ctx, to, textMessage(text, nil), "callback/"+callbackID+"/"+text); err != nil {
		return fmt.Errorf("whatsapp callback answer chat=%s: %w", maskChat(chat), err)
	}
	return nil
}

// sendHint tells a person how to do what the choice they picked asks
// (share a location or their number); the chat's open choices stay open.
func (a *Adapter) sendHint(ctx context.Context, s sender, hint string) error {
	if err := a.ready(ctx, s.ChatID, s.JID); err != nil {
		return err
	}
	_, err := a.deliverMessage(ctx, s.JID, textMessage(hint, nil), "")
	return err
}
