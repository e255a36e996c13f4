package cloudtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot/whatsappcloud"
)

var nextIn atomic.Int64

// Incoming is a message a person sends: build it with Text, Image or
// Press, then Deliver it.
type Incoming struct {
	From, Name string
	Message    whatsappcloud.Message
}

func incoming(from, name, kind string) Incoming {
	id := fmt.Sprintf("wamid.in.%d.%d", time.Now().UnixNano(), nextIn.Add(1))
	return Incoming{From: from, Name: name, Message: whatsappcloud.Message{
		From: from, ID: id, Timestamp: strconv.FormatInt(time.Now().Unix(), 10), Type: kind,
	}}
}

// Text is a text message from the person with WhatsApp id from.
func Text(from, name, body string) Incoming {
	in := incoming(from, name, "text")
	in.Message.Text = &whatsappcloud.Text{Body: body}
	return in
}

// Image is a photo the person sent, kept on s under a new media id.
func (s *Server) Image(from, name string, data []byte, caption string) Incoming {
	in := incoming(from, name, "image")
	in.Message.Image = &whatsappcloud.MediaRef{ID: s.AddMedia(data, "image/jpeg"), MIMEType: "image/jpeg", Caption: caption}
	return in
}

// Press is a press of button c of message m.
func Press(from, name string, m Sent, c Choice) Incoming {
	in := incoming(from, name, "interactive")
	r := &whatsappcloud.Reply{ID: c.ID, Title: c.Title}
	in.Message.Interactive = &whatsappcloud.Interactive{Type: "button_reply", ButtonReply: r}
	if m.IsList() {
		in.Message.Interactive = &whatsappcloud.Interactive{Type: "list_reply", ListReply: r}
	}
	in.Message.Context = &whatsappcloud.MsgContext{ID: m.ID}
	return in
}

// Notification wraps messages as the webhook carries them.
func Notification(ins ...Incoming) whatsappcloud.Notification {
	v := whatsappcloud.Value{MessagingProduct: "whatsapp",
		Metadata: whatsappcloud.Metadata{DisplayPhoneNumber: "6281100000000", PhoneNumberID: PhoneNumberID}}
	for _, in := range ins {
		c := whatsappcloud.Contact{WaID: in.From}
		c.Profile.Name = in.Name
		v.Contacts = append(v.Contacts, c)
		v.Messages = append(v.Messages, in.Message)
	}
	return whatsappcloud.Notification{Object: "whatsapp_business_account", Entry: []whatsappcloud.Entry{{
		ID: "102290129340398", Changes: []whatsappcloud.Change{{Field: "messages", Value: v}},
	}}}
}

// Deliver posts the messages to the webhook, signed, and fails the test
// unless the bot answers 200.
func (s *Server) Deliver(t testing.TB, ins ...Incoming) {
	t.Helper()
	if code := s.Post(t, Notification(ins...)); code != http.StatusOK {
		t.Fatalf("cloudtest: webhook answered %d", code)
	}
}

// Post posts a notification to the webhook, signed, and returns the status.
func (s *Server) Post(t testing.TB, n whatsappcloud.Notification) int {
	t.Helper()
	body, err := json.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	return s.PostRaw(t, body, whatsappcloud.Sign(body, AppSecret))
}

// PostRaw posts body to the webhook with the signature header sig ("" for
// none) and returns the status.
func (s *Server) PostRaw(t testing.TB, body []byte, sig string) int {
	t.Helper()
	s.mu.Lock()
	hook := s.hook
	s.mu.Unlock()
	if hook == "" {
		t.Fatal("cloudtest: no webhook mounted (Hook)")
	}
	req, err := http.NewRequest(http.MethodPost, hook, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if sig != "" {
		req.Header.Set(whatsappcloud.SignatureHeader, sig)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Statuses posts delivery statuses of sent messages, signed.
func (s *Server) Statuses(t testing.TB, ss ...whatsappcloud.Status) int {
	t.Helper()
	n := Notification()
	n.Entry[0].Changes[0].Value.Statuses = ss
	return s.Post(t, n)
}
