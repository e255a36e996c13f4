package evidence

import (
	"context"
	"fmt"
	"sync/atomic"

	"golang.org/x/sync/semaphore"
)

// Defaults of an Inspector. A phone camera makes at most 50 megapixels
// (8160×6120); the budget lets one such photo and a few ordinary ones
// decode at once: about 256 MB at 4 bytes a pixel, whatever arrives.
const (
	DefaultMaxPixels    = 50_000_000
	DefaultDecodeBudget = 64_000_000
)

// Inspector is Inspect with a process-wide bound on memory: each picture's
// pixels (width × height, read from its header) are taken from a shared
// budget for as long as it is being decoded, so a burst of decompression
// bombs (a 242 KB PNG can claim 60 megapixels, 229 MB decoded) waits its
// turn instead of taking the process's memory. Safe for concurrent use.
type Inspector struct {
	maxPixels int64
	budget    int64
	sem       *semaphore.Weighted
	inFlight  atomic.Int64 // pixels being decoded, for tests
	peak      atomic.Int64
}

// NewInspector accepts pictures of at most maxPixels pixels and decodes at
// most budget pixels at once (raised to maxPixels, so every accepted
// picture can be decoded). Zero or negative values take the defaults.
func NewInspector(maxPixels, budget int64) *Inspector {
	if maxPixels <= 0 {
		maxPixels = DefaultMaxPixels
	}
	maxPixels = min(maxPixels, MaxPixels)
	if budget <= 0 {
		budget = DefaultDecodeBudget
	}
	budget = max(budget, maxPixels)
	return &Inspector{maxPixels: maxPixels, budget: budget, sem: semaphore.NewWeighted(budget)}
}

// Inspect is the package's Inspect under the inspector's limits. It waits
// for room in the budget until ctx is done, and then returns ctx's error
// (nothing is refused for being busy while ctx allows a wait).
func (in *Inspector) Inspect(ctx context.Context, data []byte, maxBytes int64) (Info, error) {
	lim := limits{side: MaxSide, pixels: in.maxPixels, reserve: in.reserve(ctx)}
	return inspect(data, maxBytes, lim)
}

// reserve returns the function inspect calls between the header check and
// the decode: it takes the picture's pixels from the budget and returns
// the function that gives them back.
func (in *Inspector) reserve(ctx context.Context) func(pixels int64) (func(), error) {
	return func(pixels int64) (func(), error) {
		if err := in.sem.Acquire(ctx, pixels); err != nil {
			return nil, fmt.Errorf("evidence: waiting to decode %d pixels: %w", pixels, err)
		}
		n := in.inFlight.Add(pixels)
		for {
			p := in.peak.Load()
			if n <= p || in.peak.CompareAndSwap(p, n) {
				break
			}
		}
		return func() {
			in.inFlight.Add(-pixels)
			in.sem.Release(pixels)
		}, nil
	}
}
