package onboarding

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

func openStore(t *testing.T) storage.Store {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	return st
}

func nip(n int) string { return fmt.Sprintf("19850101201001%04d", n) }

// A tree DINKES > PKM-B, PKM-A; people in each, some registered, some
// practised, some reporting, one inactive.
func seed(t *testing.T, st storage.Store) {
	t.Helper()
	ctx := t.Context()
	for _, u := range []storage.Unit{
		{Code: "DINKES", Name: "Dinas Kesehatan", Timezone: "Asia/Makassar"},
		{Code: "PKM-B", Name: "Puskesmas B", ParentCode: "DINKES", Timezone: "Asia/Makassar"},
		{Code: "PKM-A", Name: "Puskesmas A", ParentCode: "DINKES", Timezone: "Asia/Makassar"},
		{Code: "OTHER", Name: "Dinas Lain", Timezone: "Asia/Makassar"},
	} {
		if err := st.UpsertUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	units := map[int]string{1: "DINKES", 2: "PKM-A", 3: "PKM-A", 4: "PKM-A", 5: "PKM-B", 6: "OTHER", 7: "PKM-A"}
	for n := 1; n <= 7; n++ {
		e := storage.Employee{NIP: nip(n), Name: fmt.Sprintf("Pegawai %d", n), UnitCode: units[n], Position: "Staf", Active: n != 7}
		if err := st.UpsertEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	link := func(n int, platform string) {
		if err := st.LinkAccount(ctx, nip(n), platform, storage.Account{UserID: fmt.Sprint(n), ChatID: fmt.Sprint(n)}); err != nil {
			t.Fatal(err)
		}
	}
	link(2, "telegram")
	link(3, "whatsapp")
	link(3, "telegram")
	link(5, "playground") // the playground is no registration
	for _, p := range []storage.Practice{{NIP: nip(2), Role: storage.PracticeStaff}, {NIP: nip(2), Role: storage.PracticeSupervisor}, {NIP: nip(7), Role: storage.PracticeStaff}} {
		p.Date = "2026-03-02"
		if err := st.RecordPractice(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	a := storage.Activity{ID: "01JQAR00000000000000000001", NIP: nip(3), UnitCode: "PKM-A", SupervisorNIP: nip(1), Date: "2026-03-02",
		Content: storage.Content{Minutes: 60, Description: "kegiatan"}, SubmittedAt: time.Now()}
	if err := st.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
}

func TestEachCountsAUnitAndItsSubunits(t *testing.T) {
	st := openStore(t)
	seed(t, st)
	var got []string
	var total UnitStatus
	err := Each(t.Context(), st, "DINKES", true, func(s UnitStatus) error {
		var names []string
		for _, p := range s.NotRegistered {
			names = append(names, p.Name)
		}
		got = append(got, fmt.Sprintf("%s roster=%d tg=%d wa=%d reg=%d practised=%d reported=%d not=%s",
			s.Code, s.Roster, s.Telegram, s.WhatsApp, s.Registered, s.Practised, s.Reported, strings.Join(names, ",")))
		total.Add(s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"DINKES roster=1 tg=0 wa=0 reg=0 practised=0 reported=0 not=Pegawai 1",
		"PKM-A roster=3 tg=2 wa=1 reg=2 practised=1 reported=1 not=Pegawai 4", // 7 left: not counted
		"PKM-B roster=1 tg=0 wa=0 reg=0 practised=0 reported=0 not=Pegawai 5",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if total.Roster != 5 || total.Registered != 2 || total.Practised != 1 || total.Reported != 1 {
		t.Errorf("total = %+v", total)
	}
}

func TestEachUnknownUnit(t *testing.T) {
	st := openStore(t)
	err := Each(t.Context(), st, "NOPE", false, func(UnitStatus) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "not found") {
		t.Fatalf("err = %v, want not found", err)
	}
}

func TestWriteListsThoseNotRegistered(t *testing.T) {
	var b strings.Builder
	s := UnitStatus{Code: "PKM-A", Name: "Puskesmas A", Roster: 2, Registered: 1, Telegram: 1,
		NotRegistered: []Person{{NIP: "199001152019031004", Name: "Budi Santoso", Position: "Perawat"}}}
	if err := Write(&b, i18n.ID, s); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"PKM-A — Puskesmas A", "Pegawai aktif di roster: 2", "Belum terdaftar (1)", "1   19900115 201903 1 004  Budi Santoso  Perawat"} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("%q lacks %q", b.String(), w)
		}
	}
}
