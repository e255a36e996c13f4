package mongo

import (
	"errors"
	"fmt"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

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
