package telegram

import (
	"context"
	"fmt"
	"strconv"
	"unicode/utf8"

	tg "github.com/go-telegram/bot"

	"github.com/kinerjabot/kinerjabot/bot"
)

// maxCallbackAnswer is the longest text of a callback answer, in characters.
const maxCallbackAnswer = 200

// Send delivers one reply as plain text (no parse mode, so nothing in it needs
// escaping). Replies the Bot API would refuse fail with ErrInvalidReply
// before any call. Platform errors keep the library's types: see RetryAfter
// and IsForbidden.
func (a *Adapter) Send(ctx context.Context, r bot.Reply) (bot.MessageRef, error) {
	id, err := chatID(r.Chat)
	if err != nil {
		return bot.MessageRef{}, err
	}
	if r.Text == "" {
		return bot.MessageRef{}, invalid("empty text")
	}
	markup, err := replyMarkup(r)
	if err != nil {
		return bot.MessageRef{}, err
	}
	msg, err := a.api.SendMessage(ctx, &tg.SendMessageParams{ChatID: id, Text: r.Text, ReplyMarkup: markup})
	if err != nil {
		return bot.MessageRef{}, fmt.Errorf("telegram sendMessage chat=%s: %w", r.Chat.ChatID, a.redact(err))
	}
	return bot.MessageRef{Chat: r.Chat, MessageID: strconv.Itoa(msg.ID)}, nil
}

// EditText replaces the text and inline buttons of a message the bot sent.
// No buttons remove the message's buttons (as when an approval prompt is
// decided). Editing a message into what it already is succeeds, so a
// repeated edit is harmless.
func (a *Adapter) EditText(ctx context.Context, ref bot.MessageRef, text string, buttons [][]bot.Button) error {
	id, err := chatID(ref.Chat)
	if err != nil {
		return err
	}
	msgID, err := strconv.Atoi(ref.MessageID)
	if err != nil {
		return invalid("message id %q is not a number", ref.MessageID)
	}
	if text == "" {
		return invalid("empty text")
	}
	markup, err := inlineMarkup(buttons)
	if err != nil {
		return err
	}
	_, err = a.api.EditMessageText(ctx, &tg.EditMessageTextParams{
		ChatID: id, MessageID: msgID, Text: text, ReplyMarkup: markup,
	})
	if err != nil && !isNotModified(err) {
		return fmt.Errorf("telegram editMessageText chat=%s message=%s: %w", ref.Chat.ChatID, ref.MessageID, a.redact(err))
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
		return fmt.Errorf("telegram answerCallbackQuery: %w", a.redact(err))
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
