package telegram

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/bot"
)

// ErrInvalidReply marks a reply refused before reaching Telegram: a chat of
// another platform, empty text, a button without label or with callback data
// outside 1..bot.MaxButtonData bytes, several keyboards at once, a photo with
// neither a Telegram file id nor data, or an edit carrying a photo or a
// reply keyboard.
var ErrInvalidReply = errors.New("telegram: invalid reply")

// inlineKeyboard is the wire form of an inline keyboard. It stands in for
// models.InlineKeyboardMarkup, whose buttons always serialise
// "copy_text":{"text":""} (a struct field under omitempty), a field the Bot
// API has refused with BUTTON_COPY_TEXT_INVALID (go-telegram/bot#167).
type inlineKeyboard struct {
	InlineKeyboard [][]inlineButton `json:"inline_keyboard"`
}

type inlineButton struct {
	Text         string `json:"text"`
	CallbackData string `json:"callback_data"`
}

// noButtons is an inline keyboard without buttons: as the reply_markup of an
// edit it removes the message's buttons. It serialises as
// {"inline_keyboard":[]}, never null.
func noButtons() *inlineKeyboard {
	return &inlineKeyboard{InlineKeyboard: [][]inlineButton{}}
}

// photoFilename names an uploaded photo after its MIME type; Telegram reads
// the image itself, the name only helps.
func photoFilename(mime string) string {
	switch mime {
	case "image/png":
		return "photo.png"
	case "image/webp":
		return "photo.webp"
	case "image/gif":
		return "photo.gif"
	default:
		return "photo.jpg"
	}
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidReply}, args...)...)
}

// chatID parses the Telegram chat id of a neutral chat key.
func chatID(k bot.ChatKey) (int64, error) {
	if k.Platform != bot.Telegram {
		return 0, invalid("chat %s is not a telegram chat", k)
	}
	id, err := strconv.ParseInt(k.ChatID, 10, 64)
	if err != nil {
		return 0, invalid("chat id %q is not a number", k.ChatID)
	}
	return id, nil
}

// replyMarkup renders the one keyboard a reply may carry; nil (untyped, so
// the library leaves the field out) when it carries none.
func replyMarkup(r bot.Reply) (models.ReplyMarkup, error) {
	if countTrue(len(r.Buttons) > 0, len(r.Keyboard) > 0, r.RemoveKeyboard) > 1 {
		return nil, invalid("a reply carries at most one of buttons, keyboard and remove keyboard")
	}
	switch {
	case len(r.Buttons) > 0:
		return inlineMarkup(r.Buttons)
	case len(r.Keyboard) > 0:
		return keyboardMarkup(r.Keyboard)
	case r.RemoveKeyboard:
		return &models.ReplyKeyboardRemove{RemoveKeyboard: true}, nil
	}
	return nil, nil
}

func countTrue(bs ...bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// inlineMarkup renders inline buttons, refusing data Telegram would refuse.
// No buttons render as nil. Empty rows are dropped.
func inlineMarkup(rows [][]bot.Button) (models.ReplyMarkup, error) {
	var kb inlineKeyboard
	for _, row := range rows {
		var out []inlineButton
		for _, b := range row {
			if err := checkButton(b); err != nil {
				return nil, err
			}
			out = append(out, inlineButton{Text: b.Label, CallbackData: b.Data})
		}
		if len(out) > 0 {
			kb.InlineKeyboard = append(kb.InlineKeyboard, out)
		}
	}
	if len(kb.InlineKeyboard) == 0 {
		return nil, nil
	}
	return &kb, nil
}

func checkButton(b bot.Button) error {
	if err := bot.CheckButton(b); err != nil {
		return fmt.Errorf("%w: %w", ErrInvalidReply, err)
	}
	return nil
}

// keyboardMarkup renders a reply keyboard: resized to fit, and hidden after
// one use when it asks for the contact (a one-time step).
func keyboardMarkup(rows [][]bot.KeyButton) (models.ReplyMarkup, error) {
	kb := &models.ReplyKeyboardMarkup{ResizeKeyboard: true}
	for _, row := range rows {
		var out []models.KeyboardButton
		for _, b := range row {
			if b.Label == "" {
				return nil, invalid("keyboard button without label")
			}
			if b.RequestContact && b.RequestLocation {
				return nil, invalid("keyboard button %q asks for both contact and location", b.Label)
			}
			kb.OneTimeKeyboard = kb.OneTimeKeyboard || b.RequestContact || b.RequestLocation
			out = append(out, models.KeyboardButton{
				Text: b.Label, RequestContact: b.RequestContact, RequestLocation: b.RequestLocation,
			})
		}
		if len(out) > 0 {
			kb.Keyboard = append(kb.Keyboard, out)
		}
	}
	if len(kb.Keyboard) == 0 {
		return nil, invalid("keyboard without buttons")
	}
	return kb, nil
}
