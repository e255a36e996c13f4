package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

func concurrencyCases() []testCase {
	return []testCase{
		{"racing links of one user id leave one holder", withTwo(testLinkRace)},
		{"racing upserts of one phone leave one holder", testPhoneRace},
	}
}

// testLinkRace links one user id to employees 1 and 2 from several
// goroutines. A call may lose the race with ErrConflict, but the store must
// end with exactly one holder.
func testLinkRace(t *testing.T, s storage.Store) {
	const workers, rounds = 8, 5
	errs := make(chan error, workers*rounds)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for r := range rounds {
				target := nip(1 + (w+r)%2)
				a := storage.Account{UserID: "race", ChatID: fmt.Sprintf("chat-%d-%d", w, r), LinkedAt: at(r)}
				errs <- s.LinkAccount(t.Context(), target, "telegram", a)
			}
		})
	}
	wg.Wait()
	close(errs)
	checkRaceErrors(t, errs)
	holders := holdersOf(t, s, "telegram", "race")
	if len(holders) != 1 {
		t.Fatalf("holders of telegram/race = %v, want exactly one", holders)
	}
	checkHolder(t, s, "telegram", "race", holders[0])
}

// testPhoneRace creates different employees with one phone at once: exactly
// one may win.
func testPhoneRace(t *testing.T, s storage.Store) {
	const workers = 8
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { errs <- s.UpsertEmployee(t.Context(), employee(100+w, phoneA)) })
	}
	wg.Wait()
	close(errs)
	if ok := checkRaceErrors(t, errs); ok != 1 {
		t.Errorf("%d upserts succeeded, want exactly 1", ok)
	}
	if all := mustListEmployees(t, s); len(all) != 1 {
		t.Errorf("ListEmployees = %s, want one employee", nips(all))
	}
}

// checkRaceErrors fails on any error but ErrConflict, or when nothing
// succeeded, and returns how many calls succeeded.
func checkRaceErrors(t *testing.T, errs <-chan error) int {
	t.Helper()
	ok := 0
	for err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, storage.ErrConflict):
			t.Errorf("racing call: %v, want nil or ErrConflict", err)
		}
	}
	if ok == 0 {
		t.Error("no racing call succeeded")
	}
	return ok
}
