package export

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/kinerjabot/kinerjabot/evaluation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// SheetEvaluasi lists the periodic evaluations of the periods that end in
// the month (evaluation.EndingIn: the month, its quarter when it closes
// one, the year in December), present when there are any. A unit export
// lists its units' evaluations (the unit a person had when the evaluation
// was prepared), a team export its members'.
const SheetEvaluasi = "Evaluasi"

// evaluationsOf reads the evaluations the month's Evaluasi sheet lists,
// one bounded query a unit (or team member) and period.
func (x *Exporter) evaluationsOf(ctx context.Context, m *month) ([]storage.Evaluation, error) {
	periods := evaluation.EndingIn(m.first.Year(), m.first.Month())
	var filters []storage.EvaluationFilter
	for _, p := range periods {
		if m.scope.team {
			for _, e := range m.scope.people {
				filters = append(filters, storage.EvaluationFilter{NIP: e.NIP, Period: p})
			}
			continue
		}
		for _, u := range m.scope.surveyed {
			filters = append(filters, storage.EvaluationFilter{UnitCode: u.Code, Period: p})
		}
	}
	var out []storage.Evaluation
	for _, f := range filters {
		list, err := x.store.ListEvaluations(ctx, f)
		if err != nil {
			return nil, fmt.Errorf("list evaluations: %w", err)
		}
		out = append(out, list...)
	}
	return out, nil
}

// evaluationRows are the Evaluasi sheet's rows: by period (the month's
// first), unit, name and NIP.
func (x *Exporter) evaluationRows(ctx context.Context, m *month) ([][]any, error) {
	list, err := x.evaluationsOf(ctx, m)
	if err != nil {
		return nil, err
	}
	for _, e := range m.scope.people {
		if _, ok := m.names[e.NIP]; !ok {
			m.names[e.NIP] = e.Name
		}
	}
	for _, ev := range list {
		x.nameOf(ctx, m, ev.NIP) // read before sorting: a unit's evaluation may be of someone since moved
	}
	periods := evaluation.EndingIn(m.first.Year(), m.first.Month())
	slices.SortStableFunc(list, func(a, b storage.Evaluation) int {
		return cmp.Or(cmp.Compare(slices.Index(periods, a.Period), slices.Index(periods, b.Period)),
			cmp.Compare(a.UnitCode, b.UnitCode), cmp.Compare(m.names[a.NIP], m.names[b.NIP]),
			cmp.Compare(a.NIP, b.NIP))
	})
	rows := make([][]any, 0, len(list))
	for _, ev := range list {
		rows = append(rows, x.evaluationRow(ctx, m, ev))
	}
	return rows, nil
}

// evaluationRow is one evaluation's row: ratings and predikat as the
// catalogue words them, who rated it and when (the unit's local date), the
// supervisor's note, the keberatan's reason, and the reviewer's note and
// name (the decision itself is the status; a change shows in the ratings).
func (x *Exporter) evaluationRow(ctx context.Context, m *month, ev storage.Evaluation) []any {
	var ratedBy, ratedOn, reviewer any
	if a, ok := lastStep(ev, storage.EvalRated); ok {
		ratedBy, ratedOn = text(x.actor(ctx, m, a)), localDay(a.At, x.zone(m, ev.UnitCode))
	}
	if a, ok := lastStep(ev, storage.EvalConfirmed, storage.EvalChanged); ok {
		reviewer = text(x.actor(ctx, m, a))
	}
	return []any{ident.FormatNIP(ev.NIP), x.nameOf(ctx, m, ev.NIP), ev.Period,
		m.word(evaluation.RatingKeys[ev.Hasil]), m.word(evaluation.RatingKeys[ev.Perilaku]),
		m.word(evaluation.PredikatKeys[ev.Predikat]), m.word(evaluation.StateKeys[ev.State]),
		ratedBy, ratedOn, text(ev.Note), text(ev.Objection), text(ev.ReviewNote), reviewer}
}

// lastStep is the last entry of ev's trail that went to one of states.
func lastStep(ev storage.Evaluation, states ...storage.EvalState) (storage.EvalAudit, bool) {
	for _, a := range slices.Backward(ev.Audit) {
		if slices.Contains(states, a.To) {
			return a, true
		}
	}
	return storage.EvalAudit{}, false
}

// actor is the name of who took a step, marked when as an admin.
func (x *Exporter) actor(ctx context.Context, m *month, a storage.EvalAudit) string {
	if a.AsAdmin {
		return m.lang.T(i18n.ExportAsAdmin, x.nameOf(ctx, m, a.ByNIP))
	}
	return x.nameOf(ctx, m, a.ByNIP)
}

// word is the catalogue's text of k, or an empty cell for no key.
func (m *month) word(k i18n.Key) any {
	if k == "" {
		return nil
	}
	return m.lang.T(k)
}

// localDay is a moment's date in loc as a Date cell.
func localDay(t time.Time, loc *time.Location) any {
	if t.IsZero() {
		return nil
	}
	y, mo, d := t.In(loc).Date()
	return time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
}

// evaluationColumns are the Evaluasi sheet's columns.
func evaluationColumns(l i18n.Lang) []Column {
	return []Column{
		col(l, i18n.ExportColNIP, Text, 21), col(l, i18n.ExportColName, Text, 24), col(l, i18n.ExportColPeriod, Text, 9),
		col(l, i18n.ExportColHasil, Text, 18), col(l, i18n.ExportColPerilaku, Text, 18), col(l, i18n.ExportColPredikat, Text, 16),
		col(l, i18n.ExportColStatus, Text, 24), col(l, i18n.ExportColRatedBy, Text, 24), col(l, i18n.ExportColRatedOn, Date, 12),
		col(l, i18n.ExportColRaterNote, Text, 36), col(l, i18n.ExportColObjection, Text, 36),
		col(l, i18n.ExportColReviewNote, Text, 36), col(l, i18n.ExportColReviewedBy, Text, 24),
	}
}
