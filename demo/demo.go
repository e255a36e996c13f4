// Package demo is the demo roster the web playground starts with: a
// Puskesmas and a Kelurahan in Samarinda (WITA), their staff, the
// supervisors they report to and an admin of the Dinas Kesehatan, each with
// a phone number, and a citizen ("Warga") for the survey.
//
// The demo is seeded only into an empty store, through the same roster
// import as a real one (units.csv and roster.csv here, in the format of
// examples/). A real roster replaces it: once the store holds anyone who is
// not in the demo roster (after `kinerjabot import-roster`), the demo people
// are deactivated, their phone numbers released and their playground
// accounts unlinked; the demo units stay, as units are never deleted.
//
// The package holds data and the rules above, not the playground: People
// and Warga are plain values that the wiring turns into playground panes.
package demo

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/importer"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Zone is the demo units' time zone (WITA): the playground's clock jumps
// and times are read in it.
const Zone = "Asia/Makassar"

var (
	//go:embed units.csv
	unitsCSV []byte
	//go:embed roster.csv
	rosterCSV []byte
)

// Store is what the demo reads and writes: the roster import's methods
// (seeding goes through it) and unlinking playground accounts.
// storage.Store is one.
type Store interface {
	importer.RosterStore
	UnlinkAccount(ctx context.Context, nip, platform string) error
	EvaluationStore
}

// RosterReader is what People reads.
type RosterReader interface {
	EmployeesByNIP(ctx context.Context, nips []string) ([]storage.Employee, error)
}

var _ Store = storage.Store(nil)

// Person is one pane of the playground: a demo person, or the Warga. The
// wiring turns it into the playground's own type.
type Person struct {
	ID    string
	Name  string
	Title string // "Perawat · Puskesmas Sempaja"
	// Role colours the pane: "pegawai", "atasan", "admin" or "warga".
	Role  string
	Phone string
	// Location is the point "share location" sends: near the person's unit.
	Location *bot.Location
	// Shortcuts are texts one press sends (a survey QR code's /start link).
	Shortcuts []Shortcut
	// Hidden panes start closed.
	Hidden bool
}

// Shortcut is a button of a pane that sends Text.
type Shortcut struct {
	Label string
	Text  string
}

// member is a person of the demo as a playground pane shows them; name and
// phone come from the store, as imported from roster.csv.
type member struct {
	id, nip, role, title string
	hidden               bool
	at                   bot.Location
}

// Demo points near each unit, for "share location".
var (
	nearPuskesmas = bot.Location{Latitude: -0.44781, Longitude: 117.16043}
	nearKelurahan = bot.Location{Latitude: -0.45983, Longitude: 117.15712}
	nearDinas     = bot.Location{Latitude: -0.49551, Longitude: 117.14362}
)

// AdminNIP is the demo admin's NIP: an admin of the Dinas Kesehatan, a
// root unit, so a super-admin in the web console (the playground's home
// page opens the console as her).
const AdminNIP = "198801272011012005"

// cast is the demo roster in pane order.
var cast = []member{
	{id: "rizal", nip: "199607142020121003", role: "pegawai", title: "Perawat · Puskesmas Sempaja", at: nearPuskesmas},
	{id: "maya", nip: "198003122006042009", role: "atasan", title: "Kepala Puskesmas Sempaja", at: nearPuskesmas},
	{id: "dewi", nip: "199702212022032006", role: "pegawai", title: "Bidan · Puskesmas Sempaja", at: nearPuskesmas, hidden: true},
	{id: "siti", nip: "199204102019032012", role: "pegawai", title: "Staf · Kelurahan Sempaja Selatan", at: nearKelurahan, hidden: true},
	{id: "hendra", nip: "198509052009121004", role: "atasan", title: "Lurah Sempaja Selatan", at: nearKelurahan, hidden: true},
	{id: "yuliana", nip: AdminNIP, role: "admin", title: "Admin OPD · Dinas Kesehatan", at: nearDinas},
}

// Warga is the citizen's pane: not on the roster, so its contact is
// refused, and its shortcuts open the survey as a unit's QR code would.
var Warga = Person{
	ID: "warga", Name: "Warga", Title: "Pengunjung layanan", Role: "warga", Phone: "+6281350007788",
	Location: &nearPuskesmas,
	Shortcuts: []Shortcut{
		{Label: "📷 QR Puskesmas (loket 1)", Text: "/start skm_PKM-SEMPAJA_1"},
		{Label: "📷 QR Kelurahan", Text: "/start skm_KEL-SEMPAJA-SEL"},
		{Label: "⭐ Survei cepat", Text: "/start skm_KEL-SEMPAJA-SEL_cepat"},
	},
}

// isDemo reports whether nip is a demo person's.
func isDemo(nip string) bool {
	for _, m := range cast {
		if m.nip == nip {
			return true
		}
	}
	return false
}

// Seed imports the demo units and roster when the store holds no unit and no
// employee, and reports whether it did.
func Seed(ctx context.Context, st Store) (bool, error) {
	units, err := st.ListUnits(ctx)
	if err != nil {
		return false, fmt.Errorf("demo: list units: %w", err)
	}
	emps, err := st.FindEmployees(ctx, storage.EmployeeQuery{Limit: 1})
	if err != nil {
		return false, fmt.Errorf("demo: find employees: %w", err)
	}
	if len(units) > 0 || len(emps) > 0 {
		return false, nil
	}
	return true, load(ctx, st)
}

// load imports units.csv and roster.csv, all or nothing.
func load(ctx context.Context, st importer.RosterStore) error {
	o := importer.Options{DefaultTimezone: Zone}
	rep, err := importer.ImportUnits(ctx, st, bytes.NewReader(unitsCSV), o)
	if err == nil && !rep.OK() {
		err = fmt.Errorf("%d unit rows refused", len(rep.Refused))
	}
	if err != nil {
		return fmt.Errorf("demo: import units: %w", err)
	}
	rep, err = importer.ImportRoster(ctx, st, bytes.NewReader(rosterCSV), o)
	if err == nil && !rep.OK() {
		err = fmt.Errorf("%d roster rows refused", len(rep.Refused))
	}
	if err != nil {
		return fmt.Errorf("demo: import roster: %w", err)
	}
	return nil
}

// People lists the playground's panes: the demo people still active in the
// store, then the Warga. After a real roster replaced the demo, only the
// Warga is left: the playground never vouches for a real person's phone.
func People(ctx context.Context, st RosterReader) ([]Person, error) {
	emps, err := castEmployees(ctx, st)
	if err != nil {
		return nil, err
	}
	byNIP := make(map[string]storage.Employee, len(emps))
	for _, e := range emps {
		byNIP[e.NIP] = e
	}
	var out []Person
	for _, m := range cast {
		e, ok := byNIP[m.nip]
		if !ok || !e.Active || e.Phone == "" {
			continue
		}
		at := m.at
		out = append(out, Person{
			ID: m.id, Name: e.Name, Title: m.title, Role: m.role, Phone: e.Phone, Location: &at, Hidden: m.hidden,
		})
	}
	return append(out, Warga), nil
}

// castEmployees reads the demo people on file.
func castEmployees(ctx context.Context, st RosterReader) ([]storage.Employee, error) {
	nips := make([]string, len(cast))
	for i, m := range cast {
		nips[i] = m.nip
	}
	emps, err := st.EmployeesByNIP(ctx, nips)
	if err != nil {
		return nil, fmt.Errorf("demo: employees by nip: %w", err)
	}
	return emps, nil
}

// Replaced reports whether the store holds anyone who is not in the demo
// roster: a real roster was imported. It reads one short page: among the
// first len(cast)+1 people by NIP, someone is not in the demo when anyone
// is not.
func Replaced(ctx context.Context, st Store) (bool, error) {
	emps, err := st.FindEmployees(ctx, storage.EmployeeQuery{Limit: len(cast) + 1})
	if err != nil {
		return false, fmt.Errorf("demo: find employees: %w", err)
	}
	for _, e := range emps {
		if !isDemo(e.NIP) {
			return true, nil
		}
	}
	return false, nil
}

// RetireIfReplaced deactivates the demo people once a real roster is in the
// store: inactive, without a phone (so a real person may hold the number),
// and without a playground account. It returns how many it retired; a
// second call retires none.
func RetireIfReplaced(ctx context.Context, st Store) (int, error) {
	if replaced, err := Replaced(ctx, st); err != nil || !replaced {
		return 0, err
	}
	emps, err := castEmployees(ctx, st)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range emps {
		if !isDemo(e.NIP) || (!e.Active && e.Phone == "" && !linked(e)) {
			continue
		}
		e.Active, e.Phone = false, ""
		if err := st.UpsertEmployee(ctx, e); err != nil {
			return n, fmt.Errorf("demo: retire: %w", err)
		}
		if err := st.UnlinkAccount(ctx, e.NIP, string(bot.Playground)); err != nil {
			return n, fmt.Errorf("demo: retire: %w", err)
		}
		n++
	}
	return n, nil
}

func linked(e storage.Employee) bool {
	_, ok := e.Accounts[string(bot.Playground)]
	return ok
}

// Reset is the playground's "reset demo" for the store: every playground
// account is unlinked (each pane must register again) and, unless a real
// roster replaced it, the demo units and roster are imported again, undoing
// changes to them. Reports stay on file: the store deletes nothing.
func Reset(ctx context.Context, st Store) error {
	err := storage.EachEmployee(ctx, st, storage.EmployeeQuery{}, func(page []storage.Employee) error {
		for _, e := range page {
			if !linked(e) {
				continue
			}
			if err := st.UnlinkAccount(ctx, e.NIP, string(bot.Playground)); err != nil {
				return fmt.Errorf("demo: unlink playground account: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if replaced, err := Replaced(ctx, st); err != nil || replaced {
		return err
	}
	return load(ctx, st)
}
