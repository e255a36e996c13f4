package playground

import (
	"bytes"
	"embed"
	"encoding/json"
	"html/template"
	"io/fs"
	"net/http"
	"strings"
	"time"
)

//go:embed assets
var assets embed.FS

var pageTemplate = template.Must(template.ParseFS(assets, "assets/index.html"))

// staticFiles serves the page's script and style sheet.
func staticFiles() http.Handler {
	sub, _ := fs.Sub(assets, "assets")
	files := http.FileServerFS(sub)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "index.html" || strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	})
}

// servePage serves the page; everything on it arrives by the event stream.
func (a *Adapter) servePage(w http.ResponseWriter, r *http.Request) {
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, map[string]string{"Base": a.opt.Base}); err != nil {
		a.log.Error("playground: render page", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(buf.Bytes())
}

// serveFile serves a photo shown in a pane. Anything but an image is sent
// as an attachment, so it never renders as a page of this origin.
func (a *Adapter) serveFile(w http.ResponseWriter, r *http.Request) {
	allowTransfer(w)
	f, data, err := a.files.get(r.PathValue("id"), 1<<40)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ctype := f.MIME
	if !strings.HasPrefix(ctype, "image/") || ctype == "image/svg+xml" {
		ctype = "application/octet-stream"
		w.Header().Set("Content-Disposition", "attachment")
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "private, max-age=86400, immutable")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

// serveReset is the "reset demo" button: Options.Reset resets what lives
// outside the adapter, the clock goes back to real time, the chats are
// forgotten and every page gets a fresh snapshot. Uploaded files are kept:
// reports on file still show their photos.
func (a *Adapter) serveReset(w http.ResponseWriter, r *http.Request) {
	if a.opt.Reset == nil {
		writeError(w, fail(http.StatusNotFound, "reset is not available"))
		return
	}
	if err := a.opt.Reset(r.Context()); err != nil {
		a.log.Error("playground: reset demo", "err", err)
		writeError(w, fail(http.StatusInternalServerError, "reset failed: %v", err))
		return
	}
	if a.opt.Clock != nil {
		a.opt.Clock.Reset()
	}
	people, err := a.people(r.Context())
	if err != nil {
		writeError(w, fail(http.StatusServiceUnavailable, "the roster cannot be read now"))
		return
	}
	a.mu.Lock()
	a.chats = map[string]*chat{}
	a.callbacks = map[string]string{}
	a.broadcastLocked(a.snapshotLocked(people))
	a.mu.Unlock()
	a.log.Info("playground demo reset")
	writeJSON(w, http.StatusOK, map[string]bool{"reset": true})
}

// serveClock moves the shared clock: {"jump": "15:30" | "tomorrow" | "now"}.
func (a *Adapter) serveClock(w http.ResponseWriter, r *http.Request) {
	if a.opt.Clock == nil {
		writeError(w, fail(http.StatusNotFound, "the clock cannot be moved here"))
		return
	}
	var body struct {
		Jump string `json:"jump"`
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxActionBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		writeError(w, fail(http.StatusBadRequest, "bad request: %v", err))
		return
	}
	if !a.opt.Clock.Jump(body.Jump, a.opt.Zone) {
		writeError(w, fail(http.StatusBadRequest, "unknown jump %q (want %q, %q or %q)", body.Jump, JumpAfternoon, JumpTomorrow, JumpReal))
		return
	}
	a.mu.Lock()
	st := a.clockState()
	a.broadcastLocked(newEvent("clock", st))
	a.mu.Unlock()
	a.log.Info("playground clock moved", "jump", body.Jump, "now", st.Now)
	writeJSON(w, http.StatusOK, st)
}
