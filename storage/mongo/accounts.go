package mongo

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// linkAttempts bounds LinkAccount's retries when a concurrent link of the
// same user id wins the race between its two steps.
const linkAttempts = 3

// LinkAccount links the chat account on the platform to the employee nip,
// taking the user id from any other employee. ErrNotFound for an unknown
// NIP; ErrConflict if concurrent links of the user id kept winning.
//
// Without transactions it is two single-document updates, in this order:
//
//  1. $unset accounts.<platform> on the other employee holding the user id;
//  2. $set accounts.<platform> on the target.
//
// A crash between them leaves the user id linked to nobody. That is safe:
// it is the state an unlink would leave, nobody gains access, and the user
// is asked to register again, or the redelivered update repeats both
// steps, which are idempotent. The other order could never work: step 2
// would fail on the unique index while the old holder keeps the id.
func (s *Store) LinkAccount(ctx context.Context, nip, platform string, a storage.Account) error {
	if err := storage.CheckAccount(platform, a.UserID); err != nil {
		return fmt.Errorf("link account nip=%s: %w", ident.MaskNIP(nip), err)
	}
	a.LinkedAt = stamp(a.LinkedAt, s.now())
	doc, err := linkedAccount(a)
	if err == nil {
		err = s.ensureEmployee(ctx, nip)
	}
	if err == nil {
		err = retryConflict(linkAttempts, func() error { return s.linkOnce(ctx, nip, platform, a.UserID, doc) })
	}
	if err != nil {
		return fmt.Errorf("link account nip=%s platform=%s: %w", ident.MaskNIP(nip), platform, err)
	}
	return nil
}

// retryConflict calls do up to attempts times while it fails with
// ErrConflict, and returns its last error.
func retryConflict(attempts int, do func() error) error {
	var err error
	for range attempts {
		if err = do(); !errors.Is(err, storage.ErrConflict) {
			return err
		}
	}
	return err
}

// ensureEmployee is ErrNotFound for an unknown NIP, checked before step 1
// so that a failed link never unlinks anyone.
func (s *Store) ensureEmployee(ctx context.Context, nip string) error {
	opts := options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})
	return mapErr(s.employees.FindOne(ctx, byID(nip), opts).Err())
}

// linkedAccount is the account document LinkAccount sets: the account as
// its bson tags write it, less last_seen_at. LinkAccount ignores the
// LastSeenAt it is given, so a link (the same user id again too) starts not
// seen since linking: the $set replaces the whole account, and any time
// stored before goes with it. (A zero LastSeenAt is left out by the tag's
// omitempty already, time.Time having IsZero; a set one is what this
// removes.)
func linkedAccount(a storage.Account) (bson.D, error) {
	raw, err := bson.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("encode account: %w", err)
	}
	elems, err := bson.Raw(raw).Elements()
	if err != nil {
		return nil, fmt.Errorf("encode account: %w", err)
	}
	doc := make(bson.D, 0, len(elems))
	for _, e := range elems {
		if e.Key() != lastSeenKey {
			doc = append(doc, bson.E{Key: e.Key(), Value: e.Value()})
		}
	}
	return doc, nil
}

func (s *Store) linkOnce(ctx context.Context, nip, platform, userID string, account bson.D) error {
	field := accountField(platform)
	holder := bson.D{{Key: "_id", Value: bson.D{{Key: "$ne", Value: nip}}}, {Key: field + ".user_id", Value: userID}}
	unset := bson.D{{Key: "$unset", Value: bson.D{{Key: field, Value: ""}}}}
	if _, err := s.employees.UpdateOne(ctx, holder, unset); err != nil {
		return mapErr(err)
	}
	set := bson.D{{Key: "$set", Value: bson.D{{Key: field, Value: account}}}}
	res, err := s.employees.UpdateOne(ctx, byID(nip), set)
	if err != nil {
		return mapErr(err)
	}
	if res.MatchedCount == 0 {
		return storage.ErrNotFound
	}
	return nil
}

// UnlinkAccount removes the employee's account on the platform, if any.
// ErrNotFound for an unknown NIP.
func (s *Store) UnlinkAccount(ctx context.Context, nip, platform string) error {
	if err := storage.CheckPlatform(platform); err != nil {
		return fmt.Errorf("unlink account nip=%s: %w", ident.MaskNIP(nip), err)
	}
	unset := bson.D{{Key: "$unset", Value: bson.D{{Key: accountField(platform), Value: ""}}}}
	res, err := s.employees.UpdateOne(ctx, byID(nip), unset)
	switch {
	case err != nil:
		return fmt.Errorf("unlink account nip=%s platform=%s: %w", ident.MaskNIP(nip), platform, mapErr(err))
	case res.MatchedCount == 0:
		return fmt.Errorf("unlink account nip=%s platform=%s: %w", ident.MaskNIP(nip), platform, storage.ErrNotFound)
	}
	return nil
}

// SenderByAccount implements storage.Store with two queries (a document
// holds no count of those who name it their supervisor): the employee, then
// one subordinate's id.
func (s *Store) SenderByAccount(ctx context.Context, platform, userID string) (storage.Sender, error) {
	e, err := s.EmployeeByAccount(ctx, platform, userID)
	if err != nil {
		return storage.Sender{}, err
	}
	supervises, err := s.HasSubordinates(ctx, e.NIP)
	if err != nil {
		return storage.Sender{}, err
	}
	return storage.Sender{Employee: e, Supervises: supervises}, nil
}

// EmployeeByAccount returns the employee linked to the platform user id,
// or ErrNotFound.
func (s *Store) EmployeeByAccount(ctx context.Context, platform, userID string) (storage.Employee, error) {
	if err := storage.CheckAccount(platform, userID); err != nil {
		return storage.Employee{}, fmt.Errorf("employee by account: %w: %w", storage.ErrNotFound, err)
	}
	e, err := s.findEmployee(ctx, bson.D{{Key: accountField(platform) + ".user_id", Value: userID}})
	if err != nil {
		return storage.Employee{}, fmt.Errorf("employee by account platform=%s: %w", platform, err)
	}
	return e, nil
}
