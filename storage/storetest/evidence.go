package storetest

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

func evidenceCases() []testCase {
	return []testCase{
		{"get unknown is ErrNotFound", func(t *testing.T, s storage.Store) {
			_, err := s.GetEvidence(t.Context(), evidenceID(404))
			checkErr(t, err, storage.ErrNotFound, "GetEvidence")
			_, err = s.EvidenceData(t.Context(), evidenceID(404))
			checkErr(t, err, storage.ErrNotFound, "EvidenceData")
		}},
		{"put round-trips record and bytes, all 64 hash bits", testEvidenceRoundTrip},
		{"put is idempotent by ID", testEvidenceIdempotent},
		{"zero CreatedAt is stamped", testEvidenceStamp},
		{"ids that are not plain file names are ErrInvalid", testEvidenceBadID},
		{"similar: two shared bands, other reports, each once", testSimilarEvidence},
		{"similar: the oldest candidates, at most the limit", testSimilarEvidenceLimit},
		{"racing puts of one ID leave one record with all its bytes", testEvidenceRace},
	}
}

func testEvidenceRoundTrip(t *testing.T, s storage.Store) {
	bare := evidenceRecord(4, 2, 1<<63) // exactly the sign bit
	bare.TakenAt, bare.GPS, bare.ReuseOf, bare.Platform, bare.FileID = nil, nil, "", "", ""
	equator := evidenceRecord(5, 2, 0)
	equator.GPS = &storage.Point{Lat: 0, Lon: 109.3425}
	for _, c := range []struct {
		e    storage.Evidence
		data []byte
	}{
		{evidenceRecord(1, 1, 0xFEDC_BA98_7654_3210), photoBytes(1, 600_000)}, // several GridFS chunks
		{evidenceRecord(2, 1, math.MaxUint64), []byte{0, 0xff, 0, '\n', '\r', 0}},
		{evidenceRecord(3, 1, 0x0123_4567_89AB_CDEF), photoBytes(3, 255*1024)}, // exactly one chunk
		{bare, []byte{0xd8}},
		{equator, photoBytes(5, 255*1024+1)},
	} {
		mustPutEvidence(t, s, c.e, c.data)
		got, err := s.GetEvidence(t.Context(), c.e.ID)
		if err != nil {
			t.Fatalf("GetEvidence(%s): %v", c.e.ID, err)
		}
		checkEvidence(t, got, c.e)
		if got.PHash != c.e.PHash {
			t.Errorf("PHash = %#x, want %#x", got.PHash, c.e.PHash)
		}
		checkData(t, s, c.e.ID, c.data)
	}
}

// checkData fails unless EvidenceData gives exactly want.
func checkData(t *testing.T, s storage.Store, id string, want []byte) {
	t.Helper()
	got, err := s.EvidenceData(t.Context(), id)
	if err != nil {
		t.Fatalf("EvidenceData(%s): %v", id, err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("EvidenceData(%s) = %d bytes, want the %d stored (first difference at %d)", id, len(got), len(want), firstDifference(got, want))
	}
}

func firstDifference(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

func testEvidenceIdempotent(t *testing.T, s storage.Store) {
	first := evidenceRecord(1, 1, 0xFEDC_BA98_7654_3210)
	data := photoBytes(1, 10_000)
	mustPutEvidence(t, s, first, data)
	again := evidenceRecord(1, 2, 42)
	again.MIME, again.Size = "image/png", 5
	if err := s.PutEvidence(t.Context(), again, photoBytes(2, 5)); err != nil {
		t.Fatalf("second PutEvidence of the same id: %v, want nil", err)
	}
	mustPutEvidence(t, s, first, data)
	got, err := s.GetEvidence(t.Context(), first.ID)
	if err != nil {
		t.Fatalf("GetEvidence: %v", err)
	}
	checkEvidence(t, got, first)
	checkData(t, s, first.ID, data)
	checkSimilar(t, s, quarters(42), "", "")
}

func testEvidenceStamp(t *testing.T, s storage.Store) {
	e := evidenceRecord(1, 1, 7)
	e.CreatedAt = time.Time{}
	from := time.Now()
	mustPutEvidence(t, s, e, []byte("x"))
	to := time.Now()
	got, err := s.GetEvidence(t.Context(), e.ID)
	if err != nil {
		t.Fatalf("GetEvidence: %v", err)
	}
	checkStamped(t, got.CreatedAt, from, to, "CreatedAt")
}

func testEvidenceBadID(t *testing.T, s storage.Store) {
	for _, id := range []string{"", "../escape", "a/b", `a\b`, "x y", "..", "é", strings.Repeat("A", 129)} {
		e := evidenceRecord(1, 1, 7)
		e.ID = id
		checkErr(t, s.PutEvidence(t.Context(), e, []byte("x")), storage.ErrInvalid, "PutEvidence("+id+")")
		_, err := s.GetEvidence(t.Context(), id)
		checkErr(t, err, storage.ErrInvalid, "GetEvidence("+id+")")
		_, err = s.EvidenceData(t.Context(), id)
		checkErr(t, err, storage.ErrInvalid, "EvidenceData("+id+")")
	}
	long := evidenceRecord(1, 1, 7)
	long.ID = strings.Repeat("A", 128)
	mustPutEvidence(t, s, long, []byte("x"))
	checkData(t, s, long.ID, []byte("x"))
}

func testSimilarEvidence(t *testing.T, s storage.Store) {
	own := evidenceRecord(1, 1, 0) // report 1's own photo
	own.Bands = []int{1, 2, 3, 4}
	one := evidenceRecord(2, 2, 0)
	one.Bands = []int{5, 6, 7, 1} // one band in common with own: no candidate
	none := evidenceRecord(3, 2, 0)
	none.Bands = []int{9, 10, 11, 12}
	two := evidenceRecord(4, 3, 0xF000_0000_0000_0001)
	two.Bands = []int{2, 3, 100, 101} // two bands in common: listed, once
	same := evidenceRecord(5, 3, math.MaxUint64)
	same.Bands = []int{65535, 1, 1, 1} // band 1 thrice is one band
	three := evidenceRecord(6, 4, 7)
	three.Bands = []int{1, 2, 3, 200}
	for _, e := range []storage.Evidence{own, one, none, two, same, three} {
		mustPutEvidence(t, s, e, []byte(e.ID))
	}
	list := checkSimilar(t, s, []int{1, 2, 3, 4}, reportID(1), ids([]storage.Evidence{two, three}, evidenceIDOf))
	for _, got := range list {
		i := slices.IndexFunc([]storage.Evidence{two, three}, func(e storage.Evidence) bool { return e.ID == got.ID })
		if i >= 0 {
			checkEvidence(t, got, storage.ProjectSimilar([]storage.Evidence{two, three}[i]))
		}
	}
	checkSimilar(t, s, []int{4, 3, 2, 1}, "", ids([]storage.Evidence{own, two, three}, evidenceIDOf))
	checkSimilar(t, s, []int{1}, "", "")       // one band can never be two
	checkSimilar(t, s, []int{1, 1, 9}, "", "") // nor one given twice
	checkSimilar(t, s, []int{1, 65535}, "", same.ID)
	checkSimilar(t, s, []int{12, 11, 1}, reportID(404), none.ID)
	checkSimilar(t, s, []int{200, 300}, "", "")
	checkSimilar(t, s, nil, "", "")
}

// testSimilarEvidenceLimit: SimilarEvidence returns the oldest
// storage.SimilarEvidenceLimit candidates, oldest first.
func testSimilarEvidenceLimit(t *testing.T, s storage.Store) {
	var all []storage.Evidence
	for n := 1; n <= storage.SimilarEvidenceLimit+2; n++ {
		e := evidenceRecord(n, n, uint64(n))
		e.Bands = []int{7000, 7001, n}
		e.CreatedAt = at(1000 - n) // the last put is the oldest
		mustPutEvidence(t, s, e, []byte("x"))
		all = append(all, e)
	}
	got, err := s.SimilarEvidence(t.Context(), []int{7000, 7001}, "")
	if err != nil {
		t.Fatalf("SimilarEvidence: %v", err)
	}
	slices.Reverse(all)
	want := all[:storage.SimilarEvidenceLimit]
	if g, w := ids(got, evidenceIDOf), ids(want, evidenceIDOf); g != w {
		t.Errorf("SimilarEvidence = %s, want the %d oldest, oldest first: %s", g, storage.SimilarEvidenceLimit, w)
	}
}

// checkSimilar fails unless SimilarEvidence returns the evidence wantIDs
// (joined by commas, in any order, each once) and returns the list.
func checkSimilar(t *testing.T, s storage.Store, bands []int, exclude, wantIDs string) []storage.Evidence {
	t.Helper()
	list, err := s.SimilarEvidence(t.Context(), bands, exclude)
	if err != nil {
		t.Fatalf("SimilarEvidence(%v, %s): %v", bands, exclude, err)
	}
	checkNotNil(t, list, "SimilarEvidence")
	got := make([]string, len(list))
	for i, e := range list {
		got[i] = e.ID
	}
	slices.Sort(got)
	want := []string{}
	if wantIDs != "" {
		want = strings.Split(wantIDs, ",")
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("SimilarEvidence(%v, %s) = %v, want %v", bands, exclude, got, want)
	}
	return list
}

// testEvidenceRace: uploads of one id racing each other (a redelivered
// photo handled twice at once) all succeed and leave one record with all
// its bytes, whatever the size: under one GridFS chunk, exactly one, and
// several.
func testEvidenceRace(t *testing.T, s storage.Store) {
	for i, size := range []int{1, 255 * 1024, 600_000} {
		n := i + 1
		e := evidenceRecord(n, 1, 0x8000_0000_0000_0001+uint64(n))
		data := photoBytes(uint64(n), size)
		const workers = 8
		errs := make([]error, workers)
		var wg sync.WaitGroup
		start := make(chan struct{})
		for w := range workers {
			wg.Go(func() {
				<-start
				errs[w] = s.PutEvidence(t.Context(), e, data)
			})
		}
		close(start)
		wg.Wait()
		for w, err := range errs {
			if err != nil {
				t.Errorf("%d bytes: racing PutEvidence %d: %v", size, w, err)
			}
		}
		got, err := s.GetEvidence(t.Context(), e.ID)
		if err != nil {
			t.Fatalf("%d bytes: GetEvidence: %v", size, err)
		}
		checkEvidence(t, got, e)
		checkData(t, s, e.ID, data)
		// A late retry of the same upload changes nothing.
		mustPutEvidence(t, s, e, data)
		checkData(t, s, e.ID, data)
	}
}
