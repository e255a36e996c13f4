package telegram_test

import (
	"bytes"
	"crypto/rand"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
)

// Every call the adapter makes through go-telegram/bot — messages,
// keyboards, edits, answers, small uploads — reaches the Bot API with its
// Content-Length, not chunked (a write system call per form part); only a
// body over 16 KiB (a photo, a document) streams, and arrives whole.
func TestBodiesGoWhole(t *testing.T) {
	s := telegramtest.NewServer(t)
	a, _ := newAdapter(t, s)
	ref, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "Setujui?", Buttons: [][]bot.Button{{{Label: "Ya", Data: "ok:1"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "Disetujui", Edit: &ref}); err != nil {
		t.Fatal(err)
	}
	small := bot.Reply{Chat: chat, Text: "data", Document: &bot.Document{Name: "a.json", MIME: "application/json", Ref: "mydata:a", Data: []byte(`{"a":1}`)}}
	if _, err := a.Send(t.Context(), small); err != nil {
		t.Fatal(err)
	}
	if n := s.Chunked(); n != 0 {
		t.Errorf("%d of the calls came chunked, want none", n)
	}

	large := make([]byte, 200<<10)
	_, _ = rand.Read(large)
	if _, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "besar",
		Document: &bot.Document{Name: "b.bin", MIME: "application/octet-stream", Ref: "mydata:b", Data: large}}); err != nil {
		t.Fatal(err)
	}
	sent := s.WaitSent(t, 3, wait)
	if got := sent[len(sent)-1].DocumentBytes; !bytes.Equal(got, large) {
		t.Errorf("the 200 KiB document arrived with %d bytes, not as sent", len(got))
	}
	if n := s.Chunked(); n != 1 {
		t.Errorf("%d calls came chunked, want 1 (the 200 KiB upload)", n)
	}
}

// A client the deployment supplies (a proxy, say) carries every call, and
// its calls go whole too.
func TestBodiesGoWholeOnSuppliedClient(t *testing.T) {
	s := telegramtest.NewServer(t)
	var through atomic.Int64
	c := &http.Client{Transport: countingTransport{http.DefaultTransport, &through}}
	a, _ := newAdapter(t, s, func(o *telegram.Options) { o.HTTPClient = c })
	if _, err := a.Send(t.Context(), bot.Reply{Chat: chat, Text: "halo"}); err != nil {
		t.Fatal(err)
	}
	if through.Load() < 2 { // getMe at New, then sendMessage
		t.Errorf("%d calls through the supplied client's transport, want 2", through.Load())
	}
	if n := s.Chunked(); n != 0 {
		t.Errorf("%d calls came chunked, want none", n)
	}
}

type countingTransport struct {
	next http.RoundTripper
	n    *atomic.Int64
}

func (t countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.n.Add(1)
	return t.next.RoundTrip(r)
}
