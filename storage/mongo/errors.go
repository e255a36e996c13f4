package mongo

import (
	"context"
	"errors"
	"fmt"

	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/auth"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"

	"github.com/kinerjabot/kinerjabot/storage"
)

// mapErr turns a driver error into a storage sentinel. Driver error values
// never leave the package: others keep only their text.
func mapErr(err error) error {
	switch {
	case err == nil:
		return nil
	case isSentinel(err):
		return err
	case errors.Is(err, mongodrv.ErrNoDocuments):
		return storage.ErrNotFound
	case mongodrv.IsDuplicateKeyError(err):
		// The server's message quotes the duplicate value, a phone number
		// or user id: it must not reach logs.
		return fmt.Errorf("%w: duplicate key", storage.ErrConflict)
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("mongo: %w", context.Canceled)
	case unavailable(err):
		return fmt.Errorf("%w: %v", storage.ErrUnavailable, err)
	}
	return fmt.Errorf("mongo: %v", err)
}

// unavailable reports whether err means the store cannot serve the
// operation now but may in a moment, so that the person is told of an
// outage and a retry may succeed: the server could not be reached or did
// not answer in time, or a replica set is between primaries.
func unavailable(err error) bool {
	var (
		sel  topology.ServerSelectionError
		conn topology.ConnectionError
	)
	return mongodrv.IsNetworkError(err) || mongodrv.IsTimeout(err) || errors.As(err, &sel) ||
		errors.As(err, &conn) && !refused(err) || errors.Is(err, mongodrv.ErrClientDisconnected) || failover(err)
}

// refused reports whether the server refused the store's credentials: a
// connection error too, but one no retry mends.
func refused(err error) bool {
	var ae *auth.Error
	return errors.As(err, &ae)
}

// transientLabels are the labels the server and the driver give an error
// that another attempt may not meet: a retryable write's failure, a broken
// connection, a cleared connection pool (the driver labels it
// TransientTransactionError whether in a transaction or not).
var transientLabels = []string{"RetryableWriteError", "NetworkError", "TransientTransactionError"}

// failoverCodes are the codes of a node that cannot serve the operation
// while a replica set changes primary, and of a write concern not met in
// time (the write may or may not stay; the caller's retry is idempotent).
var failoverCodes = []int{
	10107, // NotWritablePrimary: the node is no longer primary
	13435, // NotPrimaryNoSecondaryOk
	13436, // NotPrimaryOrSecondary: the node is recovering or in startup
	11600, // InterruptedAtShutdown
	11602, // InterruptedDueToReplStateChange: stepping down or up
	189,   // PrimarySteppedDown
	91,    // ShutdownInProgress
	64,    // WriteConcernFailed: majority not reached in time
}

// failover reports whether a server error carries a transient label or a
// failover code, in its top-level error or a write concern error.
func failover(err error) bool {
	var se mongodrv.ServerError
	if !errors.As(err, &se) {
		return false
	}
	for _, l := range transientLabels {
		if se.HasErrorLabel(l) {
			return true
		}
	}
	for _, c := range failoverCodes {
		if se.HasErrorCode(c) {
			return true
		}
	}
	return false
}

// isSentinel reports whether err is already a storage error, mapped before.
func isSentinel(err error) bool {
	return errors.Is(err, storage.ErrNotFound) || errors.Is(err, storage.ErrConflict) ||
		errors.Is(err, storage.ErrUnavailable) || errors.Is(err, storage.ErrInvalid)
}
