package storage

import "context"

// DigestStore keeps who turned the weekly digest off (the scheduler's
// Monday summary for unit heads and admins).
type DigestStore interface {
	// SetDigest turns nip's weekly digest on or off (Employee.DigestOff);
	// ErrNotFound for an unknown nip. Roster imports keep the choice.
	SetDigest(ctx context.Context, nip string, on bool) error
}
