package importer

import "strings"

// Timezones are the IANA names a unit may have, west to east.
var Timezones = []string{"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"}

// timezoneAliases maps a lower-case zone name or Indonesian abbreviation to
// its IANA name.
var timezoneAliases = map[string]string{
	"asia/jakarta": "Asia/Jakarta", "wib": "Asia/Jakarta",
	"asia/makassar": "Asia/Makassar", "wita": "Asia/Makassar",
	"asia/jayapura": "Asia/Jayapura", "wit": "Asia/Jayapura",
}

// NormalizeTimezone returns the IANA name of an Indonesian time zone given
// as an IANA name (any case) or as WIB, WITA or WIT.
func NormalizeTimezone(s string) (string, bool) {
	tz, ok := timezoneAliases[strings.ToLower(strings.TrimSpace(s))]
	return tz, ok
}
