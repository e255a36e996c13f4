package poster

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// Pieces of the payload grammar (see the package documentation).
const (
	// PayloadPrefix starts every survey payload.
	PayloadPrefix = "skm_"
	// QuickSuffix marks the quick one-question mode.
	QuickSuffix = "_cepat"
	// MaxPayloadLen is Telegram's limit for a start parameter.
	MaxPayloadLen = 64
	// MaxCounter is the largest service counter (loket) number accepted.
	MaxCounter = 9999
)

// Errors returned by [DeepLink] and [Payload].
var (
	ErrBotUsername = errors.New("poster: invalid bot username")
	ErrUnitCode    = errors.New("poster: invalid unit code")
	ErrCounter     = errors.New("poster: invalid counter")
	ErrTooLong     = errors.New("poster: start payload longer than 64 characters")
)

// Payload builds the /start payload for a unit, an optional service counter
// (0 = none; 1..MaxCounter) and the quick mode. unitCode must be non-empty
// and consist of A-Z a-z 0-9 and '-' only ('_' is the field separator).
func Payload(unitCode string, counter int, quick bool) (string, error) {
	if !validCode(unitCode) {
		return "", fmt.Errorf("%w %q: use 1 or more of A-Z a-z 0-9 -", ErrUnitCode, unitCode)
	}
	if counter < 0 || counter > MaxCounter {
		return "", fmt.Errorf("%w %d: want 0 (none) or 1..%d", ErrCounter, counter, MaxCounter)
	}
	var b strings.Builder
	b.WriteString(PayloadPrefix)
	b.WriteString(unitCode)
	if counter > 0 {
		b.WriteByte('_')
		b.WriteString(strconv.Itoa(counter))
	}
	if quick {
		b.WriteString(QuickSuffix)
	}
	if b.Len() > MaxPayloadLen {
		return "", fmt.Errorf("%w: %d", ErrTooLong, b.Len())
	}
	return b.String(), nil
}

// DeepLink builds https://t.me/<bot>?start=<payload> (see [Payload] and the
// grammar in the package documentation). botUsername may carry a leading '@'; it must otherwise be a
// Telegram username: 5 to 32 characters of A-Z a-z 0-9 _, starting with a
// letter.
func DeepLink(botUsername, unitCode string, counter int, quick bool) (string, error) {
	bot := strings.TrimPrefix(botUsername, "@")
	if !validBot(bot) {
		return "", fmt.Errorf("%w %q: want 5-32 of A-Z a-z 0-9 _, starting with a letter", ErrBotUsername, botUsername)
	}
	p, err := Payload(unitCode, counter, quick)
	if err != nil {
		return "", err
	}
	// Every character of bot and p is URL-safe: no escaping needed.
	return "https://t.me/" + bot + "?start=" + p, nil
}

// ParsePayload decodes a /start payload built by [Payload] or [DeepLink]. It
// accepts exactly the strings those functions produce and nothing else
// (no surrounding spaces, no "0" or zero-padded counters, no empty code), so
// ok == true implies Payload(unit, counter, quick) == s.
func ParsePayload(s string) (unit string, counter int, quick bool, ok bool) {
	if len(s) > MaxPayloadLen || !strings.HasPrefix(s, PayloadPrefix) {
		return "", 0, false, false
	}
	rest := s[len(PayloadPrefix):]
	// "skm_cepat" is the unit "cepat": the suffix includes its separator.
	rest, quick = strings.CutSuffix(rest, QuickSuffix)
	fields := strings.Split(rest, "_")
	switch len(fields) {
	case 1:
	case 2:
		n, good := parseCounter(fields[1])
		if !good {
			return "", 0, false, false
		}
		counter = n
	default:
		return "", 0, false, false
	}
	if !validCode(fields[0]) {
		return "", 0, false, false
	}
	return fields[0], counter, quick, true
}

// ParseLink extracts and decodes the payload of a t.me deep link, for tools
// that read a poster's QR back. It returns the bot username as well.
func ParseLink(link string) (bot, unit string, counter int, quick bool, ok bool) {
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "https" || u.Host != "t.me" {
		return "", "", 0, false, false
	}
	bot = strings.TrimPrefix(u.Path, "/")
	if !validBot(bot) {
		return "", "", 0, false, false
	}
	unit, counter, quick, ok = ParsePayload(u.Query().Get("start"))
	if !ok {
		return "", "", 0, false, false
	}
	return bot, unit, counter, quick, true
}

func parseCounter(s string) (int, bool) {
	if len(s) == 0 || len(s) > 4 || s[0] < '1' || s[0] > '9' {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n >= 1 && n <= MaxCounter
}

func validCode(s string) bool {
	if s == "" || len(s) > MaxPayloadLen-len(PayloadPrefix) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isAlnum(c) || c == '-') {
			return false
		}
	}
	return true
}

func validBot(s string) bool {
	if len(s) < 5 || len(s) > 32 || !isLetter(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isAlnum(c) || c == '_') {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isAlnum(c byte) bool  { return isLetter(c) || c >= '0' && c <= '9' }
