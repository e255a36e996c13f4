package storetest

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// auditLogCases: the audit log's rows, filtered and paged.
func auditLogCases() []testCase {
	return []testCase{
		{"audit log: round trip of every field", testAuditRoundTrip},
		{"audit log: a zero At and an empty ID are given", testAuditStamped},
		{"audit log: no actor or action, a bad page size or cursor is ErrInvalid", testAuditInvalid},
		{"audit log: filters by time, actor, action and units", testAuditFilters},
		{"audit log: pages newest first, ties by ID, to the end", testAuditPages},
	}
}

func auditRow(n, actor, min int, action, unit string) storage.AuditRecord {
	return storage.AuditRecord{ID: fmt.Sprintf("01JQAU%020d", n), At: at(min), Actor: nip(actor), Action: action,
		Target: nip(n), Detail: fmt.Sprintf("baris \"%d\" — ✓", n), Unit: unit}
}

func appendAudit(t *testing.T, s storage.Store, rows ...storage.AuditRecord) {
	t.Helper()
	for _, r := range rows {
		if err := s.AppendAuditLog(t.Context(), r); err != nil {
			t.Fatalf("AppendAuditLog: %v", err)
		}
	}
}

func listAudit(t *testing.T, s storage.Store, f storage.AuditFilter) storage.AuditPage {
	t.Helper()
	if f.Limit == 0 {
		f.Limit = storage.MaxAuditPage
	}
	p, err := s.ListAuditLog(t.Context(), f)
	if err != nil {
		t.Fatalf("ListAuditLog(%+v): %v", f, err)
	}
	return p
}

func auditIDs(rows []storage.AuditRecord) []string {
	out := []string{}
	for _, r := range rows {
		out = append(out, r.ID[len(r.ID)-2:])
	}
	return out
}

func testAuditRoundTrip(t *testing.T, s storage.Store) {
	want := auditRow(1, 2, 5, "console.login", "U1")
	appendAudit(t, s, want, want) // a second append of the ID stores nothing
	want.At = time.UnixMilli(want.At.UnixMilli()).UTC()
	got := listAudit(t, s, storage.AuditFilter{})
	if len(got.Rows) != 1 || !reflect.DeepEqual(got.Rows[0], want) || got.Next != "" {
		t.Fatalf("rows = %+v (next %q), want only %+v", got.Rows, got.Next, want)
	}
}

func testAuditStamped(t *testing.T, s storage.Store) {
	appendAudit(t, s, storage.AuditRecord{Actor: nip(1), Action: "console.logout"}, storage.AuditRecord{Actor: nip(1), Action: "console.logout"})
	got := listAudit(t, s, storage.AuditFilter{})
	if len(got.Rows) != 2 || got.Rows[0].ID == "" || got.Rows[0].ID == got.Rows[1].ID || got.Rows[0].At.IsZero() {
		t.Fatalf("rows = %+v, want two with their own IDs and times", got.Rows)
	}
	if loc := got.Rows[0].At.Location(); loc != time.UTC {
		t.Errorf("At in %v, want UTC", loc)
	}
}

func testAuditInvalid(t *testing.T, s storage.Store) {
	ctx := t.Context()
	for _, r := range []storage.AuditRecord{{Action: "a"}, {Actor: nip(1)}} {
		if err := s.AppendAuditLog(ctx, r); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("AppendAuditLog(%+v) = %v, want ErrInvalid", r, err)
		}
	}
	for _, f := range []storage.AuditFilter{{Limit: 0}, {Limit: storage.MaxAuditPage + 1}, {Limit: 5, Cursor: "x"},
		{Limit: 5, Cursor: "12."}} {
		if _, err := s.ListAuditLog(ctx, f); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("ListAuditLog(%+v) = %v, want ErrInvalid", f, err)
		}
	}
}

func testAuditFilters(t *testing.T, s storage.Store) {
	appendAudit(t, s,
		auditRow(1, 1, 10, "console.login", "U1"),
		auditRow(2, 2, 20, "console.export", "U2"),
		auditRow(3, 1, 30, "console.export", ""),
		auditRow(4, 2, 40, "console.login", "U1"))
	cases := []struct {
		name string
		f    storage.AuditFilter
		want []string
	}{
		{"all", storage.AuditFilter{}, []string{"04", "03", "02", "01"}},
		{"from inclusive, to exclusive", storage.AuditFilter{From: at(20), To: at(40)}, []string{"03", "02"}},
		{"actor", storage.AuditFilter{Actor: nip(1)}, []string{"03", "01"}},
		{"action", storage.AuditFilter{Action: "console.login"}, []string{"04", "01"}},
		{"units", storage.AuditFilter{Units: []string{"U1"}}, []string{"04", "01"}},
		{"units with none", storage.AuditFilter{Units: []string{"U2", ""}}, []string{"03", "02"}},
		{"empty units: nothing", storage.AuditFilter{Units: []string{}}, []string{}},
		{"all together", storage.AuditFilter{From: at(0), Actor: nip(2), Action: "console.login", Units: []string{"U1", "U2"}},
			[]string{"04"}},
	}
	for _, tc := range cases {
		if got := auditIDs(listAudit(t, s, tc.f).Rows); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: rows %v, want %v", tc.name, got, tc.want)
		}
	}
}

func testAuditPages(t *testing.T, s storage.Store) {
	appendAudit(t, s,
		auditRow(1, 1, 10, "a", "U1"), auditRow(2, 1, 10, "a", "U1"), auditRow(3, 1, 10, "a", "U1"),
		auditRow(4, 1, 20, "a", "U1"), auditRow(5, 1, 5, "a", "U1"))
	var got []string
	f := storage.AuditFilter{Limit: 2, Units: []string{"U1"}}
	for range 4 {
		p := listAudit(t, s, f)
		got = append(got, auditIDs(p.Rows)...)
		if p.Next == "" {
			break
		}
		f.Cursor = p.Next
	}
	if want := []string{"04", "03", "02", "01", "05"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("pages gave %v, want %v", got, want)
	}
	if p := listAudit(t, s, storage.AuditFilter{Limit: 5}); p.Next != "" {
		t.Errorf("a full last page has next %q, want none", p.Next)
	}
}
