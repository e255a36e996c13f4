package storage

import (
	"context"
	"crypto/subtle"
	"fmt"
	"time"
)

// MaxLinkCodeTries is how many wrong codes lock a link code: the attempt
// that makes Tries reach it is the last one counted; afterwards every
// attempt is ErrLinkCodeLocked until an admin issues a new code.
const MaxLinkCodeTries = 5

// Errors of RedeemLinkCode. Each wraps a generic sentinel, so errors.Is
// holds for both: ErrLinkCodeNone is an ErrNotFound, the others mean the
// code is not in a state that lets it link (ErrConflict), or the code given
// is wrong (ErrInvalid).
var (
	// ErrLinkCodeNone: no code was issued for the NIP (or the NIP is not on
	// the roster).
	ErrLinkCodeNone = fmt.Errorf("no link code: %w", ErrNotFound)
	// ErrLinkCodeExpired: the code's ExpiresAt has passed.
	ErrLinkCodeExpired = fmt.Errorf("link code expired: %w", ErrConflict)
	// ErrLinkCodeUsed: the code already linked an account.
	ErrLinkCodeUsed = fmt.Errorf("link code already used: %w", ErrConflict)
	// ErrLinkCodeLocked: MaxLinkCodeTries wrong codes were given.
	ErrLinkCodeLocked = fmt.Errorf("link code locked: %w", ErrConflict)
	// ErrLinkCodeWrong: the code given does not match; the try was counted
	// and the returned LinkCode holds the new Tries.
	ErrLinkCodeWrong = fmt.Errorf("wrong link code: %w", ErrInvalid)
)

// LinkCode is a one-time registration code an admin issued for one
// employee, for people whose chat platform does not vouch for a phone
// number (a WhatsApp account known only by its LID). One code per NIP: a
// new one replaces the previous. Only a hash of the code is kept; what the
// hash is (see linkcode.Hash) is opaque to the store, which only
// compares hashes, in constant time.
type LinkCode struct {
	NIP       string    `json:"nip" bson:"_id"`
	CodeHash  string    `json:"code_hash" bson:"code_hash"`
	IssuedAt  time.Time `json:"issued_at" bson:"issued_at"`
	ExpiresAt time.Time `json:"expires_at" bson:"expires_at"`
	// Tries counts the wrong codes given so far.
	Tries int `json:"tries" bson:"tries"`
	// UsedAt is when the code linked an account (zero while unused), and
	// UsedBy who redeemed it ("platform:user id").
	UsedAt time.Time `json:"used_at,omitzero" bson:"used_at,omitempty"`
	UsedBy string    `json:"used_by,omitempty" bson:"used_by,omitempty"`
}

// TriesLeft is how many wrong codes the code still takes before it locks.
func (c LinkCode) TriesLeft() int { return max(0, MaxLinkCodeTries-c.Tries) }

// LinkCodeStore keeps one-time registration codes. Every write is one
// single-record atomic operation; redeeming reads the record, judges the
// attempt (JudgeRedeem) and writes on the condition that the record is
// still the one read, reading again when it is not.
type LinkCodeStore interface {
	// IssueLinkCode stores c as the NIP's only code, replacing any previous
	// one, fresh: the Tries, UsedAt and UsedBy of c are ignored, a zero
	// IssuedAt is stamped with the store's clock. ErrNotFound when the NIP
	// is not on the roster; ErrInvalid for an empty NIP or CodeHash or a
	// zero ExpiresAt.
	IssueLinkCode(ctx context.Context, c LinkCode) error

	// RedeemLinkCode checks codeHash against the NIP's code at time now,
	// on behalf of by (who redeems, "platform:user id"), and on a match
	// marks the code used by them. It returns the code as it is stored
	// afterwards, with the error:
	//   - ErrLinkCodeNone: no code for the NIP (no LinkCode returned);
	//   - ErrLinkCodeUsed: used already; but a replay, the same by with
	//     the right code before it expires, succeeds again and changes
	//     nothing (a redelivered update must not turn success into
	//     refusal);
	//   - ErrLinkCodeExpired: now is at or past ExpiresAt;
	//   - ErrLinkCodeLocked: Tries reached MaxLinkCodeTries;
	//   - ErrLinkCodeWrong: the hash differs; the try is counted.
	// Only a wrong code counts a try; attempts refused for the other
	// reasons change nothing. Of concurrent redemptions of one code,
	// exactly one succeeds; concurrent wrong codes are each counted once.
	// ErrInvalid for an empty codeHash.
	RedeemLinkCode(ctx context.Context, nip, codeHash, by string, now time.Time) (LinkCode, error)
}

// CheckLinkCode refuses a code IssueLinkCode must not store (ErrInvalid).
// Stores call it first.
func CheckLinkCode(c LinkCode) error {
	switch {
	case c.NIP == "":
		return fmt.Errorf("%w: link code without NIP", ErrInvalid)
	case c.CodeHash == "":
		return fmt.Errorf("%w: link code without hash", ErrInvalid)
	case c.ExpiresAt.IsZero():
		return fmt.Errorf("%w: link code without expiry", ErrInvalid)
	}
	return nil
}

// RedeemWrite is the write a redemption attempt asks of the store.
type RedeemWrite int

// Writes of JudgeRedeem.
const (
	// RedeemNothing: nothing to write; the error says why (nil: a replay).
	RedeemNothing RedeemWrite = iota
	// RedeemMarkUsed: the code matches; set UsedAt and UsedBy.
	RedeemMarkUsed
	// RedeemCountTry: the code is wrong; add one to Tries.
	RedeemCountTry
)

// JudgeRedeem decides what an attempt to redeem codeHash by by at now does
// to the stored code c, in the order RedeemLinkCode documents; stores call
// it so that they agree. The hashes are compared in constant time. The
// error is what RedeemLinkCode returns once the write is done (nil for
// RedeemMarkUsed, ErrLinkCodeWrong for RedeemCountTry).
func JudgeRedeem(c LinkCode, codeHash, by string, now time.Time) (RedeemWrite, error) {
	match := subtle.ConstantTimeCompare([]byte(c.CodeHash), []byte(codeHash)) == 1
	live := now.Before(c.ExpiresAt)
	switch {
	case !c.UsedAt.IsZero() && match && live && by != "" && c.UsedBy == by:
		return RedeemNothing, nil
	case !c.UsedAt.IsZero():
		return RedeemNothing, ErrLinkCodeUsed
	case !live:
		return RedeemNothing, ErrLinkCodeExpired
	case c.Tries >= MaxLinkCodeTries:
		return RedeemNothing, ErrLinkCodeLocked
	case !match:
		return RedeemCountTry, ErrLinkCodeWrong
	}
	return RedeemMarkUsed, nil
}
