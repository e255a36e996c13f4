// Package telegramtest is a fake Telegram Bot API server for tests: point the
// real go-telegram/bot client (through the telegram adapter) at URL() with
// Token(), push updates in, and look at what the bot sent.
//
// It speaks the Bot API's shape: POST /bot{token}/{method} with JSON,
// form-urlencoded or multipart bodies, answers {"ok":true,"result":…} or
// {"ok":false,"error_code":…,"description":…}, and serves registered files at
// GET /file/bot{token}/{path}. getUpdates long-polls like Telegram's: it
// confirms every update below its offset and returns the rest, waiting for
// one up to its timeout. A Server is safe for concurrent use.
//
// The Wait methods call t.Fatalf on timeout, so call them from the test's
// own goroutine.
package telegramtest

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"
)

// The fake bot's identity.
const (
	token = "123456:TEST"
	// BotID is the bot's user id, the number before the token's colon.
	BotID int64 = 123456
	// BotUsername is the @username getMe returns (without the @).
	BotUsername = "kinerja_test_bot"
)

// Server is the fake Bot API server.
type Server struct {
	srv  *httptest.Server
	done chan struct{} // closed at cleanup: long polls return

	mu       sync.Mutex
	changed  chan struct{} // closed and replaced at every change
	nextUpd  int64
	nextMsg  int
	queue    []models.Update
	confirm  int64
	allowed  []string
	webhook  Webhook
	commands []models.BotCommand
	menus    map[MenuKey][]models.BotCommand
	sent     []Message
	edits    []Message
	current  map[msgKey]Message
	answers  []CallbackAnswer
	files    map[string][]byte // by file id
	calls    map[string]int    // by lower-cased method
	faults   map[string][]Fault

	// Rate limit and blocked chats, see EnforceRate and Block.
	perSecond int
	window    []time.Time // accepted sends of the last second, oldest first
	served429 int
	blocked   map[int64]bool

	conns   atomic.Int64 // connections opened to the server
	chunked atomic.Int64 // Bot API calls whose body came without a length
}

type msgKey struct {
	chat int64
	id   int
}

// NewServer starts a fake server, closed when the test ends.
func NewServer(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		done:    make(chan struct{}),
		changed: make(chan struct{}),
		nextUpd: 1,
		nextMsg: 1,
		current: map[msgKey]Message{},
		files:   map[string][]byte{},
		calls:   map[string]int{},
		faults:  map[string][]Fault{},
		blocked: map[int64]bool{},
	}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.srv.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.srv.Start()
	t.Cleanup(func() {
		close(s.done)
		s.srv.Close()
	})
	return s
}

// Connections is how many connections clients have opened to the server.
func (s *Server) Connections() int { return int(s.conns.Load()) }

// Chunked is how many Bot API calls sent their body chunked, without a
// Content-Length.
func (s *Server) Chunked() int { return int(s.chunked.Load()) }

// URL is the server's base address, for the adapter's APIURL.
func (s *Server) URL() string { return s.srv.URL }

// Token is the only token the server accepts.
func (s *Server) Token() string { return token }

// changedLocked wakes every waiter. Call with s.mu held.
func (s *Server) changedLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if path, ok := strings.CutPrefix(r.URL.Path, "/file/bot"+token+"/"); ok && r.Method == http.MethodGet {
		s.serveFile(w, r, path)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	tok, method, _ := strings.Cut(rest, "/")
	switch {
	case !ok || method == "" || strings.Contains(method, "/"):
		writeError(w, Fault{Code: http.StatusNotFound, Description: "Not Found"})
	case tok != token:
		writeError(w, Fault{Code: http.StatusUnauthorized, Description: "Unauthorized"})
	default:
		s.call(w, r, method)
	}
}

// call counts the call, applies a pending fault, and dispatches.
func (s *Server) call(w http.ResponseWriter, r *http.Request, method string) {
	if slices.Contains(r.TransferEncoding, "chunked") {
		s.chunked.Add(1)
	}
	if f, ok := s.count(method); ok {
		writeError(w, f)
		return
	}
	p, err := readParams(r)
	if err != nil {
		writeError(w, badRequest("%v", err))
		return
	}
	h, ok := s.methods()[strings.ToLower(method)]
	if !ok {
		writeError(w, Fault{Code: http.StatusNotFound, Description: "Not Found: method not found"})
		return
	}
	h(w, r, p)
}

type methodFunc func(w http.ResponseWriter, r *http.Request, p params)

func (s *Server) methods() map[string]methodFunc {
	return map[string]methodFunc{
		"getme":                  s.getMe,
		"getupdates":             s.getUpdates,
		"deletewebhook":          s.deleteWebhook,
		"setwebhook":             s.setWebhook,
		"setmycommands":          s.setMyCommands,
		"sendmessage":            s.sendMessage,
		"sendphoto":              s.sendPhoto,
		"senddocument":           s.sendDocument,
		"editmessagetext":        s.editMessageText,
		"editmessagecaption":     s.editMessageCaption,
		"editmessagereplymarkup": s.editMessageReplyMarkup,
		"answercallbackquery":    s.answerCallbackQuery,
		"getfile":                s.getFile,
	}
}

// count records a call and takes the method's next fault, if any.
func (s *Server) count(method string) (Fault, bool) {
	m := strings.ToLower(method)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[m]++
	s.changedLocked()
	fs := s.faults[m]
	if len(fs) == 0 {
		return Fault{}, false
	}
	s.faults[m] = fs[1:]
	return fs[0], true
}

// Calls says how many times method was called, failed calls included.
// Method names are case-insensitive, as in the Bot API.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[strings.ToLower(method)]
}

func writeResult(w http.ResponseWriter, result any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}

func writeError(w http.ResponseWriter, f Fault) {
	body := map[string]any{"ok": false, "error_code": f.Code, "description": f.Description}
	if f.RetryAfter > 0 {
		body["parameters"] = map[string]int{"retry_after": f.RetryAfter}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(f.Code)
	_ = json.NewEncoder(w).Encode(body)
}

func badRequest(format string, args ...any) Fault {
	return Fault{Code: http.StatusBadRequest, Description: "Bad Request: " + fmt.Sprintf(format, args...)}
}
