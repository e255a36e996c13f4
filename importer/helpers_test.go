package importer

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// openStore opens a real embedded store in a new file, closed at cleanup.
func openStore(t *testing.T) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "kinerja.db"))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = st.Close(context.Background()) })
	return st
}

// nip returns the i-th test NIP (valid, 1 ≤ i ≤ 999).
func nip(i int) string { return fmt.Sprintf("198001012005011%03d", i) }

// ph returns the i-th test phone in national form; e164 its stored form.
func ph(i int) string   { return fmt.Sprintf("0812-%04d-%04d", i/10000, i%10000) }
func e164(i int) string { p, _ := ident.NormalizePhone(ph(i)); return p }

// emp is one roster row.
type emp struct {
	nip, name, unit, unitName, position, sup, phone, role string
}

// person is a good row in unit U1 with the given supervisor index (0: none)
// and phone index (0: none).
func person(i, sup, phone int) emp {
	e := emp{nip: nip(i), name: fmt.Sprintf("Pegawai %d", i), unit: "U1", unitName: "Unit Satu", position: "Staf"}
	if sup > 0 {
		e.sup = nip(sup)
	}
	if phone > 0 {
		e.phone = ph(phone)
	}
	return e
}

func (e emp) String() string {
	return strings.Join([]string{e.nip, e.name, e.unit, e.unitName, e.position, e.sup, e.phone, e.role}, ",")
}

// rosterCSV renders a roster file: the header, then one line per row (an
// emp or a raw string).
func rosterCSV(rows ...fmt.Stringer) string {
	var b strings.Builder
	b.WriteString(strings.Join(RosterHeader, ",") + "\n")
	for _, r := range rows {
		b.WriteString(r.String() + "\n")
	}
	return b.String()
}

// raw is a literal CSV line.
type raw string

func (r raw) String() string { return string(r) }

func opts(partial bool) Options {
	return Options{DefaultTimezone: "Asia/Makassar", Partial: partial}
}

// mustImportRoster imports and fails the test on error.
func mustImportRoster(t *testing.T, st storage.Store, file string, o Options) Report {
	t.Helper()
	rep, err := ImportRoster(t.Context(), st, strings.NewReader(file), o)
	if err != nil {
		t.Fatalf("ImportRoster: %v", err)
	}
	return rep
}

// refusedCodes maps each refused line to its reason codes.
func refusedCodes(rep Report) map[int][]Code {
	m := map[int][]Code{}
	for _, r := range rep.Refused {
		for _, rs := range r.Reasons {
			m[r.Line] = append(m[r.Line], rs.Code)
		}
	}
	return m
}

func equalCodes(a, b map[int][]Code) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// employees returns the store's employees by NIP.
func employees(t *testing.T, st storage.Store) map[string]storage.Employee {
	t.Helper()
	all, err := st.ListEmployees(t.Context())
	if err != nil {
		t.Fatalf("ListEmployees: %v", err)
	}
	m := map[string]storage.Employee{}
	for _, e := range all {
		m[e.NIP] = e
	}
	return m
}

// reportText renders the report in lang.
func reportText(rep Report, lang string) string {
	var b strings.Builder
	rep.Write(&b, lang)
	return b.String()
}
