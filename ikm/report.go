package ikm

import (
	"context"
	"fmt"
	"strings"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Elements are the nine SKM elements (unsur), in order.
var Elements = [storage.SKMElements][2]string{
	{"Persyaratan", "Requirements"},
	{"Sistem, mekanisme dan prosedur", "System, mechanism and procedure"},
	{"Waktu penyelesaian", "Completion time"},
	{"Biaya/tarif", "Cost/fee"},
	{"Produk spesifikasi jenis pelayanan", "Service product"},
	{"Kompetensi pelaksana", "Staff competence"},
	{"Perilaku pelaksana", "Staff behaviour"},
	{"Sarana dan prasarana", "Facilities"},
	{"Penanganan pengaduan, saran dan masukan", "Handling of complaints and suggestions"},
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
	en := lang == "en"
	pick := func(id, e string) string {
		if en {
			return e
		}
		return id
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (%s)\n%s %s – %s\n", pick("Indeks Kepuasan Masyarakat (IKM)", "Community Satisfaction Index (IKM)"),
		r.Unit.Name, r.Unit.Code, pick("Periode", "Period"), r.From, r.To)
	fmt.Fprintf(&b, "%s: %d\n\n", pick("Responden", "Respondents"), r.Result.Respondents)
	if r.Result.Respondents > 0 {
		fmt.Fprintf(&b, "%-4s %-42s %6s %9s\n", "No", pick("Unsur", "Element"), "NRR", pick("NRR×1/9", "NRR×1/9"))
		for i, e := range Elements {
			name := e[0]
			if en {
				name = e[1]
			}
			fmt.Fprintf(&b, "U%-3d %-42s %6.2f %9.4f\n", i+1, name, r.Result.NRR[i], r.Result.Weighted[i])
		}
		label := r.Result.Grade.LabelID
		if en {
			label = r.Result.Grade.LabelEN
		}
		fmt.Fprintf(&b, "\nIKM = %s × 25 = %.2f  →  %s (%s)\n", pick("Σ(NRR × 1/9)", "Σ(NRR × 1/9)"), r.Result.Score, r.Result.Grade.Letter, label)
		b.WriteString(pick("Bobot tiap unsur tepat 1/9 (contoh dalam PermenPANRB 14/2017 membulatkannya menjadi 0,111).\n",
			"Each element weighs exactly 1/9 (the worked example in PermenPANRB 14/2017 rounds it to 0.111).\n"))
	} else {
		b.WriteString(pick("Belum ada survei lengkap dalam periode ini.\n", "No complete survey in this period.\n"))
	}
	r.writeSample(&b, pick)
	if r.Quick.Respondents > 0 {
		fmt.Fprintf(&b, "\n%s: %d %s, %s %.2f / 4 (%s)\n", pick("Survei singkat", "Quick rating"), r.Quick.Respondents,
			pick("responden", "respondents"), pick("rata-rata", "mean"), QuickMean(r.Quick), pick("tidak termasuk IKM", "not part of the IKM"))
	}
	writeList(&b, pick("Saran dan komentar", "Suggestions and comments"), r.Comments)
	writeList(&b, pick("Komentar survei singkat", "Quick rating comments"), r.QuickNotes)
	return b.String()
}

func (r Report) writeSample(b *strings.Builder, pick func(string, string) string) {
	if r.Sample == 0 {
		b.WriteString(pick("Jumlah sampel minimal tidak dihitung: populasi pengguna layanan unit belum diisi.\n",
			"Minimum sample not computed: the unit's population of service users is not set.\n"))
		return
	}
	fmt.Fprintf(b, "%s (Krejcie–Morgan, N = %d): %d. ", pick("Sampel minimal", "Minimum sample"), r.Unit.ServiceUsers, r.Sample)
	if r.Result.Respondents < r.Sample {
		fmt.Fprintf(b, pick("⚠️ KURANG %d responden.\n", "⚠️ SHORT by %d respondents.\n"), r.Sample-r.Result.Respondents)
	} else {
		b.WriteString(pick("Terpenuhi.\n", "Met.\n"))
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
