package main

import (
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/linkcode"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// Andi Saputro in examples/roster.csv has no phone: the code route is his.
const nipAndi = "199004052014021009"

var codeLine = regexp.MustCompile(`(?m)^    ([0-9]{6})$`)

func TestCodeCommand(t *testing.T) {
	dir := t.TempDir()
	e := map[string]string{"DATA_DIR": dir}
	for _, f := range []string{"import-units", "import-roster"} {
		if code, _, stderr := runCmd(t, e, f, "../../examples/"+strings.TrimPrefix(f, "import-")+".csv"); code != 0 {
			t.Fatalf("%s: %d %s", f, code, stderr)
		}
	}
	code, out, stderr := runCmd(t, e, "code", "--nip", "19900405 201402 1 009")
	m := codeLine.FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("code: exit %d\n%s\n%s", code, out, stderr)
	}
	first := m[1]
	for _, want := range []string{"Kode pendaftaran untuk Andi Saputro (NIP 19900405 201402 1 009, UPTD Puskesmas Sempaja)",
		"Berlaku sampai ", " WITA, sekali pakai; 5 kali salah mengunci kode",
		"Kirim pesan ke kinerjabot: /kode 19900405 201402 1 009 " + first} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	// Unquoted, the NIP's parts are still one NIP; the new code replaces
	// the first.
	code, out, stderr = runCmd(t, e, "code", "--nip", "19900405", "201402", "1", "009")
	m = codeLine.FindStringSubmatch(out)
	if code != 0 || m == nil {
		t.Fatalf("second code: exit %d\n%s\n%s", code, out, stderr)
	}
	second := m[1]

	st := openDataDir(t, dir)
	ctx := context.Background()
	if first != second {
		_, err := st.RedeemLinkCode(ctx, nipAndi, linkcode.Hash(nipAndi, first), "whatsapp:1@lid", time.Now())
		if !errors.Is(err, storage.ErrLinkCodeWrong) {
			t.Fatalf("the replaced code: %v, want ErrLinkCodeWrong", err)
		}
	}
	lc, err := st.RedeemLinkCode(ctx, nipAndi, linkcode.Hash(nipAndi, second), "whatsapp:1@lid", time.Now())
	if err != nil {
		t.Fatalf("the printed code does not redeem: %v", err)
	}
	if left := time.Until(lc.ExpiresAt); left < 23*time.Hour || left > 24*time.Hour {
		t.Errorf("the code expires in %v, want 24 hours", left)
	}

	// Inactive employees get no code.
	andi, err := st.GetEmployee(ctx, nipAndi)
	if err != nil {
		t.Fatal(err)
	}
	andi.Active = false
	if err := st.UpsertEmployee(ctx, andi); err != nil {
		t.Fatal(err)
	}
	if code, out, stderr := runCmd(t, e, "code", "--nip", nipAndi); code != 2 || out != "" || !strings.Contains(stderr, "inactive") {
		t.Fatalf("inactive: exit %d\n%s\n%s", code, out, stderr)
	}
}

func TestCodeCommandRefusals(t *testing.T) {
	dir := t.TempDir()
	e := map[string]string{"DATA_DIR": dir}
	if code, _, stderr := runCmd(t, e, "import-roster", "../../examples/roster.csv"); code != 0 {
		t.Fatalf("import-roster: %d %s", code, stderr)
	}
	cases := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"no NIP", []string{"code"}, "usage: kinerjabot code --nip NIP"},
		{"not a NIP", []string{"code", "--nip", "12345"}, "18 digits"},
		{"not on the roster", []string{"code", "--nip", "19860926 201505 1 001"}, "19860926 201505 1 001 is not on the roster"},
		{"an unknown flag", []string{"code", "--unit", "X"}, "usage"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, stderr := runCmd(t, e, tc.args...)
			if code != 2 || out != "" || !strings.Contains(stderr, tc.stderr) {
				t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, stderr)
			}
		})
	}
}

func TestCodeCommandInEnglish(t *testing.T) {
	dir := t.TempDir()
	e := map[string]string{"DATA_DIR": dir, "BOT_LANGUAGE": "en", "DEFAULT_TIMEZONE": "Asia/Jayapura"}
	// Without import-units the unit's zone is the default.
	if code, _, stderr := runCmd(t, e, "import-roster", "../../examples/roster.csv"); code != 0 {
		t.Fatalf("import-roster: %d %s", code, stderr)
	}
	code, out, stderr := runCmd(t, e, "code", "--nip="+nipAndi)
	if code != 0 || !codeLine.MatchString(out) || !strings.Contains(out, "Registration code for Andi Saputro") ||
		!strings.Contains(out, " WIT, once; 5 wrong tries lock it") || !strings.Contains(out, "/kode 19900405 201402 1 009 ") {
		t.Fatalf("exit %d\n%s\n%s", code, out, stderr)
	}
}

func openDataDir(t *testing.T, dir string) *sqlite.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "kinerjabot.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	return st
}
