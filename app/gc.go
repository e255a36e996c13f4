package app

import (
	"os"
	"runtime/debug"
)

// serveGCPercent is the garbage collector's pace while serving, unless GOGC
// says otherwise: the heap may grow 75 % over what is live between
// collections instead of 100 %. At 200 users (bench/loadgen) peak RSS was
// 92.5–92.9 MB against 98.3–99.7 MB at the default, for a collector that
// runs a third more often (it was about 3 % of the bot's CPU);
// docs/benchmarks.md has the runs.
const serveGCPercent = 75

// TuneRuntime sets serveGCPercent unless GOGC is set. The commands that
// serve (kinerjabot serve, bench/profbot) call it once at start.
func TuneRuntime() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(serveGCPercent)
	}
}
