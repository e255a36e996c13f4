package memredis

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kinerjabot/kinerjabot/internal/private"
)

// errClosed is what a reply still waiting for the disk gets when the server
// stops first: the client sees its connection fail, never a success.
var errClosed = errors.New("conversation journal closed")

// journalFile is one generation's journal, open for appending.
type journalFile struct {
	f    *os.File
	gen  uint64
	size atomic.Int64
}

// batch is the records waiting for one write and fsync of one file.
type batch struct {
	jf   *journalFile
	buf  []byte
	last uint64 // sequence number of its last record (0: none)
}

// journal appends records and makes them durable in groups: one goroutine
// writes and fsyncs everything appended since its previous fsync, so a
// burst of commands shares one fsync (group commit). Sequence numbers
// count records; a reply may leave once synced() reaches the last record
// appended before it was written.
type journal struct {
	dir string
	max int64 // a journal this large asks for a compaction
	// beforeSync runs before each fsync, held when a reply waits (tests:
	// nothing is answered before the disk has it).
	beforeSync func()
	held       func()

	mu      sync.Mutex // queue, closing
	wake    *sync.Cond
	queue   []*batch // in order; the last is the one appended to
	closing bool

	appended atomic.Uint64
	synced   atomic.Uint64
	syncMu   sync.Mutex // err and waiting for synced
	synCond  *sync.Cond
	err      error

	full chan struct{} // the current file passed max
	done chan struct{}
}

func newJournal(dir string, max int64) *journal {
	j := &journal{dir: dir, max: max, full: make(chan struct{}, 1), done: make(chan struct{})}
	j.wake = sync.NewCond(&j.mu)
	j.synCond = sync.NewCond(&j.syncMu)
	return j
}

func journalName(gen uint64) string { return fmt.Sprintf("%016d.journal", gen) }

// journalGens lists the generations of the journals in dir, oldest first.
func journalGens(dir string) ([]uint64, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var gens []uint64
	for _, e := range ents {
		num, ok := strings.CutSuffix(e.Name(), ".journal")
		if !ok {
			continue
		}
		if g, err := strconv.ParseUint(num, 10, 64); err == nil {
			gens = append(gens, g)
		}
	}
	sort.Slice(gens, func(a, b int) bool { return gens[a] < gens[b] })
	return gens, nil
}

// createJournal creates generation gen's file with its header, synced, and
// its directory entry synced.
func createJournal(dir string, gen uint64) (*journalFile, error) {
	path := filepath.Join(dir, journalName(gen))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|os.O_APPEND, private.Mode)
	if err != nil {
		return nil, fmt.Errorf("create journal: %w", err)
	}
	head := frame([]byte(journalMagic), func(b []byte) []byte {
		return putUvarint(append(b, kindJournal), gen)
	})
	if _, err := f.Write(head); err != nil {
		f.Close()
		return nil, fmt.Errorf("write journal %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, fmt.Errorf("sync journal %s: %w", path, err)
	}
	if err := syncDir(dir); err != nil {
		f.Close()
		return nil, err
	}
	jf := &journalFile{f: f, gen: gen}
	jf.size.Store(int64(len(head)))
	return jf, nil
}

// syncDir makes a created, renamed or removed file's entry durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("open %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// rotate makes jf the file new records go to; what was appended before
// goes to the previous file, which is closed once written and synced.
func (j *journal) rotate(jf *journalFile) {
	j.mu.Lock()
	j.queue = append(j.queue, &batch{jf: jf})
	j.mu.Unlock()
}

// add appends one record of commands and returns its sequence number. The
// caller holds the server's order lock, so the journal's order is the
// order the commands run in.
func (j *journal) add(clock int64, cmds [][]string) uint64 {
	j.mu.Lock()
	b := j.queue[len(j.queue)-1]
	b.buf = frame(b.buf, func(p []byte) []byte { return putCommands(p, clock, cmds) })
	seq := j.appended.Add(1)
	b.last = seq
	j.mu.Unlock()
	j.wake.Signal()
	return seq
}

// run writes and syncs what was appended, until close.
func (j *journal) run() {
	defer close(j.done)
	for {
		j.mu.Lock()
		for !j.pending() && !j.closing {
			j.wake.Wait()
		}
		if !j.pending() {
			for _, b := range j.queue {
				b.jf.f.Close()
			}
			j.mu.Unlock()
			return
		}
		q := j.queue
		j.queue = []*batch{{jf: q[len(q)-1].jf}}
		j.mu.Unlock()
		j.commit(q)
	}
}

// pending reports whether a batch has records or a file is to be closed.
func (j *journal) pending() bool {
	return len(j.queue) > 1 || len(j.queue) == 1 && len(j.queue[0].buf) > 0
}

// commit writes the batches in order, syncs each file written, closes the
// files rotated away from, and publishes the last sequence number.
func (j *journal) commit(q []*batch) {
	var last uint64
	var err error
	for i, b := range q {
		if j.failed() == nil && err == nil && len(b.buf) > 0 {
			err = j.write(b)
		}
		if b.last > 0 {
			last = b.last
		}
		if i < len(q)-1 && q[i+1].jf != b.jf {
			b.jf.f.Close()
		}
	}
	if err != nil {
		j.fail(err)
		return
	}
	if j.failed() != nil {
		return
	}
	cur := q[len(q)-1].jf
	if cur.size.Load() >= j.max {
		select {
		case j.full <- struct{}{}:
		default:
		}
	}
	if last > 0 {
		j.syncMu.Lock()
		j.synced.Store(last)
		j.synCond.Broadcast()
		j.syncMu.Unlock()
	}
}

func (j *journal) write(b *batch) error {
	if _, err := b.jf.f.Write(b.buf); err != nil {
		return fmt.Errorf("write journal %s: %w", b.jf.f.Name(), err)
	}
	if j.beforeSync != nil {
		j.beforeSync()
	}
	if err := b.jf.f.Sync(); err != nil {
		return fmt.Errorf("sync journal %s: %w", b.jf.f.Name(), err)
	}
	b.jf.size.Add(int64(len(b.buf)))
	return nil
}

// fail stops the journal for good: nothing waiting is answered, nothing
// new is accepted. A failed fsync may have dropped written pages, so only a
// restart, which reads the files again, is trusted after it.
func (j *journal) fail(err error) {
	j.syncMu.Lock()
	if j.err == nil {
		j.err = err
	}
	j.synCond.Broadcast()
	j.syncMu.Unlock()
}

// failed is the error that stopped the journal, if any.
func (j *journal) failed() error {
	j.syncMu.Lock()
	defer j.syncMu.Unlock()
	return j.err
}

// durable reports whether record seq is on disk.
func (j *journal) durable(seq uint64) bool { return j.synced.Load() >= seq }

// wait blocks until record seq is on disk, or the journal failed or closed.
func (j *journal) wait(seq uint64) error {
	if j.durable(seq) {
		return nil
	}
	j.syncMu.Lock()
	defer j.syncMu.Unlock()
	for j.synced.Load() < seq && j.err == nil {
		j.synCond.Wait()
	}
	if j.synced.Load() >= seq {
		return nil
	}
	return j.err
}

// close writes and syncs what is left, closes the files, and fails every
// later wait.
func (j *journal) close() {
	j.mu.Lock()
	j.closing = true
	j.mu.Unlock()
	j.wake.Signal()
	<-j.done
	j.fail(errClosed)
}
