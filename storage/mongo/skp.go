package mongo

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// UpsertSKPTarget creates the target or replaces it, by ID.
func (s *Store) UpsertSKPTarget(ctx context.Context, t storage.SKPTarget) error {
	if t.ID == "" {
		return fmt.Errorf("upsert SKP target: %w: empty id", storage.ErrInvalid)
	}
	t.UpdatedAt = stamp(t.UpdatedAt, s.now())
	if _, err := s.skpTargets.ReplaceOne(ctx, byID(t.ID), t, options.Replace().SetUpsert(true)); err != nil {
		return fmt.Errorf("upsert SKP target id=%s nip=%s: %w", t.ID, ident.MaskNIP(t.NIP), mapErr(err))
	}
	return nil
}

// GetSKPTarget returns the target with the id, or ErrNotFound.
func (s *Store) GetSKPTarget(ctx context.Context, id string) (storage.SKPTarget, error) {
	var t storage.SKPTarget
	if err := s.skpTargets.FindOne(ctx, byID(id)).Decode(&t); err != nil {
		return storage.SKPTarget{}, fmt.Errorf("get SKP target id=%s: %w", id, mapErr(err))
	}
	return t, nil
}

// ListSKPTargets returns nip's targets for the period, utama first, then
// tambahan, each by RHK. A person has a few targets a period, so they are
// sorted here: the order is not one of a field's.
func (s *Store) ListSKPTargets(ctx context.Context, nip, period string) ([]storage.SKPTarget, error) {
	filter := bson.D{{Key: "nip", Value: nip}, {Key: "period", Value: period}}
	all, err := findAll[storage.SKPTarget](ctx, s.skpTargets, filter)
	if err != nil {
		return nil, fmt.Errorf("list SKP targets nip=%s: %w", ident.MaskNIP(nip), err)
	}
	slices.SortFunc(all, compareSKPTargets)
	return all, nil
}

// compareSKPTargets orders utama, then tambahan, then any other kind; within
// a kind by RHK, indicator and id, comparing bytes (as SQLite's BINARY
// collation does).
func compareSKPTargets(a, b storage.SKPTarget) int {
	return cmp.Or(
		cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)),
		cmp.Compare(a.Kind, b.Kind),
		cmp.Compare(a.RHK, b.RHK),
		cmp.Compare(a.Indikator, b.Indikator),
		cmp.Compare(a.ID, b.ID),
	)
}

func kindRank(kind string) int {
	switch kind {
	case storage.SKPKindUtama:
		return 0
	case storage.SKPKindTambahan:
		return 1
	}
	return 2
}
