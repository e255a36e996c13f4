package importer

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// rosterImport holds one roster import: the file's rows and what the store
// already holds.
type rosterImport struct {
	rows []*rosterRow
	// byNIP is the first file row of each valid NIP (a NIP on several
	// rows has them all refused as duplicates).
	byNIP  nipIndex
	units  map[string]storage.Unit
	stored *onFile // the people on file
	// newUnits are units the roster names and the store lacks, by code;
	// unitCodes keeps them in file order.
	newUnits  map[string]newUnit
	unitCodes []string
	order     []*rosterRow // accepted rows in write order
	opts      Options
}

// newUnit is a unit to create from the roster's unit_name.
type newUnit struct {
	name string
	line int // first row naming it; 0 when no row does
}

// ImportRoster imports the roster CSV (header RosterHeader) into st. See the
// package comment for the rules. The error is for a file that cannot be
// read, a wrong header (*HeaderError), an invalid o.DefaultTimezone and
// store failures; a store failure while writing also returns the report,
// whose Failed says where it stopped.
func ImportRoster(ctx context.Context, st RosterStore, r io.Reader, o Options) (Report, error) {
	rep := Report{Kind: KindRoster, Partial: o.Partial}
	tz, err := o.defaultTimezone()
	if err != nil {
		return rep, err
	}
	im, err := loadRosterImport(ctx, st, r, o, &rep)
	if err != nil {
		return rep, err
	}
	im.keepRoles()
	im.check()
	im.releaseChecked()
	im.fillReport(&rep)
	if o.DeactivateMissing {
		rep.Deactivation = &Deactivation{Missing: im.missing(), Confirmed: o.ConfirmDeactivate}
	}
	if (len(rep.Refused) > 0 && !o.Partial) || rep.Deactivation.waiting() || o.DryRun {
		return rep, nil
	}
	var missing []string
	if rep.Deactivation != nil {
		missing = im.missingNIPs()
	}
	im.release()
	if err := im.write(ctx, st, tz, o.now(), &rep); err != nil {
		return rep, err
	}
	if rep.Deactivation == nil || len(rep.Refused) > 0 {
		return rep, nil
	}
	return rep, deactivate(ctx, st, missing, rep.Deactivation)
}

// releaseChecked lets go of what the checks needed and the report does
// not (the rows to write are in order; a row knows whether its person is
// on file): at a million people, the report's rows and these do not fit
// together in the import's memory.
func (im *rosterImport) releaseChecked() {
	im.byNIP = nipIndex{}
	im.stored.release()
}

// release lets go of the rows in file order, which the writes do not need
// (the rows to write are in order; the report has the rest): a province's
// roster is a million of them.
func (im *rosterImport) release() {
	im.rows = nil
}

// loadRosterImport reads the units on file, the file's rows (parsing each
// as it is read: the cells of a million rows are never held at once), then
// the people on file.
func loadRosterImport(ctx context.Context, st RosterStore, r io.Reader, o Options, rep *Report) (*rosterImport, error) {
	units, err := st.ListUnits(ctx)
	if err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	im := &rosterImport{
		units:    map[string]storage.Unit{},
		stored:   newOnFile(),
		newUnits: map[string]newUnit{},
		opts:     o,
	}
	for _, u := range units {
		im.units[u.Code] = u
	}
	known := func(code string) bool { _, ok := im.units[code]; return ok }
	strs := newRowStrings()
	t, err := scanFile(r, o, rosterLayout, func(rec record) error {
		im.add(parseRosterRow(rec, known, strs))
		return nil
	})
	if err != nil {
		return nil, err
	}
	rep.Unused = t.unused
	im.byNIP = indexNIPs(im.rows)
	if err := storage.EachEmployee(ctx, st, storage.EmployeeQuery{}, im.addStored); err != nil {
		return nil, fmt.Errorf("find employees: %w", err)
	}
	return im, nil
}

// add keeps a parsed row.
func (im *rosterImport) add(row *rosterRow) {
	im.rows = append(im.rows, row)
}

// addStored keeps what the import needs of a page of the people on file
// (the file is read: whether a row names the person is known).
func (im *rosterImport) addStored(page []storage.Employee) error {
	for _, e := range page {
		r := im.byNIP.row(e.NIP)
		if r != nil {
			r.onFile = true
			if im.opts.outOfScope(e.UnitCode) {
				r.refuse(Reason{Code: CodeOutOfScope, Value: e.UnitCode})
			}
		}
		im.stored.add(e, r != nil || im.opts.outOfScope(e.UnitCode)) // missing: only people in scope
	}
	return nil
}

// check makes every check that involves other rows or the store, then
// refuses the rows that depend on refused ones.
func (im *rosterImport) check() {
	refuse := func(r *rosterRow, rs Reason) { r.refuse(rs) }
	line := func(r *rosterRow) int { return int(r.line) }
	markDuplicates(im.rows, func(r *rosterRow) string { return r.nip }, line, refuse, CodeNIPDuplicate)
	markDuplicates(im.rows, func(r *rosterRow) string { return r.phone }, line, refuse, CodePhoneDuplicate)
	im.checkUnits()
	im.checkScope()
	im.checkPhones()
	im.checkSupervisors()
	im.checkCycles()
	im.settle()
}

// checkUnits collects the units to create and refuses rows whose unknown
// unit has no name, or a name other than the first one given.
func (im *rosterImport) checkUnits() {
	for _, r := range im.rows {
		if _, known := im.units[r.unitCode()]; known || r.unitCode() == "" {
			continue
		}
		nu, seen := im.newUnits[r.unitCode()]
		if !seen {
			im.unitCodes = append(im.unitCodes, r.unitCode())
		}
		if nu.line == 0 && r.unitName() != "" {
			nu = newUnit{name: r.unitName(), line: int(r.line)}
		}
		im.newUnits[r.unitCode()] = nu
	}
	for _, r := range im.rows {
		nu, isNew := im.newUnits[r.unitCode()]
		switch {
		case !isNew:
		case nu.line == 0:
			r.refuse(Reason{Code: CodeUnitUnknown, Value: r.unitCode()})
		case r.unitName() != "" && !strings.EqualFold(r.unitName(), nu.name):
			r.refuse(Reason{Code: CodeUnitNameConflict, Value: r.unitCode(), Lines: []int{nu.line}})
		}
	}
}

// checkScope refuses the rows of a unit outside Options.InScope.
func (im *rosterImport) checkScope() {
	for _, r := range im.rows {
		if u := r.unitCode(); u != "" && im.opts.outOfScope(u) {
			r.refuse(Reason{Code: CodeOutOfScope, Value: u})
		}
	}
}

// checkPhones refuses a phone the store holds for another NIP, unless that
// person is in this file (with another phone, or the duplicate check
// refuses it): then their row is written first.
func (im *rosterImport) checkPhones() {
	for _, r := range im.rows {
		if r.phone == "" || r.nip == "" {
			continue
		}
		holder, held := im.stored.phoneHolder(r.phone)
		switch {
		case !held || holder == r.nip:
		case im.byNIP.row(holder) != nil:
			r.more().holder = holder
		default:
			r.refuse(Reason{Code: CodePhoneTaken, Value: ident.FormatNIP(holder)})
		}
	}
}

// checkSupervisors refuses a supervisor that is neither in the file nor in
// the store.
func (im *rosterImport) checkSupervisors() {
	for _, r := range im.rows {
		if r.sup == "" || im.byNIP.row(r.sup) != nil {
			continue
		}
		if !im.stored.has(r.sup) {
			r.refuse(Reason{Code: CodeSupervisorUnknown, Value: ident.FormatNIP(r.sup)})
		}
	}
}

// supervisorOf is the supervisor of nip once the file is imported: the
// file's (first row) when nip is in the file, else the store's.
func (im *rosterImport) supervisorOf(nip string) (string, bool) {
	if r := im.byNIP.row(nip); r != nil {
		return r.sup, r.sup != ""
	}
	sup := im.stored.supervisor(nip)
	return sup, sup != ""
}

// checkCycles refuses every row on a supervisor cycle through the file and
// the store.
func (im *rosterImport) checkCycles() {
	starts := make([]string, 0, len(im.rows))
	for _, r := range im.rows {
		if r.nip != "" {
			starts = append(starts, r.nip)
		}
	}
	cycles := findCycles(starts, im.supervisorOf)
	for _, r := range im.rows {
		path, on := cycles[r.nip]
		if on && r.sup == path[1] {
			r.refuse(Reason{Code: CodeSupervisorCycle, Value: cycleText(path, ident.FormatNIP)})
		}
	}
}

// settle refuses the rows that depend on refused rows (supervisor, phone
// holder) until nothing changes, then orders the accepted rows for writing;
// rows that no order can place (swapped phones) are refused and it starts
// over.
func (im *rosterImport) settle() {
	for {
		im.propagate()
		keys := make([]string, 0, len(im.rows))
		for _, r := range im.rows {
			if r.ok() {
				r.result = int32(len(keys)) // its place among keys, and in the report's Accepted
				keys = append(keys, r.nip)
			}
		}
		order, stuck := writeOrder(keys, im.deps, im.keyIndex)
		if len(stuck) == 0 {
			im.order = make([]*rosterRow, len(order))
			for i, nip := range order {
				im.order[i] = im.byNIP.row(nip)
			}
			return
		}
		im.refuseStuck(stuck)
	}
}

// keyIndex is the place of nip's row among the accepted rows (settle's
// keys).
func (im *rosterImport) keyIndex(nip string) (int, bool) {
	r := im.byNIP.row(nip)
	if r == nil || !r.ok() {
		return 0, false
	}
	return int(r.result), true
}

// deps are the NIPs whose rows must be written before nip's.
func (im *rosterImport) deps(nip string) []string {
	r := im.byNIP.row(nip)
	return []string{r.sup, r.holder()}
}

// propagate refuses the accepted rows whose supervisor's or phone
// holder's row is refused, and theirs in turn: a walk from the refused
// rows down to the rows that depend on them, each row visited once
// (whatever the file's order, a chain of a million people is one pass).
func (im *rosterImport) propagate() {
	var queue []string // NIPs whose row is refused
	for _, r := range im.rows {
		if !r.ok() && r.nip != "" && im.byNIP.row(r.nip) == r {
			queue = append(queue, r.nip)
		}
	}
	if len(queue) == 0 {
		return
	}
	dependents := map[string][]*rosterRow{} // NIP → the accepted rows waiting for its row
	for _, r := range im.rows {
		if !r.ok() {
			continue
		}
		if r.sup != "" {
			dependents[r.sup] = append(dependents[r.sup], r)
		}
		if h := r.holder(); h != "" && h != r.sup {
			dependents[h] = append(dependents[h], r)
		}
	}
	for len(queue) > 0 {
		nip := queue[0]
		queue = queue[1:]
		bad := im.byNIP.row(nip)
		for _, r := range dependents[nip] {
			if !r.ok() {
				continue
			}
			if r.sup == nip {
				r.refuse(Reason{Code: CodeSupervisorRefused, Lines: []int{int(bad.line)}})
			}
			if r.holder() == nip {
				r.refuse(Reason{Code: CodePhoneHolderRefused, Value: bad.key(), Lines: []int{int(bad.line)}})
			}
			if im.byNIP.row(r.nip) == r {
				queue = append(queue, r.nip)
			}
		}
	}
}

// refuseStuck refuses the stuck rows that wait for a stuck phone holder
// (supervisor cycles are refused already, so every cycle left has one).
func (im *rosterImport) refuseStuck(stuck []string) {
	in := map[string]bool{}
	for _, nip := range stuck {
		in[nip] = true
	}
	refused := false
	for _, nip := range stuck {
		if r := im.byNIP.row(nip); in[r.holder()] {
			h := im.byNIP.row(r.holder())
			r.refuse(Reason{Code: CodePhoneOrder, Value: h.key(), Lines: []int{int(h.line)}})
			refused = true
		}
	}
	if !refused { // cannot happen; refuse all rather than loop forever
		for _, nip := range stuck {
			im.byNIP.row(nip).refuse(Reason{Code: CodePhoneOrder})
		}
	}
}

// fillReport lists the rows, accepted and refused, in file order, and
// notes where each accepted row's result is.
func (im *rosterImport) fillReport(rep *Report) {
	accepted := 0
	for _, r := range im.rows {
		if r.ok() {
			accepted++
		}
	}
	rep.Accepted = make([]RowResult, 0, accepted)
	for _, r := range im.rows {
		if r.ok() {
			r.result = int32(len(rep.Accepted))
		}
		rep.add(RowResult{Line: int(r.line), Key: r.key(), Name: r.name, Reasons: r.reasons()}, r.ok(), !r.onFile)
	}
}

// writeBatch is how many people one store write carries: a SQLite
// transaction or a MongoDB bulk write of this size takes milliseconds,
// well inside the store's statement bound.
const writeBatch = 1000

// write creates the new units the accepted rows need, then upserts the
// accepted rows in order, a batch at a time, stopping at the first store
// error.
func (im *rosterImport) write(ctx context.Context, st RosterStore, tz string, now time.Time, rep *Report) error {
	if err := im.writeUnits(ctx, st, tz, now, rep); err != nil {
		return err
	}
	es := make([]storage.Employee, 0, writeBatch)
	for start := 0; start < len(im.order); start += writeBatch {
		batch := im.order[start:min(start+writeBatch, len(im.order))]
		es = es[:0]
		for _, r := range batch {
			es = append(es, r.employee(now))
		}
		if err := st.UpsertEmployees(ctx, es); err != nil {
			// Again one by one, to find the row at fault (the batch was
			// written in part, or not at all: upserts are idempotent).
			if err := im.writeEach(ctx, st, batch, now, rep); err != nil {
				return err
			}
			continue
		}
		for _, r := range batch {
			rep.wrote(&rep.Accepted[r.result])
		}
	}
	rep.Written = true
	return nil
}

// writeEach upserts the rows one at a time, stopping at the first store
// error.
func (im *rosterImport) writeEach(ctx context.Context, st RosterStore, rows []*rosterRow, now time.Time, rep *Report) error {
	for _, r := range rows {
		if err := st.UpsertEmployee(ctx, r.employee(now)); err != nil {
			rep.Failed = &WriteFailure{Line: int(r.line), Key: r.key(), Err: err}
			return fmt.Errorf("import roster line %d nip=%s: %w", r.line, ident.MaskNIP(r.nip), err)
		}
		rep.wrote(&rep.Accepted[r.result])
	}
	return nil
}

// writeUnits creates the units that accepted rows name and the store lacks.
func (im *rosterImport) writeUnits(ctx context.Context, st RosterStore, tz string, now time.Time, rep *Report) error {
	needed := map[string]bool{}
	for _, r := range im.order {
		needed[r.unitCode()] = true
	}
	for _, code := range im.unitCodes {
		if !needed[code] {
			continue
		}
		u := storage.Unit{Code: code, Name: im.newUnits[code].name, Timezone: tz, CreatedAt: now, UpdatedAt: now}
		if err := st.UpsertUnit(ctx, u); err != nil {
			rep.Failed = &WriteFailure{Key: code, Err: err}
			return fmt.Errorf("import roster: create unit %s: %w", code, err)
		}
		rep.UnitsCreated = append(rep.UnitsCreated, code)
	}
	return nil
}

// employee is the record the row writes.
func (r *rosterRow) employee(now time.Time) storage.Employee {
	return storage.Employee{
		NIP: r.nip, Name: r.name, UnitCode: r.unitCode(), Position: r.position(),
		SupervisorNIP: r.sup, Phone: r.phone, Role: r.role(), Active: r.active,
		CreatedAt: now, UpdatedAt: now,
	}
}
