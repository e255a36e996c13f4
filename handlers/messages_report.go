package handlers

import (
	"fmt"
	"strings"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// reportCatalog is the text of the approval and recap flows, in
// one language.
type reportCatalog struct {
	Prompt         func(p prompt) string
	ApproveButton  string
	RejectButton   string
	ReviseButton   string
	PhotosButton   func(n int) string
	Decided        func(verb, by, at string) string
	Verb           map[string]string // approved, rejected, revision
	AskReason      func(verb, no string) string
	ReasonLength   string
	DecisionDone   func(verb, no string) string
	NotYours       string
	NotFound       string
	AlreadyDecided func(verb, by string) string
	OldVersion     string
	RaceLost       string
	Owner          func(verb, no, date, by, reason string) string
	ReviseHint     string
	PendingNone    string
	PendingHeader  func(total, page, pages int) string
	ApproveAll     func(n int) string
	PageChanged    string
	BatchDone      func(n int) string
	BatchRefused   func(n int) string
	Prev, Next     string
	NoPhotos       string

	MineHeader func(days int) string
	MineNone   string
	FixButton  func(no string) string
	FixNotYou  string
	StatusName map[string]string

	Recap func(r recap) string
}

var reportCatalogs = map[i18n.Lang]*reportCatalog{"id": &reportID, "en": &reportEN}

func rmsgs(lang i18n.Lang) *reportCatalog {
	if c, ok := reportCatalogs[lang]; ok {
		return c
	}
	return &reportID
}

var reportID = reportCatalog{
	Prompt:        promptID,
	ApproveButton: "✅ Setujui", RejectButton: "❌ Tolak", ReviseButton: "✏️ Revisi",
	PhotosButton: func(n int) string { return fmt.Sprintf("🖼 Lihat %d foto lain", n) },
	Decided: func(verb, by, at string) string {
		return fmt.Sprintf("%s oleh %s, %s", verb, by, at)
	},
	Verb: map[string]string{"approved": "✅ Disetujui", "rejected": "❌ Ditolak", "revision": "✏️ Diminta revisi"},
	AskReason: func(verb, no string) string {
		return fmt.Sprintf("Tulis alasan (%s) untuk laporan No. %s. Ketik /batal untuk membatalkan keputusan.", verb, no)
	},
	ReasonLength: "Alasan harus 3 sampai 500 karakter. Tulis lagi, atau /batal.",
	DecisionDone: func(verb, no string) string {
		return "Keputusan tercatat: " + verb + " untuk laporan No. " + no + ". Pemilik laporan diberi tahu beserta alasannya."
	},
	NotYours: "Anda bukan atasan pemilik laporan ini, jadi tidak dapat memutuskannya.",
	NotFound: "Laporan itu tidak ditemukan.",
	AlreadyDecided: func(verb, by string) string {
		return "Laporan ini sudah diputuskan: " + verb + " oleh " + by + "."
	},
	OldVersion: "Tombol ini untuk versi lama laporan; laporan sudah diperbaiki dan dikirim ulang.",
	RaceLost:   "Laporan ini baru saja diputuskan dari perangkat atau oleh orang lain; keputusan Anda tidak dicatat.",
	Owner: func(verb, no, date, by, reason string) string {
		s := fmt.Sprintf("Laporan No. %s (%s): %s oleh %s.", no, date, verb, by)
		if reason != "" {
			s += "\nAlasan: " + reason
		}
		return s
	},
	ReviseHint:  "\nBuka /laporanku untuk memperbaiki dan mengirim ulang.",
	PendingNone: "Tidak ada laporan yang menunggu persetujuan Anda. 👍",
	PendingHeader: func(t, p, n int) string {
		return fmt.Sprintf("Laporan menunggu persetujuan: %d (halaman %d/%d)", t, p, n)
	},
	ApproveAll:  func(n int) string { return fmt.Sprintf("✅ Setujui semua di halaman ini (%d)", n) },
	PageChanged: "Daftar sudah berubah. Ini daftar terbaru; periksa lagi sebelum menyetujui semua.",
	BatchDone:   func(n int) string { return fmt.Sprintf("%d laporan disetujui.", n) },
	BatchRefused: func(n int) string {
		return fmt.Sprintf("%d laporan tidak disetujui: Anda bukan lagi atasan pemiliknya.", n)
	},
	Prev: "◀ Sebelumnya", Next: "Berikutnya ▶",
	NoPhotos: "Tidak ada foto lain.",

	MineHeader: func(d int) string { return fmt.Sprintf("Laporan Anda %d hari terakhir:", d) },
	MineNone:   "Belum ada laporan dalam 7 hari terakhir. Tekan «📝 Lapor kegiatan» untuk membuat laporan.",
	FixButton:  func(no string) string { return "✏️ Perbaiki No. " + no },
	FixNotYou:  "Hanya pemilik laporan yang dapat memperbaikinya, dan hanya bila atasan meminta revisi.",
	StatusName: map[string]string{"pending": "⏳ Menunggu", "approved": "✅ Disetujui", "rejected": "❌ Ditolak", "revision": "✏️ Perlu revisi"},

	Recap: recapID,
}

var reportEN = reportCatalog{
	Prompt:        promptEN,
	ApproveButton: "✅ Approve", RejectButton: "❌ Reject", ReviseButton: "✏️ Revise",
	PhotosButton: func(n int) string { return fmt.Sprintf("🖼 See %d more photos", n) },
	Decided:      func(verb, by, at string) string { return fmt.Sprintf("%s by %s, %s", verb, by, at) },
	Verb:         map[string]string{"approved": "✅ Approved", "rejected": "❌ Rejected", "revision": "✏️ Revision asked"},
	AskReason: func(verb, no string) string {
		return fmt.Sprintf("Write the reason (%s) for report No. %s. Type /cancel to withdraw the decision.", verb, no)
	},
	ReasonLength: "The reason must be 3 to 500 characters. Write it again, or /cancel.",
	DecisionDone: func(verb, no string) string {
		return "Decision recorded: " + verb + " for report No. " + no + ". The owner is told, with your reason."
	},
	NotYours:       "You are not this report's supervisor, so you cannot decide on it.",
	NotFound:       "That report was not found.",
	AlreadyDecided: func(verb, by string) string { return "This report was already decided: " + verb + " by " + by + "." },
	OldVersion:     "This button is for an old version of the report; it has been corrected and sent again.",
	RaceLost:       "This report was just decided from another device or by someone else; your decision was not recorded.",
	Owner: func(verb, no, date, by, reason string) string {
		s := fmt.Sprintf("Report No. %s (%s): %s by %s.", no, date, verb, by)
		if reason != "" {
			s += "\nReason: " + reason
		}
		return s
	},
	ReviseHint:    "\nOpen /laporanku to correct it and send it again.",
	PendingNone:   "No reports are waiting for your approval. 👍",
	PendingHeader: func(t, p, n int) string { return fmt.Sprintf("Reports waiting for approval: %d (page %d/%d)", t, p, n) },
	ApproveAll:    func(n int) string { return fmt.Sprintf("✅ Approve all on this page (%d)", n) },
	PageChanged:   "The list has changed. Here is the latest; check it again before approving all.",
	BatchDone:     func(n int) string { return fmt.Sprintf("%d reports approved.", n) },
	BatchRefused: func(n int) string {
		return fmt.Sprintf("%d reports not approved: you are no longer their owner's supervisor.", n)
	},
	Prev: "◀ Previous", Next: "Next ▶",
	NoPhotos: "No other photos.",

	MineHeader: func(d int) string { return fmt.Sprintf("Your reports of the last %d days:", d) },
	MineNone:   "No reports in the last 7 days. Press «📝 Report activity» to make one.",
	FixButton:  func(no string) string { return "✏️ Correct No. " + no },
	FixNotYou:  "Only the report's owner can correct it, and only when the supervisor asked for a revision.",
	StatusName: map[string]string{"pending": "⏳ Waiting", "approved": "✅ Approved", "rejected": "❌ Rejected", "revision": "✏️ Revision asked"},

	Recap: recapEN,
}

// summary is what the report summary shows.
type summary struct {
	Date, Description, Duration, Output, SKP, Location string
	Photos                                             int
	Reused                                             bool
	Resubmit                                           bool
}

// fieldKeys name the summary's "change" choices, in fieldStates' order.
var fieldKeys = [len(fieldStates)]i18n.Key{
	i18n.ReportFieldDescription, i18n.ReportFieldTime, i18n.ReportFieldOutput,
	i18n.ReportFieldSKP, i18n.ReportFieldPhotos, i18n.ReportFieldLocation,
}

// askPhotosText asks for the evidence photos.
func askPhotosText(c *call, step, steps, most int, required bool) string {
	need := c.t(either(required, i18n.ReportPhotosRequired, i18n.ReportPhotosOptional))
	return c.t(i18n.ReportAskPhotos, step, steps, need, most)
}

// summaryText is the report to check before sending it.
func summaryText(c *call, s summary) string {
	var b strings.Builder
	b.WriteString(c.t(either(s.Resubmit, i18n.ReportSummaryResubmit, i18n.ReportSummaryHeader)) + "\n\n")
	b.WriteString(c.t(i18n.ReportSummary, s.Date, s.Duration, s.Description, orDash(s.Output), orDash(s.SKP),
		s.Photos, orDash(s.Location)))
	if s.Reused {
		b.WriteString("\n" + c.t(i18n.ReportSummaryReused))
	}
	return b.String()
}

// prompt is what an approval prompt shows.
type prompt struct {
	No, Name, NIP, Date, Duration, Description, Output, SKP, Distance string
	Photos                                                            int
	Reused                                                            bool
	Version                                                           int
}

func promptID(p prompt) string {
	var b strings.Builder
	head := "📝 Laporan kegiatan"
	if p.Version > 1 {
		head = fmt.Sprintf("📝 Perbaikan laporan (versi %d)", p.Version)
	}
	fmt.Fprintf(&b, "%s — No. %s\n👤 %s\nNIP %s\n📅 %s\n⏱ %s\n📝 %s\n📦 Hasil: %s\n🎯 Target SKP: %s\n📍 Lokasi: %s\n📷 Foto: %d",
		head, p.No, p.Name, p.NIP, p.Date, p.Duration, p.Description, orDash(p.Output), orDash(p.SKP), orDash(p.Distance), p.Photos)
	if p.Reused {
		b.WriteString("\n⚠️ Ada foto yang mirip bukti dukung yang sudah pernah dikirim (kemungkinan dipakai ulang).")
	}
	return b.String()
}

func promptEN(p prompt) string {
	var b strings.Builder
	head := "📝 Activity report"
	if p.Version > 1 {
		head = fmt.Sprintf("📝 Corrected report (version %d)", p.Version)
	}
	fmt.Fprintf(&b, "%s — No. %s\n👤 %s\nNIP %s\n📅 %s\n⏱ %s\n📝 %s\n📦 Output: %s\n🎯 SKP target: %s\n📍 Location: %s\n📷 Photos: %d",
		head, p.No, p.Name, p.NIP, p.Date, p.Duration, p.Description, orDash(p.Output), orDash(p.SKP), orDash(p.Distance), p.Photos)
	if p.Reused {
		b.WriteString("\n⚠️ A photo looks like evidence sent before (possibly reused).")
	}
	return b.String()
}

// recap is a person's month to date.
type recap struct {
	Month                               string
	Approved, Pending, Rejected, Target int
	Reports, DaysWithout, WorkDays      int
	Fmt                                 func(int) string
}

func recapID(r recap) string {
	pct := 0
	if r.Target > 0 {
		pct = r.Approved * 100 / r.Target
	}
	return fmt.Sprintf("📊 Rekap %s (sampai hari ini)\n\n✅ Disetujui: %s\n⏳ Menunggu: %s\n❌ Ditolak/revisi: %s\n🎯 Target bulan ini: %s (%d%% tercapai)\n\n"+
		"Jumlah laporan: %d\nHari kerja tanpa laporan: %d dari %d",
		r.Month, r.Fmt(r.Approved), r.Fmt(r.Pending), r.Fmt(r.Rejected), r.Fmt(r.Target), pct, r.Reports, r.DaysWithout, r.WorkDays)
}

func recapEN(r recap) string {
	pct := 0
	if r.Target > 0 {
		pct = r.Approved * 100 / r.Target
	}
	return fmt.Sprintf("📊 Recap %s (to date)\n\n✅ Approved: %s\n⏳ Waiting: %s\n❌ Rejected/revision: %s\n🎯 Monthly target: %s (%d%% reached)\n\n"+
		"Reports: %d\nWork days without a report: %d of %d",
		r.Month, r.Fmt(r.Approved), r.Fmt(r.Pending), r.Fmt(r.Rejected), r.Fmt(r.Target), pct, r.Reports, r.DaysWithout, r.WorkDays)
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
