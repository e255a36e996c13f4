// Package private keeps the files kinerjabot writes readable by their
// owner only: the SQLite databases (records, WhatsApp session) hold
// personal data and keys, and a data directory may be readable by others
// (the Docker image's /data is 0755).
package private

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// Mode is the permission of every file kinerjabot creates.
const Mode fs.FileMode = 0o600

// SQLite makes the database file at path private before SQLite opens it:
// it creates it with Mode when missing (SQLite gives its -wal, -shm and
// -journal files the database file's permissions), and narrows the file and
// those companions to Mode when an older release left them wider.
func SQLite(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, Mode)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm", path + "-journal"} {
		if err := narrow(p); err != nil {
			return err
		}
	}
	return nil
}

// narrow sets p's mode to Mode when it exists with more permissions.
func narrow(p string) error {
	st, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("stat %s: %w", p, err)
	}
	if st.Mode().Perm()&^Mode == 0 {
		return nil
	}
	if err := os.Chmod(p, Mode); err != nil {
		return fmt.Errorf("make %s private: %w", p, err)
	}
	return nil
}
