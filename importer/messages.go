package importer

// The message catalogue of this package: one table per language (false:
// Bahasa Indonesia, true: English). Placeholders: {v} the value, {want} the expected value, {lines}
// other lines, {cause} the ident error's message.

var reasonMessages = map[bool]map[Code]string{
	false: {
		CodeColumns:            "jumlah kolom {v}, seharusnya {want}",
		CodeNameEmpty:          "nama kosong",
		CodeNIP:                "NIP tidak valid: {cause}",
		CodeNIPDuplicate:       "NIP yang sama juga ada di baris {lines}",
		CodeUnitCodeEmpty:      "kode unit kosong",
		CodeUnitUnknown:        "unit {v} belum terdaftar dan unit_name kosong; isi unit_name atau impor unit lebih dulu",
		CodeUnitNameConflict:   "unit baru {v} diberi nama lain di baris {lines}",
		CodePhone:              "nomor HP tidak valid: {cause}",
		CodePhoneDuplicate:     "nomor HP yang sama juga ada di baris {lines}",
		CodePhoneTaken:         "nomor HP sudah terdaftar untuk pegawai lain (NIP {v})",
		CodePhoneHolderRefused: "nomor HP masih terdaftar untuk NIP {v}, dan baris yang mengganti nomornya (baris {lines}) ditolak",
		CodePhoneOrder:         "nomor HP masih terdaftar untuk NIP {v} (baris {lines}) yang juga menunggu baris ini (nomor ditukar); kosongkan salah satu nomor, impor, lalu isi lagi",
		CodeSupervisorNIP:      "NIP atasan tidak valid: {cause}",
		CodeSupervisorSelf:     "atasan tidak boleh dirinya sendiri",
		CodeSupervisorUnknown:  "atasan (NIP {v}) tidak ada di berkas maupun di data pegawai",
		CodeSupervisorCycle:    "rantai atasan melingkar: {v}",
		CodeSupervisorRefused:  "baris atasannya (baris {lines}) ditolak",
		CodeRole:               "peran \"{v}\" tidak dikenal; kosongkan atau isi admin",
		CodeUnitDuplicate:      "kode unit yang sama juga ada di baris {lines}",
		CodeTimezoneEmpty:      "zona waktu kosong; isi Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT)",
		CodeTimezone:           "zona waktu \"{v}\" tidak dikenal; isi Asia/Jakarta (WIB), Asia/Makassar (WITA) atau Asia/Jayapura (WIT)",
		CodeCoordinatesPair:    "latitude dan longitude harus diisi keduanya atau dikosongkan keduanya",
		CodeLatitude:           "latitude \"{v}\" tidak valid (angka -90 sampai 90)",
		CodeLongitude:          "longitude \"{v}\" tidak valid (angka -180 sampai 180)",
		CodeParentSelf:         "unit induk tidak boleh unit itu sendiri",
		CodeParentUnknown:      "unit induk {v} tidak ada di berkas maupun di data unit",
		CodeParentCycle:        "rantai unit induk melingkar: {v}",
		CodeParentRefused:      "baris unit induknya (baris {lines}) ditolak",
		CodeServiceUsers:       "service_users \"{v}\" tidak valid (bilangan bulat 0 atau lebih, tanpa titik; kosongkan bila tidak diketahui)",
		CodeCounters:           "counters \"{v}\" tidak valid (bilangan bulat 0 sampai 50)",
		CodeQuickSurvey:        "quick_survey \"{v}\" tidak dikenal; isi ya atau tidak (atau kosongkan)",
		CodeEmployeeUnknown:    "NIP {v} tidak ada di data pegawai; impor roster lebih dulu",
		CodeEmployeeActive:     "pegawai NIP {v} tidak aktif",
		CodePeriod:             "periode \"{v}\" tidak valid; tulis tahun (2026), triwulan (2026-Q4) atau bulan (2026-11)",
		CodeSKPKind:            "jenis \"{v}\" tidak dikenal; isi utama atau tambahan",
		CodeFieldEmpty:         "kolom {v} kosong",
		CodeFieldTooLong:       "kolom {v} terlalu panjang (paling banyak {want} karakter)",
		CodeTargetDuplicate:    "target yang sama (NIP, periode, RHK dan indikator) juga ada di baris {lines}",
	},
	true: {
		CodeColumns:            "{v} columns, expected {want}",
		CodeNameEmpty:          "name is empty",
		CodeNIP:                "invalid NIP: {cause}",
		CodeNIPDuplicate:       "the same NIP is also on line {lines}",
		CodeUnitCodeEmpty:      "unit code is empty",
		CodeUnitUnknown:        "unit {v} is not registered and unit_name is empty; fill in unit_name or import the units first",
		CodeUnitNameConflict:   "new unit {v} has a different name on line {lines}",
		CodePhone:              "invalid phone number: {cause}",
		CodePhoneDuplicate:     "the same phone number is also on line {lines}",
		CodePhoneTaken:         "phone number already registered to another employee (NIP {v})",
		CodePhoneHolderRefused: "phone number still registered to NIP {v}, and the row changing that number (line {lines}) is refused",
		CodePhoneOrder:         "phone number still registered to NIP {v} (line {lines}), who is waiting for this row too (numbers swapped); clear one number, import, then set it again",
		CodeSupervisorNIP:      "invalid supervisor NIP: {cause}",
		CodeSupervisorSelf:     "an employee cannot be their own supervisor",
		CodeSupervisorUnknown:  "supervisor (NIP {v}) is neither in the file nor on the roster",
		CodeSupervisorCycle:    "supervisor cycle: {v}",
		CodeSupervisorRefused:  "the supervisor's row (line {lines}) is refused",
		CodeRole:               "unknown role \"{v}\"; leave it empty or write admin",
		CodeUnitDuplicate:      "the same unit code is also on line {lines}",
		CodeTimezoneEmpty:      "time zone is empty; use Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)",
		CodeTimezone:           "unknown time zone \"{v}\"; use Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT)",
		CodeCoordinatesPair:    "give both latitude and longitude, or neither",
		CodeLatitude:           "invalid latitude \"{v}\" (a number from -90 to 90)",
		CodeLongitude:          "invalid longitude \"{v}\" (a number from -180 to 180)",
		CodeParentSelf:         "a unit cannot be its own parent",
		CodeParentUnknown:      "parent unit {v} is neither in the file nor among the units",
		CodeParentCycle:        "parent unit cycle: {v}",
		CodeParentRefused:      "the parent unit's row (line {lines}) is refused",
		CodeServiceUsers:       "invalid service_users \"{v}\" (a whole number, 0 or more, without separators; leave it empty when unknown)",
		CodeCounters:           "invalid counters \"{v}\" (a whole number from 0 to 50)",
		CodeQuickSurvey:        "unknown quick_survey \"{v}\"; write ya or tidak (yes or no), or leave it empty",
		CodeEmployeeUnknown:    "NIP {v} is not on the roster; import the roster first",
		CodeEmployeeActive:     "the employee with NIP {v} is not active",
		CodePeriod:             "invalid period \"{v}\"; write a year (2026), a quarter (2026-Q4) or a month (2026-11)",
		CodeSKPKind:            "unknown kind \"{v}\"; write utama or tambahan",
		CodeFieldEmpty:         "column {v} is empty",
		CodeFieldTooLong:       "column {v} is too long (at most {want} characters)",
		CodeTargetDuplicate:    "the same target (NIP, period, RHK and indicator) is also on line {lines}",
	},
}

// phraseSet is the report's own wording in one language.
type phraseSet struct {
	kind           map[Kind]string
	keyLabel       map[Kind]string
	summary        string // kind, accepted, refused
	refusedHeading string
	line           string // line number, heading a row
	atLine         string // line number, inside a sentence
	nothingWritten string
	partialWritten string
	counts         string // created, kind, updated
	unitsCreated   string // codes
	failed         string // where, error
	writtenRows    string // lines
	retry          string
	headerWant     string // want, got
	headerEmpty    string // want
	headerSemi     string
	headerOptional string // optional columns, after the required ones
}

var phrases = map[bool]phraseSet{
	false: {
		kind:           map[Kind]string{KindRoster: "pegawai", KindUnits: "unit", KindSKP: "target SKP"},
		keyLabel:       map[Kind]string{KindRoster: "NIP", KindUnits: "unit", KindSKP: "NIP"},
		summary:        "Impor %s: %d baris diterima, %d baris ditolak.",
		refusedHeading: "Baris yang ditolak:",
		line:           "Baris %d",
		atLine:         "baris %d",
		nothingWritten: "Tidak ada data yang disimpan karena ada baris yang ditolak. Perbaiki baris tersebut lalu impor ulang, atau gunakan --partial untuk menyimpan baris yang benar saja.",
		partialWritten: "Hanya baris yang diterima yang disimpan (--partial).",
		counts:         "Tersimpan: %d %s baru, %d diperbarui.",
		unitsCreated:   "Unit baru dari roster (zona waktu bawaan): %s.",
		failed:         "Impor berhenti di %s karena penyimpanan gagal: %v",
		writtenRows:    "Baris yang sudah tersimpan: %s. Baris lain belum disimpan.",
		retry:          "Setelah masalah penyimpanan diatasi, impor ulang berkas yang sama (aman: data diperbarui menurut NIP/kode).",
		headerWant:     "judul kolom berkas harus %s, tertulis %s",
		headerEmpty:    "berkas kosong: baris pertama harus judul kolom %s",
		headerSemi:     " (pisahkan kolom dengan koma, bukan titik koma)",
		headerOptional: " (boleh diikuti kolom %s)",
	},
	true: {
		kind:           map[Kind]string{KindRoster: "employees", KindUnits: "units", KindSKP: "SKP targets"},
		keyLabel:       map[Kind]string{KindRoster: "NIP", KindUnits: "unit", KindSKP: "NIP"},
		summary:        "Import of %s: %d rows accepted, %d rows refused.",
		refusedHeading: "Refused rows:",
		line:           "Line %d",
		atLine:         "line %d",
		nothingWritten: "Nothing was saved because some rows are refused. Fix them and import again, or use --partial to save the good rows only.",
		partialWritten: "Only the accepted rows were saved (--partial).",
		counts:         "Saved: %d new %s, %d updated.",
		unitsCreated:   "New units from the roster (default time zone): %s.",
		failed:         "The import stopped at %s because the store failed: %v",
		writtenRows:    "Rows already saved: %s. The other rows were not saved.",
		retry:          "Once the store problem is fixed, import the same file again (safe: records are updated by NIP/code).",
		headerWant:     "the header must be %s, found %s",
		headerEmpty:    "empty file: the first line must be the header %s",
		headerSemi:     " (separate columns with commas, not semicolons)",
		headerOptional: " (optionally followed by the columns %s)",
	},
}
