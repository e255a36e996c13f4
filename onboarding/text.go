package onboarding

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
)

// Write prints a unit's status in a language: the counts, then the
// attendance list of those not registered.
func Write(w io.Writer, l i18n.Lang, s UnitStatus) error {
	if _, err := fmt.Fprintf(w, "%s\n%s\n", l.T(i18n.StatusUnit, s.Code, s.Name), counts(l, s)); err != nil {
		return err
	}
	if len(s.NotRegistered) == 0 {
		_, err := fmt.Fprintf(w, "%s\n\n", l.T(i18n.StatusAllRegistered))
		return err
	}
	fmt.Fprintln(w, l.T(i18n.StatusNotRegistered, len(s.NotRegistered)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  No\t%s\n", l.T(i18n.StatusColumns))
	for i, p := range s.NotRegistered {
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t____________\n", i+1, ident.FormatNIP(p.NIP), p.Name, p.Position)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w)
	return err
}

// WriteTotal prints the counts summed over n units.
func WriteTotal(w io.Writer, l i18n.Lang, total UnitStatus, n int) error {
	_, err := fmt.Fprintf(w, "%s\n%s\n", l.T(i18n.StatusTotal, n), counts(l, total))
	return err
}

func counts(l i18n.Lang, s UnitStatus) string {
	return l.T(i18n.StatusCounts, s.Roster, s.Registered, s.Telegram, s.WhatsApp, s.Practised, s.Reported)
}
