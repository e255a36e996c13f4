package mongo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// redeemAttempts bounds RedeemLinkCode's rounds of read, judge and
// conditional write. A round fails only when another write to the code won
// in between, and a code takes at most MaxLinkCodeTries counted tries and
// one redemption, so a round beyond that count meets a used or locked code
// and ends.
const redeemAttempts = storage.MaxLinkCodeTries + 3

// IssueLinkCode stores c as the NIP's only code, fresh: one replace (an
// upsert) of the document keyed by NIP. ErrNotFound for an unknown NIP,
// checked first. Two issues of one NIP racing may end in ErrConflict for
// the loser (an upsert's duplicate key); the caller may retry.
func (s *Store) IssueLinkCode(ctx context.Context, c storage.LinkCode) error {
	if err := storage.CheckLinkCode(c); err != nil {
		return fmt.Errorf("issue link code nip=%s: %w", ident.MaskNIP(c.NIP), err)
	}
	fresh := storage.LinkCode{NIP: c.NIP, CodeHash: c.CodeHash, IssuedAt: stamp(c.IssuedAt, s.now()), ExpiresAt: c.ExpiresAt}
	err := s.ensureEmployee(ctx, c.NIP)
	if err == nil {
		_, err = s.linkCodes.ReplaceOne(ctx, byID(c.NIP), fresh, options.Replace().SetUpsert(true))
	}
	if err != nil {
		return fmt.Errorf("issue link code nip=%s: %w", ident.MaskNIP(c.NIP), mapErr(err))
	}
	return nil
}

// RedeemLinkCode reads the code, judges the attempt (storage.JudgeRedeem,
// which compares the hashes in constant time) and writes the outcome with
// one conditional single-document update: only if the code is still the
// one read (same hash and issue time, same tries, unused). When another
// write came first, it reads and judges again: of concurrent redemptions
// exactly one marks the code used, and every wrong code is counted once.
func (s *Store) RedeemLinkCode(ctx context.Context, nip, codeHash, by string, now time.Time) (storage.LinkCode, error) {
	c, err := s.redeem(ctx, nip, codeHash, by, now)
	if err != nil {
		return c, fmt.Errorf("redeem link code nip=%s: %w", ident.MaskNIP(nip), err)
	}
	return c, nil
}

func (s *Store) redeem(ctx context.Context, nip, codeHash, by string, now time.Time) (storage.LinkCode, error) {
	if codeHash == "" {
		return storage.LinkCode{}, fmt.Errorf("%w: empty code hash", storage.ErrInvalid)
	}
	for range redeemAttempts {
		var c storage.LinkCode
		err := s.linkCodes.FindOne(ctx, byID(nip)).Decode(&c)
		if err = mapErr(err); errors.Is(err, storage.ErrNotFound) {
			return storage.LinkCode{}, storage.ErrLinkCodeNone
		}
		if err != nil {
			return storage.LinkCode{}, err
		}
		write, verdict := storage.JudgeRedeem(c, codeHash, by, now)
		var update bson.D
		switch write {
		case storage.RedeemNothing:
			return c, verdict
		case storage.RedeemMarkUsed:
			update = bson.D{{Key: "$set", Value: bson.D{{Key: "used_at", Value: now}, {Key: "used_by", Value: by}}}}
		case storage.RedeemCountTry:
			update = bson.D{{Key: "$inc", Value: bson.D{{Key: "tries", Value: 1}}}}
		}
		var after storage.LinkCode
		opts := options.FindOneAndUpdate().SetReturnDocument(options.After)
		err = s.linkCodes.FindOneAndUpdate(ctx, unchangedCode(c), update, opts).Decode(&after)
		if err = mapErr(err); err == nil {
			return after, verdict
		}
		if !errors.Is(err, storage.ErrNotFound) {
			return storage.LinkCode{}, err
		}
		// Changed since it was read: judge it again.
	}
	return storage.LinkCode{}, fmt.Errorf("%w: the code kept changing during the redemption", storage.ErrConflict)
}

// unchangedCode matches the code only while it is still c: not replaced
// by a new code, no try counted and not used since it was read.
func unchangedCode(c storage.LinkCode) bson.D {
	return bson.D{
		{Key: "_id", Value: c.NIP},
		{Key: "code_hash", Value: c.CodeHash},
		{Key: "issued_at", Value: c.IssuedAt},
		{Key: "tries", Value: c.Tries},
		{Key: "used_at", Value: bson.D{{Key: "$exists", Value: false}}},
	}
}
