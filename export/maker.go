package export

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/kinerjabot/kinerjabot/files"
	"github.com/kinerjabot/kinerjabot/i18n"
)

// Ref is the file reference of the export q asked for by the employee
// asker, in format f. It carries the asker so that the maker checks their
// scope again when it makes the file (the roster may have changed while
// the reply waited).
func Ref(q Request, asker string, f Format) string {
	v := url.Values{"month": {q.Month}, "by": {asker}, "lang": {string(q.Lang)}, "fmt": {string(f)}}
	if q.Team != "" {
		v.Set("team", q.Team)
	} else {
		v.Set("unit", q.Unit)
	}
	if q.SubUnits {
		v.Set("sub", "1")
	}
	return files.Ref(Kind, v.Encode())
}

// parseRef reads a reference's arguments.
func parseRef(args string) (q Request, asker string, f Format, err error) {
	v, err := url.ParseQuery(args)
	if err != nil {
		return q, "", "", fmt.Errorf("export reference: %w", err)
	}
	q = Request{Month: v.Get("month"), Unit: v.Get("unit"), SubUnits: v.Get("sub") == "1", Team: v.Get("team"),
		Lang: i18n.Lang(v.Get("lang")).Or(i18n.ID)}
	f, ok := ParseFormat(v.Get("fmt"))
	switch {
	case !ok:
		return q, "", "", fmt.Errorf("export reference: format %q", v.Get("fmt"))
	case v.Get("by") == "":
		return q, "", "", fmt.Errorf("export reference without an asker")
	}
	return q, v.Get("by"), f, q.check()
}

// FileName is the name of the export's file: ekspor-UNIT-YYYY-MM or
// ekspor-tim-YYYY-MM (never a person's NIP), with the format's extension.
func FileName(q Request, f Format) string {
	who := "tim"
	if q.Team == "" {
		who = q.Unit
	}
	return "ekspor-" + who + "-" + q.Month + f.Ext()
}

// Encode writes the workbook in format f.
func (w Workbook) Encode(f Format) ([]byte, error) {
	if f == CSV {
		return w.CSV()
	}
	return w.XLSX()
}

// Maker makes the file an export reference names (files.Maker), after
// checking again that its asker may have it (Allowed).
type Maker struct {
	x   *Exporter
	now func() time.Time
}

var _ files.Maker = (*Maker)(nil)

// NewMaker returns the maker of export references built by x, reading
// the time from now (nil: the system clock).
func NewMaker(x *Exporter, now func() time.Time) *Maker {
	if now == nil {
		now = time.Now
	}
	return &Maker{x: x, now: now}
}

// MakeFile implements files.Maker.
func (m *Maker) MakeFile(ctx context.Context, args string) ([]byte, error) {
	q, asker, f, err := parseRef(args)
	if err != nil {
		return nil, err
	}
	now := m.now()
	ok, err := Allowed(ctx, m.x.store, asker, q, now)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrNotAllowed
	}
	w, err := m.x.Build(ctx, q, now)
	if err != nil {
		return nil, err
	}
	return w.Encode(f)
}
