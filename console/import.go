package console

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/importer"
)

// maxImportMB bounds an uploaded file (a larger roster is the CLI's job);
// the stash in Redis holds at most this.
const maxImportMB = 16

// maxReportRows bounds the rows the report page lists.
const maxReportRows = 2000

// importKinds are the files the page imports, in the picker's order, with
// their names in the catalogue.
var importKinds = []kindName{
	{importer.KindRoster, i18n.ConsoleImportKindRoster},
	{importer.KindUnits, i18n.ConsoleImportKindUnits},
	{importer.KindSKP, i18n.ConsoleImportKindSKP},
	{importer.KindHolidays, i18n.ConsoleImportKindHolidays},
	{importer.KindActing, i18n.ConsoleImportKindActing},
}

// kindName is an import kind with its name's key.
type kindName struct {
	Kind importer.Kind
	Name i18n.Key
}

// importData is the Impor page: the form, a dry run's report with the
// confirmation, or what a confirmation wrote.
type importData struct {
	Kinds   []importKindOption
	MaxMB   int
	Problem string // the file could not be read (its text), or a catalogue key's text
	Report  *importReport
}

type importKindOption struct {
	Kind     string
	Name     string
	Selected bool
}

// importPage shows the upload form.
func (c *Console) importPage(w http.ResponseWriter, r *http.Request) {
	c.render(w, r, "import", c.importForm(r, importer.KindRoster, ""))
}

func (c *Console) importForm(r *http.Request, kind importer.Kind, problem string) importData {
	l := viewerLang(ViewerFrom(r.Context()))
	d := importData{MaxMB: maxImportMB, Problem: problem}
	for _, k := range importKinds {
		d.Kinds = append(d.Kinds, importKindOption{Kind: string(k.Kind), Name: l.T(k.Name), Selected: k.Kind == kind})
	}
	return d
}

// importCheck runs the uploaded file through the importer as a dry run
// (nothing written), keeps the file for the confirmation, and shows the
// report row by row. Audited as a dry run.
func (c *Console) importCheck(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), ViewerFrom(r.Context())
	l := viewerLang(v)
	s, problem := readUpload(w, r) // before the import's turn: a phone may upload slowly
	if problem != "" {
		c.d.Log.Info("console: import upload refused", "reason", string(problem))
		text := l.T(problem)
		if problem == i18n.ConsoleImportTooBig {
			text = l.T(problem, maxImportMB)
		}
		c.importProblem(w, r, s.Kind, text)
		return
	}
	if !c.startImport(w, r) {
		return
	}
	defer c.importing.Unlock()
	rep, err := c.runImport(ctx, v, s, true)
	if err != nil {
		c.importFailed(w, r, s.Kind, err)
		return
	}
	c.audit(r, ActionImportCheck, string(s.Kind), countsDetail(rep))
	d := c.importForm(r, s.Kind, "")
	d.Report = newImportReport(l, rep)
	if d.Report.CanConfirm = len(rep.Accepted) > 0 && (len(rep.Refused) == 0 || s.Partial); d.Report.CanConfirm {
		if d.Report.ID, err = c.stash(ctx, v.NIP, s); err != nil {
			c.fail(w, r, "import stash", err)
			return
		}
	}
	c.render(w, r, "import", d)
}

// importConfirm takes the stashed file back (once) and imports it for
// real, checked again against the store as it is now, and shows what was
// written. Audited with the counts.
func (c *Console) importConfirm(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), ViewerFrom(r.Context())
	l := viewerLang(v)
	if !c.startImport(w, r) {
		return
	}
	defer c.importing.Unlock()
	id := r.PostFormValue("id")
	s, err := stashed{}, errStashGone
	if stashID.MatchString(id) {
		s, err = c.unstash(ctx, v.NIP, id)
	}
	switch {
	case errors.Is(err, errStashGone):
		c.importProblem(w, r, importer.KindRoster, l.T(i18n.ConsoleImportExpired))
		return
	case err != nil:
		c.fail(w, r, "import unstash", err)
		return
	}
	rep, err := c.runImport(ctx, v, s, false)
	if rep.Written || rep.Failed != nil {
		c.audit(r, ActionImport, string(s.Kind), countsDetail(rep))
	}
	if err != nil && rep.Failed == nil {
		c.importFailed(w, r, s.Kind, err)
		return
	}
	if err != nil {
		c.d.Log.Error("console: import write failed", "kind", string(s.Kind), "err", err)
	}
	d := c.importForm(r, s.Kind, "")
	d.Report = newImportReport(l, rep)
	c.render(w, r, "import", d)
}

var stashID = regexp.MustCompile(`^[0-9a-f]{32}$`)

// readUpload reads the posted kind, partial flag and file (bounded): the
// catalogue key of the problem when it cannot.
func readUpload(w http.ResponseWriter, r *http.Request) (stashed, i18n.Key) {
	r.Body = http.MaxBytesReader(w, r.Body, maxImportMB<<20+64<<10)
	var tooBig *http.MaxBytesError
	if err := r.ParseMultipartForm(maxImportMB << 20); errors.As(err, &tooBig) {
		return stashed{Kind: importer.KindRoster}, i18n.ConsoleImportTooBig
	}
	s := stashed{Kind: importer.Kind(r.FormValue("kind")), Partial: r.FormValue("partial") == "1"}
	if !slices.ContainsFunc(importKinds, func(k kindName) bool { return k.Kind == s.Kind }) {
		return stashed{Kind: importer.KindRoster}, i18n.ConsoleImportBadKind
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		return s, i18n.ConsoleImportNoFile
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxImportMB<<20+1))
	switch {
	case err != nil:
		return s, i18n.ConsoleImportNoFile
	case len(data) > maxImportMB<<20:
		return s, i18n.ConsoleImportTooBig
	case len(data) == 0:
		return s, i18n.ConsoleImportNoFile
	}
	s.Data = data
	return s, ""
}

// runImport runs the CLI's importer for the stashed file, limited to the
// viewer's scope.
func (c *Console) runImport(ctx context.Context, v *Viewer, s stashed, dry bool) (importer.Report, error) {
	o := importer.Options{DefaultTimezone: c.d.Export.DefaultTimezone, Partial: s.Partial, DryRun: dry, Now: c.d.Now}
	if v.Unit != "" {
		sc, err := c.scopeOf(ctx, v)
		if err != nil {
			return importer.Report{}, err
		}
		o.InScope = sc.has
	}
	in := bytes.NewReader(s.Data)
	switch s.Kind {
	case importer.KindUnits:
		return importer.ImportUnits(ctx, c.d.Store, in, o)
	case importer.KindSKP:
		return importer.ImportSKP(ctx, c.d.Store, in, o)
	case importer.KindHolidays:
		return importer.ImportHolidays(ctx, c.d.Store, in, o)
	case importer.KindActing:
		return importer.ImportActing(ctx, c.d.Store, in, o)
	default:
		return importer.ImportRoster(ctx, c.d.Store, in, o)
	}
}

// importProblem shows the form again with the problem (422).
func (c *Console) importProblem(w http.ResponseWriter, r *http.Request, kind importer.Kind, text string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusUnprocessableEntity)
	c.render(w, r, "import", c.importForm(r, kind, text))
}

// startImport takes the process's one import turn (a roster import holds
// the roster on file in memory), or answers that another import runs and
// returns false. The caller lets go with c.importing.Unlock.
func (c *Console) startImport(w http.ResponseWriter, r *http.Request) bool {
	if c.importing.TryLock() {
		return true
	}
	c.d.Log.Info("console: import refused: another is running")
	c.importProblem(w, r, importer.KindRoster, viewerLang(ViewerFrom(r.Context())).T(i18n.ConsoleImportBusy))
	return false
}

// importFailed answers an import error: a file that cannot be read (its
// own text, in the viewer's language) or a store failure.
func (c *Console) importFailed(w http.ResponseWriter, r *http.Request, kind importer.Kind, err error) {
	var m interface{ Message(lang string) string }
	if errors.As(err, &m) {
		c.d.Log.Info("console: import file refused", "kind", string(kind), "err", err)
		c.importProblem(w, r, kind, m.Message(string(viewerLang(ViewerFrom(r.Context())))))
		return
	}
	c.fail(w, r, "import", err)
}

// countsDetail is an audit row's detail: the report's counts.
func countsDetail(rep importer.Report) string {
	return fmt.Sprintf("accepted=%d refused=%d created=%d updated=%d", len(rep.Accepted), len(rep.Refused), rep.Created, rep.Updated)
}
