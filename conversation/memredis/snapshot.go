package memredis

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/kinerjabot/kinerjabot/internal/private"
)

// Key types a snapshot holds, as miniredis's Type names them.
const (
	typeString = 's'
	typeList   = 'l'
	typeHash   = 'h'
	typeSet    = 'S'
	typeZSet   = 'z'
)

func timeAt(ns int64) time.Time { return time.Unix(0, ns) }

// compact writes a snapshot of every key and starts a new journal: under
// the order lock it copies the keys and switches the journal to the next
// generation (commands wait for that, not for the disk); then it writes the
// snapshot beside the old one, syncs it, renames it over, and removes the
// journals it covers. A crash at any point leaves files that load to the
// same keys: the old snapshot and every journal since, or the new one and
// its journal.
func (s *Server) compact(dir string) error {
	s.compacts.Lock()
	defer s.compacts.Unlock()
	s.mu.Lock()
	gen := s.gen + 1
	snap, keys, err := s.dump(gen)
	if err != nil {
		s.mu.Unlock()
		return err
	}
	jf, err := createJournal(dir, gen)
	if err != nil {
		s.mu.Unlock()
		return err
	}
	s.j.rotate(jf)
	s.gen = gen
	s.mu.Unlock()

	if err := writeFileSynced(dir, snapshotName, snap); err != nil {
		return err
	}
	gens, err := journalGens(dir)
	if err != nil {
		return fmt.Errorf("list journals: %w", err)
	}
	for _, g := range gens {
		if g < gen {
			if err := os.Remove(filepath.Join(dir, journalName(g))); err != nil {
				return fmt.Errorf("remove a compacted journal: %w", err)
			}
		}
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	s.log.Info("conversation state compacted", "generation", gen, "keys", keys, "snapshot_bytes", len(snap))
	if s.opt.compacted != nil {
		s.opt.compacted(gen)
	}
	return nil
}

// writeFileSynced replaces dir/name with data: a temporary file, synced,
// renamed over, and the directory synced.
func writeFileSynced(dir, name string, data []byte) error {
	tmp := filepath.Join(dir, name+".tmp")
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, private.Mode)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, err)
	}
	return syncDir(dir)
}

// dump encodes every key of database 0 with its type, value and TTL, and
// the scripts loaded. Called with mu held: no command changes data
// meanwhile.
func (s *Server) dump(gen uint64) ([]byte, int, error) {
	b := frame([]byte(snapshotMagic), func(p []byte) []byte {
		return putVarint(putUvarint(append(p, kindSnapshot), gen), s.clock)
	})
	shas := make([]string, 0, len(s.scripts))
	for sha := range s.scripts {
		shas = append(shas, sha)
	}
	sort.Strings(shas)
	for _, sha := range shas {
		b = frame(b, func(p []byte) []byte { return putString(append(p, kindScript), s.scripts[sha]) })
	}
	keys := s.m.DB(0).Keys()
	for _, k := range keys {
		var err error
		b, err = s.dumpKey(b, k)
		if err != nil {
			return nil, 0, err
		}
	}
	b = frame(b, func(p []byte) []byte { return putUvarint(append(p, kindEnd), uint64(len(keys))) })
	return b, len(keys), nil
}

// dumpKey appends key k's record.
func (s *Server) dumpKey(b []byte, k string) ([]byte, error) {
	db := s.m.DB(0)
	head := func(p []byte, t byte) []byte {
		return putVarint(putString(append(p, kindKey, t), k), int64(db.TTL(k)))
	}
	var err error
	switch typ := db.Type(k); typ {
	case "string":
		var v string
		v, err = db.Get(k)
		b = frame(b, func(p []byte) []byte { return putString(head(p, typeString), v) })
	case "list":
		var vs []string
		vs, err = db.List(k)
		b = frame(b, func(p []byte) []byte { return putStrings(head(p, typeList), vs) })
	case "set":
		var vs []string
		vs, err = db.Members(k)
		b = frame(b, func(p []byte) []byte { return putStrings(head(p, typeSet), vs) })
	case "hash":
		var fs []string
		fs, err = db.HKeys(k)
		b = frame(b, func(p []byte) []byte {
			p = putUvarint(head(p, typeHash), uint64(len(fs)))
			for _, f := range fs {
				p = putVarint(putString(putString(p, f), db.HGet(k, f)), int64(db.HTTL(k, f)))
			}
			return p
		})
	case "zset":
		var ms map[string]float64
		ms, err = db.SortedSet(k)
		names := make([]string, 0, len(ms))
		for m := range ms {
			names = append(names, m)
		}
		sort.Strings(names)
		b = frame(b, func(p []byte) []byte {
			p = putUvarint(head(p, typeZSet), uint64(len(names)))
			for _, m := range names {
				p = putFloat(putString(p, m), ms[m])
			}
			return p
		})
	default:
		return nil, fmt.Errorf("key %q is a %s, which the snapshot cannot hold", k, typ)
	}
	if err != nil {
		return nil, fmt.Errorf("read key %q: %w", k, err)
	}
	return b, nil
}

func putStrings(p []byte, vs []string) []byte {
	p = putUvarint(p, uint64(len(vs)))
	for _, v := range vs {
		p = putString(p, v)
	}
	return p
}

func (d *decoder) strings() []string {
	n := d.count()
	vs := make([]string, 0, n)
	for range n {
		vs = append(vs, d.string())
	}
	return vs
}

// restoreKey puts back one key of a snapshot.
func (s *Server) restoreKey(d *decoder) error {
	db := s.m.DB(0)
	t := d.byte()
	k := d.string()
	ttl := time.Duration(d.varint())
	var err error
	switch t {
	case typeString:
		v := d.string()
		if err = d.done(); err == nil {
			err = db.Set(k, v)
		}
	case typeList:
		vs := d.strings()
		if err = d.done(); err == nil {
			_, err = db.Push(k, vs...)
		}
	case typeSet:
		vs := d.strings()
		if err = d.done(); err == nil {
			_, err = db.SetAdd(k, vs...)
		}
	case typeHash:
		err = restoreHash(db, d, k)
	case typeZSet:
		err = restoreZSet(db, d, k)
	default:
		return fmt.Errorf("%w: unknown key type %q", errCorrupt, t)
	}
	if err != nil {
		if !errors.Is(err, errCorrupt) {
			err = fmt.Errorf("%w: key %q: %v", errCorrupt, k, err)
		}
		return err
	}
	if ttl > 0 {
		db.SetTTL(k, ttl)
	}
	return nil
}

type hashDB interface {
	HSet(k string, fv ...string)
	HExpire(key, field string, ttl time.Duration) bool
}

func restoreHash(db hashDB, d *decoder, k string) error {
	n := d.count()
	fv := make([]string, 0, 2*n)
	ttls := map[string]time.Duration{}
	for range n {
		f, v := d.string(), d.string()
		if ttl := time.Duration(d.varint()); ttl > 0 {
			ttls[f] = ttl
		}
		fv = append(fv, f, v)
	}
	if err := d.done(); err != nil {
		return err
	}
	db.HSet(k, fv...)
	for f, ttl := range ttls {
		db.HExpire(k, f, ttl)
	}
	return nil
}

type zsetDB interface {
	ZAdd(k string, score float64, member string) (bool, error)
}

func restoreZSet(db zsetDB, d *decoder, k string) error {
	n := d.count()
	type member struct {
		name  string
		score float64
	}
	ms := make([]member, 0, n)
	for range n {
		ms = append(ms, member{d.string(), d.float()})
	}
	if err := d.done(); err != nil {
		return err
	}
	for _, m := range ms {
		if _, err := db.ZAdd(k, m.score, m.name); err != nil {
			return err
		}
	}
	return nil
}
