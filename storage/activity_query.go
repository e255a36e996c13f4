package storage

import (
	"context"
	"fmt"
)

// ReportIndex answers the scheduler's questions about reports for a page
// of people at a time (ReportersOn and MinutesBetween answer them for
// everyone at once: a province's million rows, past a statement's bound).
// Methods do I/O and are safe for concurrent use.
type ReportIndex interface {
	// ReportedAmong returns, in NIP order and once each, those of nips
	// who have a report of any status dated date.
	ReportedAmong(ctx context.Context, date string, nips []string) ([]string, error)
	// MinutesAmong is MinutesBetween for the people of nips only.
	MinutesAmong(ctx context.Context, from, to string, nips []string) (map[string]int, error)
	// ApprovedMinutesAmong is MinutesAmong of approved reports only (the
	// capaian's numerator: approved minutes ÷ the target).
	ApprovedMinutesAmong(ctx context.Context, from, to string, nips []string) (map[string]int, error)
	// LastReportedAmong returns, for those of nips who have reported, the
	// date (YYYY-MM-DD) of their latest report of any status: the
	// console's staff list.
	LastReportedAmong(ctx context.Context, nips []string) (map[string]string, error)
}

// CheckAmong refuses more than MaxEmployeePage NIPs (ErrInvalid).
func CheckAmong(nips []string) error {
	if len(nips) > MaxEmployeePage {
		return fmt.Errorf("%w: %d NIPs, at most %d", ErrInvalid, len(nips), MaxEmployeePage)
	}
	return nil
}
