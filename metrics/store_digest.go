package metrics

import "context"

// SetDigest is the weekly digest's preference (storage.DigestStore).
func (s Store) SetDigest(ctx context.Context, nip string, on bool) error {
	return s.count("set_digest", s.Store.SetDigest(ctx, nip, on))
}
