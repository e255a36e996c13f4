package main

import (
	"strings"
	"testing"
)

func TestMigrateCommand(t *testing.T) {
	e := map[string]string{"DATA_DIR": t.TempDir()}
	code, out, stderr := runCmd(t, e, "migrate")
	if code != 0 || !strings.Contains(out, "embedded store") {
		t.Errorf("migrate on the embedded store: exit %d, out %q, stderr %q", code, out, stderr)
	}
	for _, args := range [][]string{{"migrate", "extra"}, {"migrate", "--timeout", "0s"}, {"migrate", "--sweep-evidence", "--older-than", "1s"}} {
		if code, _, stderr := runCmd(t, e, args...); code != 2 || !strings.Contains(stderr, "usage: kinerjabot migrate") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and the usage", args, code, stderr)
		}
	}
}

func TestMigrateCommandUnreachableMongo(t *testing.T) {
	e := map[string]string{"DATA_DIR": t.TempDir(),
		"MONGODB_URI": "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=200&connectTimeoutMS=200"}
	code, _, stderr := runCmd(t, e, "migrate", "--timeout", "10s")
	if code != 1 || !strings.Contains(stderr, "store unavailable") {
		t.Errorf("exit %d, stderr %q; want 1 and the store unavailable", code, stderr)
	}
}
