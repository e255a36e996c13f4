package playground

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/kinerjabot/kinerjabot/bot"
)

// ErrNoFile is returned for a file id the playground does not hold.
var ErrNoFile = errors.New("playground: no such file")

// storedFile is a file a pane uploaded or a photo the bot sent.
type storedFile struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	MIME string `json:"mime"`
	Size int64  `json:"size"`
}

var validFileID = regexp.MustCompile(`^f[0-9a-f]{24}$`)

// files keeps files in memory, or on disk under dir (each file's bytes and
// a small JSON of its name and type), so a restart keeps the photos of the
// reports on file. Safe for concurrent use.
type files struct {
	dir string

	mu   sync.RWMutex
	meta map[string]storedFile
	data map[string][]byte // memory only
}

func newFiles(dir string) (*files, error) {
	if dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("playground files dir: %w", err)
		}
	}
	return &files{dir: dir, meta: map[string]storedFile{}, data: map[string][]byte{}}, nil
}

// put keeps data under a new id; the type is read from the bytes.
func (fs *files) put(name string, data []byte) (storedFile, error) {
	f := storedFile{ID: newFileID(), Name: name, MIME: sniff(data), Size: int64(len(data))}
	if fs.dir != "" {
		if err := fs.write(f, data); err != nil {
			return storedFile{}, err
		}
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.meta[f.ID] = f
	if fs.dir == "" {
		fs.data[f.ID] = data
	}
	return f, nil
}

func (fs *files) write(f storedFile, data []byte) error {
	meta, _ := json.Marshal(f)
	if err := writeFile(filepath.Join(fs.dir, f.ID), data); err != nil {
		return err
	}
	return writeFile(filepath.Join(fs.dir, f.ID+".json"), meta)
}

// writeFile writes through a temporary name, so a reader never sees half.
func writeFile(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o600); err != nil {
		return fmt.Errorf("playground file: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("playground file: %w", err)
	}
	return nil
}

// stat returns what is known of a file.
func (fs *files) stat(id string) (storedFile, error) {
	if !validFileID.MatchString(id) {
		return storedFile{}, ErrNoFile
	}
	fs.mu.RLock()
	f, ok := fs.meta[id]
	fs.mu.RUnlock()
	if ok {
		return f, nil
	}
	if fs.dir == "" {
		return storedFile{}, ErrNoFile
	}
	raw, err := os.ReadFile(filepath.Join(fs.dir, id+".json"))
	if err != nil || json.Unmarshal(raw, &f) != nil || f.ID != id {
		return storedFile{}, ErrNoFile
	}
	fs.mu.Lock()
	fs.meta[id] = f
	fs.mu.Unlock()
	return f, nil
}

// get returns a file's bytes, refusing files over max bytes.
func (fs *files) get(id string, max int64) (storedFile, []byte, error) {
	f, err := fs.stat(id)
	if err != nil {
		return f, nil, err
	}
	if f.Size > max {
		return f, nil, fmt.Errorf("playground: %w: %d bytes, limit %d", bot.ErrFileTooLarge, f.Size, max)
	}
	if fs.dir == "" {
		fs.mu.RLock()
		defer fs.mu.RUnlock()
		return f, fs.data[id], nil
	}
	data, err := os.ReadFile(filepath.Join(fs.dir, id))
	if err != nil {
		return f, nil, fmt.Errorf("%w: %v", ErrNoFile, err)
	}
	return f, data, nil
}

// Download returns the bytes of a file a pane uploaded (a bot.Media FileID
// of the playground), refusing files over maxBytes. It reads memory or a
// local file; it never blocks on the network.
func (a *Adapter) Download(ctx context.Context, fileID string, maxBytes int64) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	_, data, err := a.files.get(fileID, maxBytes)
	if err != nil {
		return nil, fmt.Errorf("playground download: %w", err)
	}
	return data, nil
}

// sniff reads the type of a file from its bytes.
func sniff(data []byte) string {
	mime := http.DetectContentType(data)
	if len(data) > 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP" {
		mime = "image/webp"
	}
	mime, _, _ = strings.Cut(mime, ";")
	return mime
}

func newFileID() string { return "f" + randomHex(12) }

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
