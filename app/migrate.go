package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/storage/mongo"
)

// MigrateOptions are what `kinerjabot migrate` asks for beyond the indexes.
type MigrateOptions struct {
	// SweepEvidence also removes evidence bytes no record points at,
	// uploaded more than SweepOlderThan ago (MongoDB only).
	SweepEvidence  bool
	SweepOlderThan time.Duration
}

// MigrateResult is what Migrate did. Indexes and Sweep are nil for the
// embedded store, whose schema is migrated whenever it is opened.
type MigrateResult struct {
	Indexes *mongo.MigrateReport
	Sweep   *mongo.SweepReport
}

// Migrate brings the record store's schema to this version: on MongoDB it
// reconciles the indexes (mongo.Store.Migrate) and, if asked, sweeps the
// evidence bytes; the embedded store migrates on opening. The caller bounds
// ctx.
func Migrate(ctx context.Context, cfg config.Config, log *slog.Logger, o MigrateOptions) (MigrateResult, error) {
	if cfg.MongoURI == "" {
		st, err := OpenStore(ctx, cfg, log)
		if err != nil {
			return MigrateResult{}, err
		}
		return MigrateResult{}, st.Close(context.WithoutCancel(ctx))
	}
	st, err := mongo.Open(ctx, cfg.MongoURI, cfg.MongoDatabase, append(mongoOptions(cfg, log), mongo.WithoutMigration())...)
	if err != nil {
		return MigrateResult{}, fmt.Errorf("open MongoDB: %w", err)
	}
	defer st.Close(context.WithoutCancel(ctx))
	var res MigrateResult
	r, err := st.Migrate(ctx)
	res.Indexes = &r
	if err != nil || !o.SweepEvidence {
		return res, err
	}
	sw, err := st.SweepEvidenceBytes(ctx, time.Now().Add(-o.SweepOlderThan))
	res.Sweep = &sw
	return res, err
}
