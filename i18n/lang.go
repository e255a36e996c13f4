package i18n

import (
	"fmt"
	"strings"
)

// Lang is a language the bot speaks.
type Lang string

// The languages. ID is the default.
const (
	ID Lang = "id" // Bahasa Indonesia
	EN Lang = "en" // English
)

// Langs lists every language, the default first.
var Langs = []Lang{ID, EN}

// Parse reads a language code ("id", "EN", " en "); ok is false for any
// other text.
func Parse(s string) (Lang, bool) {
	l := Lang(strings.ToLower(strings.TrimSpace(s)))
	_, ok := catalogues[l]
	return l, ok
}

// FromTag returns the language a tag asks for ("en", "EN", " en-US",
// "id_ID"): its primary subtag when the bot speaks it, else ID. For
// callers that take a language as a free string.
func FromTag(tag string) Lang {
	primary, _, _ := strings.Cut(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-"), "-")
	l, _ := Parse(primary)
	return l.Or(ID)
}

// Or returns l when it is a language the bot speaks, else def: a session's
// stored language ("" when the person chose none) becomes the bot's.
func (l Lang) Or(def Lang) Lang {
	if _, ok := catalogues[l]; ok {
		return l
	}
	return def
}

// T returns the text k in language l, formatted with args (fmt verbs). A
// text missing in l (which the catalogue test forbids) falls back to the
// default language; an unknown key comes back as its own name, so a
// mistake shows instead of an empty message.
func (l Lang) T(k Key, args ...any) string {
	s, ok := catalogues[l][k]
	if !ok {
		if s, ok = catalogues[ID][k]; !ok {
			return string(k)
		}
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// All returns text k in every language, the default first: for matching a
// reply-keyboard label or a typed word whatever language the person uses.
func All(k Key) []string {
	out := make([]string, 0, len(Langs))
	for _, l := range Langs {
		out = append(out, l.T(k))
	}
	return out
}

var catalogues = map[Lang]map[Key]string{ID: id, EN: en}
