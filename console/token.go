package console

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// newToken is a 128-bit random secret, base64url without padding: login
// links, session ids and CSRF tokens.
func newToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}

// hashToken is what Redis keeps of a secret: its SHA-256, in hex.
func hashToken(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// key is a Redis key of the console's: the deployment's prefix, "console:",
// the kind and the id.
func (c *Console) key(kind, id string) string { return c.d.Prefix + "console:" + kind + ":" + id }
