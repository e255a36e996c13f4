package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/internal/testlog"
)

// The README's first command, end to end over HTTP: `kinerjabot` with no
// token, Redis or MongoDB prints the playground's address and serves it
// with the demo roster. Through the real engine, flows and embedded store:
// the staff member and his supervisor register by sharing their contact, he
// files a report with a photo, she approves it from her pane, the prompt is
// edited in place and his pane receives the outcome. The clock control
// moves the flows' "now"; reset demo unlinks every pane.
func TestServePlayground(t *testing.T) {
	pg := servePlayground(t, nil)
	if code, body := get(t, pg.base+"/"); code != 200 || !strings.Contains(body, `href="/playground"`) {
		t.Fatalf("/ = %d %s", code, body)
	}
	ev := pg.events(t)
	for _, who := range []string{"maya", "rizal"} {
		pg.act(t, "contact", map[string]any{"chat": who})
		ev.botSays(t, who, "Pendaftaran berhasil")
	}
	pg.act(t, "contact", map[string]any{"chat": "warga"})
	ev.botSays(t, "warga", "belum terdaftar")
	pg.act(t, "text", map[string]any{"chat": "warga", "text": "/start skm_PKM-SEMPAJA_1"})
	ev.botSays(t, "warga", "UPTD Puskesmas Sempaja")

	steps := []struct{ say, want string }{
		{"/lapor", "Tulis uraian kegiatan"},
		{"Kunjungan rumah pasien TB di RT 12 Sempaja Selatan", "Berapa lama"},
		{"1 jam 30", "Apa hasilnya"},
		{"3 dokumen", "Kirim foto bukti dukung"},
	}
	for _, s := range steps {
		pg.act(t, "text", map[string]any{"chat": "rizal", "text": s.say})
		ev.botSays(t, "rizal", s.want)
	}
	photo, err := os.ReadFile("../../evidence/testdata/kegiatan-1.jpg")
	if err != nil {
		t.Fatal(err)
	}
	pg.upload(t, "rizal", photo)
	done := ev.botSays(t, "rizal", "Foto 1 dari maksimal 3 diterima")
	pg.press(t, "rizal", done, "Selesai")
	ev.botSays(t, "rizal", "Bagikan lokasi")
	pg.act(t, "location", map[string]any{"chat": "rizal", "keyboard": true})
	summary := ev.botSays(t, "rizal", "Periksa laporan Anda")
	pg.press(t, "rizal", summary, "✅ Kirim")
	ev.botSays(t, "rizal", "terkirim ke atasan Anda, dr. Maya Kartika")

	prompt := ev.botSays(t, "maya", "Rizal Maulana")
	if prompt.Photo == "" || !strings.Contains(prompt.Text, "Kunjungan rumah") {
		t.Fatalf("approval prompt = %+v", prompt)
	}
	if code, img := get(t, pg.base+prompt.Photo); code != 200 || img != string(photo) {
		t.Fatalf("prompt photo: %d, %d bytes", code, len(img))
	}
	pg.press(t, "maya", prompt, "✅ Setujui")
	ev.botSays(t, "rizal", "✅ Disetujui oleh dr. Maya Kartika")
	edit := ev.next(t, "edit", "maya", func(pgMessage) bool { return true })
	if edit.ID != prompt.ID || len(edit.Buttons) != 0 || !strings.Contains(edit.Text, "Disetujui oleh") {
		t.Fatalf("prompt after the decision = %+v", edit)
	}

	// The clock control moves the flows' "now": a report started after
	// "tomorrow 08:00" is for tomorrow.
	pg.act(t, "clock", map[string]any{"jump": "tomorrow"})
	pg.act(t, "text", map[string]any{"chat": "rizal", "text": "/lapor"})
	wita, _ := time.LoadLocation("Asia/Makassar")
	tomorrow := time.Now().In(wita).AddDate(0, 0, 1)
	want := fmt.Sprintf("%d %s %d", tomorrow.Day(), bulan[tomorrow.Month()-1], tomorrow.Year())
	ev.botSays(t, "rizal", want)

	// Reset demo: every pane must register again.
	pg.act(t, "reset", nil)
	pg.act(t, "text", map[string]any{"chat": "rizal", "text": "/lapor"})
	ev.botSays(t, "rizal", "Kirim nomor HP saya")
}

// PLAYGROUND=off serves no playground; with a Telegram token it is off
// unless asked for (TestServeWithTelegramWebhook).
func TestServePlaygroundOff(t *testing.T) {
	pg := servePlayground(t, map[string]string{"PLAYGROUND": "off"})
	if code, _ := get(t, pg.base+"/playground"); code != http.StatusNotFound {
		t.Fatalf("/playground with PLAYGROUND=off: %d", code)
	}
	if strings.Contains(pg.out.String(), "Playground:") {
		t.Fatalf("address printed with the playground off: %s", pg.out.String())
	}
}

// Importing a real roster while serving replaces the demo: the demo people
// are retired and their panes leave the playground, the Warga stays.
func TestRealRosterReplacesDemo(t *testing.T) {
	pg := servePlayground(t, nil)
	code, out, _ := runCmd(t, pg.env, "import-roster", "../../examples/roster.csv")
	if code != 0 || !strings.Contains(out, "Demo roster replaced: 6 demo people deactivated") {
		t.Fatalf("import: exit %d\n%s", code, out)
	}
	var snap struct {
		People []struct{ ID string } `json:"people"`
	}
	pg.events(t).decode(t, "snapshot", &snap)
	if len(snap.People) != 1 || snap.People[0].ID != "warga" {
		t.Fatalf("panes after a real import: %+v", snap.People)
	}
}

// --demo=false (also without the serve command) keeps the demo out of an
// empty store: the Warga's pane is all there is.
func TestServeWithoutDemo(t *testing.T) {
	pg := servePlayground(t, nil, "--demo=false")
	var snap struct {
		People []struct{ ID string } `json:"people"`
	}
	pg.events(t).decode(t, "snapshot", &snap)
	if len(snap.People) != 1 || snap.People[0].ID != "warga" {
		t.Fatalf("panes with --demo=false: %+v", snap.People)
	}
	if code, _, stderr := runCmd(t, nil, "serve", "--demo=perhaps"); code != 2 || !strings.Contains(stderr, "--demo") {
		t.Fatalf("bad flag: exit %d %s", code, stderr)
	}
}

var bulan = []string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
	"September", "Oktober", "November", "Desember"}

// served is `kinerjabot serve` running in the test: its standard output
// and its log.
type served struct {
	base string
	env  map[string]string
	out  *testlog.Buffer
	log  *testlog.Buffer
}

// servePlayground runs serve on embedded defaults (a fresh DATA_DIR, the
// test's Redis prefix) and waits for the printed address, or for /healthz
// when the configuration leaves the playground off.
func servePlayground(t *testing.T, extra map[string]string, args ...string) *served {
	t.Helper()
	rdb := redistest.New(t)
	addr := freeAddr(t)
	e := map[string]string{"HTTP_ADDR": addr, "DATA_DIR": t.TempDir(), "REDIS_PREFIX": rdb.Prefix, "LOG_LEVEL": "error"}
	if rdb.Real {
		e["REDIS_URL"] = redistest.URL()
	}
	for k, v := range extra {
		e[k] = v
	}
	cfg, err := config.Load(env(e))
	if err != nil {
		t.Fatal(err)
	}
	s := &served{base: "http://" + addr, env: e, out: &testlog.Buffer{}, log: &testlog.Buffer{}}
	ctx, cancel := context.WithCancel(context.Background())
	exited := make(chan int, 1)
	go func() { exited <- run(ctx, args, s.out, s.log, env(e)) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-exited:
			if code != 0 {
				t.Errorf("serve exited %d", code)
			}
		case <-time.After(20 * time.Second):
			t.Error("serve did not stop")
		}
	})
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if cfg.PlaygroundOn() && strings.Contains(s.out.String(), "Playground: "+s.base+"/playground\n") {
			return s
		}
		if !cfg.PlaygroundOn() {
			if resp, err := http.Get(s.base + "/healthz"); err == nil {
				resp.Body.Close()
				return s
			}
		}
		select {
		case code := <-exited:
			t.Fatalf("serve exited %d; stdout: %s", code, s.out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("no playground address printed; stdout: %q", s.out.String())
	return nil
}

// act posts a page action and expects it taken.
func (s *served) act(t *testing.T, path string, body any) {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, s.base+"/playground/api/"+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Playground", "1")
	s.do(t, req)
}

func (s *served) upload(t *testing.T, chat string, data []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("chat", chat)
	fw, _ := mw.CreateFormFile("photo", "kegiatan.jpg")
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, s.base+"/playground/api/photo", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("X-Playground", "1")
	s.do(t, req)
}

// press presses the button whose label starts with label on message m.
func (s *served) press(t *testing.T, chat string, m pgMessage, label string) {
	t.Helper()
	for _, row := range m.Buttons {
		for _, b := range row {
			if strings.HasPrefix(b.Label, label) {
				s.act(t, "press", map[string]any{"chat": chat, "message_id": m.ID, "data": b.Data})
				return
			}
		}
	}
	t.Fatalf("no button %q on %+v", label, m)
}

func (s *served) do(t *testing.T, req *http.Request) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("%s %s: %d %s", req.Method, req.URL.Path, resp.StatusCode, b)
	}
}

type pgMessage struct {
	ID      string `json:"id"`
	From    string `json:"from"`
	Text    string `json:"text"`
	Photo   string `json:"photo"`
	Buttons [][]struct {
		Label string `json:"label"`
		Data  string `json:"data"`
	} `json:"buttons"`
}

// stream is the playground's event stream as a page reads it, kept whole:
// a wait finds the first matching event not taken yet, in any order.
type stream struct {
	mu    sync.Mutex
	evs   []streamEvent
	more  chan struct{}
	ended bool
}

type streamEvent struct {
	name, data string
	taken      bool
}

func (s *served) events(t *testing.T) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/playground/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("events: %v %v", err, resp)
	}
	st := &stream{more: make(chan struct{}, 1)}
	go st.read(resp.Body)
	t.Cleanup(func() { cancel(); resp.Body.Close() })
	return st
}

func (st *stream) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var name string
	for sc.Scan() {
		line := sc.Text()
		if n, ok := strings.CutPrefix(line, "event: "); ok {
			name = n
		} else if d, ok := strings.CutPrefix(line, "data: "); ok {
			st.add(streamEvent{name: name, data: d})
		}
	}
	st.mu.Lock()
	st.ended = true
	st.mu.Unlock()
	st.add(streamEvent{name: "(end)", taken: true})
}

func (st *stream) add(ev streamEvent) {
	st.mu.Lock()
	st.evs = append(st.evs, ev)
	st.mu.Unlock()
	select {
	case st.more <- struct{}{}:
	default:
	}
}

// take waits for the first untaken event for which match is true.
func (st *stream) take(t *testing.T, what string, match func(name, data string) bool) string {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		st.mu.Lock()
		for i := range st.evs {
			if ev := &st.evs[i]; !ev.taken && match(ev.name, ev.data) {
				ev.taken = true
				st.mu.Unlock()
				return ev.data
			}
		}
		ended := st.ended
		st.mu.Unlock()
		if ended {
			t.Fatalf("event stream ended before %s", what)
		}
		select {
		case <-st.more:
		case <-deadline:
			t.Fatalf("no %s", what)
		}
	}
}

type chatMessage struct {
	Chat    string    `json:"chat"`
	Message pgMessage `json:"message"`
}

// next waits for an event named name for the chat whose message passes ok.
func (st *stream) next(t *testing.T, name, chat string, ok func(pgMessage) bool) pgMessage {
	t.Helper()
	var m chatMessage
	st.take(t, name+" for "+chat, func(n, d string) bool {
		var c chatMessage
		if n != name || json.Unmarshal([]byte(d), &c) != nil || c.Chat != chat || !ok(c.Message) {
			return false
		}
		m = c
		return true
	})
	return m.Message
}

// botSays waits for a bot message to the chat containing text, failing
// early when the chat was told of an outage.
func (st *stream) botSays(t *testing.T, chat, text string) pgMessage {
	t.Helper()
	return st.next(t, "message", chat, func(m pgMessage) bool {
		if m.From == "bot" && outage.MatchString(m.Text) && !strings.Contains(m.Text, text) {
			t.Errorf("%s got %q while waiting for %q", chat, m.Text, text)
		}
		return m.From == "bot" && strings.Contains(m.Text, text)
	})
}

var outage = regexp.MustCompile(`(?i)gangguan|coba lagi`)

func (st *stream) decode(t *testing.T, name string, v any) {
	t.Helper()
	data := st.take(t, name+" event", func(n, _ string) bool { return n == name })
	if err := json.Unmarshal([]byte(data), v); err != nil {
		t.Fatal(err)
	}
}
