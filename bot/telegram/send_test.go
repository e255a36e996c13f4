package telegram_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	tg "github.com/go-telegram/bot"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
)

var chat = bot.ChatKey{Platform: bot.Telegram, ChatID: "5550001"}

func TestSendRendersMarkup(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	replies := []bot.Reply{
		{Chat: chat, Text: "Setujui?", Buttons: [][]bot.Button{{{Label: "Ya", Data: "ok:1"}, {Label: "Tidak", Data: "no:1"}}}},
		{Chat: chat, Text: "Bagikan nomor", Keyboard: [][]bot.KeyButton{{{Label: "Kirim nomor", RequestContact: true}}}},
		{Chat: chat, Text: "Lokasi", Keyboard: [][]bot.KeyButton{{{Label: "Kirim lokasi", RequestLocation: true}, {Label: "Lewati"}}}},
		{Chat: chat, Text: "Terima kasih", RemoveKeyboard: true},
		{Chat: chat, Text: "polos"},
	}
	for i, r := range replies {
		ref, err := a.Send(t.Context(), r)
		if err != nil {
			t.Fatalf("Send %d: %v", i, err)
		}
		if ref.Chat != chat || ref.MessageID == "" {
			t.Errorf("ref %d = %+v", i, ref)
		}
	}
	sent := s.WaitSent(t, len(replies), wait)
	for _, m := range sent {
		if m.ChatID != 5550001 {
			t.Errorf("chat_id = %d", m.ChatID)
		}
	}

	if b := sent[0].Buttons(); len(b) != 2 || b[0].Text != "Ya" || b[1].CallbackData != "no:1" {
		t.Errorf("inline buttons = %+v", b)
	}
	kb := sent[1].Markup
	if kb == nil || !kb.Keyboard[0][0].RequestContact || !kb.ResizeKeyboard || !kb.OneTimeKeyboard {
		t.Errorf("contact keyboard = %+v", kb)
	}
	kb = sent[2].Markup
	if kb == nil || !kb.Keyboard[0][0].RequestLocation || kb.Keyboard[0][1].Text != "Lewati" || !kb.OneTimeKeyboard {
		t.Errorf("location keyboard = %+v", kb)
	}
	if m := sent[3].Markup; m == nil || !m.RemoveKeyboard {
		t.Errorf("remove keyboard = %+v", m)
	}
	if sent[4].Markup != nil || sent[4].Text != "polos" {
		t.Errorf("plain message = %+v", sent[4])
	}
}

func TestSendRefusesInvalidReplyBeforeCalling(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	tests := []struct {
		name string
		r    bot.Reply
	}{
		{"button data over 64 bytes", bot.Reply{Chat: chat, Text: "x", Buttons: [][]bot.Button{{{Label: "A", Data: strings.Repeat("d", bot.MaxButtonData+1)}}}}},
		{"button without data", bot.Reply{Chat: chat, Text: "x", Buttons: [][]bot.Button{{{Label: "A"}}}}},
		{"empty text", bot.Reply{Chat: chat}},
		{"other platform", bot.Reply{Chat: bot.ChatKey{Platform: bot.WhatsApp, ChatID: "1"}, Text: "x"}},
		{"buttons and keyboard", bot.Reply{Chat: chat, Text: "x", Buttons: [][]bot.Button{{{Label: "A", Data: "a"}}}, RemoveKeyboard: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := a.Send(t.Context(), tt.r); !errors.Is(err, telegram.ErrInvalidReply) {
				t.Errorf("Send error = %v, want ErrInvalidReply", err)
			}
		})
	}
	if n := s.Calls("sendMessage"); n != 0 {
		t.Errorf("sendMessage called %d times", n)
	}
	ok := bot.Reply{Chat: chat, Text: "x", Buttons: [][]bot.Button{{{Label: "A", Data: strings.Repeat("d", bot.MaxButtonData)}}}}
	if _, err := a.Send(t.Context(), ok); err != nil {
		t.Errorf("64-byte data refused: %v", err)
	}
}

func TestSendSurfacesPlatformErrors(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)

	s.FailNext("sendMessage", 1, telegramtest.TooManyRequests(7))
	_, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "x"})
	var tm *tg.TooManyRequestsError
	if !errors.As(err, &tm) || tm.RetryAfter != 7 {
		t.Fatalf("error %v is not a TooManyRequestsError with retry_after 7", err)
	}
	if d, ok := telegram.RetryAfter(err); !ok || d != 7*time.Second {
		t.Errorf("RetryAfter = %v, %v", d, ok)
	}
	if telegram.IsForbidden(err) {
		t.Error("429 reported as forbidden")
	}

	s.FailNext("sendMessage", 1, telegramtest.Forbidden())
	_, err = a.Send(t.Context(), bot.Reply{Chat: chat, Text: "x"})
	if !telegram.IsForbidden(err) {
		t.Errorf("IsForbidden(%v) = false", err)
	}
	if _, ok := telegram.RetryAfter(err); ok {
		t.Error("403 reported a retry_after")
	}
}

func TestAnswerCallback(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	if err := a.AnswerCallback(t.Context(), "cb-1", "Disetujui"); err != nil {
		t.Fatal(err)
	}
	if err := a.AnswerCallback(t.Context(), "cb-2", ""); err != nil {
		t.Fatal(err)
	}
	got := s.CallbackAnswers()
	want := []telegramtest.CallbackAnswer{{ID: "cb-1", Text: "Disetujui"}, {ID: "cb-2"}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("answers = %+v, want %+v", got, want)
	}
}

func TestEditText(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	ref, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "Setujui?", Buttons: [][]bot.Button{{{Label: "Ya", Data: "ok:1"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.EditText(t.Context(), ref, "Disetujui oleh Budi", nil); err != nil {
		t.Fatal(err)
	}
	// Redelivery repeats the edit; Telegram says "not modified", which is done.
	if err := a.EditText(t.Context(), ref, "Disetujui oleh Budi", nil); err != nil {
		t.Errorf("repeated edit: %v", err)
	}
	edits := s.Edits()
	if len(edits) != 1 || edits[0].Text != "Disetujui oleh Budi" || edits[0].Markup != nil {
		t.Errorf("edits = %+v", edits)
	}
	if err := a.EditText(t.Context(), ref, "Lagi", [][]bot.Button{{{Label: "Batal", Data: "undo:1"}}}); err != nil {
		t.Fatal(err)
	}
	if b := s.Edits()[1].Buttons(); len(b) != 1 || b[0].CallbackData != "undo:1" {
		t.Errorf("edit buttons = %+v", b)
	}
	missing := bot.MessageRef{Chat: chat, MessageID: "999"}
	if err := a.EditText(t.Context(), missing, "x", nil); !errors.Is(err, tg.ErrorBadRequest) {
		t.Errorf("edit of unknown message: %v", err)
	}
}

func TestDownload(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	s.AddFile("f-1", []byte("isi berkas"))
	got, err := a.Download(t.Context(), "f-1", 100)
	if err != nil || string(got) != "isi berkas" {
		t.Fatalf("Download = %q, %v", got, err)
	}
	if _, err := a.Download(t.Context(), "f-1", 3); !errors.Is(err, bot.ErrFileTooLarge) {
		t.Errorf("over limit: %v", err)
	}
	if _, err := a.Download(t.Context(), "none", 100); !errors.Is(err, tg.ErrorBadRequest) {
		t.Errorf("unknown file: %v", err)
	}
}

// Sends at once from many workers keep their connections to the Bot API
// for the next sends instead of opening new ones (net/http's default keeps
// two per host; with Telegram each new one is a TLS handshake).
func TestConcurrentSendsReuseConnections(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	const workers = 32
	burst := func() {
		var wg sync.WaitGroup
		for i := range workers {
			wg.Go(func() {
				if _, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: fmt.Sprint("pesan ", i)}); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
	}
	// Never more connections than sends at once: a burst may open what the
	// ones before did not need, but every later send reuses one.
	for range 4 {
		burst()
	}
	if opened := s.Connections(); opened > workers+1 {
		t.Errorf("four bursts of %d sends opened %d connections, want at most %d", workers, opened, workers+1)
	}
}

// A text over Telegram's 4,096 UTF-16 units goes as several messages,
// split at line breaks, each within the limit, the keyboard under the last;
// nothing is lost.
func TestSendLongTextInParts(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	var b strings.Builder
	for i := range 60 {
		fmt.Fprintf(&b, "- %02d komentar warga 😀%s\n", i, strings.Repeat(" antrean", 11))
	}
	text := b.String() // 60 lines of 100 UTF-16 units (the newline included)
	kb := [][]bot.KeyButton{{{Label: "📝 Lapor"}}}
	ref, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: text, Keyboard: kb})
	if err != nil {
		t.Fatal(err)
	}
	sent := s.WaitSent(t, 2, wait)
	for i, m := range sent {
		if n := len(utf16.Encode([]rune(m.Text))); n > 4096 || !strings.HasSuffix(m.Text, "antrean") {
			t.Errorf("part %d: %d units, not cut at a line break: …%q", i, n, m.Text[max(0, len(m.Text)-20):])
		}
		if (m.Markup != nil) != (i == len(sent)-1) {
			t.Errorf("part %d: markup %+v", i, m.Markup)
		}
	}
	if got := sent[0].Text + "\n" + sent[1].Text + "\n"; got != text {
		t.Errorf("the parts do not make up the text")
	}
	if ref.MessageID != fmt.Sprint(sent[1].MessageID) {
		t.Errorf("ref %+v is not the last part", ref)
	}
}

// A part refused after the first went out is a *bot.PartialError keeping
// the platform's error; sending its Rest sends what was left, once.
func TestSendPartialFailure(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	text := strings.TrimSpace(strings.Repeat("Laporan kegiatan. ", 100)) // 1,799 characters: 1,024 as caption
	s.FailNext("sendMessage", 1, telegramtest.TooManyRequests(3))
	_, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: text, Photo: &bot.Photo{FileID: "ph-1", Platform: bot.Telegram}})
	var pe *bot.PartialError
	if !errors.As(err, &pe) || pe.Sent != 1 || pe.Rest.Photo != nil {
		t.Fatalf("err = %v, want a partial error after the photo", err)
	}
	if d, ok := telegram.RetryAfter(err); !ok || d != 3*time.Second {
		t.Errorf("RetryAfter through the partial error = %v, %v", d, ok)
	}
	if _, err := a.Send(t.Context(), pe.Rest); err != nil {
		t.Fatal(err)
	}
	sent := s.WaitSent(t, 2, wait)
	if got := sent[0].Text + " " + sent[1].Text; got != text || sent[1].Method != "sendMessage" {
		t.Errorf("sent %q then %q", sent[0].Text, sent[1].Text)
	}
}
