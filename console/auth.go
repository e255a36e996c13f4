package console

import "net/http"

// authed serves h for a request with a live session (and, for write
// pages, a viewer who may write); others are sent to the login help page.
//
// Interim: sessions are not built yet, so every page answers 401 until the
// login-by-link change lands.
func (c *Console) authed(h http.HandlerFunc, write bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := ViewerFrom(r.Context())
		if v == nil {
			http.Error(w, "login required", http.StatusUnauthorized)
			return
		}
		if write && !v.CanWrite() {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		h(w, r)
	})
}
