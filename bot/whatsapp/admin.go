package whatsapp

import (
	"html/template"
	"net/http"
	"strings"
	"time"

	"rsc.io/qr"

	"github.com/kinerjabot/kinerjabot/internal/webguard"
)

// AdminPath is where AdminHandler is mounted: the page, and below it
// "qr.png" (the current QR code) and "pair" (POST: start pairing).
const AdminPath = "/admin/whatsapp"

// AdminHandler serves the admin page that shows the WhatsApp connection
// and, while no device is paired, the QR code to pair one (the same QR the
// login command prints). It asks for HTTP basic auth with token as the
// password (any user name). With an empty token it refuses everything: the
// page is never open by default. Mount it at AdminPath and AdminPath+"/".
//
// A client that fails the password adminMaxFailures times in adminWindow
// is refused (429) until the window has passed.
func (a *Adapter) AdminHandler(token string) http.Handler {
	return &adminHandler{a: a, token: token, failures: &webguard.Failures{Max: adminMaxFailures, Window: adminWindow, Now: a.opt.Now}}
}

// The limit of failed password attempts on the admin page, per client.
const (
	adminMaxFailures = 5
	adminWindow      = 15 * time.Minute
)

// adminCSP lets the page load its own QR image and post its own form only.
const adminCSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; form-action 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'"

type adminHandler struct {
	a        *Adapter
	token    string
	failures *webguard.Failures
}

func (h *adminHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	webguard.SecureHeaders(w.Header(), adminCSP)
	if h.token == "" {
		http.Error(w, "the WhatsApp admin page is off: set WHATSAPP_ADMIN_TOKEN to turn it on", http.StatusForbidden)
		return
	}
	if wait, blocked := h.failures.Blocked(r); blocked {
		h.a.log.Warn("whatsapp admin page: client refused after failed passwords", "remote", r.RemoteAddr)
		webguard.Refuse(w, wait)
		return
	}
	if !webguard.PasswordOK(r, h.token) {
		if _, _, tried := r.BasicAuth(); tried {
			h.failures.Fail(r)
		}
		w.Header().Set("WWW-Authenticate", `Basic realm="kinerjabot admin", charset="UTF-8"`)
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	switch path := strings.TrimSuffix(r.URL.Path, "/"); {
	case path == AdminPath && r.Method == http.MethodGet:
		h.page(w)
	case path == AdminPath+"/qr.png" && r.Method == http.MethodGet:
		h.qrPNG(w)
	case path == AdminPath+"/pair" && r.Method == http.MethodPost:
		h.pair(w, r)
	default:
		http.NotFound(w, r)
	}
}

var adminPage = template.Must(template.New("admin").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kinerjabot · WhatsApp</title>
{{if .Pairing}}<meta http-equiv="refresh" content="5">{{end}}
<style>body{font-family:system-ui,sans-serif;max-width:40em;margin:2em auto;padding:0 1em}img{image-rendering:pixelated;width:20em;height:20em}</style>
</head><body>
<h1>WhatsApp</h1>
<p>State: <b>{{.State}}</b>{{if .Reason}} — {{.Reason}}{{end}}</p>
{{if .Pairing}}{{if .QR}}<p>On the phone: WhatsApp → Settings → Linked devices → Link a device, then scan:</p>
<p><img src="/admin/whatsapp/qr.png?at={{.Stamp}}" alt="QR code"></p><p>This page refreshes itself; the code changes every 20 seconds.</p>
{{else}}<p>Waiting for the first QR code…</p>{{end}}
{{else if .Unpaired}}<form method="post" action="/admin/whatsapp/pair"><button>Show a QR code to pair a phone</button></form>
<p>Or run <code>kinerjabot whatsapp login</code> with the bot stopped.</p>{{end}}
<p>Use a number kept for the bot: an unofficial client can be banned by WhatsApp.</p>
</body></html>`))

func (h *adminHandler) page(w http.ResponseWriter) {
	st := h.a.Status()
	code, _ := h.a.QR()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = adminPage.Execute(w, map[string]any{
		"State": st.State, "Reason": st.Reason, "QR": code != "",
		"Pairing": st.State == StatePairing, "Unpaired": st.State == StateUnpaired,
		"Stamp": time.Now().UnixMilli(),
	})
}

func (h *adminHandler) qrPNG(w http.ResponseWriter) {
	code, _ := h.a.QR()
	if code == "" {
		http.Error(w, "no QR code on offer", http.StatusNotFound)
		return
	}
	c, err := qr.Encode(code, qr.M)
	if err != nil {
		http.Error(w, "cannot draw the QR code", http.StatusInternalServerError)
		return
	}
	c.Scale = 6
	w.Header().Set("Content-Type", "image/png")
	_, _ = w.Write(c.PNG())
}

func (h *adminHandler) pair(w http.ResponseWriter, r *http.Request) {
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		http.Error(w, "cross-site request refused", http.StatusForbidden)
		return
	}
	if err := h.a.StartPairing(); err != nil {
		http.Error(w, err.Error(), http.StatusConflict)
		return
	}
	http.Redirect(w, r, AdminPath+"/", http.StatusSeeOther)
}
