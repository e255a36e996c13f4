package whatsapp

import (
	"errors"
	"io"
	"io/fs"
	"time"
)

// boundedFile is a whatsmeow.File in memory that refuses to grow past max
// bytes, so that a download is cut off as soon as it is longer than the
// caller takes, instead of being read whole first.
type boundedFile struct {
	buf []byte
	off int64
	max int64
}

// errFileTooLong is what a write past the bound fails with.
var errFileTooLong = errors.New("whatsapp: media longer than allowed")

// mediaOverhead is what encryption adds to a file: up to a block of padding
// and the 10-byte MAC.
const mediaOverhead = 16 + 10

func newBoundedFile(maxPlain int64) *boundedFile {
	return &boundedFile{max: maxPlain + mediaOverhead}
}

func (f *boundedFile) Bytes() []byte { return f.buf }

func (f *boundedFile) Write(p []byte) (int, error) {
	n, err := f.WriteAt(p, f.off)
	f.off += int64(n)
	return n, err
}

func (f *boundedFile) WriteAt(p []byte, off int64) (int, error) {
	end := off + int64(len(p))
	if off < 0 || end > f.max {
		return 0, errFileTooLong
	}
	if end > int64(len(f.buf)) {
		f.buf = append(f.buf, make([]byte, end-int64(len(f.buf)))...)
	}
	return copy(f.buf[off:], p), nil
}

func (f *boundedFile) Read(p []byte) (int, error) {
	n, err := f.ReadAt(p, f.off)
	f.off += int64(n)
	if err == io.EOF && n > 0 {
		err = nil
	}
	return n, err
}

func (f *boundedFile) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 || off >= int64(len(f.buf)) {
		return 0, io.EOF
	}
	n := copy(p, f.buf[off:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func (f *boundedFile) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		offset += f.off
	case io.SeekEnd:
		offset += int64(len(f.buf))
	}
	if offset < 0 {
		return 0, errors.New("whatsapp: seek before the start of the file")
	}
	f.off = offset
	return offset, nil
}

func (f *boundedFile) Truncate(size int64) error {
	switch {
	case size < 0 || size > f.max:
		return errFileTooLong
	case size <= int64(len(f.buf)):
		f.buf = f.buf[:size]
	default:
		f.buf = append(f.buf, make([]byte, size-int64(len(f.buf)))...)
	}
	return nil
}

func (f *boundedFile) Stat() (fs.FileInfo, error) { return memInfo(len(f.buf)), nil }

// memInfo is the FileInfo of a boundedFile: its size.
type memInfo int

func (n memInfo) Name() string       { return "media" }
func (n memInfo) Size() int64        { return int64(n) }
func (n memInfo) Mode() fs.FileMode  { return 0o600 }
func (n memInfo) ModTime() time.Time { return time.Time{} }
func (n memInfo) IsDir() bool        { return false }
func (n memInfo) Sys() any           { return nil }
