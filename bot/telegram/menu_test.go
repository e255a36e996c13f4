package telegram_test

import (
	"testing"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
)

func TestSetCommandsPerLanguage(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s, withCommands, func(o *telegram.Options) {
		o.LanguageCommands = map[string][]telegram.Command{"en": {{Name: "report", Description: "Report an activity"}}}
	})
	a.SetCommands(t.Context())
	if got := s.Menu(telegramtest.MenuKey{}); len(got) != 2 || got[0].Command != "lapor" {
		t.Errorf("default menu = %+v", got)
	}
	if got := s.Menu(telegramtest.MenuKey{Language: "en"}); len(got) != 1 || got[0].Command != "report" {
		t.Errorf("English menu = %+v", got)
	}
}

// A reply carrying a menu sets that chat's own menu, then is sent; one
// without leaves the menus alone.
func TestReplyMenuSetsTheChatsMenu(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	chat := bot.ChatKey{Platform: bot.Telegram, ChatID: "4242"}
	menu := []bot.MenuCommand{{Name: "ikm", Description: "Laporan IKM unit"}, {Name: "bantuan", Description: "Bantuan"}}
	if _, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "Perintah yang tersedia", Menu: menu}); err != nil {
		t.Fatal(err)
	}
	got := s.Menu(telegramtest.MenuKey{Scope: "chat:4242"})
	if len(got) != 2 || got[0].Command != "ikm" || got[1].Description != "Bantuan" {
		t.Errorf("chat menu = %+v", got)
	}
	if _, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "tanpa menu"}); err != nil {
		t.Fatal(err)
	}
	if n := s.Calls("setMyCommands"); n != 1 {
		t.Errorf("setMyCommands called %d times, want 1", n)
	}
	if sent := s.Sent(); len(sent) != 2 || sent[0].Text != "Perintah yang tersedia" {
		t.Errorf("sent = %+v", sent)
	}
}
