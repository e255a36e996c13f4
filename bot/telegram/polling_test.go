package telegram_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
)

func id(u models.Update) string { return strconv.FormatInt(u.ID, 10) }

func TestPollingDeliversInOrder(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, l := newAdapter(t, s)
	in := newInbox()
	const chat = 5550001
	s.AddFile("photo-1", []byte("jpeg bytes"))
	ups := []models.Update{
		s.Text(chat, "halo"),
		s.Text(chat, "/Lapor@"+telegramtest.BotUsername+" rapat pagi"),
		s.Contact(chat, chat, "+6281234567789"),
		s.Photo(chat, "photo-1"),
		s.Location(chat, -6.2, 106.8),
		s.Callback(chat, "approve:01J", 42),
		s.Document(chat, "doc-1", "laporan.pdf", "application/pdf"),
	}
	s.PushUpdate(ups...)
	run(t, a, in)

	var got []bot.Update
	for range ups {
		got = append(got, in.next(t))
	}
	for i, u := range got {
		if u.ID != id(ups[i]) || u.Platform != bot.Telegram || u.ChatID != "5550001" || u.UserID != "5550001" {
			t.Errorf("update %d: id/platform/chat/user = %s/%s/%s/%s", i, u.ID, u.Platform, u.ChatID, u.UserID)
		}
	}
	wantKinds := []bot.Kind{bot.KindText, bot.KindCommand, bot.KindContact, bot.KindPhoto, bot.KindLocation, bot.KindCallback, bot.KindDocument}
	for i, k := range wantKinds {
		if got[i].Kind != k {
			t.Errorf("update %d kind = %s, want %s", i, got[i].Kind, k)
		}
	}
	if c := got[1]; c.Command != "lapor" || c.Args != "rapat pagi" {
		t.Errorf("command = %q args %q", c.Command, c.Args)
	}
	if c := got[2].Contact; c == nil || c.Phone != "+6281234567789" || c.UserID != "5550001" {
		t.Errorf("contact = %+v", c)
	}
	if m := got[3].Media; m == nil || m.FileID != "photo-1" || m.Size != int64(len("jpeg bytes")) || m.Width != 1280 {
		t.Errorf("photo = %+v", m)
	}
	if cb := got[5].Callback; cb == nil || cb.Data != "approve:01J" || cb.MessageID != "42" || cb.ID == "" {
		t.Errorf("callback = %+v", cb)
	}
	if m := got[6].Media; m == nil || m.FileName != "laporan.pdf" || m.MIME != "application/pdf" {
		t.Errorf("document = %+v", m)
	}
	s.WaitConfirmed(t, ups[len(ups)-1].ID+1, wait)
	if allowed := s.AllowedUpdates(); !slices.Contains(allowed, "message") || !slices.Contains(allowed, "callback_query") {
		t.Errorf("allowed_updates = %v", allowed)
	}
	if strings.Contains(l.String(), "+6281234567789") {
		t.Errorf("phone logged unmasked:\n%s", l)
	}
	if !strings.Contains(l.String(), "+62812****789") {
		t.Errorf("masked phone not in debug log:\n%s", l)
	}
}

// An inbox that fails loses nothing and reorders nothing, and the update is
// not confirmed to Telegram until the inbox took it.
func TestPollingRetriesRefusedUpdateBeforeConfirming(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	ups := []models.Update{s.Text(1, "satu"), s.Text(1, "dua"), s.Text(1, "tiga")}
	refused, release := make(chan struct{}), make(chan struct{})
	in := newInbox()
	in.hook = func(u bot.Update, attempt int) error {
		if u.ID == id(ups[1]) && attempt == 1 {
			close(refused)
			<-release
			return errInboxDown
		}
		return nil
	}
	s.PushUpdate(ups...)
	run(t, a, in)

	if u := in.next(t); u.Text != "satu" {
		t.Fatalf("first = %q", u.Text)
	}
	select {
	case <-refused:
	case <-time.After(wait):
		t.Fatal("the inbox was never offered update 2")
	}
	if c := s.Confirmed(); c > ups[1].ID {
		t.Fatalf("confirmed offset %d passes update %d before the inbox accepted it", c, ups[1].ID)
	}
	close(release)
	for _, want := range []string{"dua", "tiga"} {
		if u := in.next(t); u.Text != want {
			t.Fatalf("got %q, want %q", u.Text, want)
		}
	}
	s.WaitConfirmed(t, ups[2].ID+1, wait)
	if n := in.attemptsOf(id(ups[1])); n != 2 {
		t.Errorf("update 2 offered %d times, want 2", n)
	}
	in.none(t)
}

// De-duplication is the engine's job: a redelivered update reaches the inbox
// again with the same id.
func TestPollingPassesRedeliveryWithSameID(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	in := newInbox()
	u := s.Text(7, "sekali")
	s.PushTwice(u)
	run(t, a, in)
	first, second := in.next(t), in.next(t)
	if first.ID != id(u) || second.ID != id(u) {
		t.Errorf("ids = %s, %s, want %s twice", first.ID, second.ID, id(u))
	}
}

func TestPollingConfirmsIgnoredUpdatesWithoutAccept(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	in := newInbox()
	group := s.Text(-100200, "di grup")
	group.Message.Chat.Type = models.ChatTypeSupergroup
	edited := s.Text(1, "diubah")
	edited.EditedMessage, edited.Message = edited.Message, nil
	private := s.Text(1, "pribadi")
	s.PushUpdate(group, edited, private)
	run(t, a, in)
	if u := in.next(t); u.ID != id(private) {
		t.Fatalf("accepted %s, want only %s", u.ID, id(private))
	}
	s.WaitConfirmed(t, private.ID+1, wait)
	in.none(t)
	if n := in.attemptsOf(id(group)) + in.attemptsOf(id(edited)); n != 0 {
		t.Errorf("ignored updates offered %d times", n)
	}
}

// Polling fails while a webhook is set; Run deletes it first.
func TestPollingDeletesWebhookFirst(t *testing.T) {
	s := telegramtest.NewServer(t)
	hook, _ := newAdapter(t, s, webhookMode("rahasia"))
	r := run(t, hook, newInbox())
	s.WaitWebhook(t, wait)
	if err := r.stop(); err != nil {
		t.Fatal(err)
	}
	a, _ := newAdapter(t, s)
	in := newInbox()
	s.PushUpdate(s.Text(3, "halo"))
	run(t, a, in)
	if u := in.next(t); u.Text != "halo" {
		t.Fatalf("got %q", u.Text)
	}
	if s.Webhook().URL != "" {
		t.Error("webhook still set")
	}
}

func TestPollingRetriesServerErrors(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	in := newInbox()
	s.FailNext("getUpdates", 2, telegramtest.ServerError())
	s.PushUpdate(s.Text(3, "tetap sampai"))
	run(t, a, in)
	if u := in.next(t); u.Text != "tetap sampai" {
		t.Fatalf("got %q", u.Text)
	}
	if n := s.Calls("getUpdates"); n < 3 {
		t.Errorf("getUpdates called %d times, want at least 3", n)
	}
}

func TestRunStopsOnRefusedToken(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	s.FailNext("getUpdates", 1, telegramtest.Fault{Code: 401, Description: "Unauthorized"})
	err := run(t, a, newInbox()).wait(t)
	if err == nil || strings.Contains(err.Error(), s.Token()) {
		t.Fatalf("Run error = %v, want an error without the token", err)
	}
}

func TestSetCommandsFailureIsNotFatal(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, l := newAdapter(t, s, withCommands)
	s.FailNext("setMyCommands", 1, telegramtest.ServerError())
	in := newInbox()
	s.PushUpdate(s.Text(3, "halo"))
	run(t, a, in)
	if u := in.next(t); u.Text != "halo" {
		t.Fatalf("got %q", u.Text)
	}
	if s.Calls("setMyCommands") != 1 || len(s.Commands()) != 0 {
		t.Errorf("setMyCommands calls %d, commands %v", s.Calls("setMyCommands"), s.Commands())
	}
	if !strings.Contains(l.String(), "setMyCommands failed") {
		t.Errorf("failure not logged:\n%s", l)
	}
}
