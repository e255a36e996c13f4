// Package cloudtest is a fake WhatsApp Cloud API (Graph API) for tests:
// point the whatsappcloud adapter's APIURL at URL(), mount the adapter's
// webhook with Hook, push people's messages in (Text, Image, Press…; each
// posted to the webhook signed with the app secret, as Meta does), and look
// at what the bot sent (Sent, WaitSent).
//
// It speaks the API's shape: POST /{version}/{phone-number-id}/messages
// answers {"messages":[{"id":…}]}, POST /{version}/{phone-number-id}/media
// keeps the upload and answers its id, GET /{version}/{media-id} answers
// the media's metadata (file_size as a string, as the API does) and GET
// /files/{media-id} the bytes, all only with the bearer token. Errors are
// the API's {"error":{…}} objects (see Fail). A Server is safe for
// concurrent use; the Wait methods call t.Fatalf on timeout, so call them
// from the test's own goroutine.
package cloudtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// The fake account's identity and secrets.
const (
	Token         = "EAAG-test-token"
	PhoneNumberID = "106540352242922"
	AppSecret     = "test-app-secret"
	VerifyToken   = "test-verify-token-0123"
	Version       = "v21.0"
)

// Server is the fake Graph API.
type Server struct {
	srv  *httptest.Server
	hook string // the bot's webhook URL

	mu      sync.Mutex
	changed chan struct{}
	nextID  int
	sent    []Sent
	media   map[string]medium
	faults  []fault
	rate    int // messages a second accepted, 0: any
	window  []time.Time
	limited int
}

type medium struct {
	data []byte
	mime string
}

type fault struct {
	code, status int
	to           string // "" any recipient
}

// NewServer starts a fake, closed when the test ends.
func NewServer(t testing.TB) *Server {
	t.Helper()
	s := &Server{changed: make(chan struct{}), media: map[string]medium{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// URL is the Graph API root to give the adapter.
func (s *Server) URL() string { return s.srv.URL }

// Hook mounts the bot's webhook handler on a server of its own, where the
// fake posts notifications.
func (s *Server) Hook(t testing.TB, h http.Handler) {
	t.Helper()
	hs := httptest.NewServer(h)
	t.Cleanup(hs.Close)
	s.mu.Lock()
	s.hook = hs.URL
	s.mu.Unlock()
}

// Fail makes the next message to to (any recipient when "") fail with the
// API error code and HTTP status.
func (s *Server) Fail(to string, code, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, fault{code: code, status: status, to: to})
}

// EnforceRate refuses messages over perSecond in any second with 130429,
// as the API refuses a number over its throughput.
func (s *Server) EnforceRate(perSecond int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rate = perSecond
}

// Limited is how many messages EnforceRate refused.
func (s *Server) Limited() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.limited
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+Token {
		apiError(w, http.StatusUnauthorized, 190, "Invalid OAuth access token")
		return
	}
	path := strings.TrimPrefix(r.URL.Path, "/")
	switch {
	case r.Method == http.MethodGet && strings.HasPrefix(path, "files/"):
		s.serveFile(w, strings.TrimPrefix(path, "files/"))
	case r.Method == http.MethodPost && path == Version+"/"+PhoneNumberID+"/messages":
		s.serveMessage(w, r)
	case r.Method == http.MethodPost && path == Version+"/"+PhoneNumberID+"/media":
		s.serveUpload(w, r)
	case r.Method == http.MethodGet && strings.HasPrefix(path, Version+"/"):
		s.serveMediaInfo(w, strings.TrimPrefix(path, Version+"/"))
	default:
		apiError(w, http.StatusBadRequest, 100, "Unsupported request "+r.Method+" "+r.URL.Path)
	}
}

func apiError(w http.ResponseWriter, status, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{
		"message": msg, "type": "OAuthException", "code": code, "fbtrace_id": "fake",
	}})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func (s *Server) serveMessage(w http.ResponseWriter, r *http.Request) {
	var m wire
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<20)).Decode(&m); err != nil || m.To == "" || m.MessagingProduct != "whatsapp" {
		apiError(w, http.StatusBadRequest, 100, "Invalid parameter")
		return
	}
	if f, ok := s.fault(m.To); ok {
		apiError(w, f.status, f.code, fmt.Sprintf("fault %d", f.code))
		return
	}
	sent, ok := s.record(m)
	if !ok {
		apiError(w, http.StatusBadRequest, 130429, "Rate limit hit")
		return
	}
	writeJSON(w, map[string]any{"messaging_product": "whatsapp",
		"contacts": []map[string]string{{"input": m.To, "wa_id": m.To}},
		"messages": []map[string]string{{"id": sent.ID}}})
}

func (s *Server) fault(to string) (fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.faults {
		if f.to == "" || f.to == to {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
			return f, true
		}
	}
	return fault{}, false
}

// record keeps a sent message, false when over the enforced rate.
func (s *Server) record(m wire) (Sent, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	if s.rate > 0 {
		for len(s.window) > 0 && now.Sub(s.window[0]) >= time.Second {
			s.window = s.window[1:]
		}
		if len(s.window) >= s.rate {
			s.limited++
			return Sent{}, false
		}
		s.window = append(s.window, now)
	}
	s.nextID++
	sent := Sent{ID: fmt.Sprintf("wamid.out.%d", s.nextID), At: now, wire: m}
	s.sent = append(s.sent, sent)
	s.changedLocked()
	return sent, true
}

func (s *Server) changedLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) serveUpload(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseMultipartForm(32 << 20); err != nil || r.FormValue("messaging_product") != "whatsapp" {
		apiError(w, http.StatusBadRequest, 100, "Invalid upload")
		return
	}
	f, h, err := r.FormFile("file")
	if err != nil {
		apiError(w, http.StatusBadRequest, 100, "No file")
		return
	}
	defer f.Close()
	data, _ := io.ReadAll(f)
	id := s.AddMedia(data, h.Header.Get("Content-Type"))
	writeJSON(w, map[string]string{"id": id})
}

// AddMedia keeps a file as if a person had sent it, returning its media id.
func (s *Server) AddMedia(data []byte, mime string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextID++
	id := fmt.Sprintf("%d", 900000+s.nextID)
	s.media[id] = medium{data: data, mime: mime}
	return id
}

// Media is the file kept under a media id.
func (s *Server) Media(id string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.media[id]
	return m.data, ok
}

func (s *Server) serveMediaInfo(w http.ResponseWriter, id string) {
	m, ok := s.lookup(id)
	if !ok {
		apiError(w, http.StatusNotFound, 100, "Unknown media")
		return
	}
	writeJSON(w, map[string]string{"messaging_product": "whatsapp", "url": s.srv.URL + "/files/" + id,
		"mime_type": m.mime, "sha256": "", "file_size": fmt.Sprint(len(m.data)), "id": id})
}

func (s *Server) serveFile(w http.ResponseWriter, id string) {
	m, ok := s.lookup(id)
	if !ok {
		http.NotFound(w, nil)
		return
	}
	w.Header().Set("Content-Type", m.mime)
	_, _ = w.Write(m.data)
}

func (s *Server) lookup(id string) (medium, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, ok := s.media[id]
	return m, ok
}
