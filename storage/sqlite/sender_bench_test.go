package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// BenchmarkSenderBesideWrites reads who sent an update from 16 goroutines
// while another commits a 40 KB photo after about every fourth read, as
// the engine's workers do at load: each commit leaves the readers' page
// caches stale, which is most of what a read costs then. cpu-µs/op (the
// process's user and system time, the writer's included) is what learning
// the sender costs the bot per update: two-reads is EmployeeByAccount then
// HasSubordinates, as identify did; one-read is SenderByAccount, both in
// one statement; one-page reads one page (the units table, empty here),
// the least any per-update check (of a roster version, say) would cost.
//
//	go test -run '^$' -bench SenderBesideWrites -benchtime 60000x -count 4 ./storage/sqlite/
func BenchmarkSenderBesideWrites(b *testing.B) {
	reads := map[string]func(ctx context.Context, s *Store, userID string) error{
		"two-reads": func(ctx context.Context, s *Store, userID string) error {
			e, err := s.EmployeeByAccount(ctx, "telegram", userID)
			if err == nil {
				_, err = s.HasSubordinates(ctx, e.NIP)
			}
			return err
		},
		"one-read": func(ctx context.Context, s *Store, userID string) error {
			_, err := s.SenderByAccount(ctx, "telegram", userID)
			return err
		},
		"one-page": func(ctx context.Context, s *Store, _ string) error {
			var v int
			return s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM units").Scan(&v)
		},
	}
	for _, name := range []string{"two-reads", "one-read", "one-page"} {
		b.Run(name, func(b *testing.B) { benchSender(b, reads[name]) })
	}
}

func benchSender(b *testing.B, read func(ctx context.Context, s *Store, userID string) error) {
	s := openAt(b, filepath.Join(b.TempDir(), "kinerja.db"))
	const staff = 500
	for n := range staff {
		e := testEmployee(n)
		if err := s.UpsertEmployee(b.Context(), e); err != nil {
			b.Fatal(err)
		}
		id := strconv.Itoa(100000 + n)
		if err := s.LinkAccount(b.Context(), e.NIP, "telegram", storage.Account{UserID: id, ChatID: id}); err != nil {
			b.Fatal(err)
		}
	}
	write := make(chan struct{}, 1)
	var wg sync.WaitGroup
	var written atomic.Int64
	wg.Go(func() {
		data := make([]byte, 40<<10)
		for n := 0; ; n++ {
			if _, ok := <-write; !ok {
				return
			}
			if err := s.PutEvidence(b.Context(), testEvidence(fmt.Sprintf("01JQREAD%018d", n)), data); err != nil {
				b.Error(err)
			}
			written.Add(1)
		}
	})
	var n atomic.Int64
	b.SetParallelism(8) // × GOMAXPROCS goroutines
	before := cpuTime(b)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			if err := read(b.Context(), s, strconv.Itoa(100000+int(i*7919%staff))); err != nil {
				b.Error(err)
				return
			}
			if i%4 == 0 {
				select {
				case write <- struct{}{}:
				default: // the writer is busy: the next fourth read asks again
				}
			}
		}
	})
	b.StopTimer()
	close(write)
	wg.Wait()
	b.ReportMetric(float64((cpuTime(b)-before).Microseconds())/float64(b.N), "cpu-µs/op")
	b.ReportMetric(float64(written.Load())/float64(b.N), "writes/op")
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
