package console

import (
	"slices"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// storedAudit reads the audit rows the console wrote to the store (every
// fixture's console appends them through AppendAuditLog).
type storedAudit struct {
	t  testing.TB
	st storage.Store
}

// newest are the audit log's rows, newest first.
func (a storedAudit) newest() []storage.AuditRecord {
	a.t.Helper()
	p, err := a.st.ListAuditLog(a.t.Context(), storage.AuditFilter{Limit: storage.MaxAuditPage})
	if err != nil {
		a.t.Fatal(err)
	}
	return p.Rows
}

// rows are the audit log's rows in the order they were written.
func (a storedAudit) rows() []storage.AuditRecord {
	a.t.Helper()
	rows := a.newest()
	slices.Reverse(rows)
	return rows
}

// of are the rows of action in the order they were written.
func (a storedAudit) of(action Action) []storage.AuditRecord {
	a.t.Helper()
	var out []storage.AuditRecord
	for _, r := range a.rows() {
		if r.Action == string(action) {
			out = append(out, r)
		}
	}
	return out
}
