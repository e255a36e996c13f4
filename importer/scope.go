package importer

import (
	"cmp"
	"slices"

	"github.com/kinerjabot/kinerjabot/storage"
)

// CodeOutOfScope: the row's unit, or the unit on file of a person it
// names, is outside Options.InScope (Value: the unit code).
const CodeOutOfScope Code = "out_of_scope"

// refuseOutOfScope refuses a row naming a person on file (emps) whose unit
// is outside o.InScope, once per row.
func refuseOutOfScope(o Options, emps map[string]storage.Employee, refuse func(Reason), nips ...string) {
	for _, nip := range nips {
		if e, ok := emps[nip]; ok && nip != "" && o.outOfScope(e.UnitCode) {
			refuse(Reason{Code: CodeOutOfScope, Value: e.UnitCode})
			return
		}
	}
}

// checkScope refuses, under Options.InScope, a units row for a unit on
// file outside it, or whose parent is outside it (a new root unit: the
// scope of the whole deployment, unit ""), unless the row keeps the
// parent the unit has on file (an admin's own unit, whose parent is
// above their branch). A new unit under a new unit of the file is judged
// by its parent's row.
func (im *unitImport) checkScope(o Options) {
	if o.InScope == nil {
		return
	}
	for _, r := range im.rows {
		code, parent := r.unit.Code, r.unit.ParentCode
		stored, onFile := im.store[code]
		_, parentOnFile := im.store[parent]
		switch {
		case onFile && o.outOfScope(code):
			r.refuse(Reason{Code: CodeOutOfScope, Value: code})
		case onFile && stored.ParentCode == parent:
		case (parentOnFile || parent == "") && o.outOfScope(parent):
			r.refuse(Reason{Code: CodeOutOfScope, Value: cmp.Or(parent, "*")})
		}
	}
}

// checkScope refuses, under Options.InScope, a holiday for a unit outside
// it, or for every unit (no units: the scope of the whole deployment,
// unit "").
func (r *holidayRow) checkScope(o Options) {
	units := r.holiday.Units
	if len(units) == 0 {
		units = []string{""}
	}
	if i := slices.IndexFunc(units, o.outOfScope); i >= 0 {
		r.refuse(Reason{Code: CodeOutOfScope, Value: cmp.Or(units[i], "*")})
	}
}
