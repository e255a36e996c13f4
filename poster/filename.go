package poster

import "fmt"

// FileName is the base name (no extension) of a unit's poster file:
// poster-skm-CODE, with -loketN for a counter and -cepat for the quick
// rating. The CLI's qr and the console's downloads name files alike.
func FileName(code string, counter int, quick bool) string {
	name := "poster-skm-" + code
	if counter > 0 {
		name += fmt.Sprintf("-loket%d", counter)
	}
	if quick {
		name += "-cepat"
	}
	return name
}
