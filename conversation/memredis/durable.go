package memredis

import (
	"fmt"
	"log/slog"
	"net"
	"os"
	"time"

	"github.com/alicebob/miniredis/v2"
)

// Options are a durable server's settings.
type Options struct {
	// Log gets what loading found and what compaction did (nil: nothing).
	Log *slog.Logger
	// JournalMax is the journal size that starts a compaction (a snapshot
	// of every key, then a new journal). Default 16 MiB.
	JournalMax int64
	// Tests: beforeSync runs before each fsync of the journal, held when a
	// reply is held for the disk, now replaces the clock, compacted is told
	// each compaction's generation.
	beforeSync func()
	held       func()
	now        func() time.Time
	compacted  func(gen uint64)
}

// DefaultJournalMax is the journal size that starts a compaction when
// Options.JournalMax is 0.
const DefaultJournalMax = 16 << 20

// compactRetry is how long a failed background compaction waits before it
// is tried again (the journal meanwhile keeps growing, and stays correct).
const compactRetry = time.Minute

// Open runs a server whose data is kept in dir (created 0700, files 0600):
// it takes dir's lock (a second process on the same dir is refused with
// ErrInUse), loads the snapshot and replays the journals, compacts them
// into a new snapshot, and listens on a free loopback port.
func Open(dir string, opt Options) (*Server, error) {
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.JournalMax <= 0 {
		opt.JournalMax = DefaultJournalMax
	}
	if opt.now == nil {
		opt.now = time.Now
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("conversation state directory: %w", err)
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	s := &Server{m: miniredis.NewMiniRedis(), log: opt.Log, opt: opt, lock: lock, stop: make(chan struct{}),
		scripts: map[string]string{}}
	if err := s.open(dir); err != nil {
		s.unlock()
		return nil, err
	}
	if err := writeHolder(lock, s.Addr()); err != nil {
		s.log.Warn("conversation state: cannot note the holder in the lock file", "err", err)
	}
	return s, nil
}

func (s *Server) open(dir string) error {
	// A server without a listener: clients come through the front (front.go).
	c, err := s.m.Dial()
	if err != nil {
		return fmt.Errorf("start in-process redis: %w", err)
	}
	c.Close()
	s.srv = s.m.Server()
	start := time.Now()
	st, err := s.load(dir)
	if err != nil {
		s.m.Close()
		return err
	}
	s.startClock()
	s.j = newJournal(dir, s.opt.JournalMax)
	s.j.beforeSync, s.j.held = s.opt.beforeSync, s.opt.held
	go s.j.run()
	if err := s.compact(dir); err != nil {
		s.j.close()
		s.m.Close()
		return fmt.Errorf("conversation state: first compaction: %w", err)
	}
	s.log.Info("conversation state loaded", "dir", dir, "keys", len(s.m.DB(0).Keys()),
		"snapshot_keys", st.snapshotKeys, "journal_records", st.records, "cut_bytes", st.cut,
		"took", time.Since(start).Round(time.Millisecond))
	s.srv.SetPreHook(s.hook)
	s.ln, err = net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		s.j.close()
		s.m.Close()
		return fmt.Errorf("start in-process redis: %w", err)
	}
	s.wg.Add(3)
	go s.accept()
	go s.durableClock()
	go s.compactor(dir)
	return nil
}

// startClock moves the expiry clock from where the files left it to now:
// keys whose time ran out while the process was down expire now.
func (s *Server) startClock() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.last = s.opt.now()
	s.advance(s.last.UnixNano())
}

// advance moves the expiry clock to wall time ns (not backwards). Called
// with mu held, or while loading.
func (s *Server) advance(ns int64) {
	if ns <= s.clock {
		return
	}
	s.m.FastForward(time.Duration(ns - s.clock))
	s.clock = ns
	s.m.SetTime(time.Unix(0, ns))
}

// durableClock advances the expiry clock with the real one, in step with
// the commands: a command's record carries the clock it ran at, so the
// replay expires exactly the keys that had expired when it ran.
func (s *Server) durableClock() {
	defer s.wg.Done()
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-t.C:
			s.tick()
		}
	}
}

// tick advances the expiry clock by the time since the last tick.
func (s *Server) tick() {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.opt.now()
	s.advance(s.clock + int64(now.Sub(s.last)))
	s.last = now
}

// compactor compacts when the journal has grown past JournalMax.
func (s *Server) compactor(dir string) {
	defer s.wg.Done()
	for {
		select {
		case <-s.stop:
			return
		case <-s.j.full:
		}
		if err := s.compact(dir); err != nil {
			s.log.Error("conversation state: compaction failed; the journal keeps growing, and stays correct", "err", err)
			select {
			case <-s.stop:
				return
			case <-time.After(compactRetry):
			}
		}
	}
}
