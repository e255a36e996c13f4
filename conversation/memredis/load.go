package memredis

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/alicebob/miniredis/v2/server"
)

const snapshotName = "snapshot"

// loaded is what a start found in the files.
type loaded struct {
	snapshotKeys int
	records      int
	cut          int64 // bytes cut from damaged ends
}

// load reads the snapshot, then replays every journal of its generation or
// later, oldest first. A damaged or cut-short end is logged and cut at the
// last good record; the start goes on with what was good.
func (s *Server) load(dir string) (loaded, error) {
	var st loaded
	replay := newReplayer(s)
	snapGen, ok, err := s.loadSnapshot(filepath.Join(dir, snapshotName), replay, &st)
	if err != nil {
		return st, err
	}
	gens, err := journalGens(dir)
	if err != nil {
		return st, fmt.Errorf("conversation state: list journals: %w", err)
	}
	for _, g := range gens {
		if ok && g < snapGen {
			continue // already in the snapshot; removed by the compaction that follows
		}
		if err := s.replayJournal(filepath.Join(dir, journalName(g)), g, replay, &st); err != nil {
			return st, err
		}
		s.gen = g
	}
	if ok && snapGen > s.gen {
		s.gen = snapGen
	}
	return st, nil
}

// replayer runs recorded commands on one connection of its own, with the
// hook not yet in place.
type replayer struct {
	s    *Server
	peer *server.Peer
}

func newReplayer(s *Server) *replayer {
	return &replayer{s: s, peer: server.NewPeer(bufio.NewWriter(io.Discard))}
}

func (r *replayer) run(clock int64, cmds [][]string) {
	r.s.advance(clock)
	r.s.track(cmds)
	for _, c := range cmds {
		r.s.srv.Dispatch(r.peer, c)
	}
}

// loadSnapshot restores the snapshot at path, if there is one, and returns
// its generation (ok false when there is none or its header is unreadable).
func (s *Server) loadSnapshot(path string, r *replayer, st *loaded) (gen uint64, ok bool, err error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("conversation state: open snapshot: %w", err)
	}
	defer f.Close()
	rr, err := newRecordReader(f, snapshotMagic)
	if err != nil {
		s.log.Error("conversation state: the snapshot is unreadable; starting from the journals alone", "path", path, "err", err)
		return 0, false, nil
	}
	ended := false
	for !ended {
		p, err := rr.next()
		if err == io.EOF {
			break
		}
		if err == nil {
			gen, ok, ended, err = s.restoreRecord(p, r, gen, ok, st)
		}
		if err != nil {
			s.log.Error("conversation state: the snapshot is damaged; keeping the keys before the damage",
				"path", path, "offset", rr.off, "keys_kept", st.snapshotKeys, "err", err)
			return gen, ok, nil
		}
	}
	if !ended {
		s.log.Error("conversation state: the snapshot has no end record; keeping the keys it has", "path", path, "keys_kept", st.snapshotKeys)
	}
	return gen, ok, nil
}

// restoreRecord applies one snapshot record.
func (s *Server) restoreRecord(p []byte, r *replayer, gen uint64, ok bool, st *loaded) (uint64, bool, bool, error) {
	d := &decoder{b: p}
	switch kind := d.byte(); {
	case kind == kindSnapshot && !ok:
		gen = d.uvarint()
		clock := d.varint()
		if err := d.done(); err != nil {
			return gen, false, false, err
		}
		s.clock = clock
		s.m.SetTime(timeAt(clock))
		return gen, true, false, nil
	case !ok:
		return gen, ok, false, fmt.Errorf("%w: record %q before the header", errCorrupt, kind)
	case kind == kindScript:
		body := d.string()
		if err := d.done(); err != nil {
			return gen, ok, false, err
		}
		r.run(s.clock, [][]string{{"SCRIPT", "LOAD", body}})
		return gen, ok, false, nil
	case kind == kindKey:
		if err := s.restoreKey(d); err != nil {
			return gen, ok, false, err
		}
		st.snapshotKeys++
		return gen, ok, false, nil
	case kind == kindEnd:
		n := d.uvarint()
		if err := d.done(); err != nil {
			return gen, ok, false, err
		}
		if int(n) != st.snapshotKeys {
			return gen, ok, true, fmt.Errorf("%w: %d keys read, the end record says %d", errCorrupt, st.snapshotKeys, n)
		}
		return gen, ok, true, nil
	default:
		return gen, ok, false, fmt.Errorf("%w: unknown record %q in a snapshot", errCorrupt, kind)
	}
}

// replayJournal runs the commands of the journal at path. A damaged end is
// cut off the file at the last good record.
func (s *Server) replayJournal(path string, gen uint64, r *replayer, st *loaded) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("conversation state: open journal: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("conversation state: stat journal: %w", err)
	}
	rr, err := newRecordReader(f, journalMagic)
	if err == io.EOF {
		return nil // created and never written: nothing to replay
	}
	good := int64(0)
	if err == nil {
		err = s.replayRecords(rr, gen, r, st)
		good = rr.off
	}
	if err == nil {
		return nil
	}
	st.cut += info.Size() - good
	s.log.Warn("conversation state: the journal's end is damaged or cut short (a crash while writing); cut at the last good record",
		"path", path, "good_bytes", good, "cut_bytes", info.Size()-good, "err", err)
	if err := os.Truncate(path, good); err != nil {
		return fmt.Errorf("conversation state: cut the journal's damaged end: %w", err)
	}
	return nil
}

// replayRecords runs a journal's records until its end or the first bad one.
func (s *Server) replayRecords(rr *recordReader, gen uint64, r *replayer, st *loaded) error {
	for first := true; ; first = false {
		p, err := rr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		d := &decoder{b: p}
		kind := d.byte()
		if first {
			if g := d.uvarint(); kind != kindJournal || d.done() != nil || g != gen {
				return fmt.Errorf("%w: journal header (kind %q, generation %d, want %d)", errCorrupt, kind, g, gen)
			}
			continue
		}
		if kind != kindCommands {
			return fmt.Errorf("%w: unknown record %q in a journal", errCorrupt, kind)
		}
		clock, cmds, err := d.commands()
		if err != nil {
			return err
		}
		r.run(clock, cmds)
		st.records++
	}
}
