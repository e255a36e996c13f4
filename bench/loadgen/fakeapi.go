package main

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The fake Bot API: POST /bot{token}/{method} with JSON, form or multipart
// bodies, answered {"ok":true,"result":…}; files at GET
// /file/bot{token}/{path}. Any token is taken. What the bot sends is routed
// to the virtual user of its chat (see deliver).

const (
	botID       = 777000111
	botUsername = "kinerja_bench_bot"
)

// Texts and buttons both bots share, by which the generator routes what they
// send (the script's own expectations are in script.go).
const approveLabel = "✅ Setujui"

// noteRe matches the owner's note after a decision: "Laporan No. X (date): …".
var noteRe = regexp.MustCompile(`^Laporan No\. (\S+) \(`)

// reportNoRe finds a report's number in a prompt or a confirmation.
var reportNoRe = regexp.MustCompile(`No\. ([0-9A-Za-z]+)`)

// event is one thing the bot did in a chat: a message sent, an edit, a
// callback answered.
type event struct {
	method   string
	msgID    int
	text     string
	buttons  []button // inline keyboard
	keyboard []button // reply keyboard, flattened
	at       time.Time
}

func (e event) button(prefix string) (button, bool) {
	for _, b := range e.buttons {
		if strings.HasPrefix(b.Text, prefix) {
			return b, true
		}
	}
	return button{}, false
}

// webhookInfo is what setWebhook registered.
type webhookInfo struct {
	url, secret string
}

type apiServer struct {
	g *gen

	msgSeq atomic.Int64 // message ids, incoming and outgoing

	mu      sync.Mutex
	calls   map[string]int64
	webhook webhookInfo
	ready   chan struct{} // closed at the first setWebhook
	once    sync.Once

	apiErrors atomic.Int64
}

func newAPIServer(g *gen) *apiServer {
	return &apiServer{g: g, calls: map[string]int64{}, ready: make(chan struct{})}
}

func (s *apiServer) nextMsgID() int { return int(s.msgSeq.Add(1)) }

func (s *apiServer) count(method string) {
	s.mu.Lock()
	s.calls[method]++
	s.mu.Unlock()
}

func (s *apiServer) callCounts() map[string]int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int64, len(s.calls))
	for k, v := range s.calls {
		out[k] = v
	}
	return out
}

func (s *apiServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	at := time.Now()
	if d := s.g.cfg.apiDelay; d > 0 {
		time.Sleep(d)
	}
	if rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot"); ok && r.Method == http.MethodGet {
		_, path, _ := strings.Cut(rest, "/")
		s.serveFile(w, r, path)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	_, method, _ := strings.Cut(rest, "/")
	if !ok || method == "" || strings.Contains(method, "/") {
		s.fail(w, http.StatusNotFound, "Not Found")
		return
	}
	p, err := readParams(r)
	if err != nil {
		s.fail(w, http.StatusBadRequest, "Bad Request: "+err.Error())
		return
	}
	m := strings.ToLower(method)
	s.count(m)
	switch m {
	case "getme":
		writeResult(w, map[string]any{"id": botID, "is_bot": true, "first_name": "Kinerja Bench", "username": botUsername,
			"can_join_groups": false, "can_read_all_group_messages": false, "supports_inline_queries": false})
	case "setwebhook":
		s.mu.Lock()
		s.webhook = webhookInfo{url: p.v["url"], secret: p.v["secret_token"]}
		s.mu.Unlock()
		s.once.Do(func() { close(s.ready) })
		writeResult(w, true)
	case "sendmessage", "sendphoto":
		s.send(w, m, p, at)
	case "editmessagetext", "editmessagecaption", "editmessagereplymarkup":
		s.edit(w, m, p, at)
	case "answercallbackquery":
		id := p.v["callback_query_id"]
		if id == "" {
			s.fail(w, http.StatusBadRequest, "Bad Request: query ID is invalid")
			return
		}
		writeResult(w, true)
		s.g.callbackAnswered(id, p.v["text"], at)
	case "getfile":
		id := p.v["file_id"]
		ph, ok := s.g.photos.byFileID(id)
		if !ok {
			s.fail(w, http.StatusBadRequest, "Bad Request: invalid file_id")
			return
		}
		writeResult(w, file{FileID: id, FileUniqueID: "u" + id, FileSize: len(ph), FilePath: "photos/" + id + ".jpg"})
	default:
		// deleteWebhook, setMyCommands, setChatMenuButton, sendChatAction…
		writeResult(w, true)
	}
}

func (s *apiServer) send(w http.ResponseWriter, method string, p params, at time.Time) {
	chatID := p.int64("chat_id")
	if chatID == 0 {
		s.fail(w, http.StatusBadRequest, "Bad Request: chat not found")
		return
	}
	mk := p.markup()
	ev := event{method: method, msgID: s.nextMsgID(), text: p.v["text"], buttons: mk.inline(), at: at}
	if mk != nil {
		for _, row := range mk.Keyboard {
			ev.keyboard = append(ev.keyboard, row...)
		}
	}
	out := message{MessageID: ev.msgID, From: &user{ID: botID, IsBot: true, FirstName: "Kinerja Bench", Username: botUsername},
		Date: at.Unix(), Chat: chatObj{ID: chatID, Type: "private"}}
	if mk != nil && len(mk.InlineKeyboard) > 0 {
		out.ReplyMarkup = json.RawMessage(p.v["reply_markup"])
	}
	if method == "sendphoto" {
		ev.text = p.v["caption"]
		id := p.v["photo"]
		if _, up := p.files["photo"]; up || id == "" || strings.HasPrefix(id, "attach://") {
			id = "sent" + strconv.Itoa(ev.msgID)
		}
		out.Caption = ev.text
		out.Photo = s.g.photos.sizes(id)
	} else {
		if ev.text == "" {
			s.fail(w, http.StatusBadRequest, "Bad Request: message text is empty")
			return
		}
		out.Text = ev.text
	}
	writeResult(w, out)
	s.g.deliver(chatID, ev)
}

func (s *apiServer) edit(w http.ResponseWriter, method string, p params, at time.Time) {
	chatID := p.int64("chat_id")
	msgID := int(p.int64("message_id"))
	if chatID == 0 || msgID == 0 {
		s.fail(w, http.StatusBadRequest, "Bad Request: message to edit not found")
		return
	}
	mk := p.markup()
	ev := event{method: method, msgID: msgID, text: p.v["text"], buttons: mk.inline(), at: at}
	out := message{MessageID: msgID, From: &user{ID: botID, IsBot: true, FirstName: "Kinerja Bench", Username: botUsername},
		Date: at.Unix(), Chat: chatObj{ID: chatID, Type: "private"}}
	switch method {
	case "editmessagecaption":
		ev.text = p.v["caption"]
		out.Caption = ev.text
		out.Photo = s.g.photos.sizes("edited" + strconv.Itoa(msgID))
	case "editmessagetext":
		out.Text = ev.text
	}
	writeResult(w, out)
	s.g.deliver(chatID, ev)
}

func (s *apiServer) serveFile(w http.ResponseWriter, r *http.Request, path string) {
	id, ok := strings.CutPrefix(path, "photos/")
	id = strings.TrimSuffix(id, ".jpg")
	data, found := s.g.photos.byFileID(id)
	if !ok || !found {
		s.count("download:404")
		http.NotFound(w, r)
		return
	}
	s.count("download")
	w.Header().Set("Content-Type", "image/jpeg")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data)
}

func (s *apiServer) fail(w http.ResponseWriter, code int, desc string) {
	s.apiErrors.Add(1)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(map[string]any{"ok": false, "error_code": code, "description": desc})
}

func writeResult(w http.ResponseWriter, result any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}
