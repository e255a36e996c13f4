package storetest

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Hashes of codes: opaque to the store, which only compares them.
var (
	hashA = strings.Repeat("a1", 32)
	hashB = strings.Repeat("b2", 32)
	hashX = strings.Repeat("ff", 32) // a wrong code
)

// Who redeems: "platform:user id".
const (
	byTelegram = "telegram:5001"
	byWhatsApp = "whatsapp:6281234500001@s.whatsapp.net"
)

func linkCodeCases() []testCase {
	return []testCase{
		{"the right code links once", withCode(testCodeRight)},
		{"a replay by the same redeemer succeeds again", withCode(testCodeReplay)},
		{"no code is ErrLinkCodeNone", withTwo(testCodeNone)},
		{"issue for an unknown NIP is ErrNotFound", withTwo(testCodeUnknownNIP)},
		{"a code without NIP, hash or expiry is ErrInvalid", withTwo(testCodeInvalid)},
		{"a code opens only its own NIP", withCode(testCodeOtherNIP)},
		{"wrong codes count down, then lock", withCode(testCodeLock)},
		{"the right code after wrong ones still links", withCode(testCodeAfterWrong)},
		{"a code expires at ExpiresAt", withCode(testCodeExpiry)},
		{"a used code counts no more tries", withCode(testCodeUsedNoTries)},
		{"a new code replaces the previous one", withCode(testCodeReplaced)},
		{"a new code is fresh and a zero IssuedAt is stamped", withTwo(testCodeFresh)},
		{"racing redemptions of one code: exactly one wins", withCode(testCodeRace)},
		{"racing wrong codes are each counted once", withCode(testCodeWrongRace)},
	}
}

// issued is the code of employee n with the hash, issued at(0), valid a day.
func issued(n int, hash string) storage.LinkCode {
	return storage.LinkCode{NIP: nip(n), CodeHash: hash, IssuedAt: at(0), ExpiresAt: at(24 * 60)}
}

// withCode seeds employees 1 and 2, and issues employee 1 the code hashA.
func withCode(run func(t *testing.T, s storage.Store)) func(t *testing.T, s storage.Store) {
	return withTwo(func(t *testing.T, s storage.Store) {
		mustIssue(t, s, issued(1, hashA))
		run(t, s)
	})
}

func mustIssue(t *testing.T, s storage.Store, c storage.LinkCode) {
	t.Helper()
	if err := s.IssueLinkCode(t.Context(), c); err != nil {
		t.Fatalf("IssueLinkCode(%s): %v", c.NIP, err)
	}
}

func redeem(t *testing.T, s storage.Store, n int, hash, by string, now time.Time) (storage.LinkCode, error) {
	t.Helper()
	return s.RedeemLinkCode(t.Context(), nip(n), hash, by, now)
}

func mustRedeem(t *testing.T, s storage.Store, n int, hash, by string, now time.Time) storage.LinkCode {
	t.Helper()
	c, err := redeem(t, s, n, hash, by, now)
	if err != nil {
		t.Fatalf("RedeemLinkCode(%s): %v", nip(n), err)
	}
	return c
}

func normLinkCode(c storage.LinkCode) storage.LinkCode {
	c.IssuedAt, c.ExpiresAt = ms(c.IssuedAt), ms(c.ExpiresAt)
	if !c.UsedAt.IsZero() {
		c.UsedAt = ms(c.UsedAt)
	}
	return c
}

func checkLinkCode(t *testing.T, got, want storage.LinkCode, what string) {
	t.Helper()
	if g, w := normLinkCode(got), normLinkCode(want); g != w {
		t.Errorf("%s = %+v\nwant %+v", what, g, w)
	}
}

// checkRefused fails unless err is the refusal want (and its generic
// sentinel) and the code as returned has the tries.
func checkRefused(t *testing.T, c storage.LinkCode, err, want error, tries int, what string) {
	t.Helper()
	checkErr(t, err, want, what)
	if c.Tries != tries {
		t.Errorf("%s: Tries = %d, want %d", what, c.Tries, tries)
	}
}

func testCodeRight(t *testing.T, s storage.Store) {
	got := mustRedeem(t, s, 1, hashA, byTelegram, at(10))
	want := issued(1, hashA)
	want.UsedAt, want.UsedBy = at(10), byTelegram
	checkLinkCode(t, got, want, "redeemed code")
	c, err := redeem(t, s, 1, hashA, byWhatsApp, at(11))
	checkErr(t, err, storage.ErrLinkCodeUsed, "second redemption")
	checkErr(t, err, storage.ErrConflict, "second redemption")
	checkLinkCode(t, c, want, "code returned with ErrLinkCodeUsed")
}

func testCodeReplay(t *testing.T, s storage.Store) {
	first := mustRedeem(t, s, 1, hashA, byTelegram, at(10))
	again := mustRedeem(t, s, 1, hashA, byTelegram, at(12))
	checkLinkCode(t, again, first, "replayed redemption")
	_, err := redeem(t, s, 1, hashX, byTelegram, at(13))
	checkErr(t, err, storage.ErrLinkCodeUsed, "replay with a wrong code")
	_, err = redeem(t, s, 1, hashA, byTelegram, at(24*60))
	checkErr(t, err, storage.ErrLinkCodeUsed, "replay after expiry")
	_, err = redeem(t, s, 1, hashA, "", at(13))
	checkErr(t, err, storage.ErrLinkCodeUsed, "redemption by nobody")
}

func testCodeNone(t *testing.T, s storage.Store) {
	for _, n := range []int{1, 404} {
		_, err := redeem(t, s, n, hashA, byTelegram, at(1))
		checkErr(t, err, storage.ErrLinkCodeNone, "RedeemLinkCode without a code")
		checkErr(t, err, storage.ErrNotFound, "RedeemLinkCode without a code")
	}
}

func testCodeUnknownNIP(t *testing.T, s storage.Store) {
	err := s.IssueLinkCode(t.Context(), issued(404, hashA))
	checkErr(t, err, storage.ErrNotFound, "IssueLinkCode of an unknown NIP")
	_, err = redeem(t, s, 404, hashA, byTelegram, at(1))
	checkErr(t, err, storage.ErrLinkCodeNone, "RedeemLinkCode after the refused issue")
}

func testCodeInvalid(t *testing.T, s storage.Store) {
	noNIP, noHash, noExpiry := issued(1, hashA), issued(1, ""), issued(1, hashA)
	noNIP.NIP, noExpiry.ExpiresAt = "", time.Time{}
	for what, c := range map[string]storage.LinkCode{"no NIP": noNIP, "no hash": noHash, "no expiry": noExpiry} {
		checkErr(t, s.IssueLinkCode(t.Context(), c), storage.ErrInvalid, "IssueLinkCode with "+what)
	}
	_, err := redeem(t, s, 1, hashA, byTelegram, at(1))
	checkErr(t, err, storage.ErrLinkCodeNone, "RedeemLinkCode after the refused issues")
	mustIssue(t, s, issued(1, hashA))
	_, err = redeem(t, s, 1, "", byTelegram, at(1))
	checkErr(t, err, storage.ErrInvalid, "RedeemLinkCode of an empty hash")
	c, err := redeem(t, s, 1, hashX, byTelegram, at(1))
	checkRefused(t, c, err, storage.ErrLinkCodeWrong, 1, "the first wrong code after an empty hash")
}

func testCodeOtherNIP(t *testing.T, s storage.Store) {
	_, err := redeem(t, s, 2, hashA, byTelegram, at(1))
	checkErr(t, err, storage.ErrLinkCodeNone, "employee 1's code given for employee 2")
	mustRedeem(t, s, 1, hashA, byTelegram, at(2))
}

func testCodeLock(t *testing.T, s storage.Store) {
	for i := 1; i <= storage.MaxLinkCodeTries; i++ {
		c, err := redeem(t, s, 1, hashX, byTelegram, at(i))
		checkRefused(t, c, err, storage.ErrLinkCodeWrong, i, fmt.Sprintf("wrong code %d", i))
		checkErr(t, err, storage.ErrInvalid, "a wrong code")
		if c.TriesLeft() != storage.MaxLinkCodeTries-i {
			t.Errorf("wrong code %d: TriesLeft = %d, want %d", i, c.TriesLeft(), storage.MaxLinkCodeTries-i)
		}
	}
	c, err := redeem(t, s, 1, hashA, byTelegram, at(10))
	checkRefused(t, c, err, storage.ErrLinkCodeLocked, storage.MaxLinkCodeTries, "the right code once locked")
	checkErr(t, err, storage.ErrConflict, "a locked code")
	c, err = redeem(t, s, 1, hashX, byTelegram, at(11))
	checkRefused(t, c, err, storage.ErrLinkCodeLocked, storage.MaxLinkCodeTries, "a wrong code once locked")
}

func testCodeAfterWrong(t *testing.T, s storage.Store) {
	for i := 1; i < storage.MaxLinkCodeTries; i++ {
		c, err := redeem(t, s, 1, hashX, byTelegram, at(i))
		checkRefused(t, c, err, storage.ErrLinkCodeWrong, i, fmt.Sprintf("wrong code %d", i))
	}
	c := mustRedeem(t, s, 1, hashA, byTelegram, at(10))
	if c.Tries != storage.MaxLinkCodeTries-1 || c.UsedBy != byTelegram {
		t.Errorf("redeemed after wrong codes: %+v", c)
	}
}

func testCodeExpiry(t *testing.T, s storage.Store) {
	expires := issued(1, hashA).ExpiresAt
	c, err := redeem(t, s, 1, hashX, byTelegram, expires)
	checkRefused(t, c, err, storage.ErrLinkCodeExpired, 0, "a wrong code at ExpiresAt (not counted)")
	c, err = redeem(t, s, 1, hashA, byTelegram, expires)
	checkRefused(t, c, err, storage.ErrLinkCodeExpired, 0, "the right code at ExpiresAt")
	checkErr(t, err, storage.ErrConflict, "an expired code")
	mustRedeem(t, s, 1, hashA, byTelegram, expires.Add(-time.Millisecond))
}

func testCodeUsedNoTries(t *testing.T, s storage.Store) {
	mustRedeem(t, s, 1, hashA, byTelegram, at(1))
	for i := range storage.MaxLinkCodeTries + 1 {
		c, err := redeem(t, s, 1, hashX, byWhatsApp, at(2+i))
		checkRefused(t, c, err, storage.ErrLinkCodeUsed, 0, "a wrong code for a used code")
	}
}

func testCodeReplaced(t *testing.T, s storage.Store) {
	for i := 1; i <= storage.MaxLinkCodeTries; i++ {
		_, _ = redeem(t, s, 1, hashX, byTelegram, at(i))
	}
	next := issued(1, hashB)
	next.IssuedAt = at(20)
	mustIssue(t, s, next) // unlocks: a locked code is replaced too
	c, err := redeem(t, s, 1, hashA, byTelegram, at(21))
	checkRefused(t, c, err, storage.ErrLinkCodeWrong, 1, "the previous code after a new one")
	got := mustRedeem(t, s, 1, hashB, byTelegram, at(22))
	want := next
	want.Tries, want.UsedAt, want.UsedBy = 1, at(22), byTelegram
	checkLinkCode(t, got, want, "the new code")
	// A used code is replaced as well.
	mustIssue(t, s, issued(1, hashA))
	mustRedeem(t, s, 1, hashA, byWhatsApp, at(30))
}

func testCodeFresh(t *testing.T, s storage.Store) {
	c := issued(1, hashA)
	c.IssuedAt, c.Tries, c.UsedAt, c.UsedBy = time.Time{}, 3, at(5), byTelegram
	from := time.Now()
	mustIssue(t, s, c)
	to := time.Now()
	got, err := redeem(t, s, 1, hashX, byWhatsApp, at(6))
	checkRefused(t, got, err, storage.ErrLinkCodeWrong, 1, "the first wrong code of a fresh code")
	checkStamped(t, got.IssuedAt, from, to, "IssuedAt")
	if !got.UsedAt.IsZero() || got.UsedBy != "" {
		t.Errorf("a fresh code came back used: %+v", got)
	}
}

// testCodeRace redeems one code from several goroutines, each as someone
// else: exactly one may link.
func testCodeRace(t *testing.T, s storage.Store) {
	const workers = 8
	type result struct {
		by  string
		c   storage.LinkCode
		err error
	}
	results := make(chan result, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			by := fmt.Sprintf("telegram:%d", 7000+w)
			c, err := s.RedeemLinkCode(t.Context(), nip(1), hashA, by, at(10))
			results <- result{by, c, err}
		})
	}
	wg.Wait()
	close(results)
	var winners []string
	for r := range results {
		switch {
		case r.err == nil:
			winners = append(winners, r.by)
		case !errors.Is(r.err, storage.ErrLinkCodeUsed):
			t.Errorf("racing redemption by %s: %v, want nil or ErrLinkCodeUsed", r.by, r.err)
		}
	}
	if len(winners) != 1 {
		t.Fatalf("winners = %v, want exactly one", winners)
	}
	c, err := redeem(t, s, 1, hashA, "telegram:late", at(11))
	checkErr(t, err, storage.ErrLinkCodeUsed, "a redemption after the race")
	if c.UsedBy != winners[0] {
		t.Errorf("UsedBy = %q, want the winner %q", c.UsedBy, winners[0])
	}
}

// testCodeWrongRace gives wrong codes from more goroutines than the code
// takes: each counted try is seen by exactly one caller, the rest find the
// code locked.
func testCodeWrongRace(t *testing.T, s storage.Store) {
	const workers = storage.MaxLinkCodeTries + 3
	type result struct {
		c   storage.LinkCode
		err error
	}
	results := make(chan result, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			c, err := s.RedeemLinkCode(t.Context(), nip(1), hashX, fmt.Sprintf("telegram:%d", 7000+w), at(10))
			results <- result{c, err}
		})
	}
	wg.Wait()
	close(results)
	var counted []int
	locked := 0
	for r := range results {
		switch {
		case errors.Is(r.err, storage.ErrLinkCodeWrong):
			counted = append(counted, r.c.Tries)
		case errors.Is(r.err, storage.ErrLinkCodeLocked):
			locked++
		default:
			t.Errorf("racing wrong code: %v, want ErrLinkCodeWrong or ErrLinkCodeLocked", r.err)
		}
	}
	slices.Sort(counted)
	var want []int
	for i := 1; i <= storage.MaxLinkCodeTries; i++ {
		want = append(want, i)
	}
	if !slices.Equal(counted, want) || locked != workers-len(want) {
		t.Errorf("tries seen = %v and %d locked, want %v and %d", counted, locked, want, workers-len(want))
	}
	c, err := redeem(t, s, 1, hashA, byTelegram, at(11))
	checkRefused(t, c, err, storage.ErrLinkCodeLocked, storage.MaxLinkCodeTries, "the right code after the race")
}
