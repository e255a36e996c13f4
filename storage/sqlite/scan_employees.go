package sqlite

import (
	"database/sql"

	"github.com/kinerjabot/kinerjabot/storage"
)

// employeeRow is one row of selectEmployeeSQL.
type employeeRow struct {
	e                storage.Employee
	role             string
	created, updated int64
	platform         sql.Null[string]
	userID, chatID   sql.Null[string]
	linkedAt         sql.Null[int64]
	lastSeenAt       sql.Null[int64] // NULL: not since linking
}

// scanEmployees folds the rows, ordered by NIP, into employees. extra
// receives the columns a query adds after employeeColumnsSQL's, from each
// row in turn.
func scanEmployees(rows *sql.Rows, extra ...any) ([]storage.Employee, error) {
	all := []storage.Employee{}
	for rows.Next() {
		var r employeeRow
		if err := rows.Scan(append(r.dest(), extra...)...); err != nil {
			return nil, err
		}
		if len(all) == 0 || all[len(all)-1].NIP != r.e.NIP {
			all = append(all, r.employee())
		}
		r.addAccountTo(&all[len(all)-1])
	}
	return all, rows.Err()
}

func (r *employeeRow) dest() []any {
	e := &r.e
	return []any{&e.NIP, &e.Name, &e.UnitCode, &e.Position, &e.SupervisorNIP, &e.Phone, &r.role,
		&e.Active, &e.RemindersOff, &e.DigestOff, &r.created, &r.updated,
		&r.platform, &r.userID, &r.chatID, &r.linkedAt, &r.lastSeenAt}
}

func (r *employeeRow) employee() storage.Employee {
	e := r.e
	e.Role = storage.Role(r.role)
	e.CreatedAt, e.UpdatedAt = fromMillis(r.created), fromMillis(r.updated)
	return e
}

func (r *employeeRow) addAccountTo(e *storage.Employee) {
	if !r.platform.Valid {
		return
	}
	if e.Accounts == nil {
		e.Accounts = make(map[string]storage.Account)
	}
	a := storage.Account{UserID: r.userID.V, ChatID: r.chatID.V, LinkedAt: fromMillis(r.linkedAt.V)}
	if r.lastSeenAt.Valid {
		a.LastSeenAt = fromMillis(r.lastSeenAt.V)
	}
	e.Accounts[r.platform.V] = a
}
