package storetest

import (
	"bytes"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

func secretCases() []testCase {
	return []testCase{
		{"survey key: the first candidate is kept", testSurveyKeyKept},
		{"survey key: an empty candidate is ErrInvalid", func(t *testing.T, s storage.Store) {
			if _, err := s.SurveyKey(t.Context(), nil); !errors.Is(err, storage.ErrInvalid) {
				t.Fatalf("SurveyKey(nil) = %v, want ErrInvalid", err)
			}
			mustSurveyKey(t, s, "first-key", "first-key") // nothing was stored
		}},
		{"survey key: racing candidates agree on one", testSurveyKeyRace},
	}
}

func testSurveyKeyKept(t *testing.T, s storage.Store) {
	mustSurveyKey(t, s, "first-key-0123456789", "first-key-0123456789")
	mustSurveyKey(t, s, "second-key-0123456789", "first-key-0123456789")
	mustSurveyKey(t, s, "first-key-0123456789", "first-key-0123456789")
}

// testSurveyKeyRace: replicas starting together each offer their own key;
// all of them get the same one, one of those offered.
func testSurveyKeyRace(t *testing.T, s storage.Store) {
	const workers = 8
	got := make([][]byte, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { got[w], errs[w] = s.SurveyKey(t.Context(), fmt.Appendf(nil, "candidate-%d", w)) })
	}
	wg.Wait()
	for w := range workers {
		if errs[w] != nil {
			t.Fatalf("worker %d: %v", w, errs[w])
		}
		if !bytes.Equal(got[w], got[0]) {
			t.Fatalf("worker %d got %q, worker 0 %q", w, got[w], got[0])
		}
	}
	if !bytes.HasPrefix(got[0], []byte("candidate-")) {
		t.Fatalf("the key %q is none of the candidates", got[0])
	}
	mustSurveyKey(t, s, "late", string(got[0]))
}

func mustSurveyKey(t *testing.T, s storage.Store, candidate, want string) {
	t.Helper()
	got, err := s.SurveyKey(t.Context(), []byte(candidate))
	if err != nil {
		t.Fatalf("SurveyKey(%q): %v", candidate, err)
	}
	if string(got) != want {
		t.Fatalf("SurveyKey(%q) = %q, want %q", candidate, got, want)
	}
}
