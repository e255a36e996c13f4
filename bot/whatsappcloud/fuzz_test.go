package whatsappcloud

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
)

// Seeds: notifications shaped as Meta's messages webhook reference shows
// them: text, a reply button, a list row, an image, a status.
var fuzzSeeds = []string{
	`{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Does it come in another color?"}}]},"field":"messages"}]}]}`,
	`{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Budi"},"wa_id":"6281234500002"}],"messages":[{"context":{"from":"15550783881","id":"wamid.out.1"},"from":"6281234500002","id":"wamid.in.2","timestamp":"1749416383","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"b:ap:01J","title":"Setujui"}}}]},"field":"messages"}]}]}`,
	`{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"106540352242922"},"messages":[{"from":"6281234500002","id":"wamid.in.3","timestamp":"1749416383","type":"interactive","interactive":{"type":"list_reply","list_reply":{"id":"t:/batal","title":"/batal","description":""}}}]},"field":"messages"}]}]}`,
	`{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"106540352242922"},"messages":[{"from":"6281234500002","id":"wamid.in.4","timestamp":"1749416383","type":"image","image":{"caption":"bukti","mime_type":"image/jpeg","sha256":"abc","id":"1003383421387256"}}]},"field":"messages"}]}]}`,
	`{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.out.1","status":"failed","timestamp":"1749416383","recipient_id":"6281234500002","errors":[{"code":131047,"title":"Re-engagement message"}]}]},"field":"messages"}]}]}`,
	`{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"from":"62x","id":"","type":"location","location":{"latitude":1e999,"longitude":-200}}]},"field":"messages"}]}]}`,
}

// Whatever a notification holds, parsing it never panics, and every update
// made of it is one the inbox can record: an id, a person's chat on
// WhatsApp, a time an update can carry, what its kind says it carries.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte) {
		n, err := Parse(body)
		if err != nil {
			return
		}
		for _, e := range n.Entry {
			for _, c := range e.Changes {
				us, _ := fromValue(c.Value, now)
				for _, u := range us {
					checkUpdate(t, u)
				}
			}
		}
	})
}

func checkUpdate(t *testing.T, u bot.Update) {
	t.Helper()
	if u.ID == "" || u.Platform != bot.WhatsApp || u.UserID != u.ChatID || u.Phone != "+"+strings.TrimSuffix(u.ChatID, jidServer) {
		t.Fatalf("update %+v", u)
	}
	if _, ok := waID(u.ChatID); !ok {
		t.Fatalf("chat %q is not a person's", u.ChatID)
	}
	if u.At.Year() > 9999 || u.At.Year() < 1970 {
		t.Fatalf("time %v", u.At)
	}
	if _, err := json.Marshal(u); err != nil {
		t.Fatalf("update cannot be encoded: %v", err)
	}
	switch u.Kind {
	case bot.KindCallback:
		if u.Callback == nil || u.Callback.Data == "" {
			t.Fatalf("callback without data: %+v", u)
		}
	case bot.KindPhoto, bot.KindDocument:
		if u.Media == nil || u.Media.FileID == "" {
			t.Fatalf("%s without media: %+v", u.Kind, u)
		}
	case bot.KindContact:
		if u.Contact == nil || u.Contact.Phone != u.Phone {
			t.Fatalf("contact not the sender's own: %+v", u)
		}
	case bot.KindLocation:
		if u.Location == nil || !validPoint(u.Location.Latitude, u.Location.Longitude) {
			t.Fatalf("location %+v", u.Location)
		}
	}
}
