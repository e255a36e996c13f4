package importer

import "slices"

// Headers of the files: their columns by the importer's names, in the
// order of the fields the row parsers read. A file may give them in any
// order and under the other names of the importer's layout (aliases).
var (
	RosterHeader = []string{"nip", "name", "unit_code", "unit_name", "position", "supervisor_nip", "phone", "role"}
	// RosterOptionalHeader are the columns a roster may add: the person's
	// status (aktif, nonaktif, pensiun, mutasi-keluar; see ParseStatus).
	RosterOptionalHeader = []string{"status"}
	UnitsHeader          = []string{"code", "name", "type", "parent_code", "timezone", "latitude", "longitude"}
	// UnitsOptionalHeader are the columns a units file may add: any of
	// them, each once.
	UnitsOptionalHeader = []string{"service_users", "counters", "quick_survey", "monthly_target_minutes", "approval_sla_days",
		"remind_staff_at", "remind_supervisor_at", "evaluation_period"}
)

// cellKind is what a column holds, for the cells a spreadsheet stores as
// numbers.
type cellKind int

const (
	cellText  cellKind = iota
	cellNIP            // 18 digits: refused when stored as a number
	cellDate           // a date: a serial number becomes YYYY-MM-DD
	cellClock          // a time of day: a fraction of a day becomes HH:MM
	cellPhone          // a mobile number: a number cell lost its leading 0
)

// layout is the columns of one kind of file.
type layout struct {
	header   []string // the columns, in field order
	optional []string // columns the file may add
	// blank are columns of header the file may lack: their fields are
	// empty (see the importer for what that means).
	blank []string
	// aliases are the other names of each column, as personnel exports
	// (SIMPEG, SIASN) and people write them; case, spaces, underscores
	// and punctuation are ignored. Each column also answers to its own
	// name.
	aliases map[string][]string
	kinds   map[string]cellKind
	// names are the normalised names and aliases, to their column.
	names map[string]string
}

// newLayout fills a layout's names.
func newLayout(lay layout) layout {
	lay.names = map[string]string{}
	for _, c := range slices.Concat(lay.header, lay.optional) {
		lay.names[normalizeHeader(c)] = c
		for _, a := range lay.aliases[c] {
			lay.names[normalizeHeader(a)] = c
		}
	}
	return lay
}

// required are the columns the file must have.
func (lay layout) required() []string {
	var req []string
	for _, c := range lay.header {
		if !slices.Contains(lay.blank, c) {
			req = append(req, c)
		}
	}
	return req
}

// nipAliases are the names of a person's NIP column.
var nipAliases = []string{"nip baru", "nip pegawai", "nip asn", "nomor induk pegawai", "nip 18 digit"}

// The layouts of the five files. The README lists the aliases.
var (
	rosterLayout = newLayout(layout{
		header: RosterHeader, optional: RosterOptionalHeader,
		// A personnel export has no role: the stored one is kept (staff
		// for a new person); nor unit names: units must exist.
		blank: []string{"unit_name", "role"},
		aliases: map[string][]string{
			"nip":            nipAliases,
			"name":           {"nama", "nama pegawai", "nama lengkap", "nama asn"},
			"unit_code":      {"unit", "unor", "unit kerja", "kode unit", "kode unor", "unor id", "id unor", "kode unit kerja"},
			"unit_name":      {"nama unit", "nama unor", "unor nama", "nama unit kerja"},
			"position":       {"jabatan", "nama jabatan", "jabatan nama"},
			"supervisor_nip": {"nip atasan", "nip atasan langsung", "atasan nip"},
			"phone": {"hp", "no hp", "nomor hp", "no handphone", "nomor handphone", "no wa", "nomor wa", "whatsapp",
				"no telp", "no telepon", "nomor telepon", "telepon", "telp"},
			"role":   {"peran"},
			"status": {"status aktif", "keaktifan"},
		},
		kinds: map[string]cellKind{"nip": cellNIP, "supervisor_nip": cellNIP, "phone": cellPhone},
	})
	unitsLayout = newLayout(layout{
		header: UnitsHeader, optional: UnitsOptionalHeader,
		aliases: map[string][]string{
			"code":                   {"kode", "kode unit", "kode unor", "unor id", "id unor"},
			"name":                   {"nama", "nama unit", "nama unor", "unor nama", "unit kerja"},
			"type":                   {"jenis", "jenis unit", "tipe"},
			"parent_code":            {"induk", "kode induk", "kode unit induk", "kode unor induk", "unor induk", "parent"},
			"timezone":               {"zona waktu", "zona", "tz"},
			"latitude":               {"lat", "lintang"},
			"longitude":              {"lon", "long", "lng", "bujur"},
			"service_users":          {"pengguna layanan", "jumlah pengguna layanan"},
			"counters":               {"loket", "jumlah loket"},
			"quick_survey":           {"survei cepat"},
			"monthly_target_minutes": {"target menit bulanan", "target bulanan"},
			"approval_sla_days":      {"batas hari persetujuan", "sla persetujuan"},
			"remind_staff_at":        {"jam pengingat pegawai"},
			"remind_supervisor_at":   {"jam pengingat atasan"},
		},
		kinds: map[string]cellKind{"remind_staff_at": cellClock, "remind_supervisor_at": cellClock},
	})
	skpLayout = newLayout(layout{
		header: SKPHeader,
		aliases: map[string][]string{
			"nip":       nipAliases,
			"period":    {"periode", "tahun"},
			"kind":      {"jenis", "jenis rhk"},
			"rhk":       {"rencana hasil kerja"},
			"indikator": {"indikator kinerja", "indikator kinerja individu", "iki"},
			"target":    {"target kinerja"},
			"satuan":    {"satuan target"},
		},
		kinds: map[string]cellKind{"nip": cellNIP},
	})
	holidaysLayout = newLayout(layout{
		header: HolidaysHeader, optional: HolidaysOptionalHeader,
		aliases: map[string][]string{
			"date":  {"tanggal", "tgl", "tanggal libur"},
			"name":  {"nama", "keterangan", "nama libur", "uraian"},
			"units": {"unit", "unit kerja", "berlaku untuk", "kode unit"},
		},
		kinds: map[string]cellKind{"date": cellDate},
	})
	actingLayout = newLayout(layout{
		header: ActingHeader,
		aliases: map[string][]string{
			"nip_acting": {"nip plt", "nip plh", "nip pelaksana", "nip pelaksana tugas"},
			"nip_for":    {"nip definitif", "nip pejabat", "nip pejabat definitif", "nip yang digantikan"},
			"from":       {"dari", "mulai", "tanggal mulai", "tgl mulai", "dari tanggal", "tmt"},
			"to":         {"sampai", "hingga", "selesai", "tanggal selesai", "tgl selesai", "sampai tanggal"},
		},
		kinds: map[string]cellKind{"nip_acting": cellNIP, "nip_for": cellNIP, "from": cellDate, "to": cellDate},
	})
)
