package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

func TestEscapeControls(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "IKM = 83.33\n\tB (Baik) 👍", "IKM = 83.33\n\tB (Baik) 👍"},
		{"OSC title and clear screen", "a\x1b]0;x\x07\x1b[2J", `a\x1b]0;x\x07\x1b[2J`},
		{"carriage return and DEL", "a\rb\x7f", `a\x0db\x7f`},
		{"C1 CSI", "a\u009b31m", `a\u009b31m`},
		{"bytes that are not UTF-8", "a\x9b\xffb", `a\x9b\xffb`},
		{"U+FFFD itself is text", "\ufffd", "\ufffd"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(escapeControls([]byte(tc.in))); got != tc.want {
				t.Errorf("escapeControls(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// Text stored before control characters were dropped at entry (a comment,
// a roster name) and rows of a CSV file reach the admin's terminal escaped:
// ikm, remind --dry-run and the import reports print no control character
// but newline and tab.
func TestCommandsPrintNoControlCharacters(t *testing.T) {
	dir := t.TempDir()
	e := map[string]string{"DATA_DIR": dir, "DEFAULT_TIMEZONE": "Asia/Makassar"}
	for _, args := range [][]string{{"import-units", "../../examples/units.csv"}, {"import-roster", "../../examples/roster.csv"}} {
		if code, out, errs := runCmd(t, e, args...); code != 0 {
			t.Fatalf("%v: %d %s %s", args, code, out, errs)
		}
	}
	const evil = "\x1b]0;pwned\x07\x1b[2J\u009b31m\r"
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "kinerjabot.db"))
	if err != nil {
		t.Fatal(err)
	}
	err = st.AddSurvey(ctx, storage.Survey{ID: "s1", UnitCode: "PKM-SEMPAJA", Date: "2026-03-02", Mode: storage.SurveySKM,
		Answers: []int{4, 4, 4, 4, 4, 4, 4, 4, 4}, Comment: "bagus" + evil, ChatHash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	es, _ := st.ListEmployees(ctx)
	emp := es[0]
	emp.Name += evil
	if err := st.UpsertEmployee(ctx, emp); err != nil {
		t.Fatal(err)
	}
	if err := st.LinkAccount(ctx, emp.NIP, "telegram", storage.Account{UserID: "1", ChatID: "1"}); err != nil {
		t.Fatal(err)
	}
	st.Close(ctx)
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("code,name,type,parent_code,timezone,latitude,longitude\n"+
		"X"+evil+",Nama"+evil+",,,Asia/Makassar"+evil+",,\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	for _, args := range [][]string{
		{"ikm", "--unit", "PKM-SEMPAJA", "--from", "2026-01-01", "--to", "2026-12-31"},
		{"remind", "--dry-run", "--unit", emp.UnitCode, "--at", "2026-11-30 15:31"},
		{"import-units", bad},
	} {
		_, out, errs := runCmd(t, e, args...)
		for _, s := range []string{out, errs} {
			if i := strings.IndexFunc(s, func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r <= 0x9f }); i >= 0 {
				t.Errorf("%s printed a control character at %d: %q", args[0], i, s)
			}
		}
		if !strings.Contains(out+errs, `\x1b]0;pwned\x07`) {
			t.Errorf("%s: the stored escape is not shown escaped:\n%s%s", args[0], out, errs)
		}
	}
}
