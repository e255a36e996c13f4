package console

import (
	"errors"
	"net/http"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// maxLoginBytes bounds the login form's body (one token).
const maxLoginBytes = 4 << 10

// loginForm is the login page's data: where the button posts, and the
// link's token it carries.
type loginForm struct{ Action, Token string }

// loginPage answers a login link's GET with a page whose button posts the
// token: a link-preview fetcher (Telegram and WhatsApp open links to show
// a preview) only GETs, so it never uses the link up.
func (c *Console) loginPage(w http.ResponseWriter, r *http.Request) {
	c.render(w, r, "login", loginForm{Action: loginPath, Token: r.URL.Query().Get("t")})
}

// login uses a login link up (whatever follows) and, when it is live and
// its person may still enter from the chat it was sent to, opens a
// session. Failed attempts are counted per client address.
func (c *Console) login(w http.ResponseWriter, r *http.Request) {
	ctx, ip := r.Context(), c.clientIP(r)
	if over, err := c.over(ctx, limitKindFailure, ip, failuresPerIP); over || err != nil {
		c.d.Log.Warn("console: login refused: too many failed attempts from the address", "err", err)
		c.message(w, r, http.StatusTooManyRequests, i18n.ConsoleLoginTooMany)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxLoginBytes)
	cl, err := c.takeLink(ctx, r.PostFormValue("t"))
	var v *Viewer
	if err == nil {
		v, err = c.claimed(r, cl)
	}
	if err != nil {
		c.loginFailed(w, r, ip, cl, err)
		return
	}
	id, err := c.openSession(ctx, v.NIP, requestLang(r))
	if err != nil {
		c.d.Log.Error("console: session not opened", "err", err)
		c.message(w, r, http.StatusServiceUnavailable, i18n.ConsoleLoginHelp)
		return
	}
	http.SetCookie(w, c.cookie(id, 0))
	c.audit(r.WithContext(WithViewer(ctx, v)), ActionLogin, "", cl.Platform)
	http.Redirect(w, r, c.home(), http.StatusSeeOther)
}

// claimed is the viewer a link's claim opens a session for: the person
// must still be active, admin or auditor, and linked to the chat the link
// was sent to (the playground's demo link names no chat).
func (c *Console) claimed(r *http.Request, cl claim) (*Viewer, error) {
	v, e, err := c.access(r.Context(), cl.NIP)
	if err != nil {
		return nil, err
	}
	if cl.Platform != "" && e.Accounts[cl.Platform].ChatID != cl.Chat {
		return nil, errNoAccess
	}
	return v, nil
}

// loginFailed counts a failed attempt against the address, writes its
// audit row and answers the refusal.
func (c *Console) loginFailed(w http.ResponseWriter, r *http.Request, ip string, cl claim, err error) {
	reason := "link_unknown"
	switch {
	case errors.Is(err, errNoAccess):
		reason = "no_access"
	case errors.Is(err, errLinkExpired):
		reason = "link_expired"
	case cl.NIP != "" && !errors.Is(err, storage.ErrNotFound):
		c.d.Log.Error("console: login not checked", "err", err)
		c.message(w, r, http.StatusServiceUnavailable, i18n.ConsoleLoginHelp)
		return
	case cl.NIP != "":
		reason = "not_on_roster"
	}
	if _, _, herr := c.hit(r.Context(), limitKindFailure, ip, failuresPerIP, failuresWindow); herr != nil {
		c.d.Log.Warn("console: failed login not counted", "err", herr)
	}
	c.d.Log.Info("console: login refused", "reason", reason)
	c.record(r.Context(), storage.AuditRecord{Actor: cl.NIP, Action: string(ActionLoginFailed), Detail: reason})
	c.message(w, r, http.StatusForbidden, i18n.ConsoleLoginBad)
}

// logout ends the viewer's session on the server and clears the cookie.
func (c *Console) logout(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	if err := c.endSession(r.Context(), v.Session); err != nil {
		c.d.Log.Error("console: session not ended", "err", err)
		c.message(w, r, http.StatusServiceUnavailable, i18n.ConsoleBadForm)
		return
	}
	c.audit(r, ActionLogout, "", "")
	http.SetCookie(w, c.cookie("", -1))
	lang := v.Lang
	r = r.WithContext(WithViewer(r.Context(), nil))
	c.renderStatus(w, r, http.StatusOK, "message", lang.Or(i18n.ID).T(i18n.ConsoleLoggedOut))
}

// home is the console's first page, where a login lands.
func (c *Console) home() string {
	if p := c.cookie("", 0).Path; p != "" {
		return p
	}
	return Prefix
}
