package storetest

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// ms is the instant at millisecond precision in UTC, the form every store
// must give back.
func ms(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }

func normUnit(u storage.Unit) storage.Unit {
	u.CreatedAt, u.UpdatedAt = ms(u.CreatedAt), ms(u.UpdatedAt)
	return u
}

func normEmployee(e storage.Employee) storage.Employee {
	e.CreatedAt, e.UpdatedAt = ms(e.CreatedAt), ms(e.UpdatedAt)
	if len(e.Accounts) == 0 {
		e.Accounts = nil
		return e
	}
	accounts := make(map[string]storage.Account, len(e.Accounts))
	for p, a := range e.Accounts {
		a.LinkedAt = ms(a.LinkedAt)
		accounts[p] = a
	}
	e.Accounts = accounts
	return e
}

func checkUnit(t *testing.T, got, want storage.Unit) {
	t.Helper()
	if g, w := normUnit(got), normUnit(want); !reflect.DeepEqual(g, w) {
		t.Errorf("unit mismatch\n got: %s\nwant: %s", describeUnit(g), describeUnit(w))
	}
}

func checkEmployee(t *testing.T, got, want storage.Employee) {
	t.Helper()
	if g, w := normEmployee(got), normEmployee(want); !reflect.DeepEqual(g, w) {
		t.Errorf("employee mismatch\n got: %+v\nwant: %+v", g, w)
	}
}

func describeUnit(u storage.Unit) string {
	return fmt.Sprintf("{Code:%q Name:%q Type:%q ParentCode:%q Timezone:%q Latitude:%s Longitude:%s "+
		"ServiceUsers:%d Counters:%d QuickSurvey:%v CreatedAt:%v UpdatedAt:%v}",
		u.Code, u.Name, u.Type, u.ParentCode, u.Timezone, describeFloat(u.Latitude), describeFloat(u.Longitude),
		u.ServiceUsers, u.Counters, u.QuickSurvey, u.CreatedAt, u.UpdatedAt)
}

func describeFloat(f *float64) string {
	if f == nil {
		return "nil"
	}
	return fmt.Sprint(*f)
}

// checkErr fails unless err matches target with errors.Is.
func checkErr(t *testing.T, err, target error, what string) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("%s: error = %v, want errors.Is(err, %v)", what, err, target)
	}
}

// checkStamped fails unless got (a store-stamped time) lies in [from, to].
func checkStamped(t *testing.T, got, from, to time.Time, what string) {
	t.Helper()
	if got.Before(ms(from)) || got.After(to) {
		t.Errorf("%s = %v, want the store's clock between %v and %v", what, got, from, to)
	}
}

// checkHolder fails unless the user id on the platform belongs to holder
// alone: EmployeeByAccount finds holder, and no other employee lists it.
func checkHolder(t *testing.T, s storage.Store, platform, userID, holder string) {
	t.Helper()
	got, err := s.EmployeeByAccount(t.Context(), platform, userID)
	if err != nil {
		t.Fatalf("EmployeeByAccount(%s, %s): %v", platform, userID, err)
	}
	if got.NIP != holder {
		t.Errorf("EmployeeByAccount(%s, %s) = %s, want %s", platform, userID, got.NIP, holder)
	}
	if holders := holdersOf(t, s, platform, userID); len(holders) != 1 || holders[0] != holder {
		t.Errorf("holders of %s/%s = %v, want only %s", platform, userID, holders, holder)
	}
}

// holdersOf lists the NIPs whose account on platform has the user id.
func holdersOf(t *testing.T, s storage.Store, platform, userID string) []string {
	t.Helper()
	all, err := s.ListEmployees(t.Context())
	if err != nil {
		t.Fatalf("ListEmployees: %v", err)
	}
	var holders []string
	for _, e := range all {
		if a, ok := e.Accounts[platform]; ok && a.UserID == userID {
			holders = append(holders, e.NIP)
		}
	}
	return holders
}

func mustUpsertUnit(t *testing.T, s storage.Store, u storage.Unit) {
	t.Helper()
	if err := s.UpsertUnit(t.Context(), u); err != nil {
		t.Fatalf("UpsertUnit(%s): %v", u.Code, err)
	}
}

func mustUpsertEmployee(t *testing.T, s storage.Store, e storage.Employee) {
	t.Helper()
	if err := s.UpsertEmployee(t.Context(), e); err != nil {
		t.Fatalf("UpsertEmployee(%s): %v", e.NIP, err)
	}
}

func mustLink(t *testing.T, s storage.Store, nip, platform string, a storage.Account) {
	t.Helper()
	if err := s.LinkAccount(t.Context(), nip, platform, a); err != nil {
		t.Fatalf("LinkAccount(%s, %s, %s): %v", nip, platform, a.UserID, err)
	}
}

func mustGetEmployee(t *testing.T, s storage.Store, nip string) storage.Employee {
	t.Helper()
	e, err := s.GetEmployee(t.Context(), nip)
	if err != nil {
		t.Fatalf("GetEmployee(%s): %v", nip, err)
	}
	return e
}

func mustListEmployees(t *testing.T, s storage.Store) []storage.Employee {
	t.Helper()
	all, err := s.ListEmployees(t.Context())
	if err != nil {
		t.Fatalf("ListEmployees: %v", err)
	}
	return all
}

func nips(all []storage.Employee) string {
	out := make([]string, len(all))
	for i, e := range all {
		out[i] = e.NIP
	}
	return strings.Join(out, ",")
}

// together runs f(0) … f(n-1) on n goroutines released at once, and waits
// for them all.
func together(n int, f func(w int)) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for w := range n {
		wg.Go(func() {
			<-start
			f(w)
		})
	}
	close(start)
	wg.Wait()
}
