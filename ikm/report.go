package ikm

import (
	"context"
	"fmt"
	"strings"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Elements are the nine SKM elements (unsur), in order.
var Elements = [storage.SKMElements]i18n.Key{
	i18n.IKMElement1, i18n.IKMElement2, i18n.IKMElement3, i18n.IKMElement4, i18n.IKMElement5,
	i18n.IKMElement6, i18n.IKMElement7, i18n.IKMElement8, i18n.IKMElement9,
}

// Report is a unit's IKM report over a period: what an admin hands to the
// inspectorate.
type Report struct {
	Unit       storage.Unit
	From, To   string
	Result     Result
	Quick      storage.SurveyStats
	Sample     int // Krejcie–Morgan sample needed; 0 when the population is unknown
	Comments   []string
	QuickNotes []string
}

// Build gathers a unit's report: the store aggregates, this package
// computes.
func Build(ctx context.Context, st storage.SurveyReader, u storage.Unit, from, to string, maxComments int) (Report, error) {
	r := Report{Unit: u, From: from, To: to, Sample: SampleSize(u.ServiceUsers)}
	skm, err := st.SurveyStats(ctx, u.Code, storage.SurveySKM, from, to)
	if err != nil {
		return r, fmt.Errorf("survey stats: %w", err)
	}
	r.Result = Compute(skm)
	if r.Quick, err = st.SurveyStats(ctx, u.Code, storage.SurveyQuick, from, to); err != nil {
		return r, fmt.Errorf("quick survey stats: %w", err)
	}
	if r.Comments, err = st.SurveyComments(ctx, u.Code, storage.SurveySKM, from, to, maxComments); err != nil {
		return r, fmt.Errorf("survey comments: %w", err)
	}
	if r.QuickNotes, err = st.SurveyComments(ctx, u.Code, storage.SurveyQuick, from, to, maxComments); err != nil {
		return r, fmt.Errorf("quick survey comments: %w", err)
	}
	return r, nil
}

// Text renders the report in "id" or "en".
func (r Report) Text(lang string) string {
	l := i18n.Lang(lang).Or(i18n.ID)
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n%s\n", l.T(i18n.IKMTitle, r.Unit.Name, r.Unit.Code), l.T(i18n.IKMPeriod, r.From, r.To))
	fmt.Fprintf(&b, "%s\n\n", l.T(i18n.IKMRespondents, r.Result.Respondents))
	if r.Result.Respondents > 0 {
		fmt.Fprintf(&b, "%-4s %-42s %6s %9s\n", "No", l.T(i18n.IKMElementColumn), "NRR", "NRR×1/9")
		for i, k := range Elements {
			fmt.Fprintf(&b, "U%-3d %-42s %6.2f %9.4f\n", i+1, l.T(k), r.Result.NRR[i], r.Result.Weighted[i])
		}
		fmt.Fprintf(&b, "\nIKM = Σ(NRR × 1/9) × 25 = %.2f  →  %s (%s)\n", r.Result.Score, r.Result.Grade.Letter, l.T(r.Result.Grade.Label))
		b.WriteString(l.T(i18n.IKMWeightNote) + "\n")
	} else {
		b.WriteString(l.T(i18n.IKMNoSurvey) + "\n")
	}
	r.writeSample(&b, l)
	if r.Quick.Respondents > 0 {
		fmt.Fprintf(&b, "\n%s\n", l.T(i18n.IKMQuick, r.Quick.Respondents, QuickMean(r.Quick)))
	}
	writeList(&b, l.T(i18n.IKMComments), r.Comments)
	writeList(&b, l.T(i18n.IKMQuickComments), r.QuickNotes)
	return b.String()
}

func (r Report) writeSample(b *strings.Builder, l i18n.Lang) {
	if r.Sample == 0 {
		b.WriteString(l.T(i18n.IKMSampleUnknown) + "\n")
		return
	}
	b.WriteString(l.T(i18n.IKMSample, r.Unit.ServiceUsers, r.Sample) + " ")
	if r.Result.Respondents < r.Sample {
		b.WriteString(l.T(i18n.IKMSampleShort, r.Sample-r.Result.Respondents) + "\n")
	} else {
		b.WriteString(l.T(i18n.IKMSampleMet) + "\n")
	}
}

func writeList(b *strings.Builder, title string, items []string) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s (%d):\n", title, len(items))
	for _, c := range items {
		fmt.Fprintf(b, "- %s\n", strings.ReplaceAll(c, "\n", " "))
	}
}
