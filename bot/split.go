package bot

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Limits are how long one message may be on a platform. Every adapter sends
// a reply longer than its limits as several messages (Parts, SendParts), so
// that long reports (IKM comments, /laporanku) arrive whole, in parts.
type Limits struct {
	// Text is the longest text of one message, Caption the longest caption
	// of a photo.
	Text, Caption int
	// UTF16 counts UTF-16 code units, as Telegram does (a character outside
	// the Basic Multilingual Plane, most emoji, counts two); otherwise
	// characters are counted.
	UTF16 bool
}

// TelegramLimits are the Bot API's: 4,096 UTF-16 code units of text, 1,024
// of caption. The playground, which shows what Telegram would, keeps them
// too.
var TelegramLimits = Limits{Text: 4096, Caption: MaxCaption, UTF16: true}

// Len is the length of s in l's units. Bytes that are not UTF-8 count one
// each (U+FFFD).
func (l Limits) Len(s string) int {
	if !l.UTF16 {
		return utf8.RuneCountInString(s)
	}
	n := 0
	for _, r := range s {
		n += runeUnits(r)
	}
	return n
}

func runeUnits(r rune) int {
	if n := utf16.RuneLen(r); n > 0 {
		return n
	}
	return 1
}

// Fit cuts s to at most max units, at a character boundary, ending it with
// "…" when cut: for what cannot be split, such as an edit of a message.
func (l Limits) Fit(s string, max int) string {
	const ellipsis = "…" // one unit either way
	if l.Len(s) <= max {
		return s
	}
	end := l.prefix(s, max-1)
	return strings.TrimRightFunc(s[:end], unicode.IsSpace) + ellipsis
}

// prefix is the byte length of the longest prefix of s within max units,
// ending at a character boundary.
func (l Limits) prefix(s string, max int) int {
	n := 0
	for i, r := range s {
		u := 1
		if l.UTF16 {
			u = runeUnits(r)
		}
		if n+u > max {
			return i
		}
		n += u
	}
	return len(s)
}

// span is a piece of a text: its bytes [start, end).
type span struct{ start, end int }

// split cuts s into pieces of at most max units each: at the last line
// break that fits, else at the last space, else at the last character that
// fits. The break itself belongs to neither piece; a piece is never blank.
// A text within max is one piece; a blank text none.
//
// The cut depends only on the text that is left, so splitting the tail of
// s from a piece's start gives the same pieces from there on (PartialError
// relies on it).
func (l Limits) split(s string, max int) []span {
	var out []span
	at := 0
	for {
		at += len(s[at:]) - len(strings.TrimLeftFunc(s[at:], unicode.IsSpace))
		if at == len(s) {
			return out
		}
		rest := s[at:]
		fit := l.prefix(rest, max)
		if fit == len(rest) {
			return append(out, span{at, at + len(strings.TrimRightFunc(rest, unicode.IsSpace))})
		}
		end, next := cut(rest, fit)
		out = append(out, span{at, at + end})
		at += next
	}
}

// cut chooses where a text too long for one piece ends, given fit, the
// byte length of its longest prefix that fits: it returns the end of the
// piece (trailing spaces dropped) and where the text left begins.
func cut(s string, fit int) (end, next int) {
	head := s[:fit]
	if fit < len(s) && s[fit] == '\n' {
		head = s[:fit+1] // a line that ends just at the limit ends there
	}
	i := strings.LastIndexByte(head, '\n')
	if i < 0 || strings.TrimSpace(head[:i]) == "" {
		i = strings.LastIndexFunc(head, unicode.IsSpace)
	}
	if i < 0 || strings.TrimSpace(head[:i]) == "" {
		if fit == 0 { // a character wider than max: sent alone
			_, fit = utf8.DecodeRuneInString(s)
		}
		return fit, fit
	}
	return len(strings.TrimRightFunc(head[:i], unicode.IsSpace)), i
}

// Split cuts s into pieces of at most max units each, at line breaks where
// it can, else at spaces, else anywhere between characters; leading and
// trailing spaces of each piece are dropped. A text within max comes back
// whole; a blank text as no piece.
func (l Limits) Split(s string, max int) []string {
	spans := l.split(s, max)
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = s[sp.start:sp.end]
	}
	return out
}

// part is one message of a reply sent in parts, and where its text begins
// in the reply's text.
type part struct {
	Reply
	start int
}

// Parts is r as the messages that carry it within l: r itself when it fits
// (and always for an edit, which cannot become more messages), else its
// text in pieces (Split), a photo first with as much of the text as its
// caption takes and the rest after it as text. The first message sets the
// chat's menu; the last carries the buttons or keyboard and the Track
// name.
func (l Limits) Parts(r Reply) []Reply {
	ps := l.parts(r)
	out := make([]Reply, len(ps))
	for i, p := range ps {
		out[i] = p.Reply
	}
	return out
}

func (l Limits) parts(r Reply) []part {
	first := l.Text
	if r.Photo != nil || r.Document != nil {
		first = l.Caption
	}
	if r.Edit != nil || l.Len(r.Text) <= first {
		return []part{{Reply: r}}
	}
	spans := l.split(r.Text, first)
	if r.Photo != nil || r.Document != nil {
		spans = append(spans[:1], shift(l.split(r.Text[spans[0].end:], l.Text), spans[0].end)...)
	}
	out := make([]part, len(spans))
	for i, sp := range spans {
		out[i] = part{Reply: Reply{Chat: r.Chat, Text: r.Text[sp.start:sp.end]}, start: sp.start}
	}
	out[0].Photo, out[0].Document, out[0].Menu = r.Photo, r.Document, r.Menu
	last := &out[len(out)-1].Reply
	last.Buttons, last.Keyboard, last.RemoveKeyboard, last.Track = r.Buttons, r.Keyboard, r.RemoveKeyboard, r.Track
	return out
}

func shift(spans []span, by int) []span {
	for i := range spans {
		spans[i].start += by
		spans[i].end += by
	}
	return spans
}

// SendParts sends r as its Parts within l, in order, each through send,
// and returns the reference of the last (the one carrying the buttons, so
// the one a later edit changes). A failure of the first part is returned
// as it is: nothing was sent. A failure of a later part is a
// *PartialError, whose Rest is what is left to send.
func SendParts(ctx context.Context, r Reply, l Limits, send func(context.Context, Reply) (MessageRef, error)) (MessageRef, error) {
	ps := l.parts(r)
	var ref MessageRef
	for i, p := range ps {
		var err error
		p.Reply.Key = partKey(r.Key, i)
		if ref, err = send(ctx, p.Reply); err != nil {
			if i == 0 {
				return MessageRef{}, err
			}
			return MessageRef{}, &PartialError{Sent: i, Rest: rest(r, p.start, i), Err: err}
		}
	}
	return ref, nil
}

// partKey is the idempotency key of part i of a reply keyed key: the key
// itself for the first part (a reply in one part is unchanged), key/i for
// the others, so that each part is a message of its own to the platform,
// and the same part sent again is recognised.
func partKey(key string, i int) string {
	if key == "" || i == 0 {
		return key
	}
	return key + "/" + strconv.Itoa(i)
}

// rest is what is left of r from byte at of its text on, its part i: the
// text from there, with the buttons, keyboard and Track, without the photo,
// document and menu the first part carried, keyed as part i was (partKey).
func rest(r Reply, at, i int) Reply {
	r.Text, r.Photo, r.Document, r.Menu, r.Key = r.Text[at:], nil, nil, nil, partKey(r.Key, i)
	return r
}

// PartialError is the failure of a reply sent in parts after its first Sent
// parts went out. Rest is the reply still to send: a retry sends Rest, not
// the reply again, so that nobody gets the first parts twice. Err is the
// failure, kept for errors.Is and errors.As (a *RateLimitedError, ErrBlocked).
type PartialError struct {
	Sent int
	Rest Reply
	Err  error
}

func (e *PartialError) Error() string {
	return fmt.Sprintf("bot: %d parts sent, the next failed: %v", e.Sent, e.Err)
}

func (e *PartialError) Unwrap() error { return e.Err }
