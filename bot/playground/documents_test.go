package playground_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot"
)

// A document shows in its chat's pane as a download link, served for that
// chat only, as an attachment.
func TestDocumentIsADownloadForItsChat(t *testing.T) {
	f := start(t)
	ev, _ := f.subscribe(t)
	data := `{"nip":"199001152019031004"}`
	ref, err := f.a.Send(context.Background(), bot.Reply{Chat: chat("budi"), Text: "Data Anda",
		Document: &bot.Document{Name: "dataku.json", MIME: "application/json", Ref: "mydata:x", Data: []byte(data)}})
	if err != nil || !ref.Photo {
		t.Fatalf("send: %+v %v", ref, err)
	}
	m := ev.message(t, "message")
	if m.Chat != "budi" || m.Message.File != "dataku.json" || m.Message.FileURL == "" || m.Message.Text != "Data Anda" {
		t.Fatalf("message %+v", m)
	}
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+m.Message.FileURL, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if cd := resp.Header.Get("Content-Disposition"); resp.StatusCode != 200 || !strings.Contains(cd, `attachment; filename=dataku.json`) {
		t.Errorf("download: %d, Content-Disposition %q", resp.StatusCode, cd)
	}
	if code, body := get(t, f.srv.URL+m.Message.FileURL); code != 200 || body != data {
		t.Errorf("download: %d %q", code, body)
	}
	other := strings.Replace(m.Message.FileURL, "/budi/", "/rina/", 1)
	if code, _ := get(t, f.srv.URL+other); code != http.StatusNotFound {
		t.Errorf("another chat's download: %d, want 404", code)
	}
	if _, err := f.a.Send(context.Background(), bot.Reply{Chat: chat("budi"), Text: "x", Document: &bot.Document{Name: "a"}}); err == nil {
		t.Error("a document without data was sent")
	}
}
