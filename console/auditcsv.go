package console

import (
	"encoding/csv"
	"net/http"
	"strconv"

	"github.com/kinerjabot/kinerjabot/export"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// maxAuditCSVRows bounds one audit export (pages of storage.MaxAuditPage
// read one after another).
const maxAuditCSVRows = 50_000

// auditCSV downloads the filtered rows of the viewer's scope as a CSV
// (';' between fields, a BOM, CRLF: what Excel in the Indonesian locale
// opens), every text cell formula-safe; the export itself is audited.
func (c *Console) auditCSV(w http.ResponseWriter, r *http.Request) {
	q, f, ok := c.auditFilterOf(w, r)
	if !ok {
		return
	}
	if f.Limit == 0 {
		c.message(w, r, http.StatusBadRequest, i18n.ConsoleAuditBadFilter)
		return
	}
	f.Limit = storage.MaxAuditPage
	first, err := c.d.Store.ListAuditLog(r.Context(), f)
	if err != nil {
		c.fail(w, r, "audit export", err)
		return
	}
	c.audit(r, ActionAuditExport, q.Unit, q.values().Encode())
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="audit.csv"`)
	_, _ = w.Write([]byte("\ufeff"))
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = ';', true
	_ = cw.Write([]string{"waktu", "pelaku", "tindakan", "sasaran", "rincian", "unit"})
	n, page := 0, first
	for {
		for _, rec := range page.Rows {
			s := c.shown(rec)
			_ = cw.Write([]string{s.At, export.Neutralize(s.Actor), export.Neutralize(s.Action),
				export.Neutralize(s.Target), export.Neutralize(s.Detail), export.Neutralize(s.Unit)})
		}
		n += len(page.Rows)
		if page.Next == "" || n >= maxAuditCSVRows {
			break
		}
		f.Cursor = page.Next
		if page, err = c.d.Store.ListAuditLog(r.Context(), f); err != nil {
			c.d.Log.Error("console: audit export cut short", "rows", strconv.Itoa(n), "err", err)
			break
		}
	}
	cw.Flush()
}
