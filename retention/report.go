package retention

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Report is what one day's run removed. The counts carry no personal data.
type Report struct {
	// Day is the local date (DEFAULT_TIMEZONE) of the run; At when it
	// last ended.
	Day string    `json:"day"`
	At  time.Time `json:"at"`
	// Deleted counts by kind what the day's run removed (a survey chat:
	// the hash cleared).
	Deleted map[Kind]int `json:"deleted"`
	// More: a kind had more expired than the run's batches took; the next
	// pass of the scheduler goes on the same day.
	More bool `json:"more,omitempty"`
	// DraftsScannedTo: photos created before it have been checked for a
	// report; the next run checks from there.
	DraftsScannedTo time.Time `json:"drafts_scanned_to"`
	// Error is why the last run stopped early ("" when it did not).
	Error string `json:"error,omitempty"`
}

// Total is the sum of the counts.
func (r Report) Total() int {
	n := 0
	for _, c := range r.Deleted {
		n += c
	}
	return n
}

// Count is how many of one kind a run removed.
type Count struct {
	Kind Kind
	N    int
}

// Counts are the report's counts in the order of Kinds, every kind (0
// too): what a page shows.
func (r Report) Counts() []Count {
	out := make([]Count, len(Kinds))
	for i, k := range Kinds {
		out[i] = Count{Kind: k, N: r.Deleted[k]}
	}
	return out
}

// Key is the Redis key of the last run's report under the deployment's
// prefix (REDIS_PREFIX).
func Key(prefix string) string { return prefix + "retention:last" }

// ErrNoRun: the job has not run yet (or Redis lost its report).
var ErrNoRun = errors.New("retention: no run recorded")

// Last returns the report of the job's last run, as any replica sees it;
// ErrNoRun when there is none. The console's summary page shows it.
func Last(ctx context.Context, rdb redis.UniversalClient, prefix string) (Report, error) {
	raw, err := rdb.Get(ctx, Key(prefix)).Bytes()
	if errors.Is(err, redis.Nil) {
		return Report{}, ErrNoRun
	}
	if err != nil {
		return Report{}, fmt.Errorf("retention: last run: %w", err)
	}
	var r Report
	if err := json.Unmarshal(raw, &r); err != nil {
		return Report{}, fmt.Errorf("retention: last run: %w", err)
	}
	if r.Deleted == nil {
		r.Deleted = map[Kind]int{}
	}
	return r, nil
}

// save records r as the last run's report (no expiry: it is one small key).
func save(ctx context.Context, rdb redis.UniversalClient, prefix string, r Report) error {
	raw, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return rdb.Set(ctx, Key(prefix), raw, 0).Err()
}
