package storetest

import (
	"slices"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

func retentionCases() []testCase {
	return []testCase{
		{"scan pages evidence by creation time, after the cursor", testScanEvidence},
		{"a scan's limit outside 1..MaxRetentionBatch is ErrInvalid", testRetentionLimits},
		{"activities among: the reports on record only", testActivitiesAmong},
		{"delete evidence removes record and bytes, twice is no error", testDeleteEvidence},
		{"forget survey chats: the old ones, a batch at a time, once", testForgetSurveyChats},
		{"delete link codes: expired before the time, a batch at a time", withTwo(testDeleteLinkCodes)},
	}
}

// evidenceAt is photo n of report activityN created min minutes after
// the base time.
func evidenceAt(n, activityN, min int) storage.Evidence {
	e := evidenceRecord(n, activityN, uint64(n)<<40)
	e.CreatedAt = at(min)
	return e
}

func scanIDs(t *testing.T, s storage.Store, q storage.EvidenceScan) []string {
	t.Helper()
	page, err := s.ScanEvidence(t.Context(), q)
	if err != nil {
		t.Fatalf("ScanEvidence(%+v): %v", q, err)
	}
	ids := make([]string, len(page))
	for i, e := range page {
		ids[i] = e.ID
		if e.ActivityID == "" || e.NIP == "" || e.CreatedAt.IsZero() {
			t.Errorf("scanned %s without ActivityID, NIP or CreatedAt: %+v", e.ID, e)
		}
	}
	return ids
}

func testScanEvidence(t *testing.T, s storage.Store) {
	// Two photos share a creation time: the cursor's id breaks the tie.
	for _, e := range []storage.Evidence{evidenceAt(3, 1, 10), evidenceAt(1, 1, 20), evidenceAt(2, 2, 20), evidenceAt(4, 2, 30)} {
		mustPutEvidence(t, s, e, []byte{byte(e.CreatedAt.Minute())})
	}
	q := storage.EvidenceScan{From: at(0), Before: at(30), Limit: 2}
	first := scanIDs(t, s, q)
	if want := []string{evidenceID(3), evidenceID(1)}; !slices.Equal(first, want) {
		t.Fatalf("first page = %v, want %v", first, want)
	}
	q.AfterAt, q.AfterID = at(20), evidenceID(1)
	if got, want := scanIDs(t, s, q), []string{evidenceID(2)}; !slices.Equal(got, want) {
		t.Errorf("second page = %v, want %v (photo 4 is at Before, outside)", got, want)
	}
	if got := scanIDs(t, s, storage.EvidenceScan{From: at(15), Before: at(31), Limit: 10}); len(got) != 3 {
		t.Errorf("from 15 = %v, want the three photos from 20", got)
	}
}

func testRetentionLimits(t *testing.T, s storage.Store) {
	for _, n := range []int{0, -1, storage.MaxRetentionBatch + 1} {
		_, err := s.ScanEvidence(t.Context(), storage.EvidenceScan{Before: at(0), Limit: n})
		checkErr(t, err, storage.ErrInvalid, "ScanEvidence")
		_, err = s.ForgetSurveyChats(t.Context(), at(0), n)
		checkErr(t, err, storage.ErrInvalid, "ForgetSurveyChats")
		_, err = s.DeleteLinkCodes(t.Context(), at(0), n)
		checkErr(t, err, storage.ErrInvalid, "DeleteLinkCodes")
	}
	_, err := s.ActivitiesAmong(t.Context(), make([]string, storage.MaxRetentionBatch+1))
	checkErr(t, err, storage.ErrInvalid, "ActivitiesAmong")
}

func testActivitiesAmong(t *testing.T, s storage.Store) {
	mustCreateActivity(t, s, activity(1, 1, "2025-03-10", 0))
	mustCreateActivity(t, s, activity(3, 1, "2025-03-10", 0))
	got, err := s.ActivitiesAmong(t.Context(), []string{reportID(1), reportID(2), reportID(3)})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if want := []string{reportID(1), reportID(3)}; !slices.Equal(got, want) {
		t.Errorf("ActivitiesAmong = %v, want %v", got, want)
	}
	if got, err := s.ActivitiesAmong(t.Context(), nil); err != nil || got == nil || len(got) != 0 {
		t.Errorf("ActivitiesAmong(nil) = %#v, %v; want an empty slice", got, err)
	}
}

func testDeleteEvidence(t *testing.T, s storage.Store) {
	mustPutEvidence(t, s, evidenceAt(1, 1, 0), photoBytes(1, 300_000))
	mustPutEvidence(t, s, evidenceAt(2, 1, 0), []byte{2})
	for range 2 {
		if err := s.DeleteEvidence(t.Context(), evidenceID(1)); err != nil {
			t.Fatalf("DeleteEvidence: %v", err)
		}
	}
	_, err := s.GetEvidence(t.Context(), evidenceID(1))
	checkErr(t, err, storage.ErrNotFound, "GetEvidence after delete")
	_, err = s.EvidenceData(t.Context(), evidenceID(1))
	checkErr(t, err, storage.ErrNotFound, "EvidenceData after delete")
	checkData(t, s, evidenceID(2), []byte{2})
	if got := scanIDs(t, s, storage.EvidenceScan{From: at(-1), Before: at(1), Limit: 5}); !slices.Equal(got, []string{evidenceID(2)}) {
		t.Errorf("scan after delete = %v, want only photo 2", got)
	}
	checkErr(t, s.DeleteEvidence(t.Context(), "../x"), storage.ErrInvalid, "DeleteEvidence of a bad id")
	// Photos similar to the deleted one no longer find it.
	similar, err := s.SimilarEvidence(t.Context(), quarters(uint64(1)<<40), reportID(9))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range similar {
		if e.ID == evidenceID(1) {
			t.Errorf("SimilarEvidence still finds the deleted photo")
		}
	}
}

func testForgetSurveyChats(t *testing.T, s storage.Store) {
	for n := 1; n <= 3; n++ {
		mustAddSurvey(t, s, skm(n, "2025-03-10", n*10, ones()...))
	}
	mustAddSurvey(t, s, skm(4, "2025-03-11", 24*60, ones()...))
	forget := func(before, limit, want int) {
		t.Helper()
		n, err := s.ForgetSurveyChats(t.Context(), at(before), limit)
		if err != nil || n != want {
			t.Errorf("ForgetSurveyChats(at %d, %d) = %d, %v; want %d", before, limit, n, err, want)
		}
	}
	forget(60, 2, 2)     // two of the three before: one batch
	forget(60, 10, 1)    // the third
	forget(60, 10, 0)    // once only
	forget(25*60, 10, 1) // the later one, when its time comes
	if ok, err := s.HasSurvey(t.Context(), surveyID(1)); err != nil || !ok {
		t.Errorf("HasSurvey after forgetting its chat = %v, %v; want the survey kept", ok, err)
	}
	if st, err := s.SurveyStats(t.Context(), "PKM01", storage.SurveySKM, "2025-03-10", "2025-03-11"); err != nil || st.Respondents != 4 {
		t.Errorf("SurveyStats = %+v, %v; want the 4 surveys still counted", st, err)
	}
}

func testDeleteLinkCodes(t *testing.T, s storage.Store) {
	mustUpsertEmployee(t, s, employee(3, ""))
	for n, expires := range map[int]int{1: 10, 2: 20, 3: 90} {
		c := issued(n, hashA)
		c.ExpiresAt = at(expires)
		mustIssue(t, s, c)
	}
	if _, err := s.RedeemLinkCode(t.Context(), nip(1), hashA, byTelegram, at(5)); err != nil {
		t.Fatalf("redeem: %v", err)
	}
	del := func(before, limit, want int) {
		t.Helper()
		n, err := s.DeleteLinkCodes(t.Context(), at(before), limit)
		if err != nil || n != want {
			t.Errorf("DeleteLinkCodes(at %d, %d) = %d, %v; want %d", before, limit, n, err, want)
		}
	}
	del(20, 10, 1) // the used one, expired at 10; the one expiring at 20 is not before 20
	del(60, 10, 1)
	del(60, 10, 0)
	_, err := s.RedeemLinkCode(t.Context(), nip(2), hashA, byTelegram, at(15))
	checkErr(t, err, storage.ErrLinkCodeNone, "redeem a deleted code")
	if _, err := s.RedeemLinkCode(t.Context(), nip(3), hashA, byTelegram, at(15)); err != nil {
		t.Errorf("redeem the code not yet expired: %v", err)
	}
}
