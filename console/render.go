package console

import (
	"bytes"
	"embed"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/kinerjabot/kinerjabot/i18n"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets
var assetFS embed.FS

// pages holds each page's template in each language: the layout with the
// page's own "content" (and optional "title") definitions, whose t names
// the language's catalogue texts.
type pages struct {
	byName map[string]map[i18n.Lang]*template.Template
}

// textsIn is the templates' t in lang: the catalogue's text of a key.
func textsIn(lang i18n.Lang) template.FuncMap {
	return template.FuncMap{"t": func(key string, args ...any) string { return lang.T(i18n.Key(key), args...) }}
}

// parsePages parses the layout with each page file of templates/, once
// per language.
func parsePages() *pages {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	p := &pages{byName: map[string]map[i18n.Lang]*template.Template{}}
	for _, lang := range i18n.Langs {
		base := template.Must(template.New("layout.html").Funcs(textsIn(lang)).ParseFS(templateFS, "templates/layout.html"))
		for _, n := range names {
			name := strings.TrimSuffix(path.Base(n), ".html")
			if name == "layout" {
				continue
			}
			if p.byName[name] == nil {
				p.byName[name] = map[i18n.Lang]*template.Template{}
			}
			p.byName[name][lang] = template.Must(template.Must(base.Clone()).ParseFS(templateFS, n))
		}
	}
	return p
}

// navOf is the menu entry a page belongs to when its template's name is
// not one: a person's page is part of Pegawai.
var navOf = map[string]string{"person": "staff"}

// nav is the menu entry page name marks.
func nav(name string) string {
	if n, ok := navOf[name]; ok {
		return n
	}
	return name
}

// view is what every page template is executed with.
type view struct {
	V   *Viewer
	Nav string // the page's name, to mark it in the menu
	// Switch is the link showing this page in the other language: the
	// request's query (its filters) with lang set.
	Switch string
	Data   any
}

// switchLink is the query of r showing the same page in the language
// other than lang.
func switchLink(r *http.Request, lang i18n.Lang) string {
	q := r.URL.Query()
	q.Set("lang", string(i18n.EN))
	if lang == i18n.EN {
		q.Set("lang", string(i18n.ID))
	}
	return "?" + q.Encode()
}

// render writes page name for the request's viewer with data, in the
// viewer's language (Bahasa Indonesia when none).
func (c *Console) render(w http.ResponseWriter, r *http.Request, name string, data any) {
	c.renderStatus(w, r, http.StatusOK, name, data)
}

// renderStatus is render answering status.
func (c *Console) renderStatus(w http.ResponseWriter, r *http.Request, status int, name string, data any) {
	lang := requestLang(r)
	t, ok := c.pages.byName[name][lang]
	if !ok {
		c.d.Log.Error("console: no such page template", "page", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	v := ViewerFrom(r.Context())
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", view{V: v, Nav: nav(name), Switch: switchLink(r, lang), Data: data}); err != nil {
		c.d.Log.Error("console: render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// assets serves the embedded stylesheet, script and icons.
func assets() http.Handler {
	sub, err := fs.Sub(assetFS, "assets")
	if err != nil {
		panic(err)
	}
	return http.StripPrefix(Prefix+"assets/", http.FileServerFS(sub))
}
