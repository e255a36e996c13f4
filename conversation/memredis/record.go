package memredis

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
)

// The journal and the snapshot are sequences of records after an 8-byte
// magic. A record is its payload's length (uint32, little endian), the
// CRC-32C of the payload, and the payload, whose first byte says what it
// is. A record that is cut short, too long or fails its CRC ends the file's
// good part: everything from it on is cut.
const (
	recordHeader = 8
	maxRecord    = 512 << 20

	journalMagic  = "KBJRNL1\n"
	snapshotMagic = "KBSNAP1\n"
)

// Payload kinds.
const (
	kindJournal  = 'j' // a journal's first record: its generation
	kindCommands = 'c' // the clock, then one command or a transaction's commands
	kindSnapshot = 'h' // a snapshot's first record: generation and clock
	kindScript   = 's' // a script body the server had cached
	kindKey      = 'k' // one key: type, name, TTL, value
	kindEnd      = 'e' // a snapshot's last record: how many keys it holds
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// errCorrupt marks a record that cannot be read: the good part of the file
// ends before it.
var errCorrupt = errors.New("corrupt record")

// frame appends a record whose payload build appends to dst.
func frame(dst []byte, build func([]byte) []byte) []byte {
	start := len(dst)
	dst = append(dst, make([]byte, recordHeader)...)
	dst = build(dst)
	payload := dst[start+recordHeader:]
	binary.LittleEndian.PutUint32(dst[start:], uint32(len(payload)))
	binary.LittleEndian.PutUint32(dst[start+4:], crc32.Checksum(payload, castagnoli))
	return dst
}

func putUvarint(b []byte, v uint64) []byte { return binary.AppendUvarint(b, v) }
func putVarint(b []byte, v int64) []byte   { return binary.AppendVarint(b, v) }

func putString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func putFloat(b []byte, f float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
}

// putCommands appends a commands payload: the clock (ns) and the commands.
func putCommands(b []byte, clock int64, cmds [][]string) []byte {
	b = append(b, kindCommands)
	b = putVarint(b, clock)
	b = putUvarint(b, uint64(len(cmds)))
	for _, c := range cmds {
		b = putUvarint(b, uint64(len(c)))
		for _, a := range c {
			b = putString(b, a)
		}
	}
	return b
}

// recordReader reads the records of one file.
type recordReader struct {
	r   *bufio.Reader
	off int64 // the offset of the next record: the good length so far
}

// newRecordReader checks the file's magic.
func newRecordReader(r io.Reader, magic string) (*recordReader, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		return nil, fmt.Errorf("%w: no header (%v)", errCorrupt, err)
	}
	if string(head) != magic {
		return nil, fmt.Errorf("%w: header %q, want %q", errCorrupt, head, magic)
	}
	return &recordReader{r: br, off: int64(len(magic))}, nil
}

// next returns the next payload, io.EOF at a clean end, or an error wrapping
// errCorrupt at a record that is cut short or damaged.
func (rr *recordReader) next() ([]byte, error) {
	var h [recordHeader]byte
	n, err := io.ReadFull(rr.r, h[:])
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, fmt.Errorf("%w: header cut after %d bytes", errCorrupt, n)
	}
	size := binary.LittleEndian.Uint32(h[:])
	if size == 0 || size > maxRecord {
		return nil, fmt.Errorf("%w: length %d", errCorrupt, size)
	}
	payload := make([]byte, size)
	if n, err := io.ReadFull(rr.r, payload); err != nil {
		return nil, fmt.Errorf("%w: payload cut after %d of %d bytes", errCorrupt, n, size)
	}
	if crc32.Checksum(payload, castagnoli) != binary.LittleEndian.Uint32(h[4:]) {
		return nil, fmt.Errorf("%w: checksum", errCorrupt)
	}
	rr.off += recordHeader + int64(size)
	return payload, nil
}

// decoder reads the fields of a payload; the first failure sticks.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = fmt.Errorf("%w: payload does not decode", errCorrupt)
	}
}

func (d *decoder) byte() byte {
	if d.err != nil || len(d.b) < 1 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a number of items that must each take at least one byte.
func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) string() string {
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) float() float64 {
	if d.err != nil || len(d.b) < 8 {
		d.fail()
		return 0
	}
	f := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	return f
}

// done fails unless the whole payload was read.
func (d *decoder) done() error {
	if d.err == nil && len(d.b) != 0 {
		d.fail()
	}
	return d.err
}

// commands decodes a commands payload (after its kind byte).
func (d *decoder) commands() (clock int64, cmds [][]string, err error) {
	clock = d.varint()
	n := d.count()
	for range n {
		argc := d.count()
		if argc == 0 {
			d.fail()
		}
		c := make([]string, 0, argc)
		for range argc {
			c = append(c, d.string())
		}
		cmds = append(cmds, c)
	}
	if len(cmds) == 0 {
		d.fail()
	}
	return clock, cmds, d.done()
}
