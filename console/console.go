// Package console owns the web console for BKPSDM and unit admins: the
// pages under /console/, who is looking at them (a Viewer, from a session
// opened by a one-time link the bot sends in chat), what each viewer may
// see (their branch of units, enforced on the server for every page and
// query), and the page layout and assets. The chat command that sends the
// link lives in package handlers; the records it shows come from the
// record store.
package console

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/export"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Prefix is the path every console page lives under.
const Prefix = "/console/"

// Role is what a viewer may do in the console.
type Role uint8

// The console's roles. Stored in sessions: append only.
const (
	// RoleAdmin is an admin OPD: their unit's branch, read and write.
	RoleAdmin Role = iota + 1
	// RoleSuper is an admin of a root unit: every unit, read and write.
	RoleSuper
	// RoleAuditor is read-only over their unit's branch (the whole
	// deployment when their unit is a root): Inspektorat.
	RoleAuditor
)

// Viewer is the person a console request is served for.
type Viewer struct {
	NIP, Name string
	Role      Role
	// Unit is the root of the viewer's scope: every unit at or under it.
	// "" is the whole deployment (a super-admin, a root auditor).
	Unit string
	Lang i18n.Lang
	// CSRF is the session's token every POST must carry.
	CSRF string
	// Session identifies the session (for logout); never a cookie value.
	Session string
	// Home is the viewer's own unit: the unit their audit rows belong to.
	Home string
}

// roleTexts name each role in the catalogue.
var roleTexts = map[Role]i18n.Key{RoleAdmin: i18n.ConsoleRoleAdmin, RoleSuper: i18n.ConsoleRoleSuper, RoleAuditor: i18n.ConsoleRoleAuditor}

// RoleText is the catalogue key naming the viewer's role (the layout shows
// it beside their name).
func (v *Viewer) RoleText() string { return string(roleTexts[v.Role]) }

// CanWrite reports whether the viewer may change anything (not an auditor).
func (v *Viewer) CanWrite() bool { return v.Role == RoleAdmin || v.Role == RoleSuper }

type viewerKey struct{}

// WithViewer returns ctx carrying v.
func WithViewer(ctx context.Context, v *Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// ViewerFrom returns the viewer ctx carries, nil when none.
func ViewerFrom(ctx context.Context) *Viewer {
	v, _ := ctx.Value(viewerKey{}).(*Viewer)
	return v
}

// Deps is what the console reads and writes through.
type Deps struct {
	Store storage.Store
	// Redis holds login links, sessions and rate limits (the embedded
	// in-memory Redis in the one-binary mode), so any replica serves them.
	Redis  redis.UniversalClient
	Prefix string // Redis key prefix
	Log    *slog.Logger
	Now    func() time.Time
	// BaseURL is CONSOLE_URL: where links point; https makes cookies Secure.
	BaseURL string
	// TrustedProxies are CONSOLE_TRUSTED_PROXIES: the proxies whose
	// X-Forwarded-For names the client (clientIP).
	TrustedProxies []netip.Prefix
	// Export is what the Ekspor page's workbooks and Ringkasan's capaian
	// follow: the same settings as the chat's /ekspor and the CLI.
	Export export.Options
	// BotUsername is the Telegram bot the survey posters link to, asked
	// on each use (the app learns it from Telegram after building the
	// console); nil or "": the Survei page offers no posters.
	BotUsername func() string
	// Retention reads the last retention run's counts for Ringkasan; nil
	// hides the box.
	Retention RetentionReader
	// LinkTTL is how long a login link stays valid (5 minutes when 0);
	// SessionIdle ends a session unused so long (8 hours), SessionMax any
	// session so long after login (24 hours).
	LinkTTL, SessionIdle, SessionMax time.Duration
	// DemoNIP is the playground's demo admin: Prefix+"demo" opens a login
	// for them. "" (always outside the playground) serves no such page.
	DemoNIP string
}

func (d *Deps) defaults() {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.Default()
	}
	if d.LinkTTL <= 0 {
		d.LinkTTL = 5 * time.Minute
	}
	if d.SessionIdle <= 0 {
		d.SessionIdle = 8 * time.Hour
	}
	if d.SessionMax <= 0 {
		d.SessionMax = 24 * time.Hour
	}
}

// Console serves the console's pages.
type Console struct {
	d     Deps
	pages *pages
	mux   *http.ServeMux
	// exporter builds the Ekspor page's workbooks and reads the targets of
	// Ringkasan's capaian.
	exporter *export.Exporter
	// importing is held by the import running (one at a time: a roster
	// import holds the roster on file in memory).
	importing sync.Mutex
	// loc is the deployment's default time zone (zone).
	loc *time.Location
}

// New builds the console.
func New(d Deps) *Console {
	d.defaults()
	c := &Console{d: d, pages: parsePages(), mux: http.NewServeMux(), exporter: export.New(d.Store, d.Export),
		loc: defaultZone(d.Export.DefaultTimezone)}
	c.routes()
	return c
}

// Handler serves everything under Prefix, with the console's security
// headers on every answer.
func (c *Console) Handler() http.Handler { return secure(c.mux) }

// InScope reports whether unit lies within v's scope. Pages answer 404
// for a unit (or a person of a unit) out of scope, so a URL edited to
// another branch learns nothing.
func (c *Console) InScope(ctx context.Context, v *Viewer, unit string) (bool, error) {
	if v.Unit == "" {
		return true, nil
	}
	return roster.Within(ctx, c.d.Store, unit, v.Unit)
}

// botUsername is the Telegram bot the survey posters link to, "" when
// none is known.
func (c *Console) botUsername() string {
	if c.d.BotUsername == nil {
		return ""
	}
	return c.d.BotUsername()
}
