package bot

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzParseCommand checks ParseCommand, which every adapter uses to tell a
// command from text:
//
//   - a refusal returns nothing at all;
//
//   - an accepted text starts with "/", and the command is 1 to
//     MaxCommandName characters of a-z 0-9 _ (lower case);
//
//   - the bot named after "@" is non-empty when the text has an "@" in its
//     first word, and has no space;
//
//   - the arguments are trimmed and are the text's tail;
//
//   - the command rebuilt from the parts parses to the same parts, and
//     the case of the command name does not matter.
//
//     go test -run '^$' -fuzz '^FuzzParseCommand$' -fuzztime 60s ./bot/
func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{
		// bot/telegram TestParseCommand and TestFromTelegram.
		"/start", "/START@kinerjabot x y", "/lapor_harian\targs", "/start@", "/start@other", "start", "/",
		"/a-b", "/" + string(make([]byte, 33)), "/Start@kinerjabot  kode-123 ", "/lapor", "/lapor\nrapat",
		"/start@OtherBot", "/ bukan perintah", "/home/siti",
		// WhatsApp and playground texts.
		"/Lapor kemarin", "/lapor@x", "/kode 19860926 201505 1 001 123456", "/start skm_PKM-A_2_cepat",
		"/" + strings.Repeat("a", 32), "/" + strings.Repeat("a", 33), "/a@b@c d", "/x\u00a0y", "/é", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		cmd, target, args, ok := ParseCommand(text)
		if !ok {
			if cmd != "" || target != "" || args != "" {
				t.Fatalf("ParseCommand(%q) refused but returned %q, %q, %q", text, cmd, target, args)
			}
			return
		}
		if !strings.HasPrefix(text, "/") {
			t.Fatalf("ParseCommand(%q) accepted a text without a slash", text)
		}
		if cmd == "" || len(cmd) > MaxCommandName {
			t.Fatalf("ParseCommand(%q): command %q of %d bytes", text, cmd, len(cmd))
		}
		for _, c := range cmd {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
				t.Fatalf("ParseCommand(%q): command %q has %q", text, cmd, c)
			}
		}
		head := text[1:]
		if i := strings.IndexFunc(head, unicode.IsSpace); i >= 0 {
			head = head[:i]
		}
		if strings.Contains(head, "@") != (target != "") {
			t.Fatalf("ParseCommand(%q): target %q for head %q", text, target, head)
		}
		if strings.IndexFunc(target, unicode.IsSpace) >= 0 {
			t.Fatalf("ParseCommand(%q): target %q has a space", text, target)
		}
		if args != strings.TrimSpace(args) || !strings.Contains(text, args) {
			t.Fatalf("ParseCommand(%q): args %q", text, args)
		}
		if !strings.EqualFold(head, cmd+atTarget(target)) {
			t.Fatalf("ParseCommand(%q): head %q is not %q", text, head, cmd+atTarget(target))
		}
		rebuilt := "/" + strings.ToUpper(cmd) + atTarget(target)
		if args != "" {
			rebuilt += " " + args
		}
		c2, t2, a2, ok2 := ParseCommand(rebuilt)
		if !ok2 || c2 != cmd || t2 != target || a2 != args {
			t.Fatalf("ParseCommand(%q) = %q, %q, %q but rebuilt %q gives %q, %q, %q, %v",
				text, cmd, target, args, rebuilt, c2, t2, a2, ok2)
		}
	})
}

func atTarget(target string) string {
	if target == "" {
		return ""
	}
	return "@" + target
}

// FuzzSplit checks the splitting every adapter sends long replies with: every
// piece is within the limit (but a single character wider than it) and not
// blank, and nothing but spaces at the cuts is lost.
//
//	go test -run '^$' -fuzz '^FuzzSplit$' -fuzztime 60s ./bot/
func FuzzSplit(f *testing.F) {
	f.Add("ab\ncd\nefgh ij", 10, true)
	f.Add("😀😀😀 a\r\n\n b", 3, false)
	f.Add("abcdefghij\nklm", 10, false)
	f.Fuzz(func(t *testing.T, s string, max int, utf16 bool) {
		if max < 1 || max > 1<<12 {
			return
		}
		l := Limits{UTF16: utf16}
		var all strings.Builder
		for _, p := range l.Split(s, max) {
			if strings.TrimSpace(p) == "" || l.Len(p) > max && len([]rune(p)) > 1 {
				t.Fatalf("piece %q (%d units, max %d)", p, l.Len(p), max)
			}
			all.WriteString(noSpace(p)) // piece by piece: bytes cut from a character stay apart
		}
		if all.String() != noSpace(s) {
			t.Fatalf("pieces of %q lose text", s)
		}
	})
}
