package mongo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"
	"testing"

	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/auth"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"

	"github.com/kinerjabot/kinerjabot/storage"
)

func TestMapErr(t *testing.T) {
	const phone = "+6281234500001"
	dup := mongodrv.WriteException{WriteErrors: mongodrv.WriteErrors{{
		Code: 11000, Message: `E11000 duplicate key error collection: k.employees index: phone_unique dup key: { phone: "` + phone + `" }`,
	}}}
	network := mongodrv.CommandError{Code: 6, Message: "connection reset", Labels: []string{"NetworkError"}}
	cases := []struct {
		name string
		err  error
		want error // nil: none of the sentinels
	}{
		{"no documents", mongodrv.ErrNoDocuments, storage.ErrNotFound},
		{"duplicate key", dup, storage.ErrConflict},
		{"wrapped duplicate key", fmt.Errorf("update: %w", dup), storage.ErrConflict},
		{"network", network, storage.ErrUnavailable},
		{"deadline", context.DeadlineExceeded, storage.ErrUnavailable},
		{"server selection", topology.ServerSelectionError{Wrapped: errors.New("no primary")}, storage.ErrUnavailable},
		{"disconnected", mongodrv.ErrClientDisconnected, storage.ErrUnavailable},
		{"cancelled", context.Canceled, context.Canceled},
		{"already mapped", fmt.Errorf("x: %w", storage.ErrNotFound), storage.ErrNotFound},
		{"other", mongodrv.CommandError{Code: 2, Message: "bad value"}, nil},
	}
	cases = append(cases, failoverCases()...)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := mapErr(c.err)
			if c.want != nil && !errors.Is(got, c.want) {
				t.Fatalf("mapErr = %v, want errors.Is(%v)", got, c.want)
			}
			for _, s := range []error{storage.ErrNotFound, storage.ErrConflict, storage.ErrUnavailable} {
				if s != c.want && errors.Is(got, s) {
					t.Errorf("mapErr = %v, unexpectedly %v", got, s)
				}
			}
			if strings.Contains(got.Error(), phone) {
				t.Errorf("mapErr = %q quotes the phone number", got)
			}
			checkNoDriverError(t, got)
		})
	}
	if mapErr(nil) != nil {
		t.Error("mapErr(nil) != nil")
	}
}

// failoverCases are the errors a replica set's election, a restart or a
// broken connection produce, built as the driver builds them, and their
// neighbours that no retry mends.
func failoverCases() []struct {
	name string
	err  error
	want error
} {
	code := func(c int32, name string) error {
		return mongodrv.CommandError{Code: c, Name: name, Message: name}
	}
	wce := func(c int, name string) error {
		return mongodrv.WriteException{WriteConcernError: &mongodrv.WriteConcernError{Code: c, Name: name, Message: name}}
	}
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	return []struct {
		name string
		err  error
		want error
	}{
		{"not writable primary", code(10107, "NotWritablePrimary"), storage.ErrUnavailable},
		{"not primary, no secondaryOk", code(13435, "NotPrimaryNoSecondaryOk"), storage.ErrUnavailable},
		{"not primary or secondary", code(13436, "NotPrimaryOrSecondary"), storage.ErrUnavailable},
		{"interrupted at shutdown", code(11600, "InterruptedAtShutdown"), storage.ErrUnavailable},
		{"interrupted by a state change", code(11602, "InterruptedDueToReplStateChange"), storage.ErrUnavailable},
		{"primary stepped down", code(189, "PrimarySteppedDown"), storage.ErrUnavailable},
		{"shutdown in progress", code(91, "ShutdownInProgress"), storage.ErrUnavailable},
		{"max time expired", code(50, "MaxTimeMSExpired"), storage.ErrUnavailable},
		{"write concern not met in time", wce(64, "WriteConcernFailed"), storage.ErrUnavailable},
		{"stepdown in a write's write concern", wce(189, "PrimarySteppedDown"), storage.ErrUnavailable},
		{"write concern the set can never meet", wce(100, "UnsatisfiableWriteConcern"), nil},
		{"retryable write label, no code",
			mongodrv.CommandError{Message: "retry", Labels: []string{"RetryableWriteError"}}, storage.ErrUnavailable},
		{"pool cleared", mongodrv.CommandError{
			Message: "connection pool for db0:27017 was cleared because another operation failed with: connection reset",
			Labels:  []string{"TransientTransactionError"}}, storage.ErrUnavailable},
		{"write exception labelled", mongodrv.WriteException{Labels: []string{"RetryableWriteError"},
			WriteConcernError: &mongodrv.WriteConcernError{Code: 91}}, storage.ErrUnavailable},
		{"refused dial", topology.ConnectionError{Wrapped: refused}, storage.ErrUnavailable},
		{"refused dial, wrapped", fmt.Errorf("find: %w", topology.ConnectionError{Wrapped: refused}), storage.ErrUnavailable},
		{"credentials refused", topology.ConnectionError{Wrapped: &auth.Error{}}, nil},
		{"index options conflict", code(85, "IndexOptionsConflict"), nil},
		{"bad value with a write error", mongodrv.WriteException{WriteErrors: mongodrv.WriteErrors{{Code: 2}}}, nil},
	}
}

// checkNoDriverError fails when a driver error value is reachable from err.
func checkNoDriverError(t *testing.T, err error) {
	t.Helper()
	var (
		ce  mongodrv.CommandError
		we  mongodrv.WriteException
		sel topology.ServerSelectionError
	)
	if errors.As(err, &ce) || errors.As(err, &we) || errors.As(err, &sel) ||
		errors.Is(err, mongodrv.ErrNoDocuments) || errors.Is(err, mongodrv.ErrClientDisconnected) {
		t.Errorf("mapErr = %v lets a driver error out", err)
	}
}
