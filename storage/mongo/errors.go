package mongo

import (
	"context"
	"errors"
	"fmt"

	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
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

// unavailable reports whether err means the server could not be reached or
// did not answer in time, so that a retry may succeed.
func unavailable(err error) bool {
	var sel topology.ServerSelectionError
	return mongodrv.IsNetworkError(err) || mongodrv.IsTimeout(err) ||
		errors.As(err, &sel) || errors.Is(err, mongodrv.ErrClientDisconnected)
}

// isSentinel reports whether err is already a storage error, mapped before.
func isSentinel(err error) bool {
	return errors.Is(err, storage.ErrNotFound) || errors.Is(err, storage.ErrConflict) ||
		errors.Is(err, storage.ErrUnavailable) || errors.Is(err, storage.ErrInvalid)
}
