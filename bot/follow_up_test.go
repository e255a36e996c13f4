package bot

import "testing"

func TestFollowUp(t *testing.T) {
	for _, tc := range []struct{ prev, next, want string }{
		{"Laporan #7", "Laporan #7\n\n✅ Disetujui", "✅ Disetujui"},
		{"Laporan #7", "Laporan #7", ""},
		{"Laporan #7", "Laporan #8", "Laporan #8"},
		{"", "Baru", "Baru"},
	} {
		if got := FollowUp(tc.prev, tc.next); got != tc.want {
			t.Errorf("FollowUp(%q, %q) = %q, want %q", tc.prev, tc.next, got, tc.want)
		}
	}
}
