package console

import (
	"net/http"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// badInput answers a request whose parameters are wrong: 400 with text k
// in the viewer's language, and the reason logged (never the value).
func (c *Console) badInput(w http.ResponseWriter, r *http.Request, k i18n.Key, reason string) {
	lang := i18n.ID
	if v := ViewerFrom(r.Context()); v != nil {
		lang = v.Lang.Or(i18n.ID)
	}
	c.d.Log.Info("console: bad input", "path", r.URL.Path, "reason", reason)
	http.Error(w, lang.T(k), http.StatusBadRequest)
}

// failed answers a request the console could not serve (a store error).
func (c *Console) failed(w http.ResponseWriter, r *http.Request, err error) {
	c.d.Log.Error("console: page failed", "path", r.URL.Path, "err", err)
	http.Error(w, "internal error", http.StatusInternalServerError)
}
