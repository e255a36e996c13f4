package retention

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/conversation/redistest"
)

// The last run's report goes through Redis whole, as any replica reads it.
func TestLastRoundTrip(t *testing.T) {
	rdb := redistest.New(t)
	if _, err := Last(t.Context(), rdb, rdb.Prefix); !errors.Is(err, ErrNoRun) {
		t.Fatalf("before any run: %v, want ErrNoRun", err)
	}
	want := Report{Day: "2026-12-07", At: time.Date(2026, 12, 6, 19, 31, 0, 0, time.UTC),
		Deleted: map[Kind]int{Evidence: 3, LinkCode: 1}, More: true, DraftsScannedTo: time.Date(2026, 11, 29, 19, 30, 0, 0, time.UTC)}
	if err := save(t.Context(), rdb, rdb.Prefix, want); err != nil {
		t.Fatal(err)
	}
	got, err := Last(t.Context(), rdb, rdb.Prefix)
	if err != nil {
		t.Fatal(err)
	}
	if got.Day != want.Day || !got.At.Equal(want.At) || !got.More || !got.DraftsScannedTo.Equal(want.DraftsScannedTo) || got.Total() != 4 {
		t.Errorf("Last = %+v, want %+v", got, want)
	}
	wantCounts := []Count{{Evidence, 3}, {DraftPhoto, 0}, {SurveyChat, 0}, {LinkCode, 1}}
	if c := got.Counts(); !slices.Equal(c, wantCounts) {
		t.Errorf("Counts = %v, want %v", c, wantCounts)
	}
}
