package handlers

import (
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

func TestApprovedWithNote(t *testing.T) {
	for _, tc := range []struct {
		name string
		st   storage.Status
		d    *storage.Decision
		want bool
	}{
		{"approved with a note", storage.StatusApproved, &storage.Decision{ByNIP: "1", Reason: "Bagus"}, true},
		{"approved without one", storage.StatusApproved, &storage.Decision{ByNIP: "1"}, false},
		{"approved by the timeout rule", storage.StatusApproved,
			&storage.Decision{ByNIP: storage.SystemActor, Rule: "approval_timeout", Reason: "approval_timeout: 5 hari kerja"}, false},
		{"rejected with a reason", storage.StatusRejected, &storage.Decision{ByNIP: "1", Reason: "Foto kurang jelas"}, false},
		{"pending", storage.StatusPending, nil, false},
	} {
		if got := approvedWithNote(storage.Activity{Status: tc.st, Decision: tc.d}); got != tc.want {
			t.Errorf("%s: approvedWithNote = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestPromptNumber(t *testing.T) {
	for _, tc := range []struct{ quoted, want string }{
		{"📝 Laporan kegiatan — No. 7K3M9Q2P\n👤 Budi", "7K3M9Q2P"},
		{"📝 Perbaikan laporan (versi 2) — No. 01ABCDEZ\n👤 Budi", "01ABCDEZ"},
		{"Laporan No. 7K3M9Q2P (Senin): Disetujui", ""}, // an owner's notice, not a prompt
		{"halo", ""},
	} {
		got := ""
		if m := promptNo.FindStringSubmatch(tc.quoted); m != nil {
			got = m[1]
		}
		if got != tc.want {
			t.Errorf("report number in %q = %q, want %q", tc.quoted, got, tc.want)
		}
	}
}
