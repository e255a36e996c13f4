// Package mydata makes a person's own copy of their data (/dataku): what
// the record store keeps about them, as one pretty-printed UTF-8 JSON
// document a phone opens as text. The reply that carries it keeps only the
// reference "mydata:nip=…&lang=…"; Maker builds the document just before
// it is sent, so it is never queued whole.
//
// What others did to the person's records is in it as far as it is part of
// those records (who decided a report, and why); what belongs to others is
// not: an anonymous appreciation received is counted, never listed, and the
// approval prompts (message ids in a supervisor's chat) are left out.
package mydata

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/kinerjabot/kinerjabot/files"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Kind is the kind of a /dataku file reference.
const Kind = "mydata"

// MIME is the type of the document.
const MIME = "application/json"

// Store is what the document is read from. Methods do I/O and are safe for
// concurrent use.
type Store interface {
	GetEmployee(ctx context.Context, nip string) (storage.Employee, error)
	GetUnit(ctx context.Context, code string) (storage.Unit, error)
	ListActivities(ctx context.Context, nip, from, to string) ([]storage.Activity, error)
	storage.PersonalReader
	ListEvaluations(ctx context.Context, f storage.EvaluationFilter) ([]storage.Evaluation, error)
	PracticesOf(ctx context.Context, nips []string) ([]storage.Practice, error)
	CoachingReceived(ctx context.Context, toNIP string, since time.Time, limit int) ([]storage.Coaching, error)
}

// Ref is the file reference of nip's document, its explanations in lang.
func Ref(nip string, lang i18n.Lang) string {
	return files.Ref(Kind, url.Values{"nip": {nip}, "lang": {string(lang)}}.Encode())
}

// Maker builds the document a reference names (files.Maker).
type Maker struct {
	store Store
	now   func() time.Time
}

var _ files.Maker = (*Maker)(nil)

// New returns a maker reading store.
func New(store Store) *Maker { return &Maker{store: store, now: time.Now} }

// MakeFile implements files.Maker.
func (m *Maker) MakeFile(ctx context.Context, args string) ([]byte, error) {
	v, err := url.ParseQuery(args)
	if err != nil || v.Get("nip") == "" {
		return nil, fmt.Errorf("mydata reference without a nip")
	}
	d, err := m.collect(ctx, v.Get("nip"), i18n.Lang(v.Get("lang")).Or(i18n.ID))
	if err != nil {
		return nil, err
	}
	return d.encode()
}
