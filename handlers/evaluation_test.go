package handlers

import (
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// An indicator's realisation: the output of the approved reports linked
// to it, in its unit (any case); others linked count as reports only.
func TestRealised(t *testing.T) {
	target := storage.SKPTarget{ID: "t1", Satuan: "Dokumen"}
	act := func(st storage.Status, skp string, vol float64, unit string) storage.Activity {
		return storage.Activity{Status: st, Content: storage.Content{SKPTargetID: skp, OutputVolume: vol, OutputUnit: unit}}
	}
	for _, tc := range []struct {
		name string
		acts []storage.Activity
		want string
	}{
		{"none", nil, "0 Dokumen (0)"},
		{"approved ones summed, unit case ignored", []storage.Activity{
			act(storage.StatusApproved, "t1", 3, "dokumen"), act(storage.StatusApproved, "t1", 1.5, "Dokumen"),
		}, "4.5 Dokumen (2)"},
		{"pending, rejected and other targets left out", []storage.Activity{
			act(storage.StatusPending, "t1", 3, "dokumen"), act(storage.StatusRejected, "t1", 3, "dokumen"),
			act(storage.StatusApproved, "t2", 3, "dokumen"), act(storage.StatusApproved, "t1", 2, "dokumen"),
		}, "2 Dokumen (1)"},
		{"another unit counts as a report only", []storage.Activity{
			act(storage.StatusApproved, "t1", 5, "kegiatan"), act(storage.StatusApproved, "t1", 1, "dokumen"),
		}, "1 Dokumen (2)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := realised(target, tc.acts); got != tc.want {
				t.Fatalf("realised = %q, want %q", got, tc.want)
			}
		})
	}
}
