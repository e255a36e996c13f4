package importer

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// rosterLines is a roster CSV of n people, made as it is read.
type rosterLines struct {
	n, i int
	buf  bytes.Buffer
	read int // bytes read

}

func (r *rosterLines) Read(p []byte) (int, error) {
	for r.buf.Len() < len(p) && r.i <= r.n {
		if r.i == 0 {
			r.buf.WriteString(strings.Join(RosterHeader, ",") + "\n")
		} else {
			fmt.Fprintf(&r.buf, "19800101200501%04d,Pegawai Nomor %d,U1,,Staf Pelaksana Umum,,+62812%08d,\n", r.i%10000, r.i, r.i)
		}
		r.i++
	}
	if r.buf.Len() == 0 {
		return 0, io.EOF
	}
	n, err := r.buf.Read(p)
	r.read += n
	return n, err
}

// A CSV larger than MaxFileSize (a province's roster) is read, a row at a
// time.
func TestScanFileReadsCSVLargerThanXLSXCap(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 75 MB")
	}
	const n = 900_000 // ~83 bytes a row
	rows, file := 0, &rosterLines{n: n}
	_, err := scanFile(file, Options{}, rosterLayout, func(rec record) error {
		rows++
		return nil
	})
	if err != nil || rows != n || file.read <= MaxFileSize {
		t.Fatalf("scanFile: %d rows of %d bytes, %v", rows, file.read, err)
	}
}

func TestSizeLimit(t *testing.T) {
	l := &sizeLimit{r: strings.NewReader("abcdef"), left: 4}
	data, err := io.ReadAll(l)
	if !errors.Is(err, errTooLarge) || l.left >= 0 || len(data) != 5 {
		t.Errorf("read %q, %v, left %d", data, err, l.left)
	}
	l = &sizeLimit{r: strings.NewReader("abcd"), left: 4}
	if data, err := io.ReadAll(l); err != nil || string(data) != "abcd" {
		t.Errorf("read %q, %v", data, err)
	}
}
