package playground

import (
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

// maxText is the longest text a pane may send (Telegram's message limit).
const maxText = 4096

// base fills what every update from a pane has: the ids and who sent it.
// The person's id is both the chat and the user id: each pane is a private
// chat.
func base(id string, p Person, at time.Time) bot.Update {
	return bot.Update{
		ID: id, Platform: bot.Playground, ChatID: p.ID, UserID: p.ID,
		UserName: firstName(p.Name), LanguageCode: "id", At: at.UTC(),
	}
}

// fromText is a typed message: a command when it starts with a slash and a
// valid command name, else text.
func fromText(u bot.Update, text string) bot.Update {
	u.Kind, u.Text = bot.KindText, text
	if cmd, args, ok := parseCommand(text); ok {
		u.Kind, u.Command, u.Args = bot.KindCommand, cmd, args
	}
	return u
}

// fromContact is "share my contact": always the pane's own person, with the
// person's id as the contact's user id, so the flows see the proof Telegram
// gives for a user's own number.
func fromContact(u bot.Update, p Person) bot.Update {
	u.Kind = bot.KindContact
	u.Contact = &bot.Contact{Phone: p.Phone, FirstName: firstName(p.Name), UserID: p.ID}
	return u
}

func fromLocation(u bot.Update, loc bot.Location) bot.Update {
	u.Kind, u.Location = bot.KindLocation, &loc
	return u
}

// fromFile is an uploaded file: a photo when it is an image, else a document.
func fromFile(u bot.Update, f storedFile, caption string) bot.Update {
	u.Kind, u.Text = bot.KindDocument, caption
	if strings.HasPrefix(f.MIME, "image/") {
		u.Kind = bot.KindPhoto
	}
	u.Media = &bot.Media{FileID: f.ID, FileName: f.Name, MIME: f.MIME, Size: f.Size}
	return u
}

func fromPress(u bot.Update, callbackID, messageID, data string) bot.Update {
	u.Kind = bot.KindCallback
	u.Callback = &bot.Callback{ID: callbackID, Data: data, MessageID: messageID}
	return u
}

// parseCommand splits "/Lapor kemarin" into "lapor" and "kemarin". A
// "/cmd@name" suffix is accepted and dropped: the playground has one bot.
func parseCommand(text string) (cmd, args string, ok bool) {
	cmd, _, args, ok = bot.ParseCommand(text)
	return cmd, args, ok
}

// firstName is the first word of a name without a title ("dr. Maya
// Kartika" gives "Maya"), as a platform's first name would be.
func firstName(name string) string {
	for _, w := range strings.Fields(name) {
		if !strings.HasSuffix(w, ".") {
			return strings.TrimRight(w, ",")
		}
	}
	return name
}
