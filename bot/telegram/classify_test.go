package telegram_test

import (
	"errors"
	"net/http"
	"testing"
	"time"

	tg "github.com/go-telegram/bot"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
)

func TestSendErrorsAreClassed(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)

	s.FailNext("sendMessage", 1, telegramtest.TooManyRequests(7))
	_, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "x"})
	var rl *bot.RateLimitedError
	if !errors.As(err, &rl) || rl.RetryAfter != 7*time.Second {
		t.Fatalf("429: error %v is not a RateLimitedError of 7s", err)
	}
	var tm *tg.TooManyRequestsError
	if !errors.As(err, &tm) || tm.RetryAfter != 7 {
		t.Errorf("429: library error lost from the chain: %v", err)
	}
	if errors.Is(err, bot.ErrBlocked) {
		t.Error("429 matches ErrBlocked")
	}

	for _, f := range []telegramtest.Fault{
		telegramtest.Forbidden(),
		{Code: http.StatusForbidden, Description: "Forbidden: user is deactivated"},
	} {
		s.FailNext("sendMessage", 1, f)
		_, err = a.Send(t.Context(), bot.Reply{Chat: chat, Text: "x"})
		if !errors.Is(err, bot.ErrBlocked) || !errors.Is(err, tg.ErrorForbidden) {
			t.Errorf("%q: error %v does not match both ErrBlocked and tg.ErrorForbidden", f.Description, err)
		}
		if errors.As(err, &rl) {
			t.Errorf("%q: reported as rate limited", f.Description)
		}
	}

	// Another 403 stays a plain forbidden error.
	s.FailNext("sendMessage", 1, telegramtest.Fault{Code: http.StatusForbidden, Description: "Forbidden: bot is not a member of the channel chat"})
	if _, err = a.Send(t.Context(), bot.Reply{Chat: chat, Text: "x"}); errors.Is(err, bot.ErrBlocked) || !errors.Is(err, tg.ErrorForbidden) {
		t.Errorf("other 403: %v", err)
	}
	// A 500 is neither.
	s.FailNext("sendMessage", 1, telegramtest.ServerError())
	if _, err = a.Send(t.Context(), bot.Reply{Chat: chat, Text: "x"}); err == nil || errors.Is(err, bot.ErrBlocked) || errors.As(err, &rl) {
		t.Errorf("500: %v", err)
	}
}

func TestEditAndCallbackErrorsAreClassed(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	ref, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "x"})
	if err != nil {
		t.Fatal(err)
	}
	s.FailNext("editMessageText", 1, telegramtest.TooManyRequests(2))
	_, err = a.Send(t.Context(), bot.Reply{Text: "y", Edit: &ref})
	var rl *bot.RateLimitedError
	if !errors.As(err, &rl) || rl.RetryAfter != 2*time.Second {
		t.Errorf("edit 429: %v", err)
	}
	s.FailNext("editMessageText", 1, telegramtest.Forbidden())
	if _, err = a.Send(t.Context(), bot.Reply{Text: "y", Edit: &ref}); !errors.Is(err, bot.ErrBlocked) {
		t.Errorf("edit 403: %v", err)
	}
	s.FailNext("answerCallbackQuery", 1, telegramtest.TooManyRequests(3))
	if err = a.AnswerCallback(t.Context(), "cb-1", "ok"); !errors.As(err, &rl) || rl.RetryAfter != 3*time.Second {
		t.Errorf("answerCallbackQuery 429: %v", err)
	}
}
