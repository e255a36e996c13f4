package mongo

import (
	"context"
	"time"

	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// The driver carries a single-document write, a find's first batch and an
// aggregation's across an election (clientOptions), but not a cursor's
// later batches (getMore is never retried). A list read is therefore run
// again from the start while it fails as unavailable, with backoff, for up
// to readRetryBudget after its first attempt: a read is idempotent.
const (
	readRetryBudget = electionWait
	firstBackoff    = 100 * time.Millisecond
	maxBackoff      = 2 * time.Second
)

// retryRead calls read until it succeeds, fails otherwise than as
// unavailable, ctx ends, or the next attempt would start past the budget.
// It returns read's last error, unmapped.
func retryRead(ctx context.Context, read func() error) error {
	return retryWithin(ctx, readRetryBudget, read)
}

func retryWithin(ctx context.Context, budget time.Duration, read func() error) error {
	deadline := time.Now().Add(budget)
	wait := firstBackoff
	for {
		err := read()
		if err == nil || !unavailable(err) || time.Now().Add(wait).After(deadline) {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		wait = min(2*wait, maxBackoff)
	}
}

// findAll returns every document the find matches, decoded into a non-nil
// slice, reading again from the start while it fails as unavailable.
// Errors are mapped.
func findAll[T any](ctx context.Context, coll *mongodrv.Collection, filter any,
	opts ...options.Lister[options.FindOptions],
) ([]T, error) {
	var all []T
	err := retryRead(ctx, func() error {
		cur, err := coll.Find(ctx, filter, opts...)
		if err != nil {
			return err
		}
		all = []T{}
		return cur.All(ctx, &all)
	})
	return all, mapErr(err)
}

// aggregateAll is findAll for an aggregation pipeline.
func aggregateAll[T any](ctx context.Context, coll *mongodrv.Collection, pipeline mongodrv.Pipeline) ([]T, error) {
	var all []T
	err := retryRead(ctx, func() error {
		cur, err := coll.Aggregate(ctx, pipeline)
		if err != nil {
			return err
		}
		all = []T{}
		return cur.All(ctx, &all)
	})
	return all, mapErr(err)
}
