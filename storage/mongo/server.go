package mongo

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// ErrIncompatible: the server lacks a guarantee the store relies on. Open
// refuses such a server unless told to allow it (AllowIncompatible).
var ErrIncompatible = errors.New("MongoDB server without the guarantees the store relies on")

// minMajor is the oldest MongoDB release the store is written for.
const minMajor = 6

// buildInfo is what the buildInfo command tells of the server.
type buildInfo struct {
	Version      string  `bson:"version"`
	VersionArray []int32 `bson:"versionArray"`
	// FerretDBVersion is set by FerretDB, which answers as a MongoDB.
	FerretDBVersion string `bson:"ferretdbVersion"`
}

// Option changes how Open treats the server.
type Option func(*openOptions)

type openOptions struct {
	allowIncompatible bool
	noMigrate         bool
	log               *slog.Logger
}

// WithoutMigration makes Open leave the indexes as they are, whatever the
// schema version: for `kinerjabot migrate`, which runs Migrate itself.
func WithoutMigration() Option {
	return func(o *openOptions) { o.noMigrate = true }
}

// WithLogger gives Open a logger for what it reports: URI settings it
// overrides, index changes. Without one it reports nothing.
func WithLogger(log *slog.Logger) Option {
	return func(o *openOptions) { o.log = log }
}

// logger is the logger given, or one that discards.
func (o openOptions) logger() *slog.Logger {
	if o.log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return o.log
}

// AllowIncompatible makes Open accept a server it would refuse, with a
// loud warning on log (MONGODB_ALLOW_INCOMPATIBLE: for tests against such
// a server, never for production).
func AllowIncompatible(log *slog.Logger) Option {
	return func(o *openOptions) { o.allowIncompatible, o.log = true, log }
}

// checkServer refuses a server known to lack what the store relies on: a
// conditional update applied atomically (two supervisors pressing at once
// must end with one decision), $sum over a field in $group, and a unique
// index violation reported as a duplicate key. Measured on FerretDB 1.24:
// a conditional UpdateOne raced by 12 clients let 5 to 6 win, $sum gave 0,
// and a unique violation on update came back as InternalError.
func checkServer(info buildInfo) error {
	switch {
	case info.FerretDBVersion != "":
		return fmt.Errorf("%w: FerretDB %s does not apply a conditional update atomically (two supervisors "+
			"could both decide one report), sums fields in $group as 0 and reports a unique index violation "+
			"as an internal error; use MongoDB %d or later", ErrIncompatible, info.FerretDBVersion, minMajor)
	case len(info.VersionArray) > 0 && info.VersionArray[0] < minMajor:
		return fmt.Errorf("%w: MongoDB %s is older than %d, the oldest release the store is written and "+
			"tested for", ErrIncompatible, info.Version, minMajor)
	}
	return nil
}

// identify asks the server who it is and applies checkServer.
func (s *Store) identify(ctx context.Context, o openOptions) error {
	var info buildInfo
	if err := s.db.RunCommand(ctx, bson.D{{Key: "buildInfo", Value: 1}}).Decode(&info); err != nil {
		return fmt.Errorf("buildInfo: %w", mapErr(err))
	}
	return admit(info, o)
}

// admit is checkServer, its refusal turned into a warning when allowed.
func admit(info buildInfo, o openOptions) error {
	err := checkServer(info)
	if err != nil && o.allowIncompatible {
		o.logger().Warn("MONGODB_ALLOW_INCOMPATIBLE: using a server the store would refuse; decisions and sums "+
			"may be wrong on it", "server_version", info.Version, "ferretdb_version", info.FerretDBVersion, "reason", err)
		return nil
	}
	return err
}
