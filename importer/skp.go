package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// SKPHeader is the header of the SKP targets file, in the required column
// order.
var SKPHeader = []string{"nip", "period", "kind", "rhk", "indikator", "target", "satuan"}

// Longest texts of an SKP row, in characters.
const (
	MaxRHKLen       = 500
	MaxIndikatorLen = 500
	MaxTargetLen    = 100
	MaxSatuanLen    = 100
)

// Reasons of the SKP targets file (besides CodeColumns and CodeNIP).
const (
	CodeEmployeeUnknown Code = "nip_unknown"      // Value: the NIP; not on the roster
	CodeEmployeeActive  Code = "nip_inactive"     // Value: the NIP; on the roster but not active
	CodePeriod          Code = "period_invalid"   // Value: the period as written
	CodeSKPKind         Code = "kind_invalid"     // Value: the kind as written
	CodeFieldEmpty      Code = "field_empty"      // Value: the column name
	CodeFieldTooLong    Code = "field_too_long"   // Value: the column name; Want: the limit
	CodeTargetDuplicate Code = "target_duplicate" // Lines: the other rows with the same target
)

// Columns of the SKP file.
const (
	scolNIP = iota
	scolPeriod
	scolKind
	scolRHK
	scolIndikator
	scolTarget
	scolSatuan
)

// SKPTargetID is the id of a target: the first 16 bytes of the SHA-256, in
// hex, of the NIP, the period, the RHK and the indicator joined by new
// lines, after collapsing white space and lower-casing the two texts (so a
// re-import that only fixes spacing or capitals updates the same target).
// nip and period are canonicalised when valid (ident.ParseNIP, storage.ParsePeriod).
func SKPTargetID(nip, period, rhk, indikator string) string {
	if n, err := ident.ParseNIP(nip); err == nil {
		nip = n
	}
	if p, ok := storage.ParsePeriod(period); ok {
		period = p
	}
	key := strings.Join([]string{
		nip, period, strings.ToLower(collapseSpace(rhk)), strings.ToLower(collapseSpace(indikator)),
	}, "\n")
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:16])
}

// collapseSpace trims s and turns every run of white space (new lines of a
// quoted CSV field too) into one space.
func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// skpRow is one data row of the SKP file being checked.
type skpRow struct {
	line    int
	rawNIP  string
	target  storage.SKPTarget // ID set when NIP, period, RHK and indicator are valid
	reasons []Reason
}

func (r *skpRow) refuse(rs Reason) { r.reasons = append(r.reasons, rs) }
func (r *skpRow) ok() bool         { return len(r.reasons) == 0 }

// key is the row's NIP in display form, as written when invalid.
func (r *skpRow) key() string { return nipKey(r.target.NIP, r.rawNIP) }

// employeesByNIP is the roster by NIP, read a page at a time.
func employeesByNIP(ctx context.Context, st employeeFinder) (map[string]storage.Employee, error) {
	byNIP := map[string]storage.Employee{}
	err := storage.EachEmployee(ctx, st, storage.EmployeeQuery{}, func(page []storage.Employee) error {
		for _, e := range page {
			byNIP[e.NIP] = e
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find employees: %w", err)
	}
	return byNIP, nil
}

// rosterNIP reads the NIP of column col of a person on the roster (active
// when mustAct): the NIP ("" when invalid) and why it is refused.
func rosterNIP(rec record, col int, emps map[string]storage.Employee, mustAct bool) (string, []Reason) {
	nip, err := rec.nip(col)
	if err != nil {
		return "", []Reason{{Code: CodeNIP, Cause: err}}
	}
	switch e, ok := emps[nip]; {
	case !ok:
		return nip, []Reason{{Code: CodeEmployeeUnknown, Value: ident.FormatNIP(nip)}}
	case mustAct && !e.Active:
		return nip, []Reason{{Code: CodeEmployeeActive, Value: ident.FormatNIP(nip)}}
	}
	return nip, nil
}

// nipKey is a row's key: the valid NIP in display form, else raw as
// written.
func nipKey(nip, raw string) string {
	if nip != "" {
		return ident.FormatNIP(nip)
	}
	return raw
}

// parseSKPRow reads one row and checks it against the employees on the
// roster, by NIP.
func parseSKPRow(rec record, emps map[string]storage.Employee) *skpRow {
	r := &skpRow{line: rec.line, rawNIP: rec.field(scolNIP)}
	if !rec.fits() {
		r.refuse(columnsReason(rec))
		return r
	}
	t := &r.target
	var rs []Reason
	t.NIP, rs = rosterNIP(rec, scolNIP, emps, true)
	r.reasons = append(r.reasons, rs...)
	if p, ok := storage.ParsePeriod(rec.field(scolPeriod)); ok {
		t.Period = p
	} else {
		r.refuse(Reason{Code: CodePeriod, Value: rec.field(scolPeriod)})
	}
	switch k := strings.ToLower(rec.field(scolKind)); k {
	case storage.SKPKindUtama, storage.SKPKindTambahan:
		t.Kind = k
	default:
		r.refuse(Reason{Code: CodeSKPKind, Value: rec.field(scolKind)})
	}
	t.RHK = r.text(rec, scolRHK, MaxRHKLen)
	t.Indikator = r.text(rec, scolIndikator, MaxIndikatorLen)
	t.Target = r.text(rec, scolTarget, MaxTargetLen)
	t.Satuan = r.text(rec, scolSatuan, MaxSatuanLen)
	if t.NIP != "" && t.Period != "" && t.RHK != "" && t.Indikator != "" {
		t.ID = SKPTargetID(t.NIP, t.Period, t.RHK, t.Indikator)
	}
	return r
}

// text reads a required text column with white space collapsed, refusing
// it when empty or longer than limit characters.
func (r *skpRow) text(rec record, col, limit int) string {
	s := collapseSpace(rec.field(col))
	switch {
	case s == "":
		r.refuse(Reason{Code: CodeFieldEmpty, Value: SKPHeader[col]})
	case utf8.RuneCountInString(s) > limit:
		r.refuse(Reason{Code: CodeFieldTooLong, Value: SKPHeader[col], Want: strconv.Itoa(limit)})
	}
	return s
}

// ImportSKP imports the SKP targets CSV (header SKPHeader) into st. Each
// row is one target: the NIP of an employee on the roster (active), a
// period (see storage.ParsePeriod), the kind utama or tambahan (any case), the RHK
// and its indicator (at most 500 characters each), the target and its
// satuan; no two rows may name the same NIP, period, RHK and indicator.
// The target's ID is SKPTargetID, so a re-import updates targets in place;
// targets absent from the file are left as they are. Rows are written in
// file order, all or nothing unless o.Partial, as for ImportRoster; the
// error is as for ImportRoster. o.DefaultTimezone is not used.
func ImportSKP(ctx context.Context, st SKPStore, r io.Reader, o Options) (Report, error) {
	rep := Report{Kind: KindSKP, Partial: o.Partial}
	file, err := readFile(r, o, skpLayout)
	if err != nil {
		return rep, err
	}
	recs := file.records
	rep.Unused = file.unused
	byNIP, err := employeesByNIP(ctx, st)
	if err != nil {
		return rep, err
	}
	rows := make([]*skpRow, 0, len(recs))
	for _, rec := range recs {
		row := parseSKPRow(rec, byNIP)
		refuseOutOfScope(o, byNIP, row.refuse, row.target.NIP)
		rows = append(rows, row)
	}
	markDuplicates(rows, func(r *skpRow) string { return r.target.ID },
		func(r *skpRow) int { return r.line },
		func(r *skpRow, rs Reason) { r.refuse(rs) }, CodeTargetDuplicate)
	existing, err := existingTargets(ctx, st, rows)
	if err != nil {
		return rep, err
	}
	for _, row := range rows {
		rep.add(RowResult{Line: row.line, Key: row.key(), Name: row.target.RHK, Reasons: row.reasons},
			row.ok(), !existing[row.target.ID])
	}
	if (len(rep.Refused) > 0 && !o.Partial) || o.DryRun {
		return rep, nil
	}
	return rep, writeSKP(ctx, st, rows, o.now(), &rep)
}

// existingTargets returns the IDs of the store's targets for the (NIP,
// period) pairs of the accepted rows: one store query per pair.
func existingTargets(ctx context.Context, st SKPStore, rows []*skpRow) (map[string]bool, error) {
	type pair struct{ nip, period string }
	seen := map[pair]bool{}
	ids := map[string]bool{}
	for _, r := range rows {
		p := pair{r.target.NIP, r.target.Period}
		if !r.ok() || seen[p] {
			continue
		}
		seen[p] = true
		ts, err := st.ListSKPTargets(ctx, p.nip, p.period)
		if err != nil {
			return nil, fmt.Errorf("list skp targets nip=%s period=%s: %w", ident.MaskNIP(p.nip), p.period, err)
		}
		for _, t := range ts {
			ids[t.ID] = true
		}
	}
	return ids, nil
}

// writeSKP upserts the accepted rows in file order, stopping at the first
// store error.
func writeSKP(ctx context.Context, st SKPStore, rows []*skpRow, now time.Time, rep *Report) error {
	i := 0 // index in rep.Accepted, which holds the accepted rows in order
	for _, r := range rows {
		if !r.ok() {
			continue
		}
		res := &rep.Accepted[i]
		i++
		t := r.target
		t.UpdatedAt = now
		if err := st.UpsertSKPTarget(ctx, t); err != nil {
			rep.Failed = &WriteFailure{Line: r.line, Key: r.key(), Err: err}
			return fmt.Errorf("import skp line %d nip=%s: %w", r.line, ident.MaskNIP(t.NIP), err)
		}
		rep.wrote(res)
	}
	rep.Written = true
	return nil
}
