package telegramtest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
)

// uploadBody is a multipart body with fields and one file part.
func uploadBody(t *testing.T, fields map[string]string, part string, data []byte) (string, io.Reader) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	fw, err := w.CreateFormFile(part, "photo.jpg")
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	w.Close()
	return w.FormDataContentType(), &buf
}

func TestSendPhoto(t *testing.T) {
	s := telegramtest.NewServer(t)
	a := callJSON(t, s, "sendPhoto", map[string]any{
		"chat_id": 1, "photo": "ph-1", "caption": "byid",
		"reply_markup": map[string]any{"inline_keyboard": [][]map[string]string{{{"text": "Ya", "callback_data": "ok"}}}},
	})
	var m models.Message
	if err := json.Unmarshal(a.Result, &m); err != nil || m.ID != 1 || m.Caption != "byid" || m.Text != "" || len(m.Photo) != 3 || m.Photo[2].FileID != "ph-1" {
		t.Errorf("by id: result %+v, %v", m, err)
	}

	data := []byte("\xff\xd8\xff\x00binary\r\n--")
	ct, body := uploadBody(t, map[string]string{"chat_id": "2", "caption": "upload"}, "photo", data)
	a = call(t, s, "sendPhoto", ct, body)
	if err := json.Unmarshal(a.Result, &m); err != nil || m.ID != 2 || m.Caption != "upload" || len(m.Photo) != 3 {
		t.Fatalf("upload: result %+v, %v", m, err)
	}
	largest := m.Photo[len(m.Photo)-1]
	if largest.FileSize != len(data) || largest.Width <= m.Photo[0].Width {
		t.Errorf("sizes = %+v", m.Photo)
	}
	// The uploaded photo is a file of the server's now.
	var f models.File
	if err := json.Unmarshal(callJSON(t, s, "getFile", map[string]any{"file_id": largest.FileID}).Result, &f); err != nil || f.FileSize != int64(len(data)) {
		t.Errorf("getFile of the sent photo = %+v, %v", f, err)
	}

	sent := s.WaitSent(t, 2, wait)
	if got := sent[0]; got.Method != "sendPhoto" || got.ChatID != 1 || got.PhotoFileID != "ph-1" || got.PhotoBytes != nil || got.Text != "byid" || got.Buttons()[0].CallbackData != "ok" {
		t.Errorf("sent 0 = %+v", got)
	}
	if got := sent[1]; got.PhotoFileID != "" || !bytes.Equal(got.PhotoBytes, data) || got.Text != "upload" || got.Markup != nil {
		t.Errorf("sent 1 = %+v", got)
	}
	// Numbering is shared with sendMessage.
	callJSON(t, s, "sendMessage", map[string]any{"chat_id": 1, "text": "x"})
	if got := s.WaitSent(t, 3, wait)[2]; got.MessageID != 3 {
		t.Errorf("next message id = %d", got.MessageID)
	}
}

func TestSendPhotoRefusals(t *testing.T) {
	s := telegramtest.NewServer(t)
	if a := callJSON(t, s, "sendPhoto", map[string]any{"chat_id": 1, "caption": "x"}); a.ErrorCode != 400 {
		t.Errorf("no photo: %+v", a)
	}
	long := strings.Repeat("é", 1025)
	if a := callJSON(t, s, "sendPhoto", map[string]any{"chat_id": 1, "photo": "p", "caption": long}); a.ErrorCode != 400 || !strings.Contains(a.Description, "caption is too long") {
		t.Errorf("long caption: %+v", a)
	}
	if a := callJSON(t, s, "sendPhoto", map[string]any{"chat_id": 1, "photo": "p", "caption": strings.Repeat("📷", 513)}); a.ErrorCode != 400 {
		t.Errorf("caption over 1024 UTF-16 units: %+v", a)
	}
	s.FailNext("sendPhoto", 1, telegramtest.Fault{Code: http.StatusBadRequest, Description: "Bad Request: IMAGE_PROCESS_FAILED"})
	if a := callJSON(t, s, "sendPhoto", map[string]any{"chat_id": 1, "photo": "p"}); a.ErrorCode != 400 || a.Description != "Bad Request: IMAGE_PROCESS_FAILED" {
		t.Errorf("fault: %+v", a)
	}
	if a := callJSON(t, s, "sendPhoto", map[string]any{"chat_id": 1, "photo": "p", "caption": strings.Repeat("é", 1024)}); !a.OK {
		t.Errorf("after the fault: %+v", a)
	}
	if n, sent := s.Calls("sendPhoto"), len(s.Sent()); n != 5 || sent != 1 {
		t.Errorf("calls %d sent %d", n, sent)
	}
}

func TestCaptionEdits(t *testing.T) {
	s := telegramtest.NewServer(t)
	buttons := map[string]any{"inline_keyboard": [][]map[string]string{{{"text": "Ya", "callback_data": "ok"}}}}
	callJSON(t, s, "sendMessage", map[string]any{"chat_id": 1, "text": "teks", "reply_markup": buttons})
	callJSON(t, s, "sendPhoto", map[string]any{"chat_id": 1, "photo": "p", "caption": "foto", "reply_markup": buttons})
	none := map[string]any{"inline_keyboard": []any{}}

	for _, tt := range []struct {
		name, method string
		params       map[string]any
		want         string // in the description
	}{
		{"text of a photo", "editMessageText", map[string]any{"message_id": 2, "text": "x"}, "there is no text in the message to edit"},
		{"caption of a text", "editMessageCaption", map[string]any{"message_id": 1, "caption": "x"}, "there is no caption in the message to edit"},
		{"unknown message", "editMessageCaption", map[string]any{"message_id": 9, "caption": "x"}, "message to edit not found"},
		{"unchanged caption", "editMessageCaption", map[string]any{"message_id": 2, "caption": "foto", "reply_markup": buttons}, "message is not modified"},
		{"long caption", "editMessageCaption", map[string]any{"message_id": 2, "caption": strings.Repeat("a", 1025)}, "caption is too long"},
	} {
		tt.params["chat_id"] = 1
		if a := callJSON(t, s, tt.method, tt.params); a.ErrorCode != 400 || !strings.Contains(a.Description, tt.want) {
			t.Errorf("%s: %+v", tt.name, a)
		}
	}

	a := callJSON(t, s, "editMessageCaption", map[string]any{"chat_id": 1, "message_id": 2, "caption": "disetujui", "reply_markup": none})
	var m models.Message
	if err := json.Unmarshal(a.Result, &m); err != nil || m.Caption != "disetujui" || len(m.Photo) != 3 {
		t.Errorf("caption edit result = %+v, %v", m, err)
	}
	callJSON(t, s, "editMessageText", map[string]any{"chat_id": 1, "message_id": 1, "text": "disetujui", "reply_markup": none})
	edits := s.WaitEdits(t, 2, wait)
	if e := edits[0]; e.Method != "editMessageCaption" || e.Text != "disetujui" || e.Markup == nil || len(e.Buttons()) != 0 {
		t.Errorf("edit 0 = %+v", e)
	}
	if e := edits[1]; e.Method != "editMessageText" || e.Text != "disetujui" || len(e.Buttons()) != 0 {
		t.Errorf("edit 1 = %+v", e)
	}
	// No buttons left: an empty keyboard and none at all are the same.
	for _, p := range []map[string]any{
		{"chat_id": 1, "message_id": 2, "caption": "disetujui"},
		{"chat_id": 1, "message_id": 2, "caption": "disetujui", "reply_markup": none},
	} {
		if a := callJSON(t, s, "editMessageCaption", p); !strings.Contains(a.Description, "not modified") {
			t.Errorf("repeated edit %v: %+v", p, a)
		}
	}
	// The photo is still there: editMessageText is still refused.
	if a := callJSON(t, s, "editMessageText", map[string]any{"chat_id": 1, "message_id": 2, "text": "y"}); a.ErrorCode != 400 {
		t.Errorf("text edit of the edited photo: %+v", a)
	}
	if n := len(s.Edits()); n != 2 {
		t.Errorf("%d edits recorded", n)
	}
}

func TestEmptyCopyTextRefused(t *testing.T) {
	s := telegramtest.NewServer(t)
	// What go-telegram/bot's own InlineKeyboardMarkup serialises.
	lib, _ := json.Marshal(models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "Ya", CallbackData: "ok"}}}})
	for _, method := range []string{"sendMessage", "sendPhoto"} {
		a := callJSON(t, s, method, map[string]any{"chat_id": 1, "text": "x", "photo": "p", "reply_markup": json.RawMessage(lib)})
		if a.ErrorCode != 400 || !strings.Contains(a.Description, "BUTTON_COPY_TEXT_INVALID") {
			t.Errorf("%s with %s: %+v", method, lib, a)
		}
	}
	ok := `{"inline_keyboard":[[{"text":"Salin","copy_text":{"text":"NIP 1987"}}]]}`
	if a := callJSON(t, s, "sendMessage", map[string]any{"chat_id": 1, "text": "x", "reply_markup": json.RawMessage(ok)}); !a.OK {
		t.Errorf("a real copy_text: %+v", a)
	}
}
