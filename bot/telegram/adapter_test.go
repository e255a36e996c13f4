package telegram_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	tg "github.com/go-telegram/bot"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
)

func withCommands(o *telegram.Options) {
	o.Commands = []telegram.Command{{Name: "lapor", Description: "Laporkan kegiatan"}, {Name: "bantuan", Description: "Bantuan"}}
}

func TestNewLearnsUsername(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	if a.Username() != telegramtest.BotUsername || a.Platform() != bot.Telegram {
		t.Errorf("username %q platform %q", a.Username(), a.Platform())
	}
}

func TestNewGetMeFailureMasksToken(t *testing.T) {
	s := telegramtest.NewServer(t)
	_, err := telegram.New(t.Context(), telegram.Options{Token: "999:WRONGSECRET", APIURL: s.URL()}, nil)
	if err == nil {
		t.Fatal("New accepted a refused token")
	}
	if strings.Contains(err.Error(), "WRONGSECRET") || !strings.Contains(err.Error(), "999:***") {
		t.Errorf("error = %q, want the token masked", err)
	}
	if !errors.Is(err, tg.ErrorUnauthorized) {
		t.Errorf("error %q does not wrap tg.ErrorUnauthorized", err)
	}
}

func TestNewNetworkFailureMasksToken(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := telegram.New(ctx, telegram.Options{Token: "999:WRONGSECRET", APIURL: "http://127.0.0.1:1"}, nil)
	if err == nil || strings.Contains(err.Error(), "WRONGSECRET") {
		t.Errorf("error = %v, want one without the token", err)
	}
}

func TestNewValidatesOptions(t *testing.T) {
	tests := []struct {
		name string
		o    telegram.Options
	}{
		{"no token", telegram.Options{}},
		{"unknown mode", telegram.Options{Token: "1:x", Mode: "push"}},
		{"webhook without url", telegram.Options{Token: "1:x", Mode: telegram.ModeWebhook, WebhookSecret: "abc"}},
		{"webhook without secret", telegram.Options{Token: "1:x", Mode: telegram.ModeWebhook, WebhookURL: "https://x"}},
		{"webhook secret with bad chars", telegram.Options{Token: "1:x", Mode: telegram.ModeWebhook, WebhookURL: "https://x", WebhookSecret: "a b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := telegram.New(t.Context(), tt.o, nil); err == nil {
				t.Error("New accepted invalid options")
			}
		})
	}
}

func TestSetCommands(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s, withCommands)
	a.SetCommands(t.Context())
	got := s.Commands()
	if len(got) != 2 || got[0].Command != "lapor" || got[1].Description != "Bantuan" {
		t.Errorf("commands = %+v", got)
	}
}

func TestRunWebhookSetsWebhookAndWaits(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s, webhookMode("rahasia-1"), withCommands)
	r := run(t, a, newInbox())
	h := s.WaitWebhook(t, wait)
	if h.URL != "https://bot.example.go.id/telegram" || h.Secret != "rahasia-1" {
		t.Errorf("webhook = %+v", h)
	}
	if !slices.Contains(h.AllowedUpdates, "callback_query") || !slices.Contains(h.AllowedUpdates, "message") {
		t.Errorf("allowed_updates = %v", h.AllowedUpdates)
	}
	if err := r.stop(); err != nil {
		t.Errorf("Run = %v, want nil on cancel", err)
	}
	if s.Calls("getUpdates") != 0 || len(s.Commands()) != 2 {
		t.Errorf("getUpdates calls %d, commands %d", s.Calls("getUpdates"), len(s.Commands()))
	}
}
