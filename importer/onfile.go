package importer

import (
	"strconv"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// onFile is what a roster import needs of the people on file: whether a
// NIP is on file, its supervisor and its role; who holds
// each phone; and the active people the file lacks. A province is a
// million people, so an 18-digit NIP and an E.164 phone are kept as
// numbers (8 bytes instead of a string header and its own allocation:
// ~60 MB instead of ~300 MB for a million); anything else the store may
// hold is kept as the string it is, in maps of their own.
type onFile struct {
	people map[uint64]storedPerson
	phones map[uint64]uint64 // phone → NIP
	// odd are the people, and oddPhones the phones (→ NIP), that are not
	// numbers as above (none, when every row came through an import).
	odd       map[string]storedPerson
	oddPhones map[string]string
	// oddSups are the supervisors (→ their NIP) that are not 18 digits,
	// by the person's NIP.
	oddSups map[string]string
	// missing are the active people on file that no row of the file
	// names (Key: the NIP in display form), in NIP order; missingNIPs
	// their NIPs.
	missing     []RowResult
	missingNIPs []string
}

// storedPerson is one person on file: 16 bytes.
type storedPerson struct {
	sup  uint64 // the supervisor's NIP as a number; 0 when none or in oddSups
	role roleCode
}

func newOnFile() *onFile {
	return &onFile{people: map[uint64]storedPerson{}, phones: map[uint64]uint64{},
		odd: map[string]storedPerson{}, oddPhones: map[string]string{}, oddSups: map[string]string{}}
}

// add keeps a person on file; inFile tells whether a row of the file
// names the NIP.
func (f *onFile) add(e storage.Employee, inFile bool) {
	p := storedPerson{role: roleCodeOf(e.Role)}
	if n, ok := nipNumber(e.SupervisorNIP); ok && n != 0 { // 0 is "none"
		p.sup = n
	} else if e.SupervisorNIP != "" {
		f.oddSups[e.NIP] = e.SupervisorNIP
	}
	nip, numeric := nipNumber(e.NIP)
	if numeric {
		f.people[nip] = p
	} else {
		f.odd[e.NIP] = p
	}
	if e.Active && !inFile {
		f.missing = append(f.missing, RowResult{Key: ident.FormatNIP(e.NIP), Name: e.Name})
		f.missingNIPs = append(f.missingNIPs, e.NIP)
	}
	if e.Phone == "" {
		return
	}
	if phone, ok := phoneNumber(e.Phone); ok && numeric {
		f.phones[phone] = nip
	} else {
		f.oddPhones[e.Phone] = e.NIP
	}
}

// person is the person on file with the NIP.
func (f *onFile) person(nip string) (storedPerson, bool) {
	if n, ok := nipNumber(nip); ok {
		p, found := f.people[n]
		return p, found
	}
	p, found := f.odd[nip]
	return p, found
}

// has: the NIP is on file.
func (f *onFile) has(nip string) bool {
	_, ok := f.person(nip)
	return ok
}

// supervisor is the supervisor's NIP of the person on file with the NIP
// ("" for none, or when not on file).
func (f *onFile) supervisor(nip string) string {
	p, _ := f.person(nip)
	if p.sup == 0 {
		return f.oddSups[nip]
	}
	return nipString(p.sup)
}

// release lets go of the people once the checks are made, keeping the
// missing ones.
func (f *onFile) release() {
	f.people, f.phones, f.odd, f.oddPhones, f.oddSups = nil, nil, nil, nil, nil
}

// phoneHolder is the NIP on file holding the phone.
func (f *onFile) phoneHolder(phone string) (string, bool) {
	if n, ok := phoneNumber(phone); ok {
		if nip, held := f.phones[n]; held {
			return nipString(nip), true
		}
	}
	nip, held := f.oddPhones[phone]
	return nip, held
}

// nipNumber is an 18-digit NIP as a number (the digits fit a uint64).
func nipNumber(s string) (uint64, bool) {
	if len(s) != 18 || !digits(s) {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil
}

// nipString is the NIP of nipNumber.
func nipString(n uint64) string {
	s := strconv.FormatUint(n, 10)
	for len(s) < 18 {
		s = "0" + s
	}
	return s
}

// phoneNumber is an E.164 phone ("+", then digits, the first not 0) as
// the number its digits make.
func phoneNumber(s string) (uint64, bool) {
	if len(s) < 2 || len(s) > 19 || s[0] != '+' || s[1] == '0' || !digits(s[1:]) {
		return 0, false
	}
	n, err := strconv.ParseUint(s[1:], 10, 64)
	return n, err == nil
}
