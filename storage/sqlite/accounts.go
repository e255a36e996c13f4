package sqlite

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// linkAccountSQL links in one atomic statement. OR REPLACE deletes every row
// the new one collides with: the same user id held by another employee
// (primary key) and the employee's previous account on the platform
// (UNIQUE (nip, platform)). The SELECT yields no row for an unknown NIP, so
// nothing is inserted or deleted then. The new row has no last_seen_at: a
// linked account is not seen since linking, even when the same user id is
// linked again (Account.LastSeenAt is not taken from the caller).
const linkAccountSQL = `
INSERT OR REPLACE INTO accounts (platform, user_id, chat_id, nip, linked_at)
SELECT ?, ?, ?, nip, ? FROM employees WHERE nip = ?`

// LinkAccount links the chat account on the platform to the employee,
// taking the user id from any other employee. ErrNotFound for an unknown
// NIP.
func (s *Store) LinkAccount(ctx context.Context, nip, platform string, a storage.Account) error {
	if err := storage.CheckAccount(platform, a.UserID); err != nil {
		return fmt.Errorf("link account nip=%s: %w", ident.MaskNIP(nip), err)
	}
	res, err := s.db.ExecContext(ctx, linkAccountSQL,
		platform, a.UserID, a.ChatID, millis(stamp(a.LinkedAt, s.now())), nip)
	if err != nil {
		return fmt.Errorf("link account nip=%s platform=%s: %w", ident.MaskNIP(nip), platform, mapErr(err))
	}
	n, err := res.RowsAffected()
	switch {
	case err != nil:
		return fmt.Errorf("link account nip=%s platform=%s: %w", ident.MaskNIP(nip), platform, mapErr(err))
	case n == 0:
		return fmt.Errorf("link account nip=%s platform=%s: %w", ident.MaskNIP(nip), platform, storage.ErrNotFound)
	}
	return nil
}

// UnlinkAccount removes the employee's account on the platform, if any.
// ErrNotFound for an unknown NIP.
func (s *Store) UnlinkAccount(ctx context.Context, nip, platform string) error {
	if err := storage.CheckPlatform(platform); err != nil {
		return fmt.Errorf("unlink account nip=%s: %w", ident.MaskNIP(nip), err)
	}
	res, err := s.db.ExecContext(ctx, "DELETE FROM accounts WHERE nip = ? AND platform = ?", nip, platform)
	if err != nil {
		return fmt.Errorf("unlink account nip=%s platform=%s: %w", ident.MaskNIP(nip), platform, mapErr(err))
	}
	if n, err := res.RowsAffected(); err == nil && n > 0 {
		return nil
	}
	var one int
	err = s.db.QueryRowContext(ctx, "SELECT 1 FROM employees WHERE nip = ?", nip).Scan(&one)
	if err != nil {
		return fmt.Errorf("unlink account nip=%s platform=%s: %w", ident.MaskNIP(nip), platform, mapErr(err))
	}
	return nil
}

// byAccountSQL selects the employee linked to a platform's user id.
const byAccountSQL = " WHERE e.nip = (SELECT nip FROM accounts WHERE platform = ? AND user_id = ?)"

// senderSQL is selectEmployeeSQL with whether anyone reports to the
// employee (the supervisor_nip index), for byAccountSQL: one statement, one
// read transaction, where EmployeeByAccount and HasSubordinates take two.
const senderSQL = employeeColumnsSQL + `,
	EXISTS (SELECT 1 FROM employees s WHERE s.supervisor_nip = e.nip)
FROM employees e LEFT JOIN accounts a ON a.nip = e.nip` + byAccountSQL + orderEmployeesSQL

// SenderByAccount implements storage.Store in one statement (senderSQL).
func (s *Store) SenderByAccount(ctx context.Context, platform, userID string) (storage.Sender, error) {
	rows, err := s.db.QueryContext(ctx, senderSQL, platform, userID)
	if err != nil {
		return storage.Sender{}, fmt.Errorf("sender by account platform=%s: %w", platform, mapErr(err))
	}
	defer func() { _ = rows.Close() }()
	var supervises bool // the same in every row: one per account
	all, err := scanEmployees(rows, &supervises)
	switch {
	case err != nil:
		return storage.Sender{}, fmt.Errorf("sender by account platform=%s: %w", platform, mapErr(err))
	case len(all) == 0:
		return storage.Sender{}, fmt.Errorf("sender by account platform=%s: %w", platform, storage.ErrNotFound)
	}
	return storage.Sender{Employee: all[0], Supervises: supervises}, nil
}

// EmployeeByAccount returns the employee linked to the platform user id,
// or ErrNotFound.
func (s *Store) EmployeeByAccount(ctx context.Context, platform, userID string) (storage.Employee, error) {
	e, err := s.oneEmployee(ctx, byAccountSQL, platform, userID)
	if err != nil {
		return storage.Employee{}, fmt.Errorf("employee by account platform=%s: %w", platform, err)
	}
	return e, nil
}
