package console

import "net/http"

// demoPath is the playground's "open the console as the demo admin" link
// (mounted only when Deps.DemoNIP is set: the playground, never
// production).
const demoPath = "demo"

// DemoPath is where the playground's home page links to open the console
// as the demo admin.
const DemoPath = Prefix + demoPath

// demo makes a login link for the demo admin, bound to no chat, and sends
// the browser to its login page (whose button opens the session).
func (c *Console) demo(w http.ResponseWriter, r *http.Request) {
	token, err := c.storeLink(r.Context(), claim{NIP: c.d.DemoNIP})
	if err != nil {
		c.fail(w, r, "demo link", err)
		return
	}
	http.Redirect(w, r, Prefix+loginQuery(token), http.StatusSeeOther)
}
