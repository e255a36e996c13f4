package telegram

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/kinerjabot/kinerjabot/bot"
)

func TestReplyMarkupJSON(t *testing.T) {
	chat := bot.ChatKey{Platform: bot.Telegram, ChatID: "1"}
	tests := []struct {
		name string
		r    bot.Reply
		want string // "" for no markup
	}{
		{"none", bot.Reply{Chat: chat, Text: "x"}, ""},
		{
			"inline, no copy_text",
			bot.Reply{Buttons: [][]bot.Button{{{Label: "Ya", Data: "ok"}}, {}, {{Label: "Tidak", Data: "no"}}}},
			`{"inline_keyboard":[[{"text":"Ya","callback_data":"ok"}],[{"text":"Tidak","callback_data":"no"}]]}`,
		},
		{
			"contact keyboard is one-time",
			bot.Reply{Keyboard: [][]bot.KeyButton{{{Label: "Nomor", RequestContact: true}}}},
			`{"keyboard":[[{"text":"Nomor","request_contact":true}]],"resize_keyboard":true,"one_time_keyboard":true}`,
		},
		{
			"location keyboard",
			bot.Reply{Keyboard: [][]bot.KeyButton{{{Label: "Lokasi", RequestLocation: true}, {Label: "Lewati"}}}},
			`{"keyboard":[[{"text":"Lokasi","request_location":true},{"text":"Lewati"}]],"resize_keyboard":true,"one_time_keyboard":true}`,
		},
		{"remove", bot.Reply{RemoveKeyboard: true}, `{"remove_keyboard":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := replyMarkup(tt.r)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == "" {
				if m != nil {
					t.Fatalf("markup = %#v, want untyped nil", m)
				}
				return
			}
			got, _ := json.Marshal(m)
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestReplyMarkupRefuses(t *testing.T) {
	long := strings.Repeat("é", 33) // 66 bytes, 33 characters
	tests := []struct {
		name string
		r    bot.Reply
	}{
		{"data over 64 bytes", bot.Reply{Buttons: [][]bot.Button{{{Label: "A", Data: long}}}}},
		{"no data", bot.Reply{Buttons: [][]bot.Button{{{Label: "A"}}}}},
		{"no label", bot.Reply{Buttons: [][]bot.Button{{{Data: "a"}}}}},
		{"keyboard button without label", bot.Reply{Keyboard: [][]bot.KeyButton{{{RequestContact: true}}}}},
		{"contact and location", bot.Reply{Keyboard: [][]bot.KeyButton{{{Label: "A", RequestContact: true, RequestLocation: true}}}}},
		{"empty keyboard", bot.Reply{Keyboard: [][]bot.KeyButton{{}}}},
		{"buttons and keyboard", bot.Reply{
			Buttons:  [][]bot.Button{{{Label: "A", Data: "a"}}},
			Keyboard: [][]bot.KeyButton{{{Label: "B"}}},
		}},
		{"keyboard and remove", bot.Reply{Keyboard: [][]bot.KeyButton{{{Label: "B"}}}, RemoveKeyboard: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := replyMarkup(tt.r); !errors.Is(err, ErrInvalidReply) {
				t.Errorf("error = %v, want ErrInvalidReply", err)
			}
		})
	}
}

func TestChatID(t *testing.T) {
	if id, err := chatID(bot.ChatKey{Platform: bot.Telegram, ChatID: "-100123"}); err != nil || id != -100123 {
		t.Errorf("chatID = %d, %v", id, err)
	}
	for _, k := range []bot.ChatKey{{Platform: bot.WhatsApp, ChatID: "1"}, {Platform: bot.Telegram, ChatID: "abc"}} {
		if _, err := chatID(k); !errors.Is(err, ErrInvalidReply) {
			t.Errorf("chatID(%v) error = %v", k, err)
		}
	}
}

func TestNoButtonsJSON(t *testing.T) {
	got, _ := json.Marshal(noButtons())
	if string(got) != `{"inline_keyboard":[]}` {
		t.Errorf("got %s", got)
	}
}

func TestFitCaption(t *testing.T) {
	units := func(s string) int { return len(utf16.Encode([]rune(s))) }
	tests := []struct {
		name string
		in   string
		cut  bool
	}{
		{"short", "Laporan", false},
		{"exactly the limit", strings.Repeat("a", bot.MaxCaption), false},
		{"exactly the limit, two-byte", strings.Repeat("é", bot.MaxCaption), false},
		{"one over", strings.Repeat("a", bot.MaxCaption+1), true},
		{"two-byte over", strings.Repeat("é", bot.MaxCaption+1), true},
		{"emoji count two", strings.Repeat("📷", bot.MaxCaption/2+1), true},
		{"emoji at the edge", strings.Repeat("a", bot.MaxCaption-2) + "📷📷", true},
		{"space before the cut", strings.Repeat("a", bot.MaxCaption-3) + "   " + "bbbb", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := bot.TelegramLimits.Fit(tt.in, bot.MaxCaption)
			if !tt.cut {
				if got != tt.in {
					t.Errorf("changed a fitting caption")
				}
				return
			}
			body, ok := strings.CutSuffix(got, "…")
			if !ok || !utf8.ValidString(got) || !strings.HasPrefix(tt.in, body) || body != strings.TrimRight(body, " ") {
				t.Errorf("got %q", got)
			}
			if n := units(got); n > bot.MaxCaption || n < bot.MaxCaption-4 {
				t.Errorf("%d UTF-16 units", n)
			}
		})
	}
}
