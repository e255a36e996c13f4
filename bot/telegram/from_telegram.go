package telegram

import (
	"strconv"
	"strings"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/bot"
)

// photoMIME is the type of every Telegram photo: the platform re-encodes
// photos as JPEG.
const photoMIME = "image/jpeg"

// fromTelegram maps a Telegram update to a neutral one. A non-empty skip says
// why the update is not for the bot (a group chat, an edit, a kind it does
// not handle); out is then empty. botName is the bot's username, used to
// strip "/cmd@botname"; now stamps callbacks, which carry no time.
func fromTelegram(u *models.Update, botName string, now time.Time) (out bot.Update, skip string) {
	switch {
	case u.Message != nil:
		return fromMessage(u.ID, u.Message, botName)
	case u.CallbackQuery != nil:
		return fromCallback(u.ID, u.CallbackQuery, now)
	case u.EditedMessage != nil:
		return bot.Update{}, "edited message"
	case u.ChannelPost != nil, u.EditedChannelPost != nil:
		return bot.Update{}, "channel post"
	default:
		return bot.Update{}, "unhandled update kind"
	}
}

func fromMessage(id int64, m *models.Message, botName string) (bot.Update, string) {
	if m.Chat.Type != models.ChatTypePrivate {
		return bot.Update{}, "not a private chat: " + string(m.Chat.Type)
	}
	if m.From == nil || m.From.IsBot {
		return bot.Update{}, "no human sender"
	}
	out := base(id, m.Chat.ID, m.From)
	out.At = time.Unix(int64(m.Date), 0).UTC()
	switch {
	case m.Contact != nil:
		out.Kind, out.Contact = bot.KindContact, fromContact(m.Contact)
	case len(m.Photo) > 0:
		out.Kind, out.Media, out.Text = bot.KindPhoto, fromPhoto(m.Photo), m.Caption
	case m.Document != nil:
		out.Kind, out.Media, out.Text = bot.KindDocument, fromDocument(m.Document), m.Caption
	case m.Location != nil:
		out.Kind = bot.KindLocation
		out.Location = &bot.Location{Latitude: m.Location.Latitude, Longitude: m.Location.Longitude}
	case m.Text != "":
		fromText(&out, m.Text, botName)
		out.Quoted = quotedText(m.ReplyToMessage)
	default:
		out.Kind = bot.KindOther
	}
	return out, ""
}

// quotedText is the text or caption of the bot's message q a text replies
// to ("" when it replies to none, or to someone else's).
func quotedText(q *models.Message) string {
	if q == nil || q.From == nil || !q.From.IsBot {
		return ""
	}
	if q.Text != "" {
		return q.Text
	}
	return q.Caption
}

// base fills what every update has: ids and who sent it.
func base(id, chatID int64, from *models.User) bot.Update {
	return bot.Update{
		ID:           strconv.FormatInt(id, 10),
		Platform:     bot.Telegram,
		ChatID:       strconv.FormatInt(chatID, 10),
		UserID:       strconv.FormatInt(from.ID, 10),
		UserName:     from.FirstName,
		LanguageCode: from.LanguageCode,
	}
}

func fromContact(c *models.Contact) *bot.Contact {
	out := &bot.Contact{Phone: c.PhoneNumber, FirstName: c.FirstName}
	if c.UserID != 0 {
		out.UserID = strconv.FormatInt(c.UserID, 10)
	}
	return out
}

// fromPhoto picks the largest size Telegram offers.
func fromPhoto(sizes []models.PhotoSize) *bot.Media {
	best := sizes[0]
	for _, p := range sizes[1:] {
		area, bestArea := p.Width*p.Height, best.Width*best.Height
		if area > bestArea || area == bestArea && p.FileSize > best.FileSize {
			best = p
		}
	}
	return &bot.Media{
		FileID: best.FileID, MIME: photoMIME, Size: int64(best.FileSize),
		Width: best.Width, Height: best.Height,
	}
}

func fromDocument(d *models.Document) *bot.Media {
	return &bot.Media{FileID: d.FileID, FileName: d.FileName, MIME: d.MimeType, Size: d.FileSize}
}

// fromText sets a text or, when the text is a command for this bot, a
// command update.
func fromText(out *bot.Update, text, botName string) {
	out.Kind, out.Text = bot.KindText, text
	if cmd, args, ok := parseCommand(text, botName); ok {
		out.Kind, out.Command, out.Args = bot.KindCommand, cmd, args
	}
}

// parseCommand splits "/Start@MyBot rest" into "start" and "rest". A suffix
// naming another bot, or a name Telegram would not treat as a command, makes
// it plain text.
func parseCommand(text, botName string) (cmd, args string, ok bool) {
	cmd, target, args, ok := bot.ParseCommand(text)
	if !ok || target != "" && (botName == "" || !strings.EqualFold(target, botName)) {
		return "", "", false
	}
	return cmd, args, true
}

func fromCallback(id int64, q *models.CallbackQuery, now time.Time) (bot.Update, string) {
	if q.InlineMessageID != "" {
		return bot.Update{}, "callback from an inline-mode message"
	}
	chatID, msgID, skip := callbackChat(q)
	if skip != "" {
		return bot.Update{}, skip
	}
	out := base(id, chatID, &q.From)
	out.Kind, out.At = bot.KindCallback, now.UTC()
	out.Callback = &bot.Callback{ID: q.ID, Data: q.Data}
	if msgID != 0 {
		out.Callback.MessageID = strconv.Itoa(msgID)
	}
	return out, ""
}

// callbackChat finds the chat and message of a button press. When the
// message is no longer accessible, the chat is the sender's private chat,
// whose id is the sender's user id.
func callbackChat(q *models.CallbackQuery) (chatID int64, msgID int, skip string) {
	if m := q.Message.Message; q.Message.Type == models.MaybeInaccessibleMessageTypeMessage && m != nil {
		if m.Chat.Type != models.ChatTypePrivate {
			return 0, 0, "callback not in a private chat: " + string(m.Chat.Type)
		}
		return m.Chat.ID, m.ID, ""
	}
	if im := q.Message.InaccessibleMessage; im != nil {
		if im.Chat.Type != "" && im.Chat.Type != models.ChatTypePrivate {
			return 0, 0, "callback not in a private chat: " + string(im.Chat.Type)
		}
		msgID = im.MessageID
	}
	return q.From.ID, msgID, ""
}
