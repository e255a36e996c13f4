package console

import (
	"context"
	"time"
)

// RetentionRun is what the last daily retention run did: when it ran and
// how many records of each kind it deleted.
type RetentionRun struct {
	At time.Time
	// Deleted are the counts by kind, in the order the job reports them.
	Deleted []RetentionCount
}

// RetentionCount is how many records of one kind a run deleted. Kind is
// the catalogue key naming the kind (shown in the viewer's language).
type RetentionCount struct {
	Kind  string
	Count int
}

// RetentionReader reads the last retention run (package retention keeps
// it). ok is false when no run is on record. Does I/O; safe for
// concurrent use.
type RetentionReader interface {
	LastRetention(ctx context.Context) (run RetentionRun, ok bool, err error)
}

// retentionBox is Ringkasan's Retensi box: nil when no reader is set.
type retentionBox struct {
	Run RetentionRun
	OK  bool
	At  string
}

// retention reads the box, or nil when the console has no reader. A read
// that fails is logged and the box says no run is on record.
func (c *Console) retention(ctx context.Context, loc *time.Location) *retentionBox {
	if c.d.Retention == nil {
		return nil
	}
	run, ok, err := c.d.Retention.LastRetention(ctx)
	if err != nil {
		c.d.Log.Warn("console: read the last retention run", "err", err)
		return &retentionBox{}
	}
	return &retentionBox{Run: run, OK: ok, At: run.At.In(loc).Format("2006-01-02 15:04 MST")}
}
