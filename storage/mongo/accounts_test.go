package mongo

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

func TestLinkedAccountStartsUnseen(t *testing.T) {
	linked := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, seen := range []time.Time{{}, linked.Add(time.Hour)} {
		doc, err := linkedAccount(storage.Account{UserID: "42", ChatID: "42", LinkedAt: linked, LastSeenAt: seen})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range doc {
			names = append(names, e.Key)
		}
		if got := strings.Join(names, ","); got != "user_id,chat_id,linked_at" {
			t.Errorf("LastSeenAt %v: account document has %s, want no last_seen_at", seen, got)
		}
	}
}

// What the comment on linkedAccount says of the driver: omitempty leaves a
// zero time out.
func TestZeroLastSeenIsOmitted(t *testing.T) {
	if _, ok := asDoc(t, storage.Account{UserID: "42"})[lastSeenKey]; ok {
		t.Error("a zero LastSeenAt is encoded")
	}
	if _, ok := asDoc(t, storage.Account{UserID: "42", LastSeenAt: time.Now()})[lastSeenKey]; !ok {
		t.Error("a set LastSeenAt is not encoded")
	}
}

func TestRetryConflict(t *testing.T) {
	other := errors.New("other")
	cases := []struct {
		name      string
		results   []error // what do returns, call by call
		wantErr   error
		wantCalls int
	}{
		{"success at once", []error{nil}, nil, 1},
		{"success after conflicts", []error{storage.ErrConflict, fmt.Errorf("w: %w", storage.ErrConflict), nil}, nil, 3},
		{"conflict every time", []error{storage.ErrConflict, storage.ErrConflict, storage.ErrConflict}, storage.ErrConflict, 3},
		{"other error stops", []error{storage.ErrConflict, other}, other, 2},
		{"not found stops", []error{storage.ErrNotFound}, storage.ErrNotFound, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			calls := 0
			err := retryConflict(3, func() error {
				calls++
				if calls > len(c.results) {
					t.Fatalf("call %d beyond the scripted %d", calls, len(c.results))
				}
				return c.results[calls-1]
			})
			if !errors.Is(err, c.wantErr) || (c.wantErr == nil && err != nil) {
				t.Errorf("err = %v, want %v", err, c.wantErr)
			}
			if calls != c.wantCalls {
				t.Errorf("calls = %d, want %d", calls, c.wantCalls)
			}
		})
	}
}
