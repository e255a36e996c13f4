package app

import (
	"html"

	"github.com/kinerjabot/kinerjabot/console"
	"github.com/kinerjabot/kinerjabot/demo"
	"github.com/kinerjabot/kinerjabot/i18n"
)

// buildConsole builds the web console when it is on (CONSOLE_URL, or the
// playground); nil when off. It is mounted at console.Prefix, and /konsol
// makes its links.
func (a *App) buildConsole() *console.Console {
	cfg := a.cfg
	if !cfg.ConsoleOn() {
		a.log.Info("web console is off (CONSOLE_URL turns it on)")
		return nil
	}
	d := console.Deps{Store: a.store, Redis: a.rdb, Prefix: cfg.RedisPrefix, Log: a.log, Now: a.now,
		BaseURL: cfg.ConsoleBase(), TrustedProxies: cfg.TrustedProxies(), LinkTTL: cfg.ConsoleLinkTTL, SessionIdle: cfg.ConsoleSessionIdle,
		SessionMax: cfg.ConsoleSessionMax, Export: exportOptions(cfg), BotUsername: a.botUsername,
		Retention: retentionRuns{rdb: a.rdb, prefix: cfg.RedisPrefix}}
	if cfg.PlaygroundOn() && !cfg.PlatformOn() { // the playground alone: never beside real people
		d.DemoNIP = demo.AdminNIP
	}
	c := console.New(d)
	a.hooks[console.Prefix] = c.Handler()
	a.log.Info("web console is on", "path", console.Prefix, "demo_admin_link", d.DemoNIP != "")
	return c
}

// consoleDemoLink is the home page's link opening the console as the demo
// admin (" · " and the anchor), "" when the console has no demo login.
func (a *App) consoleDemoLink() string {
	if !a.cfg.ConsoleOn() || !a.cfg.PlaygroundOn() || a.cfg.PlatformOn() {
		return ""
	}
	return ` · <a href="` + html.EscapeString(console.DemoPath) + `">` + html.EscapeString(i18n.ID.T(i18n.PlaygroundConsoleDemo)) + `</a>`
}
