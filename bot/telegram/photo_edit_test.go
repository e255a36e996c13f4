package telegram_test

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	tg "github.com/go-telegram/bot"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
)

var approve = [][]bot.Button{{{Label: "Setujui", Data: "ok:7"}, {Label: "Tolak", Data: "no:7"}}}

func TestSendPhotoByFileID(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	ref, err := a.Send(t.Context(), bot.Reply{
		Chat: chat, Text: "Laporan Budi", Buttons: approve,
		Photo: &bot.Photo{FileID: "ph-1", Platform: bot.Telegram, Data: []byte("not used")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !ref.Photo || ref.Chat != chat || ref.MessageID == "" {
		t.Errorf("ref = %+v", ref)
	}
	m := s.WaitSent(t, 1, wait)[0]
	if m.Method != "sendPhoto" || m.ChatID != 5550001 || m.PhotoFileID != "ph-1" || m.PhotoBytes != nil || m.Text != "Laporan Budi" {
		t.Errorf("sent = %+v", m)
	}
	if b := m.Buttons(); len(b) != 2 || b[0].Text != "Setujui" || b[1].CallbackData != "no:7" {
		t.Errorf("buttons = %+v", b)
	}
}

func TestSendPhotoUploadsData(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	jpeg := append([]byte{0xff, 0xd8, 0xff, 0xe0, 0, '\r', '\n', '"'}, bytes.Repeat([]byte{0, 1, 2, 0xfe}, 4096)...)
	// A file id of another platform cannot be used: the bytes go up.
	ref, err := a.Send(t.Context(), bot.Reply{
		Chat: chat, Text: "Bukti",
		Photo: &bot.Photo{FileID: "wa-media-9", Platform: bot.WhatsApp, MIME: "image/jpeg", Data: jpeg},
	})
	if err != nil {
		t.Fatal(err)
	}
	m := s.WaitSent(t, 1, wait)[0]
	if m.Method != "sendPhoto" || m.PhotoFileID != "" || !bytes.Equal(m.PhotoBytes, jpeg) || m.Text != "Bukti" || m.Markup != nil {
		t.Errorf("sent = %+v (%d bytes)", m, len(m.PhotoBytes))
	}
	if !ref.Photo || ref.MessageID != "1" {
		t.Errorf("ref = %+v", ref)
	}
	// A caption is optional.
	if _, err := a.Send(t.Context(), bot.Reply{Chat: chat, Photo: &bot.Photo{Data: jpeg}}); err != nil {
		t.Errorf("photo without caption: %v", err)
	}
}

// A caption over Telegram's 1,024 units goes with the photo as far as it
// fits, the rest as a text after it carrying the buttons; nothing is lost.
// An edit, which cannot become two messages, is cut to fit.
func TestSendPhotoLongCaptionContinuesAsText(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	text := strings.Repeat("Kegiatan hari ini é. ", 100) // 2100 characters
	ref, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: text, Buttons: approve, Photo: &bot.Photo{FileID: "ph-1", Platform: bot.Telegram}})
	if err != nil {
		t.Fatal(err)
	}
	sent := s.WaitSent(t, 2, wait) // 1,024 characters with the photo, 1,076 after
	photo, rest := sent[0], sent[1:]
	if photo.Method != "sendPhoto" || utf8.RuneCountInString(photo.Text) > bot.MaxCaption || photo.Markup != nil {
		t.Errorf("photo: %s of %d characters, markup %+v", photo.Method, utf8.RuneCountInString(photo.Text), photo.Markup)
	}
	joined := photo.Text
	for i, m := range rest {
		if m.Method != "sendMessage" || (m.Markup != nil) != (i == len(rest)-1) {
			t.Errorf("part %d: %s, markup %+v", i+1, m.Method, m.Markup)
		}
		joined += " " + m.Text
	}
	if joined != strings.TrimSpace(text) {
		t.Errorf("the parts do not make up the text:\n%q", joined)
	}
	if b := rest[len(rest)-1].Buttons(); len(b) != 2 || ref.Photo || ref.MessageID != strconv.Itoa(rest[len(rest)-1].MessageID) {
		t.Errorf("the last part carries the buttons and is the one referred to: ref %+v, buttons %+v", ref, b)
	}

	photoRef := bot.MessageRef{Chat: chat, MessageID: strconv.Itoa(photo.MessageID), Photo: true}
	if _, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: text + "!", Edit: &photoRef}); err != nil {
		t.Fatalf("edit with a long caption: %v", err)
	}
	got := s.WaitEdits(t, 1, wait)[0].Text
	if n := utf8.RuneCountInString(got); n > bot.MaxCaption || n < bot.MaxCaption-2 || !strings.HasSuffix(got, "…") {
		t.Errorf("edited caption of %d characters: %q", n, got)
	}
	fit := strings.Repeat("é", bot.MaxCaption)
	if _, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: fit, Photo: &bot.Photo{FileID: "ph-1", Platform: bot.Telegram}}); err != nil {
		t.Fatal(err)
	}
	if got := s.WaitSent(t, 3, wait)[2].Text; got != fit {
		t.Errorf("a caption of exactly %d characters was changed to %d", bot.MaxCaption, utf8.RuneCountInString(got))
	}
}

func TestSendPhotoRefusals(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	for name, p := range map[string]*bot.Photo{
		"nothing":                  {},
		"whatsapp id without data": {FileID: "wa-1", Platform: bot.WhatsApp},
		"evidence not loaded":      {EvidenceID: "ev-1", MIME: "image/jpeg"},
	} {
		if _, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "x", Photo: p}); !errors.Is(err, telegram.ErrInvalidReply) {
			t.Errorf("%s: error %v, want ErrInvalidReply", name, err)
		}
	}
	if n := s.Calls("sendPhoto"); n != 0 {
		t.Errorf("sendPhoto called %d times", n)
	}
}

func TestSendPhotoFailureIsReported(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	s.FailNext("sendPhoto", 1, telegramtest.Fault{Code: 400, Description: "Bad Request: wrong file identifier/HTTP URL specified"})
	r := bot.Reply{Chat: chat, Text: "Laporan", Photo: &bot.Photo{FileID: "stale", Platform: bot.Telegram}}
	_, err := a.Send(t.Context(), r)
	if !errors.Is(err, tg.ErrorBadRequest) || !strings.Contains(err.Error(), "sendPhoto") {
		t.Fatalf("error = %v, want a sendPhoto bad request", err)
	}
	if len(s.Sent()) != 0 {
		t.Errorf("sent = %+v", s.Sent())
	}
	// What the engine does next: the text alone.
	r.Photo = nil
	if _, err := a.Send(t.Context(), r); err != nil {
		t.Fatal(err)
	}
	if m := s.WaitSent(t, 1, wait)[0]; m.Method != "sendMessage" || m.Text != "Laporan" {
		t.Errorf("fallback = %+v", m)
	}
}

func TestSendEditRemovesButtons(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	text, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "Setujui laporan?", Buttons: approve})
	if err != nil {
		t.Fatal(err)
	}
	photo, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "Laporan Budi", Buttons: approve, Photo: &bot.Photo{FileID: "ph-1", Platform: bot.Telegram}})
	if err != nil {
		t.Fatal(err)
	}

	for _, ref := range []bot.MessageRef{text, photo} {
		got, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "Disetujui oleh Sari", Edit: &ref, Track: "prompt:7"})
		if err != nil {
			t.Fatalf("edit %+v: %v", ref, err)
		}
		if got != ref {
			t.Errorf("edit returned %+v, want %+v", got, ref)
		}
	}
	edits := s.WaitEdits(t, 2, wait)
	for i, method := range []string{"editMessageText", "editMessageCaption"} {
		e := edits[i]
		if e.Method != method || e.Text != "Disetujui oleh Sari" || e.Markup == nil || len(e.Buttons()) != 0 {
			t.Errorf("edit %d = %+v, want %s removing the buttons", i, e, method)
		}
	}

	// Redelivery repeats the edits: "not modified" is success.
	for _, ref := range []bot.MessageRef{text, photo} {
		if _, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "Disetujui oleh Sari", Edit: &ref}); err != nil {
			t.Errorf("repeated edit of %+v: %v", ref, err)
		}
	}
	if n := len(s.Edits()); n != 2 {
		t.Errorf("%d edits recorded, want 2", n)
	}

	// An edit may put buttons back.
	if _, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "Disetujui oleh Sari", Edit: &photo, Buttons: [][]bot.Button{{{Label: "Batalkan", Data: "undo:7"}}}}); err != nil {
		t.Fatal(err)
	}
	if b := s.WaitEdits(t, 3, wait)[2].Buttons(); len(b) != 1 || b[0].CallbackData != "undo:7" {
		t.Errorf("buttons = %+v", b)
	}
	// EditText knows a photo's caption too.
	if err := a.EditText(t.Context(), photo, "Dibatalkan", nil); err != nil {
		t.Fatal(err)
	}
	if e := s.WaitEdits(t, 4, wait)[3]; e.Method != "editMessageCaption" || e.Text != "Dibatalkan" {
		t.Errorf("EditText of a photo = %+v", e)
	}
}

func TestSendEditErrors(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	missing := bot.MessageRef{Chat: chat, MessageID: "999"}
	if _, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "x", Edit: &missing}); !errors.Is(err, tg.ErrorBadRequest) {
		t.Errorf("edit of unknown message: %v", err)
	}
	missing.Photo = true
	if _, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "x", Edit: &missing}); !errors.Is(err, tg.ErrorBadRequest) {
		t.Errorf("caption edit of unknown message: %v", err)
	}

	ref, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "teks"})
	if err != nil {
		t.Fatal(err)
	}
	other := bot.ChatKey{Platform: bot.Telegram, ChatID: "42"}
	for name, r := range map[string]bot.Reply{
		"empty text":      {Chat: chat, Edit: &ref},
		"other chat":      {Chat: other, Text: "x", Edit: &ref},
		"photo":           {Chat: chat, Text: "x", Edit: &ref, Photo: &bot.Photo{FileID: "ph", Platform: bot.Telegram}},
		"reply keyboard":  {Chat: chat, Text: "x", Edit: &ref, Keyboard: [][]bot.KeyButton{{{Label: "A"}}}},
		"remove keyboard": {Chat: chat, Text: "x", Edit: &ref, RemoveKeyboard: true},
		"bad button":      {Chat: chat, Text: "x", Edit: &ref, Buttons: [][]bot.Button{{{Label: "A"}}}},
		"bad message id":  {Chat: chat, Text: "x", Edit: &bot.MessageRef{Chat: chat, MessageID: "abc"}},
	} {
		if _, err := a.Send(t.Context(), r); !errors.Is(err, telegram.ErrInvalidReply) {
			t.Errorf("%s: error %v, want ErrInvalidReply", name, err)
		}
	}
	if n := s.Calls("editMessageText") + s.Calls("editMessageCaption"); n != 2 {
		t.Errorf("%d edit calls, want the 2 of unknown messages", n)
	}
}
