package handlers

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

const nipSari = "198703102012012005"

func TestParseActing(t *testing.T) {
	loc := time.FixedZone("WITA", 8*3600)
	for _, tc := range []struct {
		name string
		args []string
		want storage.Acting
		key  i18n.Key
	}{
		{name: "with a kind", args: []string{nipSari, nipKapus, "2026-12-07", "2026-12-09", "PLH"},
			want: storage.Acting{ActingNIP: nipSari, ForNIP: nipKapus, From: "2026-12-07", To: "2026-12-09", Kind: storage.ActingPlh}},
		{name: "dates as people write them", args: []string{"19870310.201201.2.005", nipKapus, "07-12-2026", "31/12/2026"},
			want: storage.Acting{ActingNIP: nipSari, ForNIP: nipKapus, From: "2026-12-07", To: "2026-12-31"}},
		{name: "one day", args: []string{nipSari, nipKapus, "2026-12-07", "2026-12-07"},
			want: storage.Acting{ActingNIP: nipSari, ForNIP: nipKapus, From: "2026-12-07", To: "2026-12-07"}},
		{name: "begun earlier, still in force", args: []string{nipSari, nipKapus, "2026-11-01", "2026-12-07"},
			want: storage.Acting{ActingNIP: nipSari, ForNIP: nipKapus, From: "2026-11-01", To: "2026-12-07"}},
		{name: "too few", args: []string{nipSari, nipKapus, "2026-12-07"}, key: i18n.ActingFormat},
		{name: "too many", args: []string{nipSari, nipKapus, "2026-12-07", "2026-12-08", "plt", "x"}, key: i18n.ActingFormat},
		{name: "a bad NIP", args: []string{"12345", nipKapus, "2026-12-07", "2026-12-09"}, key: i18n.ActingBadNIP},
		{name: "a bad date", args: []string{nipSari, nipKapus, "2026-02-30", "2026-12-09"}, key: i18n.ActingBadDate},
		{name: "a bad kind", args: []string{nipSari, nipKapus, "2026-12-07", "2026-12-09", "kepala"}, key: i18n.ActingBadKind},
		{name: "ends before it begins", args: []string{nipSari, nipKapus, "2026-12-09", "2026-12-07"}, key: i18n.ActingRange},
		{name: "ended already", args: []string{nipSari, nipKapus, "2026-11-01", "2026-12-06"}, key: i18n.ActingEnded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, p := parseActing(tc.args, "2026-12-07", loc)
			switch {
			case tc.key != "" && (p == nil || p.key != tc.key):
				t.Fatalf("parseActing(%v) = %+v, %+v; want refusal %s", tc.args, got, p, tc.key)
			case tc.key == "" && (p != nil || got != tc.want):
				t.Fatalf("parseActing(%v) = %+v, %+v; want %+v", tc.args, got, p, tc.want)
			}
		})
	}
}

func TestCheckActing(t *testing.T) {
	a := storage.Acting{ActingNIP: nipSari, ForNIP: nipKapus, From: "2026-12-07", To: "2026-12-09"}
	sari := &storage.Employee{NIP: nipSari, Name: "Sari", Active: true}
	kapus := &storage.Employee{NIP: nipKapus, Name: "Rina", Active: true}
	gone := &storage.Employee{NIP: nipKapus, Name: "Rina"}
	left := &storage.Employee{NIP: nipSari, Name: "Sari"}
	self := a
	self.ActingNIP = nipKapus
	for _, tc := range []struct {
		name         string
		a            storage.Acting
		acting, post *storage.Employee
		list         []storage.Acting
		key          i18n.Key
	}{
		{name: "accepted", a: a, acting: sari, post: kapus},
		{name: "for a vacant post (its holder left)", a: a, acting: sari, post: gone},
		{name: "another post on the same dates", a: a, acting: sari, post: kapus,
			list: []storage.Acting{{ActingNIP: nipSari, ForNIP: nipStaff, From: "2026-12-01", To: "2026-12-31"}}},
		{name: "the same post after the other ends", a: a, acting: sari, post: kapus,
			list: []storage.Acting{{ActingNIP: nipStaff, ForNIP: nipKapus, From: "2026-12-01", To: "2026-12-06"}}},
		{name: "acting person not on the roster", a: a, post: kapus, key: i18n.ActingUnknown},
		{name: "post not on the roster", a: a, acting: sari, key: i18n.ActingUnknown},
		{name: "acting person left", a: a, acting: left, post: kapus, key: i18n.ActingInactive},
		{name: "for one's own post", a: self, acting: kapus, post: kapus, key: i18n.ActingSelf},
		{name: "overlapping on the last day", a: a, acting: sari, post: kapus,
			list: []storage.Acting{{ActingNIP: nipStaff, ForNIP: nipKapus, From: "2026-12-09", To: "2026-12-20"}}, key: i18n.ActingOverlap},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := checkActing(tc.a, tc.acting, tc.post, tc.list)
			if (p == nil) != (tc.key == "") || p != nil && p.key != tc.key {
				t.Fatalf("checkActing = %+v, want %q", p, tc.key)
			}
		})
	}
}

// A remove button pressed by an admin of another branch, or by staff, is
// refused, and the list stays as it was.
func TestActingRemoveChecksTheBranchNow(t *testing.T) {
	ctx := context.Background()
	st := rosterStore(t)
	const nipOther = "198402292009032001"
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.UpsertUnit(ctx, storage.Unit{Code: "DISDIK", Name: "Dinas Pendidikan", Timezone: "Asia/Makassar"}))
	must(st.UpsertEmployee(ctx, storage.Employee{NIP: nipOther, Name: "Lina", UnitCode: "DISDIK", Role: storage.RoleAdmin, Active: true}))
	must(st.LinkAccount(ctx, nipOther, "telegram", storage.Account{UserID: "888", ChatID: "888", LinkedAt: time.Now()}))
	list := []storage.Acting{{ActingNIP: nipStaff, ForNIP: nipKapus, From: "2026-12-07", To: "2026-12-09"}}
	must(st.ReplaceActing(ctx, list))
	r := newRouter(st, "id")
	press := encoded(button.ActingRemove{For: nipKapus, From: "20261207"})
	for user, want := range map[string]string{"888": "bukan di unit Anda", "555": "hanya untuk admin"} {
		out, err := r.Handle(ctx, conversation.Input{Update: tap(user, press), Now: time.Date(2026, 12, 7, 1, 0, 0, 0, time.UTC)})
		if err != nil || !strings.Contains(out.Notice, want) {
			t.Fatalf("press by %s = %+v, %v; want the notice %q and no change", user, out, err, want)
		}
		for _, e := range out.Effects {
			if _, ok := e.(SwapActing); ok {
				t.Fatalf("press by %s changes the list: %+v", user, e)
			}
		}
	}
}
