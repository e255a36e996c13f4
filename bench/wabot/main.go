// Command wabot is kinerjabot's WhatsApp serving path built by package app
// as cmd/kinerjabot's serve builds it, with one difference: its WhatsApp
// client is not whatsmeow but a small client of the fault suite's fake
// WhatsApp server (bench/faults, scenario whatsapp) on WAFAKE_URL, so that
// what WhatsApp knows (messages sent, receipted, answered) outlives the
// SIGKILLed bot:
//
//	POST /connect            → {"session": S, "offline": [messages not receipted, in order]}
//	GET  /poll?session=S     → [messages sent since] (long poll; 410 once S is not the current session)
//	POST /receipt?session=S  {"id": …}                  a delivery receipt
//	POST /send               {"to": …, "id": …, "text": …} a message from the bot
//
// It takes the same environment as kinerjabot (WHATSAPP_ENABLED=true).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
	_ "time/tzdata"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"github.com/kinerjabot/kinerjabot/app"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp/whatsapptest"
	"github.com/kinerjabot/kinerjabot/config"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := config.Load(os.LookupEnv)
	if err != nil {
		fmt.Fprintln(os.Stderr, "wabot:", err)
		os.Exit(2)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	url := os.Getenv("WAFAKE_URL")
	if url == "" || !cfg.WhatsAppEnabled {
		fmt.Fprintln(os.Stderr, "wabot: needs WAFAKE_URL and WHATSAPP_ENABLED=true")
		os.Exit(2)
	}
	a, err := app.New(ctx, cfg, log, app.WithWhatsAppClient(newRemote(url)))
	if err != nil {
		fmt.Fprintln(os.Stderr, "wabot:", err)
		os.Exit(1)
	}
	defer a.Close()
	if err := a.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(os.Stderr, "wabot:", err)
		os.Exit(1)
	}
}

// Wire is a person's message as the fake server keeps it.
type Wire struct {
	ID   string    `json:"id"`
	From string    `json:"from"` // "+62…"
	Text string    `json:"text"`
	At   time.Time `json:"at"`
}

// remote is whatsapp.Client over the fake server. What it does not
// override (media, lookups, presence, pairing) is whatsapptest's local fake,
// unused by the scenario.
type remote struct {
	*whatsapptest.Client
	url  string
	http *http.Client

	mu        sync.Mutex
	handler   func(any) bool
	session   string
	connected bool
}

var _ whatsapp.Client = (*remote)(nil)

func newRemote(url string) *remote {
	return &remote{Client: whatsapptest.NewClient("+6281100000000"), url: url, http: &http.Client{Timeout: 10 * time.Second}}
}

func (r *remote) AddEventHandler(h func(any) bool) {
	r.mu.Lock()
	r.handler = h
	r.mu.Unlock()
	r.Client.AddEventHandler(h)
}

func (r *remote) call(ctx context.Context, method, path string, in, out any) (int, error) {
	var body bytes.Buffer
	if in != nil {
		if err := json.NewEncoder(&body).Encode(in); err != nil {
			return 0, err
		}
	}
	req, err := http.NewRequestWithContext(ctx, method, r.url+path, &body)
	if err != nil {
		return 0, err
	}
	resp, err := r.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, fmt.Errorf("%s %s: %s", method, path, resp.Status)
	}
	if out != nil {
		return resp.StatusCode, json.NewDecoder(resp.Body).Decode(out)
	}
	return resp.StatusCode, nil
}

func (r *remote) Connect(ctx context.Context) error {
	r.mu.Lock()
	if r.connected {
		r.mu.Unlock()
		return whatsmeow.ErrAlreadyConnected
	}
	r.mu.Unlock()
	var in struct {
		Session string `json:"session"`
		Offline []Wire `json:"offline"`
	}
	if _, err := r.call(ctx, http.MethodPost, "/connect", nil, &in); err != nil {
		return err
	}
	r.mu.Lock()
	r.session, r.connected = in.Session, true
	r.mu.Unlock()
	go r.run(in.Session, in.Offline)
	return nil
}

// run delivers a session's events as whatsmeow does: Connected from a
// goroutine of its own, the offline messages one at a time, then
// OfflineSyncCompleted, then the live messages.
func (r *remote) run(session string, offline []Wire) {
	go r.dispatch(&events.Connected{})
	for _, m := range offline {
		if !r.deliver(session, m) {
			return
		}
	}
	go r.dispatch(&events.OfflineSyncCompleted{Count: len(offline)})
	for r.current(session) {
		var msgs []Wire
		ctx, cancel := context.WithTimeout(context.Background(), 8*time.Second)
		code, err := r.call(ctx, http.MethodGet, "/poll?session="+session, nil, &msgs)
		cancel()
		switch {
		case code == http.StatusGone:
			r.drop(session)
			return
		case err != nil:
			time.Sleep(200 * time.Millisecond)
			continue
		}
		for _, m := range msgs {
			if !r.deliver(session, m) {
				return
			}
		}
	}
}

func (r *remote) current(session string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.connected && r.session == session
}

func (r *remote) drop(session string) {
	r.mu.Lock()
	if r.session == session {
		r.connected = false
	}
	r.mu.Unlock()
	go r.dispatch(&events.Disconnected{})
}

func (r *remote) dispatch(evt any) bool {
	r.mu.Lock()
	h := r.handler
	r.mu.Unlock()
	return h != nil && h(evt)
}

// deliver hands one message to the handler and receipts it when handled;
// false when the session is over.
func (r *remote) deliver(session string, m Wire) bool {
	if !r.current(session) {
		return false
	}
	evt := whatsapptest.Text(whatsapptest.Phone(m.From), m.Text, whatsapptest.ID(m.ID), whatsapptest.At(m.At), whatsapptest.Name("Tester"))
	if !r.dispatch(evt) {
		return true // not receipted: WhatsApp delivers it again at the next connect
	}
	for i := 0; i < 50; i++ {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		code, err := r.call(ctx, http.MethodPost, "/receipt?session="+session, map[string]string{"id": m.ID}, nil)
		cancel()
		if err == nil || code == http.StatusGone {
			return err == nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	return true
}

func (r *remote) Disconnect() {
	r.mu.Lock()
	r.connected = false
	r.mu.Unlock()
}

func (r *remote) IsLoggedIn() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.connected
}

// SendMessage sends a text (or a photo's caption) to the fake server, which
// drops a second message with an id already sent to that chat as WhatsApp
// does.
func (r *remote) SendMessage(ctx context.Context, to types.JID, msg *waE2E.Message, id string) (whatsmeow.SendResponse, error) {
	text := whatsapptest.Sent{Message: msg}.Text()
	if id == "" {
		id = fmt.Sprintf("BOT%X", time.Now().UnixNano())
	}
	if _, err := r.call(ctx, http.MethodPost, "/send", map[string]string{"to": "+" + to.User, "id": id, "text": text}, nil); err != nil {
		return whatsmeow.SendResponse{}, err
	}
	return whatsmeow.SendResponse{ID: id, Timestamp: time.Now()}, nil
}
