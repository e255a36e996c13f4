package handlers

import (
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// problem is why an admin's /plt is refused: a text and its arguments.
type problem struct {
	key  i18n.Key
	args []any
}

func (p *problem) text(c *call) string { return c.t(p.key, p.args...) }

func refuse(k i18n.Key, args ...any) *problem { return &problem{key: k, args: args} }

// parseActing reads /plt's arguments, NIP_ACTING NIP_FOR FROM TO [plt|plh]
// (dates as /lapor takes them), into an assignment that has not ended by
// today (YYYY-MM-DD). Who the NIPs are is checked against the roster
// after (checkActing).
func parseActing(args []string, today string, loc *time.Location) (storage.Acting, *problem) {
	if len(args) != 4 && len(args) != 5 {
		return storage.Acting{}, refuse(i18n.ActingFormat)
	}
	var a storage.Acting
	var err error
	for i, nip := range []*string{&a.ActingNIP, &a.ForNIP} {
		if *nip, err = ident.ParseNIP(args[i]); err != nil {
			return a, refuse(i18n.ActingBadNIP, truncate(args[i], 24))
		}
	}
	for i, date := range []*string{&a.From, &a.To} {
		t, err := parseDate(args[2+i], loc)
		if err != nil {
			return a, refuse(i18n.ActingBadDate, truncate(args[2+i], 24))
		}
		*date = t.Format(time.DateOnly)
	}
	if len(args) == 5 {
		a.Kind = storage.ActingKind(strings.ToLower(args[4]))
		if a.Kind != storage.ActingPlt && a.Kind != storage.ActingPlh {
			return a, refuse(i18n.ActingBadKind, truncate(args[4], 24))
		}
	}
	return a, checkDates(a, today)
}

// checkDates refuses a range that ends before it begins, or before today.
func checkDates(a storage.Acting, today string) *problem {
	switch {
	case a.To < a.From:
		return refuse(i18n.ActingRange, a.From, a.To)
	case a.To < today:
		return refuse(i18n.ActingEnded, a.To)
	}
	return nil
}

// checkActing applies import-acting's rules to an assignment whose people
// were looked up (nil: not on the roster): the person acting is on the
// roster and active, the post's holder on the roster (the post may be
// vacant: its holder left), nobody acts for their own post, and no other
// assignment for the post overlaps it.
func checkActing(a storage.Acting, acting, post *storage.Employee, list []storage.Acting) *problem {
	switch {
	case acting == nil:
		return refuse(i18n.ActingUnknown, ident.FormatNIP(a.ActingNIP))
	case post == nil:
		return refuse(i18n.ActingUnknown, ident.FormatNIP(a.ForNIP))
	case !acting.Active:
		return refuse(i18n.ActingInactive, acting.Name)
	case a.ActingNIP == a.ForNIP:
		return refuse(i18n.ActingSelf)
	}
	for _, b := range list {
		if a.Overlaps(b) {
			return refuse(i18n.ActingOverlap, post.Name, b.From, b.To)
		}
	}
	return nil
}
