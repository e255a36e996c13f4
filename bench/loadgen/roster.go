package main

import (
	"fmt"
	"os"
	"strings"
	"time"
)

// person is one virtual user on the roster.
type person struct {
	id         int64 // Telegram user id = private chat id
	nip        string
	name       string
	phone      string // as on the roster
	unit       int
	supervisor bool
	supNIP     string
}

const (
	staffIDBase = 1_000_000
	supIDBase   = 900_000
)

// nipFor makes a valid, unique NIP: birth date (a different day for each
// n), appointment month, gender, sequence.
func nipFor(n int, appointed string) string {
	birth := time.Date(1965, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	return fmt.Sprintf("%s%s%d%03d", birth.Format("20060102"), appointed, 1+n%2, 1+n%999)
}

// people lays out users staff and their supervisors, one per perSup staff
// (one unit each). Supervisors come first.
func people(users, perSup int) (sups, staff []person) {
	if perSup <= 0 {
		perSup = users
	}
	nSup := max(1, (users+perSup-1)/perSup)
	for j := range nSup {
		sups = append(sups, person{
			id: supIDBase + int64(j), nip: nipFor(j, "200501"), name: fmt.Sprintf("dr. Kepala Bench %02d", j+1),
			phone: fmt.Sprintf("0813%08d", j+1), unit: j, supervisor: true,
		})
	}
	for i := range users {
		sup := sups[i/perSup]
		staff = append(staff, person{
			id: staffIDBase + int64(i), nip: nipFor(10_000+i, "201903"), name: fmt.Sprintf("Pegawai Bench %04d", i+1),
			phone: fmt.Sprintf("0812%08d", i+1), unit: sup.unit, supNIP: sup.nip,
		})
	}
	return sups, staff
}

func unitCode(u int) string { return fmt.Sprintf("BENCH-U%02d", u+1) }
func unitName(u int) string { return fmt.Sprintf("Puskesmas Bench %02d", u+1) }

// unitsCSV is the import-units file for the units of sups.
func unitsCSV(sups []person) string {
	var b strings.Builder
	b.WriteString("code,name,type,parent_code,timezone,latitude,longitude\n")
	for _, s := range sups {
		fmt.Fprintf(&b, "%s,%s,Puskesmas,,Asia/Makassar,-0.4472,117.1598\n", unitCode(s.unit), unitName(s.unit))
	}
	return b.String()
}

// rosterCSV is the import-roster file (the format of e2e/harness_test.go).
func rosterCSV(sups, staff []person) string {
	var b strings.Builder
	b.WriteString("nip,name,unit_code,unit_name,position,supervisor_nip,phone,role\n")
	for _, s := range sups {
		fmt.Fprintf(&b, "%s,%s,%s,%s,Kepala Puskesmas,,%s,\n", s.nip, s.name, unitCode(s.unit), unitName(s.unit), s.phone)
	}
	for _, s := range staff {
		fmt.Fprintf(&b, "%s,%s,%s,%s,Perawat,%s,%s,\n", s.nip, s.name, unitCode(s.unit), unitName(s.unit), s.supNIP, s.phone)
	}
	return b.String()
}

// telegramPhone is the number as Telegram puts it in a shared contact:
// international, without the plus.
func telegramPhone(roster string) string { return "62" + strings.TrimPrefix(roster, "0") }

func writeRoster(dir string, sups, staff []person) (units, roster string, err error) {
	units, roster = dir+"/units.csv", dir+"/roster.csv"
	if err = os.WriteFile(units, []byte(unitsCSV(sups)), 0o644); err != nil {
		return
	}
	err = os.WriteFile(roster, []byte(rosterCSV(sups, staff)), 0o644)
	return
}
