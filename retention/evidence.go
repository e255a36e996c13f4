package retention

import (
	"context"
	"slices"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// expiredEvidence deletes every photo sent before cut, its record and its
// bytes, oldest first, one at a time.
func (j *Job) expiredEvidence(ctx context.Context, cut time.Time, _ *Report, b budget) (int, bool, error) {
	q := storage.EvidenceScan{Before: cut, Limit: j.opt.Batch}
	return j.evidencePages(ctx, q, b, func(page []storage.Evidence) (int, error) {
		for i, e := range page {
			if err := j.store.DeleteEvidence(ctx, e.ID); err != nil {
				return i, err
			}
		}
		return len(page), nil
	})
}

// draftPhotos deletes the photos sent before cut that no report names
// (their draft was cancelled or abandoned), checking the photos from
// r.DraftsScannedTo on and moving it forward: each photo is checked once,
// after its draft can no longer be submitted (the setting outlives
// SESSION_TTL).
func (j *Job) draftPhotos(ctx context.Context, cut time.Time, r *Report, b budget) (int, bool, error) {
	q := storage.EvidenceScan{From: r.DraftsScannedTo, Before: cut, Limit: j.opt.Batch}
	deleted, more, err := j.evidencePages(ctx, q, b, func(page []storage.Evidence) (int, error) {
		n, err := j.dropOrphans(ctx, page)
		if err == nil && len(page) == q.Limit {
			r.DraftsScannedTo = page[len(page)-1].CreatedAt // the next run reads this instant's photos again: no harm
		}
		return n, err
	})
	if err == nil && !more {
		r.DraftsScannedTo = cut
	}
	return deleted, more, err
}

// evidencePages pages through the photos q selects, oldest first, at most
// the job's batches and within b after the first: do handles one page and
// says how many it deleted; more reports a backlog left for the next pass.
func (j *Job) evidencePages(ctx context.Context, q storage.EvidenceScan, b budget, do func([]storage.Evidence) (int, error)) (deleted int, more bool, err error) {
	for i := range j.opt.Batches {
		if i > 0 && b.spent() {
			return deleted, true, nil
		}
		page, err := j.store.ScanEvidence(ctx, q)
		if err != nil {
			return deleted, false, err
		}
		n, err := do(page)
		deleted += n
		if err != nil {
			return deleted, false, err
		}
		if len(page) < q.Limit {
			return deleted, false, nil
		}
		last := page[len(page)-1]
		q.AfterAt, q.AfterID = last.CreatedAt, last.ID
	}
	return deleted, true, nil
}

// dropOrphans deletes the photos of page whose report is not on record.
func (j *Job) dropOrphans(ctx context.Context, page []storage.Evidence) (int, error) {
	ids := make([]string, 0, len(page))
	for _, e := range page {
		ids = append(ids, e.ActivityID)
	}
	slices.Sort(ids)
	reports, err := j.store.ActivitiesAmong(ctx, slices.Compact(ids))
	if err != nil {
		return 0, err
	}
	slices.Sort(reports)
	deleted := 0
	for _, e := range page {
		if _, named := slices.BinarySearch(reports, e.ActivityID); named {
			continue
		}
		if err := j.store.DeleteEvidence(ctx, e.ID); err != nil {
			return deleted, err
		}
		deleted++
	}
	return deleted, nil
}
