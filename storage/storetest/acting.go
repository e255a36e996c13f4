package storetest

import (
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

func actingCases() []testCase {
	return []testCase{
		{"acting: empty, replaced as a whole, emptied", testActingReplace},
		{"acting: swapped only from the list stored", testActingSwap},
		{"acting: racing read-modify-writes lose nothing", testActingSwapRace},
	}
}

func testActingReplace(t *testing.T, s storage.Store) {
	ctx := t.Context()
	mustActing := func(want []storage.Acting) { t.Helper(); mustListActing(t, s, want) }
	mustActing([]storage.Acting{})
	first := []storage.Acting{
		{ActingNIP: "198601012010011001", ForNIP: "197001012000011001", From: "2027-01-04", To: "2027-01-15"},
		{ActingNIP: "198601012010011002", ForNIP: "197001012000011002", From: "2027-02-01", To: "2027-02-01"},
	}
	if err := s.ReplaceActing(ctx, first); err != nil {
		t.Fatalf("ReplaceActing: %v", err)
	}
	mustActing(first)
	if err := s.ReplaceActing(ctx, first[1:]); err != nil {
		t.Fatalf("ReplaceActing: %v", err)
	}
	mustActing(first[1:])
	if err := s.ReplaceActing(ctx, nil); err != nil {
		t.Fatalf("ReplaceActing(nil): %v", err)
	}
	mustActing([]storage.Acting{})
}

func mustListActing(t *testing.T, s storage.Store, want []storage.Acting) {
	t.Helper()
	got, err := s.ListActing(t.Context())
	if err != nil {
		t.Fatalf("ListActing: %v", err)
	}
	if got == nil || !slices.Equal(got, want) {
		t.Fatalf("ListActing = %#v, want %#v", got, want)
	}
}

func testActingSwap(t *testing.T, s storage.Store) {
	ctx := t.Context()
	plt := storage.Acting{ActingNIP: "198601012010011001", ForNIP: "197001012000011001", From: "2027-01-04",
		To: "2027-01-15", Kind: storage.ActingPlt, By: "197001012000011009"}
	plh := storage.Acting{ActingNIP: "198601012010011002", ForNIP: "197001012000011002", From: "2027-02-01", To: "2027-02-01"}
	if err := s.SwapActing(ctx, nil, []storage.Acting{plt}); err != nil {
		t.Fatalf("SwapActing from nothing stored: %v", err)
	}
	mustListActing(t, s, []storage.Acting{plt})
	for name, old := range map[string][]storage.Acting{"empty": nil, "stale": {plh}, "longer": {plt, plh}} {
		if err := s.SwapActing(ctx, old, []storage.Acting{plh}); !errors.Is(err, storage.ErrConflict) {
			t.Fatalf("SwapActing from a %s list: %v, want ErrConflict", name, err)
		}
	}
	mustListActing(t, s, []storage.Acting{plt})
	if err := s.SwapActing(ctx, []storage.Acting{plt}, []storage.Acting{plt, plh}); err != nil {
		t.Fatalf("SwapActing from the stored list: %v", err)
	}
	mustListActing(t, s, []storage.Acting{plt, plh})
	if err := s.ReplaceActing(ctx, nil); err != nil {
		t.Fatalf("ReplaceActing(nil): %v", err)
	}
	if err := s.SwapActing(ctx, []storage.Acting{}, []storage.Acting{plh}); err != nil {
		t.Fatalf("SwapActing from an emptied list: %v", err)
	}
	mustListActing(t, s, []storage.Acting{plh})
}

// testActingSwapRace has several writers each add their own assignment by
// reading the list and swapping it, again on ErrConflict: every one is kept.
func testActingSwapRace(t *testing.T, s storage.Store) {
	const workers = 6
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Go(func() {
			a := storage.Acting{ActingNIP: nip(10 + w), ForNIP: nip(20 + w), From: "2027-03-01", To: "2027-03-31"}
			errs <- addActing(t, s, a)
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.ListActing(t.Context())
	if err != nil || len(got) != workers {
		t.Fatalf("ListActing after racing adds = %d entries, %v; want %d", len(got), err, workers)
	}
}

// addActing appends a to the list by read and swap, retrying on conflict.
func addActing(t *testing.T, s storage.Store, a storage.Acting) error {
	for range 200 {
		old, err := s.ListActing(t.Context())
		if err != nil {
			return err
		}
		err = s.SwapActing(t.Context(), old, append(slices.Clip(old), a))
		if !errors.Is(err, storage.ErrConflict) {
			return err
		}
	}
	return fmt.Errorf("adding %s: still conflicting after 200 tries", a.ActingNIP)
}
