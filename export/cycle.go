package export

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// The performance cycle's sheets, present when the month has rows: the
// supervisors' feedback the people received (with their reply), and the
// competency-development reports with their JP.
const (
	SheetUmpanBalik = "UmpanBalik"
	SheetKompetensi = "Kompetensi"
)

// maxCoaching bounds the feedback one person's month lists.
const maxCoaching = 1000

// trainingKeys name storage.Trainings in the export's language.
var trainingKeys = map[string]i18n.Key{
	storage.TrainingCourse: i18n.TrainingCourse, storage.TrainingWorkshop: i18n.TrainingWorkshop,
	storage.TrainingELearn: i18n.TrainingELearn,
}

// replyKeys name a feedback's reply.
var replyKeys = map[storage.CoachingReply]i18n.Key{
	storage.CoachingOpen: i18n.ExportReplyOpen, storage.CoachingAcked: i18n.ExportReplyAcked,
	storage.CoachingAnswered: i18n.ExportReplyAnswered,
}

// cycleRows adds e's rows of the cycle's sheets: their competency reports
// among list (oldest first) and the feedback they received in the month.
func (x *Exporter) cycleRows(ctx context.Context, m *month, e storage.Employee, list []storage.Activity) error {
	for _, a := range slices.Backward(list) {
		if a.Kind == storage.KindCompetency {
			m.kompetensi = append(m.kompetensi, []any{day(a.Date), ident.FormatNIP(e.NIP), e.Name,
				text(m.lang.T(trainingKeys[a.Training])), a.JP, text(a.Description), statusWord(m.lang, a.Status)})
		}
	}
	loc := x.zone(m, e.UnitCode)
	from := time.Date(m.first.Year(), m.first.Month(), m.first.Day(), 0, 0, 0, 0, loc)
	to := time.Date(m.last.Year(), m.last.Month(), m.last.Day(), 0, 0, 0, 0, loc).AddDate(0, 0, 1)
	got, err := x.store.CoachingReceived(ctx, e.NIP, from, maxCoaching)
	if err != nil {
		return fmt.Errorf("coaching received: %w", err)
	}
	for _, c := range slices.Backward(got) {
		if !c.At.Before(to) {
			continue
		}
		rhk, err := x.indicator(ctx, m, c.SKPTargetID)
		if err != nil {
			return err
		}
		m.umpanBalik = append(m.umpanBalik, []any{wall(c.At, loc), ident.FormatNIP(e.NIP), e.Name,
			text(x.nameOf(ctx, m, c.FromNIP)), text(rhk), c.Note, m.lang.T(replyKeys[c.Reply]), text(c.Answer)})
	}
	return nil
}

// cycleSheets are the cycle's sheets that have rows.
func cycleSheets(m *month) []Sheet {
	l := m.lang
	var out []Sheet
	if len(m.umpanBalik) > 0 {
		out = append(out, Sheet{Name: SheetUmpanBalik, Rows: m.umpanBalik, Columns: []Column{
			col(l, i18n.ExportColFeedbackAt, DateTime, 17), col(l, i18n.ExportColNIP, Text, 21), col(l, i18n.ExportColName, Text, 24),
			col(l, i18n.ExportColFeedbackFrom, Text, 24), col(l, i18n.ExportColSKP, Text, 32),
			col(l, i18n.ExportColFeedbackNote, Text, 48), col(l, i18n.ExportColReply, Text, 14), col(l, i18n.ExportColAnswer, Text, 36),
		}})
	}
	if len(m.kompetensi) > 0 {
		out = append(out, Sheet{Name: SheetKompetensi, Rows: m.kompetensi, Columns: []Column{
			col(l, i18n.ExportColDate, Date, 12), col(l, i18n.ExportColNIP, Text, 21), col(l, i18n.ExportColName, Text, 24),
			col(l, i18n.ExportColTraining, Text, 18), col(l, i18n.ExportColJP, Int, 8),
			col(l, i18n.ExportColDescription, Text, 48), col(l, i18n.ExportColStatus, Text, 12),
		}})
	}
	return out
}
