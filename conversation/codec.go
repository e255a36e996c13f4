package conversation

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kinerjabot/kinerjabot/bot"
)

func encodeUpdate(u bot.Update) (string, error) {
	b, err := json.Marshal(u)
	if err != nil {
		return "", fmt.Errorf("encode update: %w: %w", bot.ErrMalformed, err)
	}
	return string(b), nil
}

func decodeUpdate(s string) (bot.Update, error) {
	var u bot.Update
	if err := json.Unmarshal([]byte(s), &u); err != nil {
		return u, fmt.Errorf("decode update: %w", err)
	}
	return u, nil
}

// decodeSession reads a stored session. A session that no longer decodes
// (written by another version of the code) comes back as the zero session
// with ok=false; handlers then restart the chat kindly.
func decodeSession(s string) (Session, bool) {
	var sess Session
	if s == "" {
		return sess, true
	}
	if err := json.Unmarshal([]byte(s), &sess); err != nil {
		return Session{}, false
	}
	return sess, true
}

func parseChatKey(s string) (bot.ChatKey, bool) {
	p, c, ok := strings.Cut(s, ":")
	if !ok || p == "" || c == "" {
		return bot.ChatKey{}, false
	}
	return bot.ChatKey{Platform: bot.Platform(p), ChatID: c}, true
}
