package bot

import (
	"strings"
	"unicode/utf8"
)

// IsControl reports whether r is a control character that free text must
// not carry: C0 (U+0000–U+001F) but newline and tab, DEL (U+007F) and C1
// (U+0080–U+009F). A terminal acts on them (ESC starts an escape sequence,
// U+009B is CSI), and no person means to type them.
func IsControl(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r == 0x7f:
		return true
	}
	return r >= 0x80 && r <= 0x9f
}

// CleanText drops the control characters of s (see IsControl), keeping
// newlines and tabs; a carriage return ends a line ("\r\n" and a lone "\r"
// become "\n"). Bytes that are not UTF-8 become U+FFFD. Text without any is
// returned as is.
func CleanText(s string) string {
	if !needsCleaning(s) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // invalid UTF-8 reads as U+FFFD
		switch {
		case r == '\r':
			b.WriteByte('\n')
		case !IsControl(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsCleaning(s string) bool {
	for _, r := range s {
		if IsControl(r) || r == utf8.RuneError {
			return true
		}
	}
	return false
}

// Clean returns u with the control characters dropped from what people type
// or name: the text (or caption), the command's arguments, the sender's
// name, a shared contact's name and number, and a document's file name (see
// CleanText). Ids, button data and the command name are left as they are.
// u's Contact and Media are copied, never changed in place.
func (u Update) Clean() Update {
	u.Text, u.Args, u.UserName = CleanText(u.Text), CleanText(u.Args), CleanText(u.UserName)
	u.Quoted = CleanText(u.Quoted)
	if u.Contact != nil {
		c := *u.Contact
		c.FirstName, c.Phone = CleanText(c.FirstName), CleanText(c.Phone)
		u.Contact = &c
	}
	if u.Media != nil {
		m := *u.Media
		m.FileName = CleanText(m.FileName)
		u.Media = &m
	}
	return u
}
