package mongo

import (
	"context"
	"testing"
	"time"

	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
)

func TestRetryRead(t *testing.T) {
	stepdown := mongodrv.CommandError{Code: 11602, Name: "InterruptedDueToReplStateChange"}
	bad := mongodrv.CommandError{Code: 2, Name: "BadValue"}
	cases := []struct {
		name   string
		errs   []error // what each attempt returns; nil past the end
		budget time.Duration
		calls  int
		want   error
	}{
		{"an election, then the new primary", []error{stepdown, stepdown}, time.Second, 3, nil},
		{"a wrong query is not tried again", []error{bad}, time.Second, 1, bad},
		{"past the budget the outage is returned", []error{stepdown, stepdown, stepdown, stepdown}, 250 * time.Millisecond, 2, stepdown},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			calls := 0
			err := retryWithin(t.Context(), c.budget, func() error {
				calls++
				if calls <= len(c.errs) {
					return c.errs[calls-1]
				}
				return nil
			})
			if calls != c.calls || (err == nil) != (c.want == nil) || err != nil && err.Error() != c.want.Error() {
				t.Errorf("%d calls, %v; want %d, %v", calls, err, c.calls, c.want)
			}
		})
	}
}

func TestRetryReadStopsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	calls := 0
	done := make(chan error, 1)
	go func() {
		done <- retryWithin(ctx, time.Hour, func() error {
			calls++
			cancel()
			return mongodrv.CommandError{Code: 10107, Name: "NotWritablePrimary"}
		})
	}()
	select {
	case err := <-done:
		if calls != 1 || !unavailable(err) {
			t.Errorf("%d calls, %v; want one, unavailable", calls, err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("retryRead kept going after its context ended")
	}
}
