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
	return s.setOff(ctx, "set digest", "digest_off", nip, on)
}

// setOff sets one of a person's own switches, field, true when off and
// removed when on: one update by NIP, ErrNotFound when none has it.
func (s *Store) setOff(ctx context.Context, what, field, nip string, on bool) error {
	var up update
	up.optionalBool(field, !on)
	res, err := s.employees.UpdateOne(ctx, byID(nip), up.doc())
	switch {
	case err != nil:
		return fmt.Errorf("%s nip=%s on=%t: %w", what, ident.MaskNIP(nip), on, mapErr(err))
	case res.MatchedCount == 0:
		return fmt.Errorf("%s nip=%s on=%t: %w", what, ident.MaskNIP(nip), on, storage.ErrNotFound)
	}
	return nil
}
