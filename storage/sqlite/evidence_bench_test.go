package sqlite

import (
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// BenchmarkPutEvidence stores photos of the load generator's size (40 KB)
// from 16 goroutines at once, as the engine's workers do; its CPU time
// (user and system, `/usr/bin/time` around a fixed -benchtime) is what a
// photo costs the store.
func BenchmarkPutEvidence(b *testing.B) {
	s := openAt(b, filepath.Join(b.TempDir(), "kinerja.db"))
	data := make([]byte, 40<<10)
	var n atomic.Int64
	b.SetParallelism(8) // × GOMAXPROCS goroutines
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			id := fmt.Sprintf("01JQBENCH%017d", n.Add(1))
			if err := s.PutEvidence(b.Context(), testEvidence(id), data); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
