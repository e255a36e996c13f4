package console

import "net/http"

// summary is Ringkasan, the console's first page.
func (c *Console) summary(w http.ResponseWriter, r *http.Request) {
	c.render(w, r, "summary", nil)
}
