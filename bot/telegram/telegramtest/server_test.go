package telegramtest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
)

const wait = 5 * time.Second

type answer struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

// call posts a body of the given content type to method.
func call(t *testing.T, s *telegramtest.Server, method, contentType string, body io.Reader) answer {
	t.Helper()
	resp, err := http.Post(s.URL()+"/bot"+s.Token()+"/"+method, contentType, body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a answer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatal(err)
	}
	if !a.OK && a.ErrorCode != resp.StatusCode {
		t.Errorf("error_code %d, http %d", a.ErrorCode, resp.StatusCode)
	}
	return a
}

func callJSON(t *testing.T, s *telegramtest.Server, method string, params any) answer {
	t.Helper()
	b, _ := json.Marshal(params)
	return call(t, s, method, "application/json", bytes.NewReader(b))
}

func multipartBody(t *testing.T, fields map[string]string) (string, io.Reader) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	return w.FormDataContentType(), &buf
}

func TestSendMessageInEveryEncoding(t *testing.T) {
	s := telegramtest.NewServer(t)
	markup := `{"inline_keyboard":[[{"text":"Ya","callback_data":"ok"}]]}`
	callJSON(t, s, "sendMessage", map[string]any{
		"chat_id": 11, "text": "json", "reply_markup": json.RawMessage(markup),
	})
	form := url.Values{"chat_id": {"12"}, "text": {"form"}, "reply_markup": {markup}}
	call(t, s, "sendMessage", "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	ct, body := multipartBody(t, map[string]string{"chat_id": "13", "text": "multipart", "reply_markup": markup})
	a := call(t, s, "sendMessage", ct, body)

	var m models.Message
	if err := json.Unmarshal(a.Result, &m); err != nil || m.ID != 3 || m.Chat.ID != 13 || m.Text != "multipart" {
		t.Errorf("result = %+v, %v", m, err)
	}
	sent := s.WaitSent(t, 3, wait)
	for i, want := range []struct {
		chat int64
		text string
	}{{11, "json"}, {12, "form"}, {13, "multipart"}} {
		got := sent[i]
		if got.ChatID != want.chat || got.Text != want.text || got.MessageID != i+1 {
			t.Errorf("sent %d = %+v", i, got)
		}
		if b := got.Buttons(); len(b) != 1 || b[0].CallbackData != "ok" {
			t.Errorf("sent %d buttons = %+v", i, b)
		}
	}
}

func TestGetUpdatesLongPollsAndConfirms(t *testing.T) {
	s := telegramtest.NewServer(t)
	u1, u2 := s.Text(1, "satu"), s.Text(1, "dua")

	got := make(chan []models.Update, 1)
	go func() {
		b, _ := json.Marshal(map[string]any{"timeout": 30, "allowed_updates": []string{"message"}})
		resp, err := http.Post(s.URL()+"/bot"+s.Token()+"/getUpdates", "application/json", bytes.NewReader(b))
		if err != nil {
			got <- nil
			return
		}
		defer resp.Body.Close()
		var a struct{ Result []models.Update }
		_ = json.NewDecoder(resp.Body).Decode(&a)
		got <- a.Result
	}()
	s.WaitCalls(t, "getUpdates", 1, wait)
	s.PushUpdate(u1, u2)
	select {
	case ups := <-got:
		if len(ups) != 2 || ups[0].ID != u1.ID || ups[1].Message.Text != "dua" {
			t.Fatalf("updates = %+v", ups)
		}
	case <-time.After(wait):
		t.Fatal("long poll not woken by a push")
	}
	if s.Confirmed() != 0 || s.Pending() != 2 {
		t.Errorf("confirmed %d pending %d before any offset", s.Confirmed(), s.Pending())
	}

	a := callJSON(t, s, "getUpdates", map[string]any{"offset": u2.ID, "timeout": 0})
	var ups []models.Update
	_ = json.Unmarshal(a.Result, &ups)
	if len(ups) != 1 || ups[0].ID != u2.ID || s.Confirmed() != u2.ID {
		t.Errorf("after offset %d: updates %+v confirmed %d", u2.ID, ups, s.Confirmed())
	}
	callJSON(t, s, "getUpdates", map[string]any{"offset": u2.ID + 1, "timeout": 0})
	if s.Pending() != 0 || s.Confirmed() != u2.ID+1 {
		t.Errorf("pending %d confirmed %d", s.Pending(), s.Confirmed())
	}
	if got := s.AllowedUpdates(); !reflect.DeepEqual(got, []string{"message"}) {
		t.Errorf("allowed_updates = %v", got)
	}
}

func TestGetUpdatesTimesOutEmpty(t *testing.T) {
	s := telegramtest.NewServer(t)
	a := callJSON(t, s, "getUpdates", map[string]any{"timeout": 0})
	if !a.OK || string(a.Result) != "[]" {
		t.Errorf("answer = %+v %s", a, a.Result)
	}
}

func TestUpdatesRoundTrip(t *testing.T) {
	s := telegramtest.NewServer(t)
	ups := []models.Update{
		s.Text(1, "x"), s.Contact(1, 1, "+628"), s.Location(1, 1, 2),
		s.Photo(1, "p"), s.Document(1, "d", "a.pdf", "application/pdf"), s.Callback(1, "ok", 9),
	}
	s.PushUpdate(ups...)
	a := callJSON(t, s, "getUpdates", map[string]any{})
	var got []models.Update
	if err := json.Unmarshal(a.Result, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, ups) {
		t.Errorf("round trip changed updates:\ngot  %+v\nwant %+v", got, ups)
	}
	if got[5].CallbackQuery.Message.Message.ID != 9 {
		t.Errorf("callback message = %+v", got[5].CallbackQuery.Message)
	}
}

func TestFaultsAndCalls(t *testing.T) {
	s := telegramtest.NewServer(t)
	s.FailNext("SendMessage", 1, telegramtest.TooManyRequests(4))
	s.FailNext("sendMessage", 1, telegramtest.ServerError())
	params := map[string]any{"chat_id": 1, "text": "x"}
	if a := callJSON(t, s, "sendMessage", params); a.ErrorCode != 429 || a.Parameters.RetryAfter != 4 {
		t.Errorf("first = %+v", a)
	}
	if a := callJSON(t, s, "sendMessage", params); a.ErrorCode != 500 {
		t.Errorf("second = %+v", a)
	}
	if a := callJSON(t, s, "sendMessage", params); !a.OK {
		t.Errorf("third = %+v", a)
	}
	if s.Calls("sendmessage") != 3 || len(s.Sent()) != 1 {
		t.Errorf("calls %d sent %d", s.Calls("sendMessage"), len(s.Sent()))
	}
}

func TestRefusals(t *testing.T) {
	s := telegramtest.NewServer(t)
	resp, err := http.Post(s.URL()+"/bot1:WRONG/getMe", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("wrong token: %d", resp.StatusCode)
	}
	if a := callJSON(t, s, "sendSticker", nil); a.ErrorCode != 404 {
		t.Errorf("unknown method: %+v", a)
	}
	callJSON(t, s, "setWebhook", map[string]any{"url": "https://x", "secret_token": "s", "allowed_updates": []string{"message"}})
	if a := callJSON(t, s, "getUpdates", nil); a.ErrorCode != 409 {
		t.Errorf("getUpdates with webhook: %+v", a)
	}
	if h := s.Webhook(); h.URL != "https://x" || h.Secret != "s" || len(h.AllowedUpdates) != 1 {
		t.Errorf("webhook = %+v", h)
	}
	callJSON(t, s, "deleteWebhook", nil)
	if a := callJSON(t, s, "getUpdates", nil); !a.OK {
		t.Errorf("getUpdates after deleteWebhook: %+v", a)
	}
}

func TestEditsAndAnswers(t *testing.T) {
	s := telegramtest.NewServer(t)
	callJSON(t, s, "sendMessage", map[string]any{"chat_id": 1, "text": "a"})
	if a := callJSON(t, s, "editMessageText", map[string]any{"chat_id": 1, "message_id": 1, "text": "a"}); a.ErrorCode != 400 || !strings.Contains(a.Description, "not modified") {
		t.Errorf("no-op edit: %+v", a)
	}
	if a := callJSON(t, s, "editMessageText", map[string]any{"chat_id": 1, "message_id": 2, "text": "b"}); a.ErrorCode != 400 {
		t.Errorf("unknown message: %+v", a)
	}
	callJSON(t, s, "editMessageText", map[string]any{"chat_id": 1, "message_id": 1, "text": "b"})
	callJSON(t, s, "editMessageReplyMarkup", map[string]any{"chat_id": 1, "message_id": 1, "reply_markup": map[string]any{"inline_keyboard": [][]map[string]string{{{"text": "x", "callback_data": "y"}}}}})
	edits := s.WaitEdits(t, 2, wait)
	if edits[0].Text != "b" || edits[1].Method != "editMessageReplyMarkup" || edits[1].Buttons()[0].CallbackData != "y" {
		t.Errorf("edits = %+v", edits)
	}
	callJSON(t, s, "answerCallbackQuery", map[string]any{"callback_query_id": "q", "text": "ok"})
	if got := s.WaitCallbackAnswers(t, 1, wait); got[0] != (telegramtest.CallbackAnswer{ID: "q", Text: "ok"}) {
		t.Errorf("answers = %+v", got)
	}
}

func TestFiles(t *testing.T) {
	s := telegramtest.NewServer(t)
	s.AddFile("f", []byte("data"))
	var f models.File
	a := callJSON(t, s, "getFile", map[string]any{"file_id": "f"})
	if err := json.Unmarshal(a.Result, &f); err != nil || f.FileSize != 4 {
		t.Fatalf("getFile = %+v %v", f, err)
	}
	resp, err := http.Get(s.URL() + "/file/bot" + s.Token() + "/" + f.FilePath)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if b, _ := io.ReadAll(resp.Body); string(b) != "data" {
		t.Errorf("file = %q", b)
	}
	if a := callJSON(t, s, "getFile", map[string]any{"file_id": "none"}); a.ErrorCode != 400 {
		t.Errorf("unknown file: %+v", a)
	}
}

func TestCommandsRecorded(t *testing.T) {
	s := telegramtest.NewServer(t)
	ct, body := multipartBody(t, map[string]string{"commands": `[{"command":"lapor","description":"Lapor"}]`})
	call(t, s, "setMyCommands", ct, body)
	if got := s.Commands(); len(got) != 1 || got[0].Command != "lapor" {
		t.Errorf("commands = %+v", got)
	}
}
