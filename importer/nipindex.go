package importer

import (
	"cmp"
	"slices"
	"sort"
	"strings"
)

// nipIndex finds the first row of each valid NIP of a roster. It is the
// rows' positions sorted by NIP, searched by halves: 4 bytes a row, where
// a map from NIP to row takes ~48 at a province's million rows.
type nipIndex struct {
	rows []*rosterRow
	at   []int32 // positions in rows, by NIP; the first row of each NIP only
}

// indexNIPs indexes the rows with a valid NIP.
func indexNIPs(rows []*rosterRow) nipIndex {
	at := make([]int32, 0, len(rows))
	for i, r := range rows {
		if r.nip != "" {
			at = append(at, int32(i))
		}
	}
	slices.SortFunc(at, func(a, b int32) int {
		return cmp.Or(strings.Compare(rows[a].nip, rows[b].nip), cmp.Compare(a, b))
	})
	at = slices.CompactFunc(at, func(a, b int32) bool { return rows[a].nip == rows[b].nip }) // keeps the first
	return nipIndex{rows: rows, at: slices.Clip(at)}
}

// row is the first row of the NIP; nil when no row has it.
func (x nipIndex) row(nip string) *rosterRow {
	i := sort.Search(len(x.at), func(i int) bool { return x.rows[x.at[i]].nip >= nip })
	if i == len(x.at) || x.rows[x.at[i]].nip != nip {
		return nil
	}
	return x.rows[x.at[i]]
}
