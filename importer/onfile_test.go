package importer

import (
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

func TestNumbersOfNIPsAndPhones(t *testing.T) {
	for _, tt := range []struct {
		s        string
		nip, tel bool
	}{
		{"198501012010011001", true, false},
		{"000000000000000001", true, false}, // leading zeros come back
		{"19850101201001100", false, false}, // 17 digits
		{"19850101 201001 1 001", false, false},
		{"+6281234567890", false, true},
		{"+0812", false, false}, // would lose its 0
		{"081234567890", false, false},
		{"+", false, false},
		{"", false, false},
	} {
		if n, ok := nipNumber(tt.s); ok != tt.nip || ok && nipString(n) != tt.s {
			t.Errorf("nipNumber(%q) = %d, %v", tt.s, n, ok)
		}
		if _, ok := phoneNumber(tt.s); ok != tt.tel {
			t.Errorf("phoneNumber(%q) ok = %v, want %v", tt.s, ok, tt.tel)
		}
	}
}

// People on file whose NIP, supervisor or phone are not numbers as
// expected are kept as they are.
func TestOnFileKeepsOddValues(t *testing.T) {
	f := newOnFile()
	f.add(storage.Employee{NIP: "198501012010011001", SupervisorNIP: "boss", Phone: "+6281234567890", Role: storage.RoleAdmin, Active: true}, true)
	f.add(storage.Employee{NIP: "boss", SupervisorNIP: "198501012010011001", Phone: "0812", Active: true}, false)
	if p, ok := f.person("198501012010011001"); !ok || p.role != roleAdmin || f.supervisor("198501012010011001") != "boss" {
		t.Errorf("numeric person: %+v %v, supervisor %q", p, ok, f.supervisor("198501012010011001"))
	}
	if !f.has("boss") || f.supervisor("boss") != "198501012010011001" {
		t.Errorf("odd person: has %v, supervisor %q", f.has("boss"), f.supervisor("boss"))
	}
	if h, ok := f.phoneHolder("+6281234567890"); !ok || h != "198501012010011001" {
		t.Errorf("phoneHolder(+62…) = %q, %v", h, ok)
	}
	if h, ok := f.phoneHolder("0812"); !ok || h != "boss" {
		t.Errorf("phoneHolder(0812) = %q, %v", h, ok)
	}
	if len(f.missingNIPs) != 1 || f.missingNIPs[0] != "boss" || f.has("nobody") {
		t.Errorf("missing %v", f.missingNIPs)
	}
}

// Strings kept in a chunk stay as they were when later ones start new
// chunks.
func TestRowStringsKeep(t *testing.T) {
	k := newRowStrings()
	long := strings.Repeat("x", rowChunk-3)
	a, b, c := k.keep("abcd"), k.keep(long), k.keep("efgh")
	if a != "abcd" || b != long || c != "efgh" || k.keep("") != "" {
		t.Errorf("keep: %q, %d bytes, %q", a, len(b), c)
	}
	if p, q := k.place("U1", "Staf"), k.place("U1", "Staf"); p != q || p.unitCode != "U1" || p.position != "Staf" {
		t.Errorf("place: %p %p %+v", p, q, *p)
	}
}
