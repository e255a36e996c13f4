package main

import (
	"os"
	"runtime/debug"
)

// importMemoryLimit is the soft memory limit of a roster import: a
// province's roster (a million rows) is checked whole in memory (~330 MiB
// at most, a re-import with everyone on file), and with the collector's
// default pace the process would grow to twice what it holds; at the limit
// the collector runs more often instead, keeping the peak RSS near 430 MB
// (see docs/benchmarks.md for the figures).
const importMemoryLimit = 360 << 20

// limitImportMemory sets importMemoryLimit unless GOMEMLIMIT says otherwise.
func limitImportMemory() {
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(importMemoryLimit)
	}
}
