package app

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/retention"
)

// The console's Retensi box reads the job's last run as any replica sees
// it: nothing before the first run, then each kind by its catalogue name
// with its count.
func TestConsoleReadsTheLastRetentionRun(t *testing.T) {
	rdb := redistest.New(t)
	ctx := context.Background()
	r := retentionRuns{rdb: rdb, prefix: rdb.Prefix}
	if _, ok, err := r.LastRetention(ctx); ok || err != nil {
		t.Fatalf("before any run: ok %v, err %v", ok, err)
	}
	at := time.Date(2026, 12, 7, 19, 30, 0, 0, time.UTC)
	raw, err := json.Marshal(retention.Report{Day: "2026-12-08", At: at,
		Deleted: map[retention.Kind]int{retention.Evidence: 12, retention.LinkCode: 3}})
	if err != nil {
		t.Fatal(err)
	}
	if err := rdb.Set(ctx, retention.Key(rdb.Prefix), raw, 0).Err(); err != nil {
		t.Fatal(err)
	}
	run, ok, err := r.LastRetention(ctx)
	if !ok || err != nil || !run.At.Equal(at) {
		t.Fatalf("after a run: %+v, ok %v, err %v", run, ok, err)
	}
	got := map[string]int{}
	for _, c := range run.Deleted {
		got[c.Kind] = c.Count
	}
	if len(run.Deleted) != len(retention.Kinds) || got[string(i18n.ConsoleRetentionEvidence)] != 12 ||
		got[string(i18n.ConsoleRetentionLinkCode)] != 3 || got[string(i18n.ConsoleRetentionDraftPhoto)] != 0 {
		t.Errorf("counts %v", got)
	}
	for _, k := range retention.Kinds {
		if _, ok := retentionKindText[k]; !ok {
			t.Errorf("retention kind %q has no console text", k)
		}
	}
}
