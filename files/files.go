// Package files makes the files replies carry (documents, made images) from
// their references, just before they are sent: a reply keeps only a
// reference "kind:arguments" in the outbox, and the Registry hands the
// arguments to the Maker registered for the kind. Each feature registers
// its own kind once, in the wiring (package app):
//
//	reg.Register(chart.Kind, chart.Maker{})
//
// The Registry implements conversation.FileMaker.
package files

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// ErrUnknownKind: no maker is registered for the reference's kind.
var ErrUnknownKind = errors.New("files: no maker for the kind")

// Maker makes the bytes of one kind of file from the arguments of its
// reference (what follows "kind:"). It does I/O and may be slow; it must be
// safe for concurrent use. The arguments carry no authority: the reply was
// built for its chat after its handler checked who may see it.
type Maker interface {
	MakeFile(ctx context.Context, args string) ([]byte, error)
}

// MakerFunc adapts a function to Maker.
type MakerFunc func(ctx context.Context, args string) ([]byte, error)

// MakeFile implements Maker.
func (f MakerFunc) MakeFile(ctx context.Context, args string) ([]byte, error) { return f(ctx, args) }

var validKind = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)

// Ref is the reference of a file of kind made from args.
func Ref(kind, args string) string { return kind + ":" + args }

// Registry finds the maker of a reference's kind. Safe for concurrent use.
type Registry struct {
	mu     sync.RWMutex
	makers map[string]Maker
}

// NewRegistry returns a registry with no makers.
func NewRegistry() *Registry { return &Registry{makers: map[string]Maker{}} }

// Register makes m the maker of kind. A kind that is not a short lower-case
// word, or one registered twice, is a wiring mistake: it panics.
func (r *Registry) Register(kind string, m Maker) {
	if !validKind.MatchString(kind) || m == nil {
		panic(fmt.Sprintf("files: bad registration of kind %q", kind))
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.makers[kind]; ok {
		panic(fmt.Sprintf("files: kind %q registered twice", kind))
	}
	r.makers[kind] = m
}

// MakeFile implements conversation.FileMaker: the bytes of the file ref
// names, made by its kind's maker. Errors name the kind only, never the
// arguments (they may name a person).
func (r *Registry) MakeFile(ctx context.Context, ref string) ([]byte, error) {
	kind, args, _ := strings.Cut(ref, ":")
	r.mu.RLock()
	m, ok := r.makers[kind]
	r.mu.RUnlock()
	if !ok {
		return nil, fmt.Errorf("%w %q", ErrUnknownKind, kind)
	}
	data, err := m.MakeFile(ctx, args)
	if err != nil {
		return nil, fmt.Errorf("make %s file: %w", kind, err)
	}
	return data, nil
}
