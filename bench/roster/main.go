// Command roster writes a synthetic roster for scale benchmarks: a units
// file (a Pemda, its OPDs, their sub-units: Puskesmas, schools, kelurahan)
// and a roster file of N people with valid, distinct NIPs and phones, a
// head per unit reporting to the head of the unit above, a few section
// heads per unit and staff under them, and one admin per OPD.
//
//	go run ./bench/roster -n 1000000 -order staff-first -units units.csv -roster roster.csv
//
// -order is the rows' order: top-down (supervisors before their staff),
// staff-first (the reverse: every person before their supervisor),
// shuffle (random, seeded), or chain (one supervisor chain through
// everyone, listed bottom-up: row i's supervisor is row i+1, the
// importer's worst case for ordering).
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"time"
)

// perUnit is the average number of people in a unit.
const perUnit = 150

func main() {
	n := flag.Int("n", 100_000, "people")
	order := flag.String("order", "staff-first", "row order: top-down, staff-first, shuffle or chain")
	unitsPath := flag.String("units", "units.csv", "units file to write")
	rosterPath := flag.String("roster", "roster.csv", "roster file to write")
	seed := flag.Uint64("seed", 1, "seed of -order shuffle")
	flag.Parse()
	units := makeUnits(max(1, *n/perUnit))
	people := makePeople(*n, units, *order == "chain")
	switch *order {
	case "top-down", "chain":
	case "staff-first":
		for i, j := 0, len(people)-1; i < j; i, j = i+1, j-1 {
			people[i], people[j] = people[j], people[i]
		}
	case "shuffle":
		r := rand.New(rand.NewPCG(*seed, *seed))
		r.Shuffle(len(people), func(i, j int) { people[i], people[j] = people[j], people[i] })
	default:
		log.Fatalf("unknown -order %q", *order)
	}
	if *order == "chain" {
		for i, j := 0, len(people)-1; i < j; i, j = i+1, j-1 { // bottom-up
			people[i], people[j] = people[j], people[i]
		}
	}
	must(writeCSV(*unitsPath, []string{"code", "name", "type", "parent_code", "timezone", "latitude", "longitude"}, unitRows(units)))
	must(writeCSV(*rosterPath, []string{"nip", "name", "unit_code", "unit_name", "position", "supervisor_nip", "phone", "role"}, personRows(people, units)))
}

type unit struct {
	code, name, kind, parent, zone string
	head                           int // index of the unit's head in people
}

// makeUnits makes count units: PEMDA, then OPDs (one per 40 units), then
// sub-units spread over the OPDs; zones WIB, WITA and WIT by OPD.
func makeUnits(count int) []unit {
	zones := []string{"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"}
	us := []unit{{code: "PEMDA", name: "Sekretariat Daerah", kind: "setda", zone: zones[0]}}
	opds := max(1, count/40)
	for i := range opds {
		us = append(us, unit{code: fmt.Sprintf("OPD%03d", i), name: fmt.Sprintf("Dinas %d", i), kind: "dinas",
			parent: "PEMDA", zone: zones[i%3]})
	}
	kinds := []string{"puskesmas", "sekolah", "kelurahan"}
	for i := 0; len(us) < count; i++ {
		opd := us[1+i%opds]
		us = append(us, unit{code: fmt.Sprintf("U%05d", i), name: fmt.Sprintf("%s %d", kinds[i%3], i), kind: kinds[i%3],
			parent: opd.code, zone: opd.zone})
	}
	return us
}

type person struct {
	nip, name, unit, position, sup, phone, role string
}

// makePeople fills the units: each unit's head first (reporting to the
// parent unit's head), five section heads, then staff round-robin, in
// top-down order. chain instead makes person i report to person i-1.
func makePeople(n int, units []unit, chain bool) []person {
	ps := make([]person, 0, n)
	add := func(u int, pos, sup, role string) int {
		i := len(ps)
		ps = append(ps, person{nip: nip(i), name: fmt.Sprintf("Pegawai %d", i), unit: units[u].code, position: pos,
			sup: sup, phone: fmt.Sprintf("+62812%08d", i), role: role})
		return i
	}
	index := map[string]int{}
	for u := range units {
		index[units[u].code] = u
		if len(ps) == n {
			break
		}
		sup := ""
		if p := units[u].parent; p != "" {
			sup = ps[units[index[p]].head].nip
		}
		role := ""
		if units[u].kind == "dinas" || units[u].kind == "setda" {
			role = "admin"
		}
		units[u].head = add(u, "Kepala", sup, role)
	}
	var heads []int
	for u := range units {
		for k := 0; k < 5 && len(ps) < n && units[u].head < len(ps); k++ {
			heads = append(heads, add(u, "Kepala Seksi", ps[units[u].head].nip, ""))
		}
	}
	for i := 0; len(ps) < n && len(heads) > 0; i++ {
		h := ps[heads[i%len(heads)]]
		add(index[h.unit], "Pelaksana", h.nip, "")
	}
	if chain {
		for i := range ps {
			ps[i].sup = ""
			if i > 0 {
				ps[i].sup = ps[i-1].nip
			}
		}
	}
	return ps
}

// nip is a valid, distinct NIP for i (< about 270 million): birth date,
// TMT month, gender, sequence 001..999.
func nip(i int) string {
	seq, rest := i%999+1, i/999
	gender, rest := rest%2+1, rest/2
	tmt, rest := rest%360, rest/360
	birth := time.Date(1965, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rest)
	return fmt.Sprintf("%s%04d%02d%d%03d", birth.Format("20060102"), 1990+tmt/12, tmt%12+1, gender, seq)
}

func unitRows(us []unit) [][]string {
	rows := make([][]string, len(us))
	for i, u := range us {
		rows[i] = []string{u.code, u.name, u.kind, u.parent, u.zone, "", ""}
	}
	return rows
}

func personRows(ps []person, us []unit) [][]string {
	names := map[string]string{}
	for _, u := range us {
		names[u.code] = u.name
	}
	rows := make([][]string, len(ps))
	for i, p := range ps {
		rows[i] = []string{p.nip, p.name, p.unit, names[p.unit], p.position, p.sup, p.phone, p.role}
	}
	return rows
}

func writeCSV(path string, header []string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	b := bufio.NewWriterSize(f, 1<<20)
	w := csv.NewWriter(b)
	if err := w.Write(header); err != nil {
		return err
	}
	if err := w.WriteAll(rows); err != nil {
		return err
	}
	if err := b.Flush(); err != nil {
		return err
	}
	return f.Close()
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
