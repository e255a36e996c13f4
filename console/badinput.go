package console

import (
	"net/http"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// badInput answers a request whose parameters are wrong: 400 with text k
// in the viewer's language, and the reason logged (never the value).
func (c *Console) badInput(w http.ResponseWriter, r *http.Request, k i18n.Key, reason string) {
	c.d.Log.Info("console: bad input", "path", r.URL.Path, "reason", reason)
	c.message(w, r, http.StatusBadRequest, k)
}
