package console

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// maxPostBytes bounds a POST's body (a roster upload is the largest).
const maxPostBytes = 20 << 20

// maxFormMemory is how much of a multipart body is kept in memory; the
// rest goes to temporary files until the request ends.
const maxFormMemory = 8 << 20

// csrfField and csrfHeader carry the session's CSRF token on a POST.
const (
	csrfField  = "csrf"
	csrfHeader = "X-CSRF-Token"
)

// errNoAccess: the person may not use the console (not on the roster,
// inactive, neither admin nor auditor).
var errNoAccess = errors.New("no console access")

// authed serves h for a request with a viewer: one already in the context
// (only in-process code puts one there), else the session's. A POST must
// carry the session's CSRF token (checked here, the one place, also for
// uploads) and its body is bounded; a write page refuses auditors.
func (c *Console) authed(h http.HandlerFunc, write bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := ViewerFrom(r.Context())
		if v == nil {
			var ok bool
			if v, ok = c.sessionViewer(w, r); !ok {
				return
			}
			r = r.WithContext(WithViewer(r.Context(), v))
		}
		if r.Method == http.MethodPost && !c.checkPost(w, r, v) {
			return
		}
		if write && !v.CanWrite() {
			c.d.Log.Info("console: write page refused to a read-only viewer", "path", r.URL.Path)
			c.message(w, r, http.StatusForbidden, i18n.ConsoleForbidden)
			return
		}
		h(w, r)
	})
}

// sessionViewer is the viewer of the request's session cookie, re-reading
// the person (one GetEmployee) so that a deactivated or demoted admin
// loses access at once; otherwise it answers the login help page (401).
func (c *Console) sessionViewer(w http.ResponseWriter, r *http.Request) (*Viewer, bool) {
	ck, err := r.Cookie(cookieName)
	if err != nil || ck.Value == "" {
		c.message(w, r, http.StatusUnauthorized, i18n.ConsoleLoginHelp)
		return nil, false
	}
	s, err := c.loadSession(r.Context(), ck.Value)
	if err == nil {
		var v *Viewer
		if v, _, err = c.access(r.Context(), s.NIP); err == nil {
			v.CSRF, v.Session, v.Lang = s.CSRF, hashToken(ck.Value), s.Lang
			c.switchLang(r, v)
			return v, true
		}
	}
	if !errors.Is(err, storage.ErrNotFound) && !errors.Is(err, errNoAccess) {
		c.d.Log.Error("console: session not read", "err", err)
		c.message(w, r, http.StatusServiceUnavailable, i18n.ConsoleLoginHelp)
		return nil, false
	}
	http.SetCookie(w, c.cookie("", -1))
	c.message(w, r, http.StatusUnauthorized, i18n.ConsoleLoginHelp)
	return nil, false
}

// switchLang applies ?lang=id|en to the viewer and keeps it in their
// session.
func (c *Console) switchLang(r *http.Request, v *Viewer) {
	l, ok := i18n.Parse(r.URL.Query().Get("lang"))
	if !ok || l == v.Lang {
		return
	}
	v.Lang = l
	if err := c.setSessionLang(r.Context(), v.Session, l); err != nil {
		c.d.Log.Warn("console: language not kept in the session", "err", err)
	}
}

// checkPost bounds the body, parses the form (multipart too) and checks
// the CSRF token in constant time; it answers 403, 413 or 400 itself.
func (c *Console) checkPost(w http.ResponseWriter, r *http.Request, v *Viewer) bool {
	r.Body = http.MaxBytesReader(w, r.Body, maxPostBytes)
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(maxFormMemory)
	} else {
		err = r.ParseForm()
	}
	if mb := (*http.MaxBytesError)(nil); errors.As(err, &mb) {
		c.message(w, r, http.StatusRequestEntityTooLarge, i18n.ConsoleBadForm)
		return false
	}
	got := r.Header.Get(csrfHeader)
	if got == "" {
		got = r.PostFormValue(csrfField)
	}
	if err != nil && got == "" || v.CSRF == "" || subtle.ConstantTimeCompare([]byte(got), []byte(v.CSRF)) != 1 {
		c.d.Log.Info("console: POST refused: missing or wrong CSRF token", "path", r.URL.Path)
		c.message(w, r, http.StatusForbidden, i18n.ConsoleBadForm)
		return false
	}
	return true
}

// access is the viewer nip is in the console, from the roster as it is
// now (and the person). errNoAccess when they may not enter.
func (c *Console) access(ctx context.Context, nip string) (*Viewer, storage.Employee, error) {
	e, err := c.d.Store.GetEmployee(ctx, nip)
	if err != nil {
		return nil, e, fmt.Errorf("console access: %w", err)
	}
	var role Role
	switch {
	case !e.Active:
		return nil, e, errNoAccess
	case e.IsAdmin():
		role = RoleAdmin
	case e.IsAuditor():
		role = RoleAuditor
	default:
		return nil, e, errNoAccess
	}
	u, err := c.d.Store.GetUnit(ctx, e.UnitCode)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return nil, e, fmt.Errorf("console access: %w", err)
	}
	v := &Viewer{NIP: e.NIP, Name: e.Name, Role: role, Unit: e.UnitCode, Home: e.UnitCode}
	if err == nil && u.ParentCode == "" { // a root unit: the whole deployment
		v.Unit = ""
		if role == RoleAdmin {
			v.Role = RoleSuper
		}
	}
	return v, e, nil
}
