package webguard

import (
	"net/http/httptest"
	"testing"
	"time"
)

func TestFailuresBlockAClientAfterMaxThenForgive(t *testing.T) {
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	f := &Failures{Max: 3, Window: time.Minute, Now: func() time.Time { return now }}
	mallory := httptest.NewRequest("GET", "/admin", nil)
	mallory.RemoteAddr = "203.0.113.9:40000"
	alice := httptest.NewRequest("GET", "/admin", nil)
	alice.RemoteAddr = "198.51.100.7:1234"
	for i := range 3 {
		if _, blocked := f.Blocked(mallory); blocked {
			t.Fatalf("blocked after %d failures", i)
		}
		f.Fail(mallory)
		now = now.Add(10 * time.Second)
	}
	wait, blocked := f.Blocked(mallory)
	if !blocked || wait != 30*time.Second {
		t.Fatalf("after 3 failures: blocked %v, wait %v; want 30s", blocked, wait)
	}
	mallory.RemoteAddr = "203.0.113.9:40001" // another port, the same client
	if _, blocked := f.Blocked(mallory); !blocked {
		t.Error("a new connection escaped the limit")
	}
	if _, blocked := f.Blocked(alice); blocked {
		t.Error("another client was blocked")
	}
	now = now.Add(30 * time.Second)
	if _, blocked := f.Blocked(mallory); blocked {
		t.Error("still blocked once the first failure is a window old")
	}
}

func TestPasswordOK(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	if PasswordOK(r, "rahasia") {
		t.Error("no credentials accepted")
	}
	r.SetBasicAuth("anyone", "rahasia")
	if !PasswordOK(r, "rahasia") || PasswordOK(r, "rahasiA") {
		t.Error("password compared wrongly")
	}
}
