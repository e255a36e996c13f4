package importer

import "strings"

// rowStrings keeps the strings of a roster's rows compactly. A CSV row is
// one string the cells are slices of: a row keeping any cell keeps the
// whole line (~100 bytes at a province's roster, a million of them). So a
// row's own strings (NIP, name, supervisor, phone) are copied into large
// shared chunks, and the strings that repeat (unit codes, positions, unit
// names) are kept once each; the line is then garbage.
type rowStrings struct {
	chunk    strings.Builder // the current chunk
	interned map[string]string
	places   map[place]*place
}

// rowChunk is the size of a chunk of row strings.
const rowChunk = 1 << 20

func newRowStrings() *rowStrings {
	return &rowStrings{interned: map[string]string{}, places: map[place]*place{}}
}

// keep returns a copy of s in the current chunk, starting a new chunk when
// it is full. Strings taken from a chunk stay valid: a full chunk is left
// as it is, never grown (growing would copy it and keep both).
func (k *rowStrings) keep(s string) string {
	if s == "" {
		return ""
	}
	if k.chunk.Cap()-k.chunk.Len() < len(s) {
		k.chunk = strings.Builder{}
		k.chunk.Grow(max(rowChunk, len(s)))
	}
	start := k.chunk.Len()
	k.chunk.WriteString(s)
	return k.chunk.String()[start:]
}

// intern returns the one copy of s kept.
func (k *rowStrings) intern(s string) string {
	if v, ok := k.interned[s]; ok {
		return v
	}
	s = strings.Clone(s)
	k.interned[s] = s
	return s
}

// place returns the one copy kept of the unit and position.
func (k *rowStrings) place(unitCode, position string) *place {
	if p, ok := k.places[place{unitCode, position}]; ok {
		return p
	}
	p := &place{k.intern(unitCode), k.intern(position)}
	k.places[*p] = p
	return p
}
