package playground

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kinerjabot/kinerjabot/bot"
)

// maxActionBody bounds the JSON body of an action.
const maxActionBody = 16 << 10

// routes maps the page's requests to their handlers.
func (a *Adapter) routes(in bot.Inbox) http.Handler {
	b := a.opt.Base
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+b, a.servePage)
	mux.HandleFunc("GET "+b+"/{$}", a.servePage)
	mux.Handle("GET "+b+"/static/", http.StripPrefix(b+"/static/", staticFiles()))
	mux.HandleFunc("GET "+b+"/events", a.serveEvents)
	mux.HandleFunc("GET "+b+"/files/{id}", a.serveFile)
	mux.HandleFunc("GET "+b+"/documents/{chat}/{id}", a.serveDocument)
	act := func(name string, f actionFunc) {
		mux.HandleFunc("POST "+b+"/api/"+name, func(w http.ResponseWriter, r *http.Request) {
			a.serveAction(w, r, in, f)
		})
	}
	act("text", a.textAction)
	act("contact", a.contactAction)
	act("location", a.locationAction)
	act("press", a.pressAction)
	mux.HandleFunc("POST "+b+"/api/photo", func(w http.ResponseWriter, r *http.Request) { a.servePhoto(w, r, in) })
	mux.HandleFunc("POST "+b+"/api/reset", a.serveReset)
	mux.HandleFunc("POST "+b+"/api/clock", a.serveClock)
	return mux
}

// actionFunc builds the update of an action from a pane, and the message
// the pane shows for it (nil for a button press).
type actionFunc func(p Person, b actionBody, u bot.Update) (bot.Update, *message, error)

// actionBody is every field an action may carry; each action reads its own.
// Unknown fields are refused: a pane cannot, for example, name a phone.
type actionBody struct {
	Chat      string   `json:"chat"`
	Text      string   `json:"text,omitempty"`
	MessageID string   `json:"message_id,omitempty"`
	Data      string   `json:"data,omitempty"`
	Lat       *float64 `json:"lat,omitempty"`
	Lon       *float64 `json:"lon,omitempty"`
	// Keyboard says the action came from a reply-keyboard button, so a
	// one-time keyboard is hidden.
	Keyboard bool `json:"keyboard,omitempty"`
}

// actionResult is what an action answers.
type actionResult struct {
	UpdateID  string `json:"update_id"`
	MessageID string `json:"message_id,omitempty"`
}

// httpError is an error with the status to answer.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func fail(status int, format string, args ...any) error {
	return &httpError{status: status, msg: fmt.Sprintf(format, args...)}
}

// serveAction decodes an action, builds its update, shows what the person
// sent in the pane and accepts the update into in. It answers 202 once the
// inbox holds the update, 503 when the inbox refused it.
func (a *Adapter) serveAction(w http.ResponseWriter, r *http.Request, in bot.Inbox,
	build actionFunc) {
	var body actionBody
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxActionBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		writeError(w, fail(http.StatusBadRequest, "bad action: %v", err))
		return
	}
	p, err := a.actor(r.Context(), body.Chat)
	if err != nil {
		writeError(w, err)
		return
	}
	u, echo, err := build(p, body, a.newUpdate(p))
	if err != nil {
		writeError(w, err)
		return
	}
	a.deliver(w, r.Context(), in, u, echo, body.Keyboard)
}

// actor finds the person a pane speaks for; only listed people may act.
func (a *Adapter) actor(ctx context.Context, id string) (Person, error) {
	p, ok, err := a.person(ctx, id)
	switch {
	case err != nil:
		a.log.Error("playground: list people", "err", err)
		return p, fail(http.StatusServiceUnavailable, "the roster cannot be read now")
	case !ok:
		return p, fail(http.StatusNotFound, "no pane %q", id)
	}
	return p, nil
}

// newUpdate starts an update from a person's pane with a fresh id.
func (a *Adapter) newUpdate(p Person) bot.Update {
	a.mu.Lock()
	id := a.idPrefix + "-" + a.nextID()
	a.mu.Unlock()
	return base(id, p, a.now())
}

// deliver echoes the person's message (if any) in the pane, then accepts
// the update. A refused update marks the echo as failed.
func (a *Adapter) deliver(w http.ResponseWriter, ctx context.Context, in bot.Inbox, u bot.Update, echo *message, fromKeyboard bool) {
	res := actionResult{UpdateID: u.ID}
	a.mu.Lock()
	if echo != nil {
		echo.ID, echo.From, echo.At = a.nextID(), fromPerson, u.At
		res.MessageID = echo.ID
		a.appendLocked(u.ChatID, *echo)
	}
	if c := a.chats[u.ChatID]; fromKeyboard && c != nil && c.Keyboard != nil && c.Keyboard.OneTime {
		a.setKeyboardLocked(u.ChatID, nil)
	}
	a.mu.Unlock()
	if err := in.Accept(ctx, u); err != nil {
		a.log.Warn("inbox refused playground update", "chat", u.ChatID, "update_id", u.ID, "err", err)
		a.refused(u, echo)
		writeError(w, fail(http.StatusServiceUnavailable, "the bot could not take this message now; try again"))
		return
	}
	a.log.Debug("playground update accepted", "chat", u.ChatID, "kind", u.Kind, "update_id", u.ID)
	writeJSON(w, http.StatusAccepted, res)
}

// refused marks an echo as never delivered and forgets a press.
func (a *Adapter) refused(u bot.Update, echo *message) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if u.Callback != nil {
		delete(a.callbacks, u.Callback.ID)
		a.broadcastLocked(newEvent("toast", toastEvent{Chat: u.ChatID, Text: "⚠️ not delivered; try again"}))
	}
	if echo == nil {
		return
	}
	if m := a.findLocked(u.ChatID, echo.ID); m != nil {
		m.Failed = "not delivered"
		a.broadcastLocked(newEvent("edit", messageEvent{Chat: u.ChatID, Message: *m}))
	}
}

func (a *Adapter) textAction(_ Person, b actionBody, u bot.Update) (bot.Update, *message, error) {
	text := strings.TrimSpace(b.Text)
	switch {
	case text == "":
		return u, nil, fail(http.StatusBadRequest, "empty text")
	case utf8.RuneCountInString(text) > maxText || !utf8.ValidString(text):
		return u, nil, fail(http.StatusBadRequest, "text over %d characters or not UTF-8", maxText)
	}
	u = fromText(u, text)
	return u, &message{Kind: "text", Text: text}, nil
}

// contactAction shares the pane's own contact: the phone comes from the
// roster, never from the request.
func (a *Adapter) contactAction(p Person, _ actionBody, u bot.Update) (bot.Update, *message, error) {
	if p.Phone == "" {
		return u, nil, fail(http.StatusConflict, "%s has no phone number on the roster", p.Name)
	}
	u = fromContact(u, p)
	return u, &message{Kind: "contact", Text: "📱 " + p.Name + "\n" + p.Phone}, nil
}

// locationAction shares the browser's point when it sent one, else the
// person's demo point.
func (a *Adapter) locationAction(p Person, b actionBody, u bot.Update) (bot.Update, *message, error) {
	var loc bot.Location
	switch {
	case b.Lat != nil && b.Lon != nil:
		loc = bot.Location{Latitude: *b.Lat, Longitude: *b.Lon}
	case p.Location != nil:
		loc = *p.Location
	default:
		return u, nil, fail(http.StatusBadRequest, "no location: the browser sent none and %s has no demo point", p.Name)
	}
	if loc.Latitude < -90 || loc.Latitude > 90 || loc.Longitude < -180 || loc.Longitude > 180 {
		return u, nil, fail(http.StatusBadRequest, "location out of range")
	}
	u = fromLocation(u, loc)
	return u, &message{Kind: "location", Text: fmt.Sprintf("📍 %.5f, %.5f", loc.Latitude, loc.Longitude)}, nil
}

// pressAction presses an inline button: it must be on a message of the
// pane's own chat, as on Telegram, where only shown buttons can be pressed.
func (a *Adapter) pressAction(p Person, b actionBody, u bot.Update) (bot.Update, *message, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	m := a.findLocked(p.ID, b.MessageID)
	if m == nil || m.From != fromBot {
		return u, nil, fail(http.StatusNotFound, "no message %q in this chat", b.MessageID)
	}
	if !hasButton(m.Buttons, b.Data) {
		return u, nil, fail(http.StatusConflict, "that button is no longer on the message")
	}
	cb := "cb" + a.idPrefix + a.nextID()
	a.callbacks[cb] = p.ID
	return fromPress(u, cb, m.ID, b.Data), nil, nil
}

func hasButton(rows [][]bot.Button, data string) bool {
	for _, row := range rows {
		for _, btn := range row {
			if btn.Data == data {
				return true
			}
		}
	}
	return false
}

// transferTimeout bounds an upload or a download of a pane's file: a
// 20 MB photo over a slow phone link takes longer than the server's read
// and write timeouts (server.Listen), which every other request keeps.
const transferTimeout = 5 * time.Minute

// allowTransfer moves the request's deadlines to transferTimeout from now.
// Only requests the guard let through get here.
func allowTransfer(w http.ResponseWriter) {
	rc := http.NewResponseController(w)
	until := time.Now().Add(transferTimeout)
	_ = rc.SetReadDeadline(until)
	_ = rc.SetWriteDeadline(until)
}

// servePhoto takes an uploaded file (multipart: chat, caption, photo) and
// sends it as a photo (an image) or a document.
func (a *Adapter) servePhoto(w http.ResponseWriter, r *http.Request, in bot.Inbox) {
	allowTransfer(w)
	r.Body = http.MaxBytesReader(w, r.Body, a.opt.MaxUpload+64<<10)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		writeError(w, fail(http.StatusRequestEntityTooLarge, "upload refused (at most %d MB): %v", a.opt.MaxUpload>>20, err))
		return
	}
	defer r.MultipartForm.RemoveAll()
	p, err := a.actor(r.Context(), r.FormValue("chat"))
	if err != nil {
		writeError(w, err)
		return
	}
	f, err := a.keepUpload(r)
	if err != nil {
		writeError(w, err)
		return
	}
	caption := strings.TrimSpace(r.FormValue("caption"))
	u := fromFile(a.newUpdate(p), f, caption)
	echo := &message{Kind: string(u.Kind), Text: caption}
	if u.Kind == bot.KindPhoto {
		echo.Photo = a.fileURL(f.ID)
	} else {
		echo.File = f.Name
	}
	a.deliver(w, r.Context(), in, u, echo, false)
}

func (a *Adapter) keepUpload(r *http.Request) (storedFile, error) {
	file, hdr, err := r.FormFile("photo")
	if err != nil {
		return storedFile{}, fail(http.StatusBadRequest, "no file in the upload")
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, a.opt.MaxUpload+1))
	switch {
	case err != nil:
		return storedFile{}, fail(http.StatusBadRequest, "read upload: %v", err)
	case int64(len(data)) > a.opt.MaxUpload:
		return storedFile{}, fail(http.StatusRequestEntityTooLarge, "file over %d MB", a.opt.MaxUpload>>20)
	case len(data) == 0:
		return storedFile{}, fail(http.StatusBadRequest, "empty file")
	}
	f, err := a.files.put(cleanName(hdr.Filename), data)
	if err != nil {
		a.log.Error("playground: keep upload", "err", err)
		return storedFile{}, fail(http.StatusInternalServerError, "the file could not be kept")
	}
	return f, nil
}

// cleanName keeps the last path element of an uploaded file's name.
func cleanName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if utf8.RuneCountInString(name) > 100 || !utf8.ValidString(name) {
		return "file"
	}
	return name
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, err error) {
	var he *httpError
	if !errors.As(err, &he) {
		he = &httpError{status: http.StatusInternalServerError, msg: "internal error"}
	}
	writeJSON(w, he.status, map[string]string{"error": he.msg})
}
