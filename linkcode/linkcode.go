// Package linkcode owns the one-time registration codes an admin issues
// (the CLI's kinerjabot code, the console's printable cards) and a person
// redeems in chat with /kode NIP KODE: making a code and the hash the
// record store keeps of it (storage.LinkCode).
package linkcode

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Registering with a one-time code, for people whose platform vouches for
// no phone number (WhatsApp addresses some senders by a LID alone). An
// admin issues a code for a NIP (kinerjabot code --nip N); the person
// sends "/kode NIP KODE" (or /code, or the same without the slash). The
// store keeps only Hash of it and does the checks atomically:
// single use, TTL, storage.MaxLinkCodeTries wrong codes lock it,
// a new code replaces the previous one.
//
// Six digits: guessing is bounded by the lock (5 guesses in a million per
// code issued), and the person reads the code from the admin and types it
// on a phone, where each extra digit is another chance of a typo that
// burns a try. More digits would not make the stored hash safe from
// someone who can read the table either: 10^8 hashes are as quick to try
// as 10^6. What protects a code is its short life, the lock and single
// use.
const (
	// Digits is the length of a code.
	Digits = 6
	// TTL is how long a code is valid.
	TTL = 24 * time.Hour
)

// New makes a random code for the NIP (18 digits, as on the
// roster), valid TTL from now: the code to give the person, and
// the record to store, which holds only its hash.
func New(nip string, now time.Time) (string, storage.LinkCode, error) {
	limit := big.NewInt(1)
	for range Digits {
		limit.Mul(limit, big.NewInt(10))
	}
	n, err := rand.Int(rand.Reader, limit)
	if err != nil {
		return "", storage.LinkCode{}, fmt.Errorf("make link code: %w", err)
	}
	code := fmt.Sprintf("%0*d", Digits, n)
	return code, storage.LinkCode{NIP: nip, CodeHash: Hash(nip, code), IssuedAt: now, ExpiresAt: now.Add(TTL)}, nil
}

// Hash is what the store keeps of a code: SHA-256 of the code
// bound to its NIP (so one code's hash opens no other NIP), hex-encoded.
func Hash(nip, code string) string {
	sum := sha256.Sum256([]byte("kinerjabot link code v1\x00" + nip + "\x00" + code))
	return hex.EncodeToString(sum[:])
}
