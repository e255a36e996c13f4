package app

import (
	"os"
	"runtime/debug"
	"testing"
)

// TuneRuntime sets the serving pace only when GOGC does not.
func TestTuneRuntime(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	t.Setenv("GOGC", "200") // restored, or unset again, at the end
	TuneRuntime()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set: pace %d, want it left at 100", got)
	}
	if err := os.Unsetenv("GOGC"); err != nil {
		t.Fatal(err)
	}
	TuneRuntime()
	if got := debug.SetGCPercent(100); got != serveGCPercent {
		t.Errorf("without GOGC: pace %d, want %d", got, serveGCPercent)
	}
}
