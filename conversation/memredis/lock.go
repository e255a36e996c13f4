package memredis

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/kinerjabot/kinerjabot/internal/private"
)

// ErrInUse is returned by Open when another process holds the directory.
var ErrInUse = errors.New("the conversation state is in use by another process")

const lockName = "lock"

// lockDir takes dir's lock file, or says which process holds it.
func lockDir(dir string) (*os.File, error) {
	path := filepath.Join(dir, lockName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, private.Mode)
	if err != nil {
		return nil, fmt.Errorf("conversation state lock: %w", err)
	}
	busy, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	if busy {
		holder, _ := io.ReadAll(io.LimitReader(f, 256))
		f.Close()
		return nil, fmt.Errorf("%w (%s): %s; the embedded conversation state (no REDIS_URL) admits one process per DATA_DIR: "+
			"stop the other one, or set REDIS_URL to share one Redis between several processes", ErrInUse, path, describeHolder(string(holder)))
	}
	return f, nil
}

// writeHolder notes in the lock file which process holds it and where its
// server listens (for redis-cli and the fault suite).
func writeHolder(f *os.File, addr string) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.WriteAt([]byte(fmt.Sprintf("pid %d\naddr %s\n", os.Getpid(), addr)), 0)
	return err
}

func describeHolder(s string) string {
	var pid string
	for _, line := range strings.Split(s, "\n") {
		if v, ok := strings.CutPrefix(line, "pid "); ok {
			pid = v
		}
	}
	if pid == "" {
		return "held by another process"
	}
	return "held by process " + pid
}

// HolderAddr reads the address a running server noted in dir's lock file.
func HolderAddr(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, lockName))
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "addr "); ok {
			return v, nil
		}
	}
	return "", fmt.Errorf("%s names no address", filepath.Join(dir, lockName))
}

// unlock lets go of the directory.
func (s *Server) unlock() {
	if s.lock != nil {
		s.lock.Close()
		s.lock = nil
	}
}
