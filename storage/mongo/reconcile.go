package mongo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// indexSpec is an index as the store compares it: name, ordered keys, and
// the two options it ever sets. Other holds the options a listed index has
// beyond those (partial, TTL, collation, hidden…), which the store never
// sets: an index of a wanted name with any of them is replaced.
type indexSpec struct {
	Name           string
	Keys           bson.D
	Unique, Sparse bool
	Other          []string
}

// String describes the index for logs and errors: name (keys; options).
func (x indexSpec) String() string {
	keys := make([]string, len(x.Keys))
	for i, k := range x.Keys {
		keys[i] = fmt.Sprintf("%s: %v", k.Key, k.Value)
	}
	var opts []string
	if x.Unique {
		opts = append(opts, "unique")
	}
	if x.Sparse {
		opts = append(opts, "sparse")
	}
	opts = append(opts, x.Other...)
	desc := x.Name + " {" + strings.Join(keys, ", ") + "}"
	if len(opts) > 0 {
		desc += " " + strings.Join(opts, " ")
	}
	return desc
}

// sameAs reports whether two indexes are the same but for their names.
func (x indexSpec) sameAs(y indexSpec) bool {
	return sameKeys(x.Keys, y.Keys) && x.Unique == y.Unique && x.Sparse == y.Sparse &&
		len(x.Other) == 0 && len(y.Other) == 0
}

// sameKeys compares key patterns in order; directions compare as numbers
// (the server may give back 1 as an int32, an int64 or a double).
func sameKeys(a, b bson.D) bool {
	return slices.EqualFunc(a, b, func(x, y bson.E) bool {
		return x.Key == y.Key && keyValue(x.Value) == keyValue(y.Value)
	})
}

func keyValue(v any) string {
	switch n := v.(type) {
	case int:
		return fmt.Sprint(n)
	case int32:
		return fmt.Sprint(n)
	case int64:
		return fmt.Sprint(n)
	case float64:
		if n == float64(int64(n)) {
			return fmt.Sprint(int64(n))
		}
	}
	return fmt.Sprintf("%T:%v", v, v)
}

// wantedSpec is the spec of a model the store creates. Its name is set:
// every model has one (indexes.go).
func wantedSpec(m mongodrv.IndexModel) (indexSpec, error) {
	var o options.IndexOptions
	if m.Options != nil {
		for _, set := range m.Options.List() {
			if err := set(&o); err != nil {
				return indexSpec{}, err
			}
		}
	}
	keys, ok := m.Keys.(bson.D)
	if !ok || o.Name == nil {
		return indexSpec{}, fmt.Errorf("index model %v: keys must be a bson.D and the name set", m.Keys)
	}
	return indexSpec{Name: *o.Name, Keys: keys, Unique: o.Unique != nil && *o.Unique, Sparse: o.Sparse != nil && *o.Sparse}, nil
}

// knownIndexFields are the fields of a listIndexes entry that describe what
// the store sets, or nothing at all.
var knownIndexFields = []string{"v", "key", "name", "unique", "sparse", "ns", "background"}

// listedSpec is the spec of an index as listIndexes gives it.
func listedSpec(raw bson.Raw) (indexSpec, error) {
	var x indexSpec
	elems, err := raw.Elements()
	if err != nil {
		return x, err
	}
	for _, e := range elems {
		switch v := e.Value(); e.Key() {
		case "name":
			x.Name = v.StringValue()
		case "key":
			if err := v.Unmarshal(&x.Keys); err != nil {
				return x, fmt.Errorf("index key: %w", err)
			}
		case "unique":
			x.Unique = truthy(v)
		case "sparse":
			x.Sparse = truthy(v)
		default:
			if !slices.Contains(knownIndexFields, e.Key()) {
				x.Other = append(x.Other, e.Key())
			}
		}
	}
	return x, nil
}

// truthy reads an index flag, which old servers may give as a number.
func truthy(v bson.RawValue) bool {
	if b, ok := v.BooleanOK(); ok {
		return b
	}
	if n, ok := v.AsInt64OK(); ok {
		return n != 0
	}
	return false
}

// indexStep is one change to a collection's indexes.
type indexStep struct {
	Drop   bool // drop Index.Name; else create Index
	Index  indexSpec
	Reason string
}

// idIndex is the index every collection has on _id; it is never touched.
const idIndex = "_id_"

// planIndexes compares the indexes a collection has with those it should
// have, by name, and returns the changes: every drop first, then every
// creation. An index of a wanted name that differs is dropped and created
// again; an index with a wanted one's keys and options under another name
// is dropped (the server would refuse the wanted one beside it); a retired
// name is dropped. Indexes the store does not know are left alone.
func planIndexes(want, have []indexSpec, retired []string) []indexStep {
	var drops, creates []indexStep
	dropped := map[string]bool{}
	drop := func(x indexSpec, reason string) {
		if !dropped[x.Name] {
			dropped[x.Name] = true
			drops = append(drops, indexStep{Drop: true, Index: x, Reason: reason})
		}
	}
	wanted := map[string]bool{}
	for _, w := range want {
		wanted[w.Name] = true
	}
	for _, w := range want {
		i := slices.IndexFunc(have, func(h indexSpec) bool { return h.Name == w.Name })
		if i >= 0 && have[i].sameAs(w) {
			continue
		}
		for _, h := range have {
			if h.Name != idIndex && !wanted[h.Name] && sameKeys(h.Keys, w.Keys) {
				drop(h, "same keys as "+w.Name+", under another name")
			}
		}
		if i < 0 {
			creates = append(creates, indexStep{Index: w, Reason: "missing"})
			continue
		}
		drop(have[i], "differs from "+w.String())
		creates = append(creates, indexStep{Index: w, Reason: "was " + have[i].String()})
	}
	for _, h := range have {
		if slices.Contains(retired, h.Name) && !wanted[h.Name] {
			drop(h, "no longer used")
		}
	}
	return append(drops, creates...)
}

// listIndexes returns the collection's indexes as specs.
func listIndexes(ctx context.Context, coll *mongodrv.Collection) ([]indexSpec, error) {
	cur, err := coll.Indexes().List(ctx)
	if err != nil {
		return nil, mapErr(err)
	}
	var raws []bson.Raw
	if err := cur.All(ctx, &raws); err != nil {
		return nil, mapErr(err)
	}
	all := make([]indexSpec, 0, len(raws))
	for _, r := range raws {
		x, err := listedSpec(r)
		if err != nil {
			return nil, fmt.Errorf("read index %s: %w", r, err)
		}
		all = append(all, x)
	}
	return all, nil
}

// applyStep makes one change; a drop of an index already gone (another
// replica's migration, before the lock) is no error. The error names the
// collection and the index.
func applyStep(ctx context.Context, coll *mongodrv.Collection, st indexStep) error {
	if st.Drop {
		err := coll.Indexes().DropOne(ctx, st.Index.Name)
		var ce mongodrv.CommandError
		if err != nil && !(errors.As(err, &ce) && (ce.Code == codeIndexNotFound || ce.Code == codeNamespaceNotFound)) {
			return fmt.Errorf("drop index %s.%s: %w", coll.Name(), st.Index.Name, mapErr(err))
		}
		return nil
	}
	opts := options.Index().SetName(st.Index.Name)
	if st.Index.Unique {
		opts.SetUnique(true)
	}
	if st.Index.Sparse {
		opts.SetSparse(true)
	}
	_, err := coll.Indexes().CreateOne(ctx, mongodrv.IndexModel{Keys: st.Index.Keys, Options: opts})
	if err != nil {
		return fmt.Errorf("create index %s.%s: %w", coll.Name(), st.Index, explainCreate(err))
	}
	return nil
}

// Server error codes the reconciliation meets.
const (
	codeNamespaceNotFound     = 26
	codeIndexNotFound         = 27
	codeIndexOptionsConflict  = 85
	codeIndexKeySpecsConflict = 86
)

// explainCreate says what a failed index creation means for the operator.
// The server's own text of a duplicate quotes the values (phone numbers):
// it is left out.
func explainCreate(err error) error {
	var se mongodrv.ServerError
	switch {
	case mongodrv.IsDuplicateKeyError(err):
		return errors.New("documents already hold duplicate values for its keys: remove the duplicates, then run `kinerjabot migrate` again")
	case errors.As(err, &se) && (se.HasErrorCode(codeIndexOptionsConflict) || se.HasErrorCode(codeIndexKeySpecsConflict)):
		return fmt.Errorf("an index with these keys or this name exists with other options (another migration at work?): %w; run `kinerjabot migrate` again", mapErr(err))
	}
	return mapErr(err)
}
