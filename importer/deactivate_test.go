package importer

import (
	"errors"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// statusCSV is a roster with the status column: each row an emp and its
// status.
func statusCSV(rows ...string) string {
	return strings.Join(append(RosterHeader, "status"), ",") + "\n" + strings.Join(rows, "\n") + "\n"
}

func withStatus(e emp, status string) string { return e.String() + "," + status }

// The status column says who is active, in Indonesian or English, any
// case; empty is active; an unknown value refuses the row. A re-import
// marking a person active again reactivates them, keeping their chat
// account.
func TestImportRosterStatusColumn(t *testing.T) {
	st := openStore(t)
	rep := mustImportRoster(t, st, statusCSV(
		withStatus(person(1, 0, 1), "aktif"),
		withStatus(person(2, 1, 2), "Pensiun"),
		withStatus(person(3, 1, 3), "mutasi-keluar"),
		withStatus(person(4, 1, 4), "inactive"),
		withStatus(person(5, 1, 5), "transferred-out"),
		withStatus(person(6, 1, 6), ""),
		withStatus(person(7, 1, 7), "RETIRED"),
	), opts(false))
	if !rep.OK() {
		t.Fatalf("report:\n%s", reportText(rep, "en"))
	}
	got := employees(t, st)
	for i, want := range map[int]bool{1: true, 2: false, 3: false, 4: false, 5: false, 6: true, 7: false} {
		if got[nip(i)].Active != want {
			t.Errorf("person %d active = %v, want %v", i, got[nip(i)].Active, want)
		}
	}
	rep = mustImportRoster(t, st, statusCSV(withStatus(person(8, 1, 8), "cuti")), opts(false))
	if codes := refusedCodes(rep); !equalCodes(codes, map[int][]Code{2: {CodeStatus}}) {
		t.Fatalf("unknown status: %v", codes)
	}
	if text := reportText(rep, ""); !strings.Contains(text, `status "cuti" tidak dikenal`) {
		t.Errorf("report:\n%s", text)
	}

	if err := st.LinkAccount(t.Context(), nip(2), "telegram", storage.Account{UserID: "42", ChatID: "42"}); err != nil {
		t.Fatal(err)
	}
	mustImportRoster(t, st, rosterCSV(person(2, 1, 2)), opts(false)) // no status column: active
	if e := employees(t, st)[nip(2)]; !e.Active || e.Accounts["telegram"].UserID != "42" {
		t.Errorf("reactivated: %+v", e)
	}
}

// --deactivate-missing: the people on file whom a full export lacks
// become inactive, but only once the admin confirms; until then nothing at
// all is written and the report lists them.
func TestImportRosterDeactivateMissing(t *testing.T) {
	st := openStore(t)
	mustImportRoster(t, st, rosterCSV(person(1, 0, 1), person(2, 1, 2), person(3, 1, 3), person(4, 1, 4)), opts(false))
	if err := st.UpsertEmployee(t.Context(), storage.Employee{NIP: nip(5), Name: "Sudah Pensiun", UnitCode: "U1"}); err != nil {
		t.Fatal(err) // inactive already: not listed
	}
	export := rosterCSV(person(1, 0, 1), person(2, 1, 2), person(9, 1, 9))
	o := opts(false)
	o.DeactivateMissing = true

	rep := mustImportRoster(t, st, export, o)
	d := rep.Deactivation
	if rep.Written || d == nil || len(d.Missing) != 2 || d.Missing[0].Name != "Pegawai 3" || d.Done {
		t.Fatalf("without --yes: %+v %+v", rep, d)
	}
	text := reportText(rep, "")
	if !strings.Contains(text, "2 pegawai aktif di data tidak ada di berkas ini dan akan dinonaktifkan: Pegawai 3 (19800101 200501 1 003), Pegawai 4") ||
		!strings.Contains(text, "--yes") || strings.Contains(text, "baris yang ditolak") {
		t.Errorf("report:\n%s", text)
	}
	if got := employees(t, st); !got[nip(3)].Active || len(got) != 5 {
		t.Fatalf("written before the confirmation: %+v", got)
	}

	o.ConfirmDeactivate = true
	rep = mustImportRoster(t, st, export, o)
	if !rep.OK() || !rep.Deactivation.Done || rep.Deactivation.Deactivated != 2 {
		t.Fatalf("with --yes: %+v %+v", rep, rep.Deactivation)
	}
	got := employees(t, st)
	for i, want := range map[int]bool{1: true, 2: true, 3: false, 4: false, 5: false, 9: true} {
		if got[nip(i)].Active != want {
			t.Errorf("person %d active = %v, want %v", i, got[nip(i)].Active, want)
		}
	}
	if text := reportText(rep, "en"); !strings.Contains(text, "2 people not in the file were deactivated") {
		t.Errorf("report:\n%s", text)
	}
	// Again: nobody left to deactivate, no confirmation needed.
	o.ConfirmDeactivate = false
	if rep := mustImportRoster(t, st, export, o); !rep.OK() || !strings.Contains(reportText(rep, "en"), "nobody was deactivated") {
		t.Errorf("again:\n%s", reportText(rep, "en"))
	}
}

// A refused row (even with --partial) deactivates nobody: it may be a
// person to keep. A store error stops the deactivations and says so.
func TestImportRosterDeactivateNeedsAWholeFile(t *testing.T) {
	st := openStore(t)
	mustImportRoster(t, st, rosterCSV(person(1, 0, 1), person(2, 1, 2), person(3, 1, 3)), opts(false))
	o := opts(true)
	o.DeactivateMissing, o.ConfirmDeactivate = true, true
	rep := mustImportRoster(t, st, rosterCSV(person(1, 0, 1), raw("bukan-nip,X,U1,,Staf,,,")), o)
	if !rep.Written || rep.Deactivation.Done || !employees(t, st)[nip(2)].Active {
		t.Fatalf("partial: %+v", rep.Deactivation)
	}
	if text := reportText(rep, ""); !strings.Contains(text, "Tidak ada yang dinonaktifkan karena ada baris yang ditolak") {
		t.Errorf("report:\n%s", text)
	}
	rep, err := ImportRoster(t.Context(), failingStore{st, nip(3)}, strings.NewReader(rosterCSV(person(1, 0, 1))), o)
	if !errors.Is(err, storage.ErrUnavailable) || rep.Deactivation.Err == nil || rep.Deactivation.Deactivated != 1 {
		t.Fatalf("store failure: %v %+v", err, rep.Deactivation)
	}
	if text := reportText(rep, "en"); !strings.Contains(text, "Deactivation stopped after 1 of 2 people") {
		t.Errorf("report:\n%s", text)
	}
}
