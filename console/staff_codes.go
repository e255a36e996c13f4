package console

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/linkcode"
	"github.com/kinerjabot/kinerjabot/measure"
	"github.com/kinerjabot/kinerjabot/storage"
)

// maxCodes bounds the people one request issues codes for.
const maxCodes = 500

// maxFormBytes bounds a posted form (500 NIPs fit many times over).
const maxFormBytes = 256 << 10

// errTooMany: more people than maxCodes were asked for.
var errTooMany = errors.New("too many people for one request")

// codes issues one-time registration codes, as `kinerjabot code` does,
// for the people picked (nip, repeated) or for every active, unregistered
// person of a unit (unit), and answers a printable PDF of one card each.
// Anyone out of the viewer's scope makes it 404; inactive people get no
// code.
func (c *Console) codes(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	ctx, v := r.Context(), ViewerFrom(r.Context())
	sc, err := c.scopeOf(ctx, v)
	if err != nil {
		c.fail(w, r, "codes scope", err)
		return
	}
	people, target, err := c.codePeople(ctx, sc, r.PostForm)
	switch {
	case errors.Is(err, errNotInScope):
		http.NotFound(w, r)
		return
	case errors.Is(err, errTooMany):
		c.refuse(w, r, i18n.ConsoleStaffCodesTooMany, maxCodes)
		return
	case err != nil:
		c.fail(w, r, "codes people", err)
		return
	case len(people) == 0:
		c.refuse(w, r, i18n.ConsoleStaffCodesNone)
		return
	}
	cards, err := c.issueCodes(ctx, sc, people)
	if err != nil {
		c.fail(w, r, "issue codes", err)
		return
	}
	pdf, err := codeCardsPDF(viewerLang(v), cards)
	if err != nil {
		c.fail(w, r, "codes pdf", err)
		return
	}
	c.audit(r, ActionCodes, target, fmt.Sprint(len(cards)))
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="kode-pendaftaran.pdf"`)
	_, _ = w.Write(pdf)
}

// codePeople reads whom the form names: the active people picked, or the
// active, unregistered people of the unit, with the audit target (the
// unit, or "selected").
func (c *Console) codePeople(ctx context.Context, sc scope, form url.Values) ([]storage.Employee, string, error) {
	if unit := form.Get("unit"); unit != "" {
		if !sc.has(unit) {
			return nil, "", errNotInScope
		}
		people, err := unregisteredOf(ctx, c.d.Store, unit)
		return people, unit, err
	}
	nips, err := formNIPs(form["nip"])
	if err != nil {
		return nil, "", err
	}
	found, err := c.d.Store.EmployeesByNIP(ctx, nips)
	if err != nil {
		return nil, "", fmt.Errorf("employees by nip: %w", err)
	}
	if len(found) != len(nips) {
		return nil, "", errNotInScope
	}
	var people []storage.Employee
	for _, e := range found {
		if !sc.has(e.UnitCode) {
			return nil, "", errNotInScope
		}
		if e.Active {
			people = append(people, e)
		}
	}
	return people, "selected", nil
}

// formNIPs parses the picked NIPs, each once: errNotInScope for one that is
// not a NIP, errTooMany past maxCodes.
func formNIPs(raw []string) ([]string, error) {
	if len(raw) > maxCodes {
		return nil, errTooMany
	}
	seen := map[string]bool{}
	var nips []string
	for _, s := range raw {
		nip, err := ident.ParseNIP(s)
		if err != nil {
			return nil, errNotInScope
		}
		if !seen[nip] {
			seen[nip] = true
			nips = append(nips, nip)
		}
	}
	return nips, nil
}

// unregisteredOf reads the active people of the unit with no chat account
// linked, a page at a time: errTooMany past maxCodes.
func unregisteredOf(ctx context.Context, st storage.Store, unit string) ([]storage.Employee, error) {
	var people []storage.Employee
	q := storage.EmployeeQuery{Units: []string{unit}, ActiveOnly: true, Limit: maxCodes}
	err := storage.EachEmployee(ctx, st, q, func(page []storage.Employee) error {
		for _, e := range page {
			if len(e.Accounts) == 0 {
				people = append(people, e)
			}
		}
		if len(people) > maxCodes {
			return errTooMany
		}
		return nil
	})
	return people, err
}

// issueCodes issues each person a new code (replacing any previous) and
// returns their cards, expiries in their unit's time zone.
func (c *Console) issueCodes(ctx context.Context, sc scope, people []storage.Employee) ([]codeCard, error) {
	now := c.d.Now()
	cards := make([]codeCard, 0, len(people))
	for _, e := range people {
		code, lc, err := linkcode.New(e.NIP, now)
		if err != nil {
			return nil, err
		}
		if err := c.d.Store.IssueLinkCode(ctx, lc); err != nil {
			return nil, fmt.Errorf("issue link code nip=%s: %w", ident.MaskNIP(e.NIP), err)
		}
		cards = append(cards, codeCard{Name: e.Name, NIP: ident.FormatNIP(e.NIP), Unit: sc.unitName(e.UnitCode),
			Code: code, Expires: lc.ExpiresAt.In(c.unitZone(sc, e.UnitCode))})
	}
	return cards, nil
}

// unitZone is the unit's time zone, else the deployment's default.
func (c *Console) unitZone(sc scope, unit string) *time.Location {
	if name := sc.units[unit].Timezone; name != "" {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc
		}
	}
	return c.zone()
}

// viewerLang is the viewer's language, Bahasa Indonesia when none.
func viewerLang(v *Viewer) i18n.Lang {
	if v == nil {
		return i18n.ID
	}
	return v.Lang.Or(i18n.ID)
}

// refuse answers a request the console cannot do, in the viewer's
// language (422), and logs why.
func (c *Console) refuse(w http.ResponseWriter, r *http.Request, key i18n.Key, args ...any) {
	c.d.Log.Info("console: request refused", "path", r.URL.Path, "reason", string(key))
	http.Error(w, viewerLang(ViewerFrom(r.Context())).T(key, args...), http.StatusUnprocessableEntity)
}

// expiryText is a card's expiry line.
func expiryText(l i18n.Lang, t time.Time) string {
	return l.T(i18n.ConsoleStaffCardExpires, measure.FormatDateTimeLong(string(l), t))
}
