package bot

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// MaxCommandName is the longest command name a platform accepts (Telegram's
// limit, which the other adapters follow).
const MaxCommandName = 32

// ParseCommand splits "/Start@MyBot rest" into the command "start" (lower
// case), the bot it names ("MyBot", empty when none) and the rest. ok is
// false when text is not a command: no leading slash, a name of other than
// 1 to 32 letters, digits and underscores, or an "@" naming no bot.
func ParseCommand(text string) (cmd, target, args string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", "", false
	}
	head, rest := text[1:], ""
	if i := strings.IndexFunc(head, unicode.IsSpace); i >= 0 {
		head, rest = head[:i], head[i:]
	}
	name, target, at := strings.Cut(head, "@")
	if !validCommandName(name) || at && target == "" {
		return "", "", "", false
	}
	return strings.ToLower(name), target, strings.TrimSpace(rest), true
}

func validCommandName(s string) bool {
	if s == "" || len(s) > MaxCommandName {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// CheckButton refuses a button no platform can carry: no label, no data, or
// data over MaxButtonData bytes. Adapters check before sending.
func CheckButton(b Button) error {
	switch {
	case b.Label == "":
		return errors.New("button without label")
	case b.Data == "":
		return fmt.Errorf("button %q without callback data", b.Label)
	case len(b.Data) > MaxButtonData:
		return fmt.Errorf("button %q: callback data is %d bytes, over %d", b.Label, len(b.Data), MaxButtonData)
	}
	return nil
}
