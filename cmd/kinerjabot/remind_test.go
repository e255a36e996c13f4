package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// remind --dry-run lists who would get what at the given moment, in the
// unit's zone, and records nothing.
func TestRemindDryRun(t *testing.T) {
	dir := t.TempDir()
	e := map[string]string{"DATA_DIR": dir, "DEFAULT_TIMEZONE": "Asia/Makassar"}
	for _, args := range [][]string{{"import-units", "../../examples/units.csv"}, {"import-roster", "../../examples/roster.csv"}} {
		if code, out, errs := runCmd(t, e, args...); code != 0 {
			t.Fatalf("%v: %d %s %s", args, code, out, errs)
		}
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "kinerjabot.db"))
	if err != nil {
		t.Fatal(err)
	}
	es, _ := st.ListEmployees(ctx)
	var unit string
	linked := 0
	for _, emp := range es {
		if unit == "" {
			unit = emp.UnitCode
		}
		if emp.UnitCode == unit && linked < 2 {
			if err := st.LinkAccount(ctx, emp.NIP, "telegram", storage.Account{UserID: emp.NIP, ChatID: emp.NIP}); err != nil {
				t.Fatal(err)
			}
			linked++
		}
	}
	st.Close(ctx)

	cases := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"Monday 15:31", []string{"remind", "--dry-run", "--unit", unit, "--at", "2026-11-30 15:31"}, 0,
			[]string{"staff", "akan dikirim", "lewati: belum terhubung ke bot", "2 akan dikirim sekarang"}},
		{"Sunday", []string{"remind", "--dry-run", "--unit", unit, "--at", "2026-11-29 15:31"}, 0, []string{"bukan hari kerja"}},
		{"without --dry-run", []string{"remind"}, 2, nil},
		{"bad --at", []string{"remind", "--dry-run", "--at", "besok"}, 2, nil},
		{"unknown unit", []string{"remind", "--dry-run", "--unit", "NOPE"}, 2, nil},
	}
	for _, tc := range cases {
		code, out, errs := runCmd(t, e, tc.args...)
		if code != tc.code {
			t.Fatalf("%s: exit %d, want %d\n%s%s", tc.name, code, tc.code, out, errs)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%s: output lacks %q:\n%s", tc.name, w, out)
			}
		}
	}
	st, _ = sqlite.Open(ctx, filepath.Join(dir, "kinerjabot.db"))
	defer st.Close(ctx)
	if _, err := st.GetReminder(ctx, "staff:"+es[0].NIP+":2026-11-30"); err == nil {
		t.Error("a dry run recorded a reminder")
	}
}
