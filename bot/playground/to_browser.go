package playground

import (
	"errors"
	"fmt"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

// ErrInvalidReply marks a reply refused as Telegram would refuse it: a chat
// of another platform, empty text, a button without label or with callback
// data outside 1..bot.MaxButtonData bytes, several keyboards at once, a
// photo with neither a playground file nor data, or an edit carrying a photo
// or a reply keyboard. The playground checks what Telegram checks, so a flow
// that works here does not break there.
var ErrInvalidReply = errors.New("playground: invalid reply")

// ErrUnknownMessage is returned for an edit of a message the playground does
// not hold (sent before a restart or a reset).
var ErrUnknownMessage = errors.New("playground: message to edit not found")

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalidReply}, args...)...)
}

// Senders of a message as the page shows them.
const (
	fromBot    = "bot"
	fromPerson = "me"
)

// message is one chat message as the page renders it.
type message struct {
	ID      string         `json:"id"`
	From    string         `json:"from"`
	Kind    string         `json:"kind,omitempty"` // what a person sent: text, photo, contact, location…
	Text    string         `json:"text,omitempty"`
	Photo   string         `json:"photo,omitempty"`    // URL of the image
	File    string         `json:"file,omitempty"`     // name of a non-image file
	FileURL string         `json:"file_url,omitempty"` // download link of a document the bot sent
	Buttons [][]bot.Button `json:"buttons,omitempty"`
	At      time.Time      `json:"at"`
	Edited  bool           `json:"edited,omitempty"`
	Failed  string         `json:"failed,omitempty"` // why the bot never got it
}

// keyboard is a chat's reply keyboard; OneTime hides it after a press.
type keyboard struct {
	Rows    [][]bot.KeyButton `json:"rows"`
	OneTime bool              `json:"one_time,omitempty"`
}

// checkChat refuses a chat of another platform.
func checkChat(k bot.ChatKey) error {
	if k.Platform != bot.Playground {
		return invalid("chat %s is not a playground chat", k)
	}
	if k.ChatID == "" {
		return invalid("empty chat id")
	}
	return nil
}

// checkReply refuses a new message Telegram would refuse.
func checkReply(r bot.Reply) error {
	if err := checkChat(r.Chat); err != nil {
		return err
	}
	if r.Text == "" && r.Photo == nil && r.Document == nil {
		return invalid("empty text")
	}
	if r.Photo != nil && r.Document != nil {
		return invalid("a photo and a document in one reply")
	}
	if r.Document != nil && len(r.Document.Data) == 0 {
		return invalid("document without data")
	}
	if countTrue(len(r.Buttons) > 0, len(r.Keyboard) > 0, r.RemoveKeyboard) > 1 {
		return invalid("a reply carries at most one of buttons, keyboard and remove keyboard")
	}
	if err := checkButtons(r.Buttons); err != nil {
		return err
	}
	_, err := toKeyboard(r.Keyboard)
	return err
}

// checkEdit refuses an edit Telegram would refuse.
func checkEdit(r bot.Reply) error {
	ref := *r.Edit
	switch {
	case r.Chat != (bot.ChatKey{}) && r.Chat != ref.Chat:
		return invalid("edit of a message of chat %s sent to chat %s", ref.Chat, r.Chat)
	case r.Photo != nil || r.Document != nil:
		return invalid("an edit cannot change the photo or document")
	case len(r.Keyboard) > 0 || r.RemoveKeyboard:
		return invalid("an edit carries inline buttons only")
	case !ref.Photo && r.Text == "":
		return invalid("empty text")
	}
	if err := checkChat(ref.Chat); err != nil {
		return err
	}
	return checkButtons(r.Buttons)
}

func checkButtons(rows [][]bot.Button) error {
	for _, row := range rows {
		for _, b := range row {
			if err := bot.CheckButton(b); err != nil {
				return fmt.Errorf("%w: %w", ErrInvalidReply, err)
			}
		}
	}
	return nil
}

// buttons drops empty rows; none gives nil.
func buttons(rows [][]bot.Button) [][]bot.Button {
	var out [][]bot.Button
	for _, row := range rows {
		if len(row) > 0 {
			out = append(out, row)
		}
	}
	return out
}

// toKeyboard renders a reply keyboard; one-time when it asks for the
// contact or the location (a one-step keyboard), as on Telegram. No rows
// give nil.
func toKeyboard(rows [][]bot.KeyButton) (*keyboard, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	kb := &keyboard{}
	for _, row := range rows {
		var out []bot.KeyButton
		for _, b := range row {
			if b.Label == "" {
				return nil, invalid("keyboard button without label")
			}
			if b.RequestContact && b.RequestLocation {
				return nil, invalid("keyboard button %q asks for both contact and location", b.Label)
			}
			kb.OneTime = kb.OneTime || b.RequestContact || b.RequestLocation
			out = append(out, b)
		}
		if len(out) > 0 {
			kb.Rows = append(kb.Rows, out)
		}
	}
	if len(kb.Rows) == 0 {
		return nil, invalid("keyboard without buttons")
	}
	return kb, nil
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
