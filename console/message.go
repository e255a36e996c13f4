package console

import (
	"net/http"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// requestLang is the language to answer in: the viewer's, else ?lang=,
// else Bahasa Indonesia.
func requestLang(r *http.Request) i18n.Lang {
	if v := ViewerFrom(r.Context()); v != nil && v.Lang != "" {
		return v.Lang.Or(i18n.ID)
	}
	if l, ok := i18n.Parse(r.URL.Query().Get("lang")); ok {
		return l
	}
	return i18n.ID
}

// message answers status with a page of one text: a refusal, the login
// help, a logout.
func (c *Console) message(w http.ResponseWriter, r *http.Request, status int, text i18n.Key) {
	c.renderStatus(w, r, status, "message", requestLang(r).T(text))
}
