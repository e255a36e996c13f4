package importer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

func TestImportRosterGoodFile(t *testing.T) {
	st := openStore(t)
	admin := person(4, 0, 4)
	admin.role = "ADMIN"
	admin.unit, admin.unitName = "U2", "Unit Dua"
	pppk := emp{nip: "19930811 202221 1 004", name: "Pegawai PPPK", unit: "U1", position: "Pranata Komputer", sup: nip(2), phone: "+62 813 1111 2222"}
	auditor := person(3, 2, 0)
	auditor.role = "Auditor"
	file := rosterCSV(person(1, 0, 1), person(2, 1, 2), auditor, admin, pppk)
	rep := mustImportRoster(t, st, file, opts(false))
	if !rep.OK() || len(rep.Accepted) != 5 || rep.Created != 5 || rep.Updated != 0 {
		t.Fatalf("report: %+v\n%s", rep, reportText(rep, "en"))
	}
	got := employees(t, st)
	if len(got) != 5 {
		t.Fatalf("store has %d employees, want 5", len(got))
	}
	e := got[nip(2)]
	if e.Name != "Pegawai 2" || e.UnitCode != "U1" || e.SupervisorNIP != nip(1) || e.Phone != e164(2) || !e.Active || e.IsAdmin() {
		t.Errorf("employee 2 = %+v", e)
	}
	if !got[nip(4)].IsAdmin() {
		t.Errorf("employee 4 role = %q, want admin", got[nip(4)].Role)
	}
	if p := got["199308112022211004"]; p.Phone != "+6281311112222" || p.SupervisorNIP != nip(2) {
		t.Errorf("PPPK employee = %+v", p)
	}
	if got[nip(3)].Phone != "" || !got[nip(3)].IsAuditor() {
		t.Errorf("employee 3 phone = %q, role %q; want empty, auditor", got[nip(3)].Phone, got[nip(3)].Role)
	}
}

func TestImportRosterRefusedRows(t *testing.T) {
	bad := func(f func(*emp)) emp { e := person(3, 1, 3); f(&e); return e }
	tests := []struct {
		name  string
		setup string // a roster imported first, when set
		rows  []fmt.Stringer
		want  map[int][]Code
	}{
		{"bad NIP", "", rows(bad(func(e *emp) { e.nip = "1980 0101 2005" })), want(4, CodeNIP)},
		{"NIP birth date", "", rows(bad(func(e *emp) { e.nip = "198013012005011003" })), want(4, CodeNIP)},
		{"empty name", "", rows(bad(func(e *emp) { e.name = " " })), want(4, CodeNameEmpty)},
		{"empty unit code", "", rows(bad(func(e *emp) { e.unit = "" })), want(4, CodeUnitCodeEmpty)},
		{"bad phone", "", rows(bad(func(e *emp) { e.phone = "021-555-1234" })), want(4, CodePhone)},
		{"duplicate NIP", "", rows(bad(func(e *emp) { e.nip = nip(2) })),
			map[int][]Code{3: {CodeNIPDuplicate}, 4: {CodeNIPDuplicate}}},
		{"duplicate phone in file", "", rows(bad(func(e *emp) { e.phone = "+62" + ph(2)[1:] })),
			map[int][]Code{3: {CodePhoneDuplicate}, 4: {CodePhoneDuplicate}}},
		{"phone held by another NIP in the store", rosterCSV(person(9, 0, 9)),
			rows(bad(func(e *emp) { e.phone = ph(9) })), want(4, CodePhoneTaken)},
		{"supervisor NIP invalid", "", rows(bad(func(e *emp) { e.sup = "19800101" })), want(4, CodeSupervisorNIP)},
		{"supervisor unknown", "", rows(bad(func(e *emp) { e.sup = nip(99) })), want(4, CodeSupervisorUnknown)},
		{"self supervision", "", rows(bad(func(e *emp) { e.sup = nip(3) })), want(4, CodeSupervisorSelf)},
		{"supervisor cycle", "", rows(person(3, 4, 3), person(4, 3, 4)),
			map[int][]Code{4: {CodeSupervisorCycle}, 5: {CodeSupervisorCycle}}},
		{"unknown role", "", rows(bad(func(e *emp) { e.role = "kepala" })), want(4, CodeRole)},
		{"unknown unit without name", "", rows(bad(func(e *emp) { e.unit, e.unitName = "U9", "" })), want(4, CodeUnitUnknown)},
		{"new unit named twice differently", "", rows(bad(func(e *emp) { e.unitName = "Unit Lain" })), want(4, CodeUnitNameConflict)},
		{"wrong column count", "", rows(raw(nip(3) + ",Pegawai 3,U1,Unit Satu,Staf")), want(4, CodeColumns)},
		{"wrong column count and NIP", "", rows(raw("1,2,3")), want(4, CodeColumns, CodeNIP)},
		{"supervisor's row refused", "", rows(bad(func(e *emp) { e.phone = "12" }), person(4, 3, 4)),
			map[int][]Code{4: {CodePhone}, 5: {CodeSupervisorRefused}}},
		{"phones swapped", rosterCSV(person(3, 0, 3), person(4, 0, 4)), rows(person(3, 0, 4), person(4, 0, 3)),
			map[int][]Code{4: {CodePhoneOrder}, 5: {CodePhoneOrder}}},
		{"phone holder's row refused", rosterCSV(person(9, 0, 9)),
			rows(bad(func(e *emp) { e.phone = ph(9) }), person(9, 0, 0).withPhone("0812")),
			map[int][]Code{4: {CodePhoneHolderRefused}, 5: {CodePhone}}},
		{"every reason of a row", "", rows(emp{nip: "x", unit: "", phone: "+1 555", sup: "1", role: "root"}),
			want(4, CodeNIP, CodeNameEmpty, CodeUnitCodeEmpty, CodePhone, CodeSupervisorNIP, CodeRole)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := openStore(t)
			if tt.setup != "" {
				if rep := mustImportRoster(t, st, tt.setup, opts(false)); !rep.OK() {
					t.Fatalf("setup import:\n%s", reportText(rep, "en"))
				}
			}
			before := employees(t, st)
			file := rosterCSV(append([]fmt.Stringer{person(1, 0, 1), person(2, 1, 2)}, tt.rows...)...)
			rep := mustImportRoster(t, st, file, opts(false))
			if got := refusedCodes(rep); !equalCodes(got, tt.want) {
				t.Errorf("refused = %v, want %v\n%s", got, tt.want, reportText(rep, "en"))
			}
			if rep.Written || rep.Created+rep.Updated != 0 {
				t.Errorf("all-or-nothing import wrote: %+v", rep)
			}
			if after := employees(t, st); len(after) != len(before) {
				t.Errorf("store has %d employees, had %d: nothing may be written", len(after), len(before))
			}
		})
	}
}

func rows(r ...fmt.Stringer) []fmt.Stringer { return r }

func want(line int, codes ...Code) map[int][]Code { return map[int][]Code{line: codes} }

func TestImportRosterReasonText(t *testing.T) {
	st := openStore(t)
	file := rosterCSV(raw("19860926 201505 1 001,Budi,U1,Unit Satu,Staf,,0812-12,"))
	rep := mustImportRoster(t, st, file, opts(false))
	id := reportText(rep, "")
	wantID := "Baris 2 (NIP 19860926 201505 1 001): nomor HP tidak valid: panjang nomor HP tidak wajar"
	if !strings.Contains(id, wantID) || !strings.Contains(id, "Tidak ada data yang disimpan") {
		t.Errorf("report (id):\n%s\nwant it to contain %q", id, wantID)
	}
	en := reportText(rep, "en")
	if !strings.Contains(en, "Line 2 (NIP 19860926 201505 1 001): invalid phone number: wrong phone number length") ||
		!strings.Contains(en, "Nothing was saved") {
		t.Errorf("report (en):\n%s", en)
	}
	var pe *ident.PhoneError
	if c := rep.Refused[0].Reasons[0].Cause; !errors.As(c, &pe) || pe.Reason != ident.PhoneLength {
		t.Errorf("cause = %v, want *ident.PhoneError length", c)
	}
}

func TestImportRosterAllOrNothingVersusPartial(t *testing.T) {
	// Line 3 has a bad phone; 4 reports to 3 and 5 to 4: refused with it.
	file := rosterCSV(person(1, 0, 1), person(2, 1, 0).withPhone("08-bad"), person(3, 2, 3), person(4, 3, 4), person(5, 1, 5))
	wantRefused := map[int][]Code{3: {CodePhone}, 4: {CodeSupervisorRefused}, 5: {CodeSupervisorRefused}}
	tests := []struct {
		name        string
		partial     bool
		wantWritten bool
		wantNIPs    []string
	}{
		{"all or nothing", false, false, nil},
		{"partial", true, true, []string{nip(1), nip(5)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := openStore(t)
			rep := mustImportRoster(t, st, file, opts(tt.partial))
			if got := refusedCodes(rep); !equalCodes(got, wantRefused) {
				t.Errorf("refused = %v, want %v", got, wantRefused)
			}
			if rep.Written != tt.wantWritten || rep.Created != len(tt.wantNIPs) || len(rep.Accepted) != 2 {
				t.Errorf("report = %+v", rep)
			}
			got := employees(t, st)
			if len(got) != len(tt.wantNIPs) {
				t.Errorf("store has %d employees, want %v", len(got), tt.wantNIPs)
			}
			for _, n := range tt.wantNIPs {
				if _, ok := got[n]; !ok {
					t.Errorf("employee %s not written", n)
				}
			}
			text := reportText(rep, "")
			if tt.partial && !strings.Contains(text, "Hanya baris yang diterima yang disimpan") {
				t.Errorf("partial report:\n%s", text)
			}
		})
	}
}

func (e emp) withPhone(p string) emp { e.phone = p; return e }

func TestImportRosterReimportUpdatesInPlace(t *testing.T) {
	st := openStore(t)
	t1 := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	t2 := t1.Add(48 * time.Hour)
	o := opts(false)
	o.Now = func() time.Time { return t1 }
	mustImportRoster(t, st, rosterCSV(person(1, 0, 1), person(2, 1, 2)), o)

	acct := storage.Account{UserID: "5550001", ChatID: "5550001", LinkedAt: t1}
	if err := st.LinkAccount(t.Context(), nip(2), "telegram", acct); err != nil {
		t.Fatalf("LinkAccount: %v", err)
	}
	moved := person(2, 1, 22)
	moved.name, moved.position = "Pegawai Dua Baru", "Kepala Seksi"
	o.Now = func() time.Time { return t2 }
	rep := mustImportRoster(t, st, rosterCSV(person(1, 0, 1), moved), o)
	if !rep.OK() || rep.Created != 0 || rep.Updated != 2 {
		t.Fatalf("re-import report = %+v", rep)
	}
	e, err := st.GetEmployee(t.Context(), nip(2))
	if err != nil {
		t.Fatalf("GetEmployee: %v", err)
	}
	if e.Name != "Pegawai Dua Baru" || e.Position != "Kepala Seksi" || e.Phone != e164(22) {
		t.Errorf("employee not updated: %+v", e)
	}
	if a := e.Accounts["telegram"]; a.UserID != acct.UserID {
		t.Errorf("linked account lost: %+v", e.Accounts)
	}
	if !e.CreatedAt.Equal(t1) || !e.UpdatedAt.Equal(t2) {
		t.Errorf("times = %v / %v, want created %v updated %v", e.CreatedAt, e.UpdatedAt, t1, t2)
	}
	if byAcct, err := st.EmployeeByAccount(t.Context(), "telegram", acct.UserID); err != nil || byAcct.NIP != nip(2) {
		t.Errorf("EmployeeByAccount = %s, %v", byAcct.NIP, err)
	}
}

func TestImportRosterCycles(t *testing.T) {
	tests := []struct {
		name    string
		setup   []fmt.Stringer
		rows    []fmt.Stringer
		want    map[int][]Code
		wantVal string // the cycle text of the first refused row
	}{
		{
			name: "three rows in the file",
			rows: rows(person(1, 3, 1), person(2, 1, 2), person(3, 2, 3), person(4, 3, 4)),
			want: map[int][]Code{2: {CodeSupervisorCycle}, 3: {CodeSupervisorCycle}, 4: {CodeSupervisorCycle}, 5: {CodeSupervisorRefused}},
			wantVal: ident.FormatNIP(nip(1)) + " → " + ident.FormatNIP(nip(3)) + " → " +
				ident.FormatNIP(nip(2)) + " → " + ident.FormatNIP(nip(1)),
		},
		{
			name:    "through the store",
			setup:   rows(person(1, 0, 1), person(2, 1, 2)),
			rows:    rows(person(1, 2, 1)),
			want:    want(2, CodeSupervisorCycle),
			wantVal: ident.FormatNIP(nip(1)) + " → " + ident.FormatNIP(nip(2)) + " → " + ident.FormatNIP(nip(1)),
		},
		{
			name:  "a file row breaks the store's chain",
			setup: rows(person(1, 0, 1), person(2, 1, 2)),
			rows:  rows(person(2, 0, 2), person(1, 2, 1)),
			want:  map[int][]Code{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := openStore(t)
			if tt.setup != nil {
				mustImportRoster(t, st, rosterCSV(tt.setup...), opts(false))
			}
			rep := mustImportRoster(t, st, rosterCSV(tt.rows...), opts(false))
			if got := refusedCodes(rep); !equalCodes(got, tt.want) {
				t.Fatalf("refused = %v, want %v\n%s", got, tt.want, reportText(rep, "en"))
			}
			if tt.wantVal != "" && rep.Refused[0].Reasons[0].Value != tt.wantVal {
				t.Errorf("cycle = %q, want %q", rep.Refused[0].Reasons[0].Value, tt.wantVal)
			}
			if len(tt.want) == 0 && !rep.Written {
				t.Errorf("not written:\n%s", reportText(rep, "en"))
			}
		})
	}
}

func TestImportRosterSupervisorOnlyInStore(t *testing.T) {
	st := openStore(t)
	mustImportRoster(t, st, rosterCSV(person(1, 0, 1)), opts(false))
	rep := mustImportRoster(t, st, rosterCSV(person(2, 1, 2), person(3, 2, 3)), opts(false))
	if !rep.OK() || rep.Created != 2 {
		t.Fatalf("report:\n%s", reportText(rep, "en"))
	}
	if got := employees(t, st); got[nip(2)].SupervisorNIP != nip(1) || got[nip(3)].SupervisorNIP != nip(2) {
		t.Errorf("supervisors: %+v", got)
	}
}

func TestImportRosterPhoneHandedOver(t *testing.T) {
	st := openStore(t)
	mustImportRoster(t, st, rosterCSV(person(1, 0, 1), person(2, 0, 2)), opts(false))
	// 2 takes 1's phone; 1 gets a new one on a later line: 1 is written first.
	rep := mustImportRoster(t, st, rosterCSV(person(2, 0, 1), person(1, 0, 3)), opts(false))
	if !rep.OK() {
		t.Fatalf("report:\n%s", reportText(rep, "en"))
	}
	got := employees(t, st)
	if got[nip(2)].Phone != e164(1) || got[nip(1)].Phone != e164(3) {
		t.Errorf("phones: 1=%s 2=%s", got[nip(1)].Phone, got[nip(2)].Phone)
	}
}

func TestImportRosterCreatesUnit(t *testing.T) {
	st := openStore(t)
	existing := storage.Unit{Code: "U1", Name: "Unit Satu Resmi", Timezone: "Asia/Jayapura"}
	if err := st.UpsertUnit(t.Context(), existing); err != nil {
		t.Fatalf("UpsertUnit: %v", err)
	}
	a, b := person(2, 0, 2), person(3, 2, 3)
	a.unit, a.unitName = "PKM-X", "Puskesmas X"
	b.unit, b.unitName = "PKM-X", "" // named on line 3 already
	o := Options{DefaultTimezone: "WITA"}
	rep := mustImportRoster(t, st, rosterCSV(person(1, 0, 1), a, b), o)
	if !rep.OK() || len(rep.UnitsCreated) != 1 || rep.UnitsCreated[0] != "PKM-X" {
		t.Fatalf("report = %+v\n%s", rep, reportText(rep, "en"))
	}
	u, err := st.GetUnit(t.Context(), "PKM-X")
	if err != nil || u.Name != "Puskesmas X" || u.Timezone != "Asia/Makassar" {
		t.Errorf("created unit = %+v, %v", u, err)
	}
	if u1, _ := st.GetUnit(t.Context(), "U1"); u1.Name != existing.Name || u1.Timezone != existing.Timezone {
		t.Errorf("existing unit changed: %+v", u1)
	}
	if !strings.Contains(reportText(rep, ""), "Unit baru dari roster (zona waktu bawaan): PKM-X") {
		t.Errorf("report:\n%s", reportText(rep, ""))
	}
}

func TestImportRosterOptionsAndHeader(t *testing.T) {
	st := openStore(t)
	good := rosterCSV(person(1, 0, 1))
	for _, tz := range []string{"", "UTC", "Asia/Singapore"} {
		if _, err := ImportRoster(t.Context(), st, strings.NewReader(good), Options{DefaultTimezone: tz}); err == nil {
			t.Errorf("DefaultTimezone %q accepted", tz)
		}
	}
	_, err := ImportRoster(t.Context(), st, strings.NewReader("nip,name\n"+nip(1)+",X\n"), opts(false))
	var he *HeaderError
	if !errors.As(err, &he) {
		t.Errorf("wrong header: err = %v", err)
	}
	crlf := "\ufeff" + strings.ReplaceAll(strings.ReplaceAll(good, ",", " , "), "\n", "\r\n")
	if rep := mustImportRoster(t, st, crlf, opts(false)); !rep.OK() {
		t.Errorf("BOM/CRLF/spaces:\n%s", reportText(rep, "en"))
	}
}

// failingStore is the real store with one write made to fail, to see an
// import stop mid-way.
type failingStore struct {
	storage.Store
	failNIP string
}

func (s failingStore) UpsertEmployee(ctx context.Context, e storage.Employee) error {
	if e.NIP == s.failNIP {
		return fmt.Errorf("upsert employee: %w", storage.ErrUnavailable)
	}
	return s.Store.UpsertEmployee(ctx, e)
}

// UpsertEmployees fails a batch with the failing NIP, writing none of it
// (as the embedded store does).
func (s failingStore) UpsertEmployees(ctx context.Context, es []storage.Employee) error {
	for _, e := range es {
		if e.NIP == s.failNIP {
			return fmt.Errorf("upsert employees: %w", storage.ErrUnavailable)
		}
	}
	return s.Store.UpsertEmployees(ctx, es)
}

func TestImportRosterStoreFailureMidway(t *testing.T) {
	st := openStore(t)
	// Written in order 1 (line 4), 2 (line 2), 3 (line 3): supervisors first.
	file := rosterCSV(person(2, 1, 2), person(3, 2, 3), person(1, 0, 1))
	rep, err := ImportRoster(t.Context(), failingStore{st, nip(3)}, strings.NewReader(file), opts(false))
	if !errors.Is(err, storage.ErrUnavailable) {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	if rep.Written || rep.Failed == nil || rep.Failed.Line != 3 || rep.Created != 2 {
		t.Fatalf("report = %+v", rep)
	}
	written := map[int]bool{}
	for _, a := range rep.Accepted {
		written[a.Line] = a.Written
	}
	if !written[2] || written[3] || !written[4] {
		t.Errorf("written rows = %v, want lines 2 and 4", written)
	}
	if got := employees(t, st); len(got) != 2 {
		t.Errorf("store has %d employees, want 2", len(got))
	}
	text := reportText(rep, "")
	if !strings.Contains(text, "Impor berhenti di baris 3 (19800101 200501 1 003) karena penyimpanan gagal") || !strings.Contains(text, "Baris yang sudah tersimpan: 2, 4.") {
		t.Errorf("report:\n%s", text)
	}
}
