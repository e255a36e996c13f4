package telegram

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"unicode/utf8"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/bot"
)

// maxCallbackAnswer is the longest text of a callback answer, in characters.
const maxCallbackAnswer = 200

// maxPhotoUpload is the largest photo sendPhoto takes as an upload.
const maxPhotoUpload = 10 << 20

// Send delivers one reply as plain text (no parse mode, so nothing in it needs
// escaping): a text message, a photo with the text as its caption, or, when
// r.Edit is set, an edit of an earlier message. A text over Telegram's
// limits (bot.TelegramLimits: 4,096 UTF-16 code units, 1,024 for a caption)
// goes as several messages (bot.SendParts): split at line breaks, else at
// spaces, the photo first with as much as its caption takes, the buttons or
// keyboard under the last; the reference returned is the last message's. A
// part failing after others went out is a *bot.PartialError.
// Replies the Bot API would refuse fail with ErrInvalidReply before any
// call. Platform errors keep the library's types (see RetryAfter and
// IsForbidden) and are also classed for platform-neutral callers: a 429
// is a *bot.RateLimitedError, a 403 from a person who blocked the bot or
// deleted their account matches bot.ErrBlocked.
//
// A photo goes by its file id when it is a Telegram one, else uploaded from
// Data; the returned reference has Photo set. An edit replaces the text (the
// caption of a photo), cut to the limit, and the inline buttons, no buttons
// removing them; it returns r.Edit, and an edit that changes nothing
// succeeds.
func (a *Adapter) Send(ctx context.Context, r bot.Reply) (bot.MessageRef, error) {
	if r.Edit != nil {
		return a.sendEdit(ctx, r)
	}
	if _, err := chatID(r.Chat); err != nil {
		return bot.MessageRef{}, err
	}
	if r.Text == "" && r.Photo == nil && r.Document == nil {
		return bot.MessageRef{}, invalid("empty text")
	}
	if r.Photo != nil && r.Document != nil {
		return bot.MessageRef{}, invalid("a photo and a document in one reply")
	}
	if _, err := replyMarkup(r); err != nil {
		return bot.MessageRef{}, err
	}
	return bot.SendParts(ctx, r, bot.TelegramLimits, a.sendOne)
}

// sendOne sends one message of a reply, checked by Send: a text, or a photo
// or a document with its caption.
func (a *Adapter) sendOne(ctx context.Context, r bot.Reply) (bot.MessageRef, error) {
	id, _ := chatID(r.Chat) // checked
	markup, _ := replyMarkup(r)
	if len(r.Menu) > 0 {
		a.setChatMenu(ctx, id, r.Menu)
	}
	if r.Photo != nil {
		return a.sendPhoto(ctx, id, r, markup)
	}
	if r.Document != nil {
		return a.sendDocument(ctx, id, r, markup)
	}
	msg, err := a.api.SendMessage(ctx, &tg.SendMessageParams{ChatID: id, Text: r.Text, ReplyMarkup: markup})
	if err != nil {
		return bot.MessageRef{}, fmt.Errorf("telegram sendMessage chat=%s: %w", r.Chat.ChatID, classify(a.redact(err)))
	}
	return bot.MessageRef{Chat: r.Chat, MessageID: strconv.Itoa(msg.ID)}, nil
}

// sendPhoto sends r.Photo with r.Text as its caption.
func (a *Adapter) sendPhoto(ctx context.Context, id int64, r bot.Reply, markup models.ReplyMarkup) (bot.MessageRef, error) {
	p := r.Photo
	var photo models.InputFile
	switch {
	case p.Platform == bot.Telegram && p.FileID != "":
		photo = &models.InputFileString{Data: p.FileID}
	case len(p.Data) > maxPhotoUpload:
		return bot.MessageRef{}, invalid("photo of %d bytes, over %d", len(p.Data), maxPhotoUpload)
	case len(p.Data) > 0:
		photo = &models.InputFileUpload{Filename: photoFilename(p.MIME), Data: bytes.NewReader(p.Data)}
	default:
		return bot.MessageRef{}, invalid("photo with neither a telegram file id nor data")
	}
	msg, err := a.api.SendPhoto(ctx, &tg.SendPhotoParams{
		ChatID: id, Photo: photo, Caption: r.Text, ReplyMarkup: markup,
	})
	if err != nil {
		return bot.MessageRef{}, fmt.Errorf("telegram sendPhoto chat=%s: %w", r.Chat.ChatID, classify(a.redact(err)))
	}
	return bot.MessageRef{Chat: r.Chat, MessageID: strconv.Itoa(msg.ID), Photo: true}, nil
}

// sendEdit applies a reply with Edit set: new text (or caption) and inline
// buttons, removing the buttons when it has none.
func (a *Adapter) sendEdit(ctx context.Context, r bot.Reply) (bot.MessageRef, error) {
	ref := *r.Edit
	switch {
	case r.Chat != (bot.ChatKey{}) && r.Chat != ref.Chat:
		return bot.MessageRef{}, invalid("edit of a message of chat %s sent to chat %s", ref.Chat, r.Chat)
	case r.Photo != nil || r.Document != nil:
		return bot.MessageRef{}, invalid("an edit cannot change the photo or document")
	case len(r.Keyboard) > 0 || r.RemoveKeyboard:
		return bot.MessageRef{}, invalid("an edit carries inline buttons only")
	}
	markup, err := inlineMarkup(r.Buttons)
	if err != nil {
		return bot.MessageRef{}, err
	}
	if markup == nil {
		markup = noButtons()
	}
	if err := a.edit(ctx, ref, r.Text, markup); err != nil {
		return bot.MessageRef{}, err
	}
	return ref, nil
}

// EditText replaces the text (the caption, when ref.Photo) and inline
// buttons of a message the bot sent. No buttons remove the message's buttons
// (as when an approval prompt is decided). Editing a message into what it
// already is succeeds, so a repeated edit is harmless.
func (a *Adapter) EditText(ctx context.Context, ref bot.MessageRef, text string, buttons [][]bot.Button) error {
	markup, err := inlineMarkup(buttons)
	if err != nil {
		return err
	}
	return a.edit(ctx, ref, text, markup)
}

// edit calls editMessageText, or editMessageCaption for a photo (its caption
// may be empty), with markup as reply_markup (left out when nil); the text
// is cut to the limit (bot.Limits.Fit), since an edit cannot become more
// messages. "Message is not modified" counts as done.
func (a *Adapter) edit(ctx context.Context, ref bot.MessageRef, text string, markup models.ReplyMarkup) error {
	id, err := chatID(ref.Chat)
	if err != nil {
		return err
	}
	msgID, err := strconv.Atoi(ref.MessageID)
	if err != nil {
		return invalid("message id %q is not a number", ref.MessageID)
	}
	method := "editMessageText"
	if ref.Photo {
		method = "editMessageCaption"
		_, err = a.api.EditMessageCaption(ctx, &tg.EditMessageCaptionParams{
			ChatID: id, MessageID: msgID, Caption: bot.TelegramLimits.Fit(text, bot.TelegramLimits.Caption), ReplyMarkup: markup,
		})
	} else {
		if text == "" {
			return invalid("empty text")
		}
		_, err = a.api.EditMessageText(ctx, &tg.EditMessageTextParams{
			ChatID: id, MessageID: msgID, Text: bot.TelegramLimits.Fit(text, bot.TelegramLimits.Text), ReplyMarkup: markup,
		})
	}
	if err != nil && !isNotModified(err) {
		return fmt.Errorf("telegram %s chat=%s message=%s: %w", method, ref.Chat.ChatID, ref.MessageID, classify(a.redact(err)))
	}
	return nil
}

// AnswerCallback acknowledges a button press, showing text (if any) as a
// toast; text over Telegram's 200 characters is cut.
func (a *Adapter) AnswerCallback(ctx context.Context, callbackID, text string) error {
	_, err := a.api.AnswerCallbackQuery(ctx, &tg.AnswerCallbackQueryParams{
		CallbackQueryID: callbackID, Text: truncate(text, maxCallbackAnswer),
	})
	if err != nil {
		return fmt.Errorf("telegram answerCallbackQuery: %w", classify(a.redact(err)))
	}
	return nil
}

// truncate cuts s to at most n characters.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
