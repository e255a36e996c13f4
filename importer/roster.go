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
	rows   []*rosterRow
	byNIP  map[string][]*rosterRow // file rows by valid NIP
	units  map[string]storage.Unit
	emps   map[string]storage.Employee
	stored []storage.Employee // the same, by NIP
	phones map[string]string  // store phone → NIP
	// newUnits are units the roster names and the store lacks, by code;
	// unitCodes keeps them in file order.
	newUnits  map[string]newUnit
	unitCodes []string
	order     []*rosterRow // accepted rows in write order
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
	t, err := readFile(r, o, rosterLayout)
	if err != nil {
		return rep, err
	}
	rep.Unused = t.unused
	im, err := loadRosterImport(ctx, st, t.records, t.columns)
	if err != nil {
		return rep, err
	}
	im.keepRoles()
	im.check()
	im.fillReport(&rep)
	if o.DeactivateMissing {
		rep.Deactivation = &Deactivation{Missing: im.missing(), Confirmed: o.ConfirmDeactivate}
	}
	if (len(rep.Refused) > 0 && !o.Partial) || rep.Deactivation.waiting() {
		return rep, nil
	}
	if err := im.write(ctx, st, tz, o.now(), &rep); err != nil {
		return rep, err
	}
	if rep.Deactivation == nil || len(rep.Refused) > 0 {
		return rep, nil
	}
	return rep, im.deactivate(ctx, st, rep.Deactivation)
}

// loadRosterImport reads the store and parses the rows of a file with the
// columns.
func loadRosterImport(ctx context.Context, st RosterStore, recs []record, columns []string) (*rosterImport, error) {
	units, err := st.ListUnits(ctx)
	if err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	emps, err := st.ListEmployees(ctx)
	if err != nil {
		return nil, fmt.Errorf("list employees: %w", err)
	}
	im := &rosterImport{
		byNIP: map[string][]*rosterRow{}, units: map[string]storage.Unit{},
		emps: map[string]storage.Employee{}, phones: map[string]string{},
		newUnits: map[string]newUnit{},
	}
	for _, u := range units {
		im.units[u.Code] = u
	}
	im.stored = emps
	for _, e := range emps {
		im.emps[e.NIP] = e
		if e.Phone != "" {
			im.phones[e.Phone] = e.NIP
		}
	}
	for _, rec := range recs {
		row := parseRosterRow(rec, columns)
		im.rows = append(im.rows, row)
		if row.nip != "" {
			im.byNIP[row.nip] = append(im.byNIP[row.nip], row)
		}
	}
	return im, nil
}

// check makes every check that involves other rows or the store, then
// refuses the rows that depend on refused ones.
func (im *rosterImport) check() {
	refuse := func(r *rosterRow, rs Reason) { r.refuse(rs) }
	line := func(r *rosterRow) int { return r.line }
	markDuplicates(im.rows, func(r *rosterRow) string { return r.nip }, line, refuse, CodeNIPDuplicate)
	markDuplicates(im.rows, func(r *rosterRow) string { return r.phone }, line, refuse, CodePhoneDuplicate)
	im.checkUnits()
	im.checkPhones()
	im.checkSupervisors()
	im.checkCycles()
	im.settle()
}

// checkUnits collects the units to create and refuses rows whose unknown
// unit has no name, or a name other than the first one given.
func (im *rosterImport) checkUnits() {
	for _, r := range im.rows {
		if _, known := im.units[r.unitCode]; known || r.unitCode == "" {
			continue
		}
		nu, seen := im.newUnits[r.unitCode]
		if !seen {
			im.unitCodes = append(im.unitCodes, r.unitCode)
		}
		if nu.line == 0 && r.unitName != "" {
			nu = newUnit{name: r.unitName, line: r.line}
		}
		im.newUnits[r.unitCode] = nu
	}
	for _, r := range im.rows {
		nu, isNew := im.newUnits[r.unitCode]
		switch {
		case !isNew:
		case nu.line == 0:
			r.refuse(Reason{Code: CodeUnitUnknown, Value: r.unitCode})
		case r.unitName != "" && !strings.EqualFold(r.unitName, nu.name):
			r.refuse(Reason{Code: CodeUnitNameConflict, Value: r.unitCode, Lines: []int{nu.line}})
		}
	}
}

// checkPhones refuses a phone the store holds for another NIP, unless that
// person is in this file (with another phone, or the duplicate check
// refuses it): then their row is written first.
func (im *rosterImport) checkPhones() {
	for _, r := range im.rows {
		holder, held := im.phones[r.phone]
		switch {
		case r.phone == "" || r.nip == "" || !held || holder == r.nip:
		case len(im.byNIP[holder]) > 0:
			r.holder = holder
		default:
			r.refuse(Reason{Code: CodePhoneTaken, Value: ident.FormatNIP(holder)})
		}
	}
}

// checkSupervisors refuses a supervisor that is neither in the file nor in
// the store.
func (im *rosterImport) checkSupervisors() {
	for _, r := range im.rows {
		if r.sup == "" || len(im.byNIP[r.sup]) > 0 {
			continue
		}
		if _, ok := im.emps[r.sup]; !ok {
			r.refuse(Reason{Code: CodeSupervisorUnknown, Value: ident.FormatNIP(r.sup)})
		}
	}
}

// supervisorOf is the supervisor of nip once the file is imported: the
// file's (first row) when nip is in the file, else the store's.
func (im *rosterImport) supervisorOf(nip string) (string, bool) {
	if rows := im.byNIP[nip]; len(rows) > 0 {
		return rows[0].sup, rows[0].sup != ""
	}
	e, ok := im.emps[nip]
	return e.SupervisorNIP, ok && e.SupervisorNIP != ""
}

// checkCycles refuses every row on a supervisor cycle through the file and
// the store.
func (im *rosterImport) checkCycles() {
	var starts []string
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
		for im.propagate() {
		}
		var keys []string
		for _, r := range im.rows {
			if r.ok() {
				keys = append(keys, r.nip)
			}
		}
		order, stuck := writeOrder(keys, im.deps)
		if len(stuck) == 0 {
			im.order = make([]*rosterRow, len(order))
			for i, nip := range order {
				im.order[i] = im.byNIP[nip][0]
			}
			return
		}
		im.refuseStuck(stuck)
	}
}

// deps are the NIPs whose rows must be written before nip's.
func (im *rosterImport) deps(nip string) []string {
	r := im.byNIP[nip][0]
	return []string{r.sup, r.holder}
}

// propagate refuses accepted rows whose supervisor's or phone holder's row
// is refused, reporting whether it refused any.
func (im *rosterImport) propagate() bool {
	changed := false
	for _, r := range im.rows {
		if !r.ok() {
			continue
		}
		if bad := im.refusedRow(r.sup); bad != nil {
			r.refuse(Reason{Code: CodeSupervisorRefused, Lines: []int{bad.line}})
			changed = true
		}
		if bad := im.refusedRow(r.holder); bad != nil {
			r.refuse(Reason{Code: CodePhoneHolderRefused, Value: bad.key(), Lines: []int{bad.line}})
			changed = true
		}
	}
	return changed
}

// refusedRow returns a refused file row of nip, or nil.
func (im *rosterImport) refusedRow(nip string) *rosterRow {
	for _, r := range im.byNIP[nip] {
		if !r.ok() {
			return r
		}
	}
	return nil
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
		if r := im.byNIP[nip][0]; in[r.holder] {
			h := im.byNIP[r.holder][0]
			r.refuse(Reason{Code: CodePhoneOrder, Value: h.key(), Lines: []int{h.line}})
			refused = true
		}
	}
	if !refused { // cannot happen; refuse all rather than loop forever
		for _, nip := range stuck {
			im.byNIP[nip][0].refuse(Reason{Code: CodePhoneOrder})
		}
	}
}

// fillReport lists the rows, accepted and refused, in file order.
func (im *rosterImport) fillReport(rep *Report) {
	for _, r := range im.rows {
		_, exists := im.emps[r.nip]
		rep.add(RowResult{Line: r.line, Key: r.key(), Name: r.name, Reasons: r.reasons}, r.ok(), !exists)
	}
}

// write creates the new units the accepted rows need, then upserts the
// accepted rows in order, stopping at the first store error.
func (im *rosterImport) write(ctx context.Context, st RosterStore, tz string, now time.Time, rep *Report) error {
	if err := im.writeUnits(ctx, st, tz, now, rep); err != nil {
		return err
	}
	idx := map[int]int{} // line → index in rep.Accepted
	for i, a := range rep.Accepted {
		idx[a.Line] = i
	}
	for _, r := range im.order {
		res := &rep.Accepted[idx[r.line]]
		if err := st.UpsertEmployee(ctx, r.employee(now)); err != nil {
			rep.Failed = &WriteFailure{Line: r.line, Key: r.key(), Err: err}
			return fmt.Errorf("import roster line %d nip=%s: %w", r.line, ident.MaskNIP(r.nip), err)
		}
		rep.wrote(res)
	}
	rep.Written = true
	return nil
}

// writeUnits creates the units that accepted rows name and the store lacks.
func (im *rosterImport) writeUnits(ctx context.Context, st RosterStore, tz string, now time.Time, rep *Report) error {
	needed := map[string]bool{}
	for _, r := range im.order {
		needed[r.unitCode] = true
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
		NIP: r.nip, Name: r.name, UnitCode: r.unitCode, Position: r.position,
		SupervisorNIP: r.sup, Phone: r.phone, Role: r.role, Active: r.active,
		CreatedAt: now, UpdatedAt: now,
	}
}
