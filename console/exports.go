package console

import (
	"fmt"
	"mime"
	"net/http"
	"strconv"

	"github.com/kinerjabot/kinerjabot/export"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// exportPage is what Ekspor shows: the form, with the units in scope to
// pick from.
type exportPage struct {
	Month string
	Units []storage.Unit
}

// exportForm is Ekspor: the form whose GET downloads the workbook.
func (c *Console) exportForm(w http.ResponseWriter, r *http.Request) {
	month, _ := c.monthParam(r)
	units, _, ok, err := c.scopeUnits(r)
	switch {
	case err != nil:
		c.fail(w, r, "export", err)
		return
	case !ok:
		http.NotFound(w, r)
		return
	}
	c.render(w, r, "export", exportPage{Month: month, Units: units})
}

// exportFile downloads the data-out workbook (package export, as the
// chat's /ekspor and the CLI make it) of ?unit= (with its sub-units when
// ?sub=1) for ?month= in ?format= (xlsx, csv): an attachment, audited. A
// unit out of the viewer's scope is 404.
func (c *Console) exportFile(w http.ResponseWriter, r *http.Request) {
	v := ViewerFrom(r.Context())
	q := r.URL.Query()
	month, okMonth := c.monthParam(r)
	f, okFormat := export.ParseFormat(q.Get("format"))
	if q.Get("unit") == "" || q.Get("month") == "" || !okMonth || !okFormat {
		c.badInput(w, r, i18n.ConsoleExportBadForm, "export form: unit, month or format missing or wrong")
		return
	}
	visible, err := c.unitVisible(r.Context(), v, q.Get("unit"))
	switch {
	case err != nil:
		c.fail(w, r, "export", err)
		return
	case !visible:
		http.NotFound(w, r)
		return
	}
	req := export.Request{Month: month, Unit: q.Get("unit"), SubUnits: q.Get("sub") == "1", Lang: v.Lang.Or(i18n.ID)}
	wb, err := c.exporter.Build(r.Context(), req, c.d.Now())
	if err != nil {
		c.fail(w, r, "build export", err)
		return
	}
	b, err := wb.Encode(f)
	if err != nil {
		c.fail(w, r, "encode export", err)
		return
	}
	c.audit(r, ActionExport, req.Unit, fmt.Sprintf("month=%s format=%s subunits=%t", month, f, req.SubUnits))
	attach(w, export.FileName(req, f), f.MIME(), b)
}

// attach writes b as a file download named name.
func attach(w http.ResponseWriter, name, mimeType string, b []byte) {
	h := w.Header()
	h.Set("Content-Type", mimeType)
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(b)
}
