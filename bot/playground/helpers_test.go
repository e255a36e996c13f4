package playground_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/playground"
)

// wait bounds every wait in these tests; nothing sleeps.
const wait = 5 * time.Second

// The people of the tests' panes.
var (
	budi = playground.Person{ID: "budi", Name: "Budi Santoso", Role: "pegawai", Phone: "+6281234500002",
		Location: &bot.Location{Latitude: -0.4478, Longitude: 117.1604}}
	rina  = playground.Person{ID: "rina", Name: "dr. Rina Wulandari", Role: "atasan", Phone: "+6281234500001"}
	warga = playground.Person{ID: "warga", Name: "Warga", Role: "warga"}
)

func people(context.Context) ([]playground.Person, error) {
	return []playground.Person{budi, rina, warga}, nil
}

// inbox records accepted updates; fail makes it refuse them.
type inbox struct {
	ch   chan bot.Update
	mu   sync.Mutex
	fail bool
}

func newInbox() *inbox { return &inbox{ch: make(chan bot.Update, 100)} }

var errInboxDown = errors.New("inbox down")

func (in *inbox) Accept(_ context.Context, u bot.Update) error {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.fail {
		return errInboxDown
	}
	in.ch <- u
	return nil
}

func (in *inbox) setFail(f bool) {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.fail = f
}

// next waits for the next accepted update.
func (in *inbox) next(t *testing.T) bot.Update {
	t.Helper()
	select {
	case u := <-in.ch:
		return u
	case <-time.After(wait):
		t.Fatal("no update reached the inbox")
		return bot.Update{}
	}
}

// running is an adapter behind an httptest server on loopback.
type running struct {
	a      *playground.Adapter
	in     *inbox
	srv    *httptest.Server
	clock  *playground.Clock
	resets atomic.Int32
}

// start runs an adapter with the test people, changed by opts.
func start(t *testing.T, opts ...func(*playground.Options)) *running {
	t.Helper()
	return startTimed(t, 0, opts...)
}

// startTimed is start behind a server whose header, read, write and idle
// timeouts are timeout (0: none), as server.Listen sets them.
func startTimed(t *testing.T, timeout time.Duration, opts ...func(*playground.Options)) *running {
	t.Helper()
	f := &running{in: newInbox(), clock: playground.NewClock(nil)}
	o := playground.Options{People: people, Clock: f.clock, Zone: wita(t),
		Reset: func(context.Context) error { f.resets.Add(1); return nil }}
	for _, fn := range opts {
		fn(&o)
	}
	a, err := playground.New(o)
	if err != nil {
		t.Fatal(err)
	}
	f.a = a
	f.srv = httptest.NewUnstartedServer(a.Handler(f.in))
	c := f.srv.Config
	c.ReadHeaderTimeout, c.ReadTimeout, c.WriteTimeout, c.IdleTimeout = timeout, timeout, timeout, timeout
	f.srv.Start()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { a.Run(ctx, f.in); close(done) }()
	t.Cleanup(func() { cancel(); <-done; f.srv.Close() })
	return f
}

func wita(t *testing.T) *time.Location {
	t.Helper()
	z, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// post sends an action as the page does and returns status and body.
func (f *running) post(t *testing.T, path string, body any) (int, string) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/playground/api/"+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(playground.ActionHeader, "1")
	return do(t, req)
}

// upload sends a file from a pane as the page does.
func (f *running) upload(t *testing.T, chat, name string, data []byte) (int, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("chat", chat)
	mw.WriteField("caption", "")
	fw, _ := mw.CreateFormFile("photo", name)
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+"/playground/api/photo", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set(playground.ActionHeader, "1")
	return do(t, req)
}

func do(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// sse is a page's event stream.
type sse struct {
	events chan event
}

type event struct {
	Name string
	Data json.RawMessage
}

// subscribe opens the event stream and returns it after its snapshot.
func (f *running) subscribe(t *testing.T) (*sse, snapshot) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, f.srv.URL+"/playground/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("events: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	s := &sse{events: make(chan event, 100)}
	go s.read(resp.Body)
	t.Cleanup(func() { cancel(); resp.Body.Close() })
	var snap snapshot
	s.decode(t, s.expect(t, "snapshot"), &snap)
	return s, snap
}

func (s *sse) read(r io.Reader) {
	defer close(s.events)
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var ev event
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			ev.Name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			ev.Data = json.RawMessage(strings.TrimPrefix(line, "data: "))
		case line == "" && ev.Name != "":
			s.events <- ev
			ev = event{}
		}
	}
}

// expect waits for the next event named name, skipping others.
func (s *sse) expect(t *testing.T, name string) json.RawMessage {
	t.Helper()
	deadline := time.After(wait)
	for {
		select {
		case ev, ok := <-s.events:
			if !ok {
				t.Fatalf("event stream ended before %q", name)
			}
			if ev.Name == name {
				return ev.Data
			}
		case <-deadline:
			t.Fatalf("no %q event", name)
		}
	}
}

func (s *sse) decode(t *testing.T, raw json.RawMessage, v any) {
	t.Helper()
	if err := json.Unmarshal(raw, v); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
}

// What the page receives.
type (
	message struct {
		ID      string         `json:"id"`
		From    string         `json:"from"`
		Kind    string         `json:"kind"`
		Text    string         `json:"text"`
		Photo   string         `json:"photo"`
		File    string         `json:"file"`
		FileURL string         `json:"file_url"`
		Buttons [][]bot.Button `json:"buttons"`
		Edited  bool           `json:"edited"`
		Failed  string         `json:"failed"`
	}
	messageEvent struct {
		Chat    string  `json:"chat"`
		Message message `json:"message"`
	}
	keyboardEvent struct {
		Chat     string `json:"chat"`
		Keyboard *struct {
			Rows    [][]bot.KeyButton `json:"rows"`
			OneTime bool              `json:"one_time"`
		} `json:"keyboard"`
	}
	toastEvent struct {
		Chat string `json:"chat"`
		Text string `json:"text"`
	}
	clockEvent struct {
		OffsetMS int64  `json:"offset_ms"`
		Now      string `json:"now"`
		Control  bool   `json:"control"`
	}
	snapshot struct {
		People []playground.Person `json:"people"`
		Chats  map[string]struct {
			Messages []message `json:"messages"`
		} `json:"chats"`
		Clock clockEvent `json:"clock"`
		Reset bool       `json:"reset"`
	}
)

func (s *sse) message(t *testing.T, name string) messageEvent {
	t.Helper()
	var m messageEvent
	s.decode(t, s.expect(t, name), &m)
	return m
}
