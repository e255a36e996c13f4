package storage

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"
)

// MaxAuditPage is the most rows one ListAuditLog page returns.
const MaxAuditPage = 500

// AuditRecord is one row of the audit log: who (a NIP) did what (an
// action, such as console.login or report.approve) to what (a NIP, a unit,
// a file kind) and when, with detail (counts, a month; never names or
// phones). Unit is the unit the row belongs to, for scoping: a unit admin
// sees the rows of their branch only ("" belongs to no unit: super-admins
// and root auditors see it).
type AuditRecord struct {
	// ID is unique and orders rows of the same At (a ULID); an empty one
	// is given by the store.
	ID     string    `json:"id" bson:"_id"`
	At     time.Time `json:"at" bson:"at"`
	Actor  string    `json:"actor" bson:"actor"`
	Action string    `json:"action" bson:"action"`
	Target string    `json:"target,omitempty" bson:"target,omitempty"`
	Detail string    `json:"detail,omitempty" bson:"detail,omitempty"`
	Unit   string    `json:"unit,omitempty" bson:"unit,omitempty"`
}

// The audit log's actions of decisions on reports (the console's own are
// package console's). Stored values.
const (
	AuditReportApprove = "report.approve"
	AuditReportReject  = "report.reject"
	AuditReportRevise  = "report.revise"
)

// DecisionAudit is the audit log's row of decision d on report a (at its
// version): by the decider (SystemActor for a rule), about the report's
// owner, in the owner's unit. Its ID derives from the report and version,
// so a decision applied again writes nothing new.
func DecisionAudit(a Activity, version int, d Decide) AuditRecord {
	action := map[Status]string{StatusApproved: AuditReportApprove, StatusRejected: AuditReportReject,
		StatusRevision: AuditReportRevise}[d.To]
	detail := "report " + a.ID
	if d.Rule != "" {
		detail += " rule " + d.Rule
	}
	return AuditRecord{ID: fmt.Sprintf("decide:%s:%d", a.ID, version), At: d.At, Actor: d.ByNIP, Action: action,
		Target: a.NIP, Detail: detail, Unit: a.UnitCode}
}

// AuditFilter selects audit rows: At in [From, To) (a zero bound is open),
// of the actor and action when set, of the units when Units is not nil (an
// empty, non-nil Units matches nothing), Limit of them (1..MaxAuditPage)
// newest first, after Cursor (a page's Next; "" is the first page).
type AuditFilter struct {
	From, To time.Time
	Actor    string
	Action   string
	Units    []string
	Limit    int
	Cursor   string
}

// AuditPage is one page of rows, newest first; Next is the cursor of the
// following page, "" when this is the last.
type AuditPage struct {
	Rows []AuditRecord
	Next string
}

// AuditLog keeps the audit log. Methods do I/O and are safe for concurrent
// use. Rows are only appended; nothing updates one.
type AuditLog interface {
	// AppendAuditLog adds r, stamping a zero At with the store's clock and
	// an empty ID with a new one. ErrInvalid without Actor or Action.
	AppendAuditLog(ctx context.Context, r AuditRecord) error
	// ListAuditLog returns a page of the rows f selects (At descending,
	// then ID descending). ErrInvalid for a Limit outside 1..MaxAuditPage
	// or a cursor no page gave.
	ListAuditLog(ctx context.Context, f AuditFilter) (AuditPage, error)
}

// PrepareAuditRecord is r as AppendAuditLog stores it: At stamped with
// now when zero and cut to the millisecond in UTC, an ID given when empty.
// ErrInvalid for a row without Actor or Action.
func PrepareAuditRecord(r AuditRecord, now time.Time) (AuditRecord, error) {
	if r.Actor == "" || r.Action == "" {
		return r, fmt.Errorf("%w: audit row without actor or action", ErrInvalid)
	}
	if r.At.IsZero() {
		r.At = now
	}
	r.At = time.UnixMilli(r.At.UnixMilli()).UTC()
	if r.ID == "" {
		r.ID = ulid.MustNew(ulid.Timestamp(r.At), ulid.DefaultEntropy()).String()
	}
	return r, nil
}

// AuditCursor is where a page ends: its last row's time and ID.
type AuditCursor struct {
	At time.Time
	ID string
}

// CheckAuditFilter refuses a filter ListAuditLog must not run and returns
// its cursor (zero for the first page).
func CheckAuditFilter(f AuditFilter) (AuditCursor, error) {
	if f.Limit < 1 || f.Limit > MaxAuditPage {
		return AuditCursor{}, fmt.Errorf("%w: audit page size %d outside 1..%d", ErrInvalid, f.Limit, MaxAuditPage)
	}
	if f.Cursor == "" {
		return AuditCursor{}, nil
	}
	ms, id, ok := strings.Cut(f.Cursor, ".")
	n, err := strconv.ParseInt(ms, 10, 64)
	if !ok || err != nil || id == "" {
		return AuditCursor{}, fmt.Errorf("%w: bad audit cursor", ErrInvalid)
	}
	return AuditCursor{At: time.UnixMilli(n).UTC(), ID: id}, nil
}

// AuditPageOf makes the page of rows read with one row more than
// f.Limit asked for (that row, when present, says a next page exists).
func AuditPageOf(rows []AuditRecord, f AuditFilter) AuditPage {
	if len(rows) <= f.Limit {
		return AuditPage{Rows: rows}
	}
	rows = rows[:f.Limit]
	last := rows[len(rows)-1]
	return AuditPage{Rows: rows, Next: strconv.FormatInt(last.At.UnixMilli(), 10) + "." + last.ID}
}
