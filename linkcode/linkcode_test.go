package linkcode

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

const (
	nipKapus = "197805122005012003"
	nipStaff = "199001152019031004"
)

func TestNew(t *testing.T) {
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	seen := map[string]bool{}
	for range 20 {
		code, lc, err := New(nipKapus, now)
		if err != nil {
			t.Fatal(err)
		}
		if !regexp.MustCompile(`^[0-9]{6}$`).MatchString(code) {
			t.Fatalf("code %q is not 6 digits", code)
		}
		if lc.NIP != nipKapus || lc.CodeHash != Hash(nipKapus, code) || !lc.IssuedAt.Equal(now) || !lc.ExpiresAt.Equal(now.Add(24*time.Hour)) {
			t.Fatalf("record = %+v", lc)
		}
		if strings.Contains(lc.CodeHash, code) {
			t.Fatalf("the record holds the code: %+v", lc)
		}
		seen[code] = true
	}
	if len(seen) < 15 {
		t.Fatalf("20 codes gave only %d distinct ones", len(seen))
	}
	if Hash(nipKapus, "123456") == Hash(nipStaff, "123456") {
		t.Fatal("a code's hash is not bound to its NIP")
	}
	if h := Hash(nipKapus, "123456"); !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(h) {
		t.Fatalf("hash %q is not 64 hex digits", h)
	}
}
