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
	res, err := s.db.ExecContext(ctx, "UPDATE employees SET digest_off = ? WHERE nip = ?", !on, nip)
	if err == nil {
		var n int64
		if n, err = res.RowsAffected(); err == nil && n == 0 {
			err = storage.ErrNotFound
		}
	}
	if err != nil {
		return fmt.Errorf("set digest nip=%s on=%t: %w", ident.MaskNIP(nip), on, mapErr(err))
	}
	return nil
}
