package sqlite

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// SetDigest turns nip's weekly digest on or off. ErrNotFound for an
// unknown NIP.
func (s *Store) SetDigest(ctx context.Context, nip string, on bool) error {
	return s.setOff(ctx, "set digest", "UPDATE employees SET digest_off = ? WHERE nip = ?", nip, on)
}

// setOff runs update, which sets one of a person's own switches (a column
// that is 1 when off) by NIP: ErrNotFound when no row has the NIP.
func (s *Store) setOff(ctx context.Context, what, update, nip string, on bool) error {
	res, err := s.db.ExecContext(ctx, update, !on, nip)
	if err == nil {
		var n int64
		if n, err = res.RowsAffected(); err == nil && n == 0 {
			err = storage.ErrNotFound
		}
	}
	if err != nil {
		return fmt.Errorf("%s nip=%s on=%t: %w", what, ident.MaskNIP(nip), on, mapErr(err))
	}
	return nil
}
