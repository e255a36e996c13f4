package bot

import (
	"testing"
)

func TestCleanText(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"plain text is kept", "Antrean lebih tertib, terima kasih", "Antrean lebih tertib, terima kasih"},
		{"newline and tab are kept", "baris 1\n\tbaris 2\n", "baris 1\n\tbaris 2\n"},
		{"emoji and non-latin scripts are kept", "👍 بسم 中文 é", "👍 بسم 中文 é"},
		{"terminal title and clear screen", "ok\x1b]0;pwned\x07 \x1b[2Jbye", "ok]0;pwned [2Jbye"},
		{"every other C0", "a\x00b\x01c\x08d\x0be\x0cf\x1fg", "abcdefg"},
		{"DEL", "a\x7fb", "ab"},
		{"C1 controls, CSI among them", "a\u0080b\u009b31mc\u009fd\u0085e", "ab31mcde"},
		{"just past C1 is kept", "\u00a0\u00a9", "\u00a0\u00a9"},
		{"CRLF is one newline", "a\r\nb", "a\nb"},
		{"a lone CR ends a line", "a\rb", "a\nb"},
		{"invalid UTF-8 becomes U+FFFD", "a\xffb\xc2", "a\ufffdb\ufffd"},
		{"a raw C1 byte is not UTF-8", "a\x9bb", "a\ufffdb"},
		{"only controls", "\x1b\x07", ""},
		{"empty", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CleanText(tc.in); got != tc.want {
				t.Errorf("CleanText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestUpdateClean(t *testing.T) {
	contact := &Contact{Phone: "+62812\x1b", FirstName: "Bu\x1b[31mdi", UserID: "7"}
	media := &Media{FileID: "f\x01", FileName: "lap\x07.pdf"}
	u := Update{
		ID: "1\x1b", Kind: KindCommand, Text: "/start x\x1b[2J", Command: "start", Args: "x\x1b[2J",
		UserName: "R\u009bina", Contact: contact, Media: media, Callback: &Callback{Data: "d\x1b"},
	}
	got := u.Clean()
	if got.Text != "/start x[2J" || got.Args != "x[2J" || got.UserName != "Rina" {
		t.Errorf("text %q, args %q, name %q", got.Text, got.Args, got.UserName)
	}
	if got.Contact.FirstName != "Bu[31mdi" || got.Contact.Phone != "+62812" || got.Contact.UserID != "7" {
		t.Errorf("contact %+v", *got.Contact)
	}
	if got.Media.FileName != "lap.pdf" || got.Media.FileID != "f\x01" {
		t.Errorf("media %+v", *got.Media)
	}
	if got.ID != u.ID || got.Callback.Data != "d\x1b" {
		t.Errorf("ids or button data changed: %q %q", got.ID, got.Callback.Data)
	}
	if contact.FirstName != "Bu\x1b[31mdi" || media.FileName != "lap\x07.pdf" {
		t.Error("the original update's contact or media was changed")
	}
}
