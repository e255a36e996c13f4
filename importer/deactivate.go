package importer

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
)

// Deactivation is what ImportRoster with Options.DeactivateMissing did, or
// would do, with the people on file whom the roster (a full export from
// the personnel system) does not list: they become inactive.
type Deactivation struct {
	// Missing are the active people on file the roster lacks (Key: the
	// NIP in display form, Name), by NIP.
	Missing []RowResult
	// Confirmed: Options.ConfirmDeactivate was given. Without it, when
	// anyone is missing, nothing at all is written: the report shows whom
	// the import would deactivate, for the admin to confirm.
	Confirmed bool
	// Done: every row was written and every missing person deactivated. It
	// stays false when a row is refused (even with Options.Partial: a
	// refused row may be a person to keep) or a store error stopped the
	// import.
	Done bool
	// Deactivated counts the people deactivated; Err is the store error
	// that stopped the deactivations.
	Deactivated int
	Err         error
}

// waiting reports whether the import waits for the admin's confirmation.
func (d *Deactivation) waiting() bool { return d != nil && !d.Confirmed && len(d.Missing) > 0 }

// missing lists the active people on file whom no row of the file names
// (a refused row still names its person).
func (im *rosterImport) missing() []RowResult { return im.stored.missing }

// missingNIPs are the NIPs of missing(), in NIP order.
func (im *rosterImport) missingNIPs() []string { return im.stored.missingNIPs }

// deactivate marks the missing people (missingNIPs) inactive, a batch at a time, each
// as read again from the store (linked accounts and the reminder choice
// are kept: the upserts leave them). When a batch fails it goes again one
// by one, to count who was deactivated before the failure.
func deactivate(ctx context.Context, st RosterStore, missing []string, d *Deactivation) error {
	for start := 0; start < len(missing); start += writeBatch {
		batch, err := st.EmployeesByNIP(ctx, missing[start:min(start+writeBatch, len(missing))])
		if err != nil {
			d.Err = err
			return fmt.Errorf("deactivate missing people: %w", err)
		}
		for i := range batch {
			batch[i].Active = false
		}
		if st.UpsertEmployees(ctx, batch) == nil {
			d.Deactivated += len(batch)
			continue
		}
		for _, e := range batch {
			if err := st.UpsertEmployee(ctx, e); err != nil {
				d.Err = err
				return fmt.Errorf("deactivate nip=%s: %w", ident.MaskNIP(e.NIP), err)
			}
			d.Deactivated++
		}
	}
	d.Done = true
	return nil
}

// writeDeactivation says whom the import deactivated, or would.
func (r Report) writeDeactivation(w io.Writer, l i18n.Lang) {
	d := r.Deactivation
	if d == nil {
		return
	}
	names := namesOf(d.Missing, 20)
	switch {
	case d.waiting():
		fmt.Fprintln(w, l.T(i18n.RosterDeactivateAsk, len(d.Missing), names))
	case d.Err != nil:
		fmt.Fprintln(w, l.T(i18n.RosterDeactivateFailed, d.Deactivated, len(d.Missing), d.Err))
	case d.Done && len(d.Missing) > 0:
		fmt.Fprintln(w, l.T(i18n.RosterDeactivated, d.Deactivated, names))
	case d.Done:
		fmt.Fprintln(w, l.T(i18n.RosterDeactivateNone))
	case r.Written: // --partial with refused rows
		fmt.Fprintln(w, l.T(i18n.RosterDeactivateSkipped))
	}
}

// namesOf lists up to most people as "Name (NIP)", then how many more.
func namesOf(people []RowResult, most int) string {
	var parts []string
	for i, p := range people {
		if i == most {
			parts = append(parts, fmt.Sprintf("… (+%d)", len(people)-most))
			break
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", p.Name, p.Key))
	}
	return strings.Join(parts, ", ")
}
