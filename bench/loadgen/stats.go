package main

import (
	"math"
	"slices"
	"sort"
	"sync"
	"time"
)

// Summary is a latency distribution in milliseconds.
type Summary struct {
	N    int     `json:"n"`
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P99  float64 `json:"p99"`
	Max  float64 `json:"max"`
	Mean float64 `json:"mean"`
}

// percentile is the nearest-rank percentile of sorted values: the smallest
// value with at least p percent of the values at or below it.
func percentile(sorted []time.Duration, p float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(n)))
	rank = max(1, min(n, rank))
	return sorted[rank-1]
}

func ms(d time.Duration) float64 { return math.Round(float64(d.Microseconds())/10) / 100 }

// summarize sorts ds in place and summarizes it.
func summarize(ds []time.Duration) Summary {
	if len(ds) == 0 {
		return Summary{}
	}
	slices.Sort(ds)
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	return Summary{
		N: len(ds), P50: ms(percentile(ds, 50)), P90: ms(percentile(ds, 90)), P99: ms(percentile(ds, 99)),
		Max: ms(ds[len(ds)-1]), Mean: ms(sum / time.Duration(len(ds))),
	}
}

// recorder collects latency samples by step name. Safe for concurrent use.
type recorder struct {
	mu     sync.Mutex
	byStep map[string][]time.Duration
}

func newRecorder() *recorder { return &recorder{byStep: map[string][]time.Duration{}} }

func (r *recorder) add(step string, d time.Duration) {
	r.mu.Lock()
	r.byStep[step] = append(r.byStep[step], d)
	r.mu.Unlock()
}

// summaries returns the distribution of all samples and of each step's.
func (r *recorder) summaries() (Summary, map[string]Summary) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var all []time.Duration
	per := map[string]Summary{}
	steps := make([]string, 0, len(r.byStep))
	for s := range r.byStep {
		steps = append(steps, s)
	}
	sort.Strings(steps)
	for _, s := range steps {
		all = append(all, r.byStep[s]...)
		per[s] = summarize(slices.Clone(r.byStep[s]))
	}
	return summarize(all), per
}

// median of a list of numbers (the mean of the middle two for an even count).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
