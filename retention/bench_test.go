package retention_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/retention"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// BenchmarkExpiredPhotos times one day's run over KINERJA_RETENTION_PHOTOS
// expired photos (default 2,000) on the embedded store, half of them of
// abandoned drafts: records and bytes removed, a batch at a time.
//
//	KINERJA_RETENTION_PHOTOS=20000 go test -run '^$' -bench ExpiredPhotos -benchtime 1x ./retention/
func BenchmarkExpiredPhotos(b *testing.B) {
	n := 2000
	if v, err := strconv.Atoi(os.Getenv("KINERJA_RETENTION_PHOTOS")); err == nil && v > 0 {
		n = v
	}
	ctx := context.Background()
	now := time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC)
	for b.Loop() {
		b.StopTimer()
		st, rdb := photoStore(b, ctx, n, now)
		job := retention.NewJob(st, rdb, retention.Options{Rules: retention.Rules{EvidenceDays: 730, DraftPhotoDays: 7},
			Prefix: rdb.Prefix, Now: func() time.Time { return now }, Batches: 1000, Budget: time.Hour})
		b.StartTimer()
		r, err := job.Run(ctx, retention.Report{})
		if err != nil || r.Total() != n {
			b.Fatalf("run: %+v, %v; want %d removed", r, err, n)
		}
	}
	b.ReportMetric(float64(n), "photos/run")
}

// photoStore is a store holding n expired photos: the first half of a
// report 800 days old, the second of drafts never sent, 10 days old.
func photoStore(b *testing.B, ctx context.Context, n int, now time.Time) (*sqlite.Store, *redistest.Client) {
	b.Helper()
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "kb.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close(context.Background()) })
	data := make([]byte, 40_000) // a small phone photo
	for i := range n {
		at, activity := now.AddDate(0, 0, -800), "01JQARREPORT0000000000000001"
		if i >= n/2 {
			at, activity = now.AddDate(0, 0, -10), fmt.Sprintf("01JQARDRAFT%015d", i)
		}
		e := storage.Evidence{ID: fmt.Sprintf("01JQAEBENCH%015d", i), ActivityID: activity, NIP: "199001152019031004",
			SHA256: "00", Size: int64(len(data)), MIME: "image/jpeg", Bands: []int{i}, CreatedAt: at.Add(time.Duration(i) * time.Second)}
		if err := st.PutEvidence(ctx, e, data); err != nil {
			b.Fatal(err)
		}
	}
	return st, redistest.New(b)
}
