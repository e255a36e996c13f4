package mongo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
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
