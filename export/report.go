package export

import (
	"context"
	"fmt"
	"math"
	"strings"
	"unicode"

	"github.com/kinerjabot/kinerjabot/evidence"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// statusKeys name the report statuses.
var statusKeys = map[storage.Status]i18n.Key{
	storage.StatusPending:  i18n.StatusPending,
	storage.StatusApproved: i18n.StatusApproved,
	storage.StatusRejected: i18n.StatusRejected,
	storage.StatusRevision: i18n.StatusRevision,
}

// statusWord is the catalogue's word for a status without its symbol
// ("✅ Disetujui" is "Disetujui"), so a column filters cleanly.
func statusWord(l i18n.Lang, s storage.Status) string {
	return strings.TrimLeftFunc(l.T(statusKeys[s]), func(r rune) bool { return !unicode.IsLetter(r) })
}

// report is a report's Kegiatan row.
func (x *Exporter) report(ctx context.Context, m *month, e storage.Employee, a storage.Activity) ([]any, error) {
	flags, err := x.photoFlags(ctx, a)
	if err != nil {
		return nil, err
	}
	skp, err := x.indicator(ctx, m, a.SKPTargetID)
	if err != nil {
		return nil, err
	}
	distance, err := x.distance(ctx, m, a)
	if err != nil {
		return nil, err
	}
	var volume any
	if a.OutputVolume != 0 {
		volume = a.OutputVolume
	}
	row := []any{day(a.Date), ident.FormatNIP(e.NIP), e.Name, text(a.Description), a.Minutes, volume, text(a.OutputUnit), text(skp),
		statusWord(m.lang, a.Status)}
	row = append(row, x.decision(ctx, m, a)...)
	return append(row, len(a.EvidenceIDs), m.yes(flags.reused), m.yes(flags.dateFar), distance), nil
}

// decision is a report's decision cells: when, why, by whom.
func (x *Exporter) decision(ctx context.Context, m *month, a storage.Activity) []any {
	d := a.Decision
	if d == nil {
		return []any{nil, nil, nil}
	}
	by := x.nameOf(ctx, m, d.ByNIP)
	switch {
	case d.ByNIP == storage.SystemActor:
		by = m.lang.T(i18n.ExportBySystem, d.Rule)
	case d.AsAdmin:
		by = m.lang.T(i18n.ExportAsAdmin, by)
	}
	return []any{wall(d.At, x.zone(m, a.UnitCode)), text(d.Reason), text(by)}
}

// yes is the flag cell: the catalogue's "yes", or empty.
func (m *month) yes(b bool) any {
	if !b {
		return nil
	}
	return m.lang.T(i18n.ExportYes)
}

// flags are a report's photo warnings.
type flags struct{ reused, dateFar bool }

// photoFlags are a report's photo warnings: a photo matching one already
// on file, a photo whose EXIF date lies far from the report's date.
func (x *Exporter) photoFlags(ctx context.Context, a storage.Activity) (flags, error) {
	f := flags{reused: a.ReuseFlag}
	for _, id := range a.EvidenceIDs {
		ev, err := x.store.GetEvidence(ctx, id)
		if isNotFound(err) {
			continue
		}
		if err != nil {
			return f, fmt.Errorf("get evidence: %w", err)
		}
		f.reused = f.reused || ev.ReuseOf != ""
		f.dateFar = f.dateFar || evidence.DateFar(ev.TakenAt, a.Date, x.opt.PhotoDateDays)
	}
	return f, nil
}

// distance is how far, in whole metres, the location shared with a report
// lies from its unit; nil when either is unknown.
func (x *Exporter) distance(ctx context.Context, m *month, a storage.Activity) (any, error) {
	if a.Location == nil {
		return nil, nil
	}
	if err := x.addUnit(ctx, m.scope.units, a.UnitCode); err != nil {
		return nil, err
	}
	u, ok := m.scope.units[a.UnitCode]
	if !ok || u.Latitude == nil || u.Longitude == nil {
		return nil, nil
	}
	d := evidence.DistanceMeters(evidence.Point{Lat: a.Location.Lat, Lon: a.Location.Lon}, evidence.Point{Lat: *u.Latitude, Lon: *u.Longitude})
	return int(math.Round(d)), nil
}

// indicator is the indicator of an SKP target ("" for none, or one no
// longer on file).
func (x *Exporter) indicator(ctx context.Context, m *month, id string) (string, error) {
	if s, ok := m.indicators[id]; ok || id == "" {
		return s, nil
	}
	t, err := x.store.GetSKPTarget(ctx, id)
	if err != nil && !isNotFound(err) {
		return "", fmt.Errorf("get skp target: %w", err)
	}
	m.indicators[id] = t.Indikator
	return t.Indikator, nil
}

// nameOf is an employee's name, or the NIP when they are not on file.
func (x *Exporter) nameOf(ctx context.Context, m *month, nip string) string {
	if s, ok := m.names[nip]; ok {
		return s
	}
	m.names[nip] = nip
	if e, err := x.store.GetEmployee(ctx, nip); err == nil {
		m.names[nip] = e.Name
	}
	return m.names[nip]
}
