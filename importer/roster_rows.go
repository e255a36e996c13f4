package importer

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Columns of the roster file.
const (
	colNIP = iota
	colName
	colUnitCode
	colUnitName
	colPosition
	colSupervisor
	colPhone
	colRole
	colStatus // optional (RosterOptionalHeader)
)

// statuses are the values of the status column, lower case: whether the
// person is active. An empty cell is active.
var statuses = map[string]bool{
	"": true, "aktif": true, "active": true,
	"nonaktif": false, "non-aktif": false, "tidak aktif": false, "inactive": false,
	"pensiun": false, "retired": false,
	"mutasi-keluar": false, "mutasi keluar": false, "transferred-out": false, "transferred out": false,
}

// ParseStatus reads a roster's status cell (case and surrounding spaces
// ignored): aktif or active, or empty, is active; nonaktif or inactive,
// pensiun or retired, mutasi-keluar or transferred-out is not. ok is false
// for anything else.
func ParseStatus(s string) (active, ok bool) {
	active, ok = statuses[strings.ToLower(strings.TrimSpace(s))]
	return active, ok
}

// rosterRow is one data row of the roster being checked. A province's
// roster is a million of them, so it is kept small: what most rows lack
// (a reason, an invalid NIP as written, a phone holder, the name of a unit
// to create) is in rowExtra, made only for the rows that have it.
type rosterRow struct {
	line   int32
	result int32  // the index of the accepted row's result in the report's Accepted
	nip    string // 18 digits; "" when invalid
	name   string
	place  *place // nil when the row's columns are shifted
	sup    string // supervisor's 18 digits; "" when empty or invalid
	phone  string // E.164; "" when empty or invalid
	roleOf roleCode
	// roleKept: the file has no role column; the role on file is kept.
	roleKept bool
	active   bool
	// onFile: the person is on file (the row updates them; the first
	// row of its NIP only).
	onFile bool
	extra  *rowExtra
}

// rowExtra is what few rows of a roster have.
type rowExtra struct {
	rawNIP string // as written, when invalid
	// unitName is the unit_name column when the store lacks the unit.
	unitName string
	// holder is the NIP that holds this row's phone in the store and gets
	// another phone in this file: that row is written first.
	holder  string
	reasons []Reason
}

func (r *rosterRow) more() *rowExtra {
	if r.extra == nil {
		r.extra = &rowExtra{}
	}
	return r.extra
}

func (r *rosterRow) refuse(rs Reason) { r.more().reasons = append(r.more().reasons, rs) }
func (r *rosterRow) ok() bool         { return r.extra == nil || len(r.extra.reasons) == 0 }

// reasons are why the row is refused.
func (r *rosterRow) reasons() []Reason {
	if r.extra == nil {
		return nil
	}
	return r.extra.reasons
}

// holder is the NIP whose row must be written first to free the phone.
func (r *rosterRow) holder() string {
	if r.extra == nil {
		return ""
	}
	return r.extra.holder
}

// place is a row's unit and position. A province's million rows name a
// few thousand of them: each is kept once (rowStrings.place), and a row
// points to it (8 bytes, where two strings take 32).
type place struct{ unitCode, position string }

func (r *rosterRow) unitCode() string {
	if r.place == nil {
		return ""
	}
	return r.place.unitCode
}

func (r *rosterRow) position() string {
	if r.place == nil {
		return ""
	}
	return r.place.position
}

// unitName is the row's unit_name when the store lacks its unit.
func (r *rosterRow) unitName() string {
	if r.extra == nil {
		return ""
	}
	return r.extra.unitName
}

// key is the row's NIP in display form, as written when invalid.
func (r *rosterRow) key() string {
	if r.nip != "" {
		return ident.FormatNIP(r.nip)
	}
	return r.extra.rawNIP
}

// parseRosterRow reads one row of a file with RosterHeader's columns, then
// the status column when it has one, and makes the checks that need
// nothing but the row itself. known tells the units the store has (their
// unit_name is not kept). Its strings are kept in strs.
func parseRosterRow(rec record, known func(string) bool, strs *rowStrings) *rosterRow {
	r := &rosterRow{line: int32(rec.line), active: true}
	shifted := !rec.fits()
	if shifted {
		r.refuse(columnsReason(rec))
	}
	if nip, err := rec.nip(colNIP); err == nil {
		r.nip = strs.keep(nip)
	} else {
		r.more().rawNIP = strings.Clone(rec.field(colNIP))
		r.refuse(Reason{Code: CodeNIP, Cause: err})
	}
	if shifted {
		// Only the NIP (first) is worth reading: it keys the subordinates.
		return r
	}
	r.name = strs.keep(rec.field(colName))
	r.place = strs.place(rec.field(colUnitCode), rec.field(colPosition))
	if name := rec.field(colUnitName); name != "" && !known(r.unitCode()) {
		r.more().unitName = strs.intern(name)
	}
	if r.name == "" {
		r.refuse(Reason{Code: CodeNameEmpty})
	}
	if r.unitCode() == "" {
		r.refuse(Reason{Code: CodeUnitCodeEmpty})
	}
	r.parsePhone(rec.field(colPhone))
	r.parseSupervisor(rec)
	r.phone, r.sup = strs.keep(r.phone), strs.keep(r.sup)
	if rec.has(colRole) {
		r.parseRole(rec.field(colRole))
	} else {
		r.roleKept = true
	}
	if len(rec.fields) > colStatus {
		r.parseStatus(rec.field(colStatus))
	}
	return r
}

func (r *rosterRow) parseStatus(s string) {
	active, ok := ParseStatus(s)
	if !ok {
		r.refuse(Reason{Code: CodeStatus, Value: s})
		return
	}
	r.active = active
}

func columnsReason(rec record) Reason {
	return Reason{Code: CodeColumns, Value: strconv.Itoa(rec.width), Want: strconv.Itoa(rec.want)}
}

func (r *rosterRow) parsePhone(s string) {
	if s == "" {
		return
	}
	p, err := ident.NormalizePhone(s)
	if err != nil {
		r.refuse(Reason{Code: CodePhone, Cause: err})
		return
	}
	r.phone = p
}

func (r *rosterRow) parseSupervisor(rec record) {
	if rec.field(colSupervisor) == "" {
		return
	}
	sup, err := rec.nip(colSupervisor)
	switch {
	case err != nil:
		r.refuse(Reason{Code: CodeSupervisorNIP, Cause: err})
	case sup == r.nip:
		r.refuse(Reason{Code: CodeSupervisorSelf})
	default:
		r.sup = sup
	}
}

// keepRoles gives the rows of a file without a role column the role on
// file (staff for a new person).
func (im *rosterImport) keepRoles() {
	for _, r := range im.rows {
		if r.roleKept {
			p, _ := im.stored.person(r.nip) // staff for a new person
			r.roleOf = p.role
		}
	}
}

func (r *rosterRow) parseRole(s string) {
	switch strings.ToLower(s) {
	case "":
	case string(storage.RoleAdmin):
		r.roleOf = roleAdmin
	case string(storage.RoleAuditor):
		r.roleOf = roleAuditor
	default:
		r.refuse(Reason{Code: CodeRole, Value: s})
	}
}

// markDuplicates refuses every row that shares a non-empty key with another.
// It sorts the rows' positions by key (4 bytes a row: a map of a million
// keys would take ten times that) and refuses the runs of equal keys,
// each row listing the lines of the others in file order.
func markDuplicates[R any](rows []R, key func(R) string, line func(R) int, refuse func(R, Reason), code Code) {
	at := make([]int32, 0, len(rows))
	for i, r := range rows {
		if key(r) != "" {
			at = append(at, int32(i))
		}
	}
	slices.SortFunc(at, func(a, b int32) int {
		return cmp.Or(strings.Compare(key(rows[a]), key(rows[b])), cmp.Compare(a, b))
	})
	for len(at) > 0 {
		n := 1
		for n < len(at) && key(rows[at[n]]) == key(rows[at[0]]) {
			n++
		}
		if n > 1 {
			refuseRun(rows, at[:n], line, refuse, code)
		}
		at = at[n:]
	}
}

// refuseRun refuses the rows of a run of equal keys (positions in file
// order), each with the lines of the others.
func refuseRun[R any](rows []R, run []int32, line func(R) int, refuse func(R, Reason), code Code) {
	for _, i := range run {
		var others []int
		for _, j := range run {
			if j != i {
				others = append(others, line(rows[j]))
			}
		}
		refuse(rows[i], Reason{Code: code, Lines: others})
	}
}

// role is the row's role on the roster.
func (r *rosterRow) role() storage.Role { return r.roleOf.stored() }

// roleCode is a roster role in one byte (a row of a million is kept).
type roleCode uint8

// The roles a roster row may give.
const (
	roleStaff roleCode = iota
	roleAdmin
	roleAuditor
)

// roleCodeOf is the code of a stored role (staff for one it does not know).
func roleCodeOf(r storage.Role) roleCode {
	switch r {
	case storage.RoleAdmin:
		return roleAdmin
	case storage.RoleAuditor:
		return roleAuditor
	}
	return roleStaff
}

// stored is the role as the store keeps it.
func (c roleCode) stored() storage.Role {
	switch c {
	case roleAdmin:
		return storage.RoleAdmin
	case roleAuditor:
		return storage.RoleAuditor
	}
	return storage.RoleStaff
}
