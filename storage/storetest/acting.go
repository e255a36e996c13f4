package storetest

import (
	"slices"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

func actingCases() []testCase {
	return []testCase{
		{"acting: empty, replaced as a whole, emptied", testActingReplace},
	}
}

func testActingReplace(t *testing.T, s storage.Store) {
	ctx := t.Context()
	mustActing := func(want []storage.Acting) {
		t.Helper()
		got, err := s.ListActing(ctx)
		if err != nil {
			t.Fatalf("ListActing: %v", err)
		}
		if got == nil || !slices.Equal(got, want) {
			t.Fatalf("ListActing = %#v, want %#v", got, want)
		}
	}
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
