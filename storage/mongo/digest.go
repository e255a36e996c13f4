package mongo

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// SetDigest turns nip's weekly digest on or off: digest_off is set when
// off and removed when on (omitempty). UpsertEmployee never names the
// field, so a roster import keeps it. ErrNotFound for an unknown NIP.
func (s *Store) SetDigest(ctx context.Context, nip string, on bool) error {
	var up update
	up.optionalBool("digest_off", !on)
	res, err := s.employees.UpdateOne(ctx, byID(nip), up.doc())
	switch {
	case err != nil:
		return fmt.Errorf("set digest nip=%s on=%t: %w", ident.MaskNIP(nip), on, mapErr(err))
	case res.MatchedCount == 0:
		return fmt.Errorf("set digest nip=%s on=%t: %w", ident.MaskNIP(nip), on, storage.ErrNotFound)
	}
	return nil
}
