package handlers

import (
	"fmt"
	"strings"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// reportCatalog is the text of the report, approval and recap flows, in
// one language.
type reportCatalog struct {
	StartReport    func(date string, step, steps int) string
	AskDescription string
	DescLength     func(n int) string
	AskDuration    func(step, steps int) string
	AskOutput      func(step, steps int) string
	SkipButton     string
	AskSKP         func(step, steps int) string
	NoSKPButton    string
	AskPhotos      func(step, steps, max int, required bool) string
	PhotoAccepted  func(n, max int, detail string) string
	PhotoReused    string
	PhotoDuplicate string
	PhotoNotImage  string
	PhotoTooLarge  func(maxMB int) string
	PhotoFormat    string
	PhotoMax       func(max int) string
	PhotoNeeded    string
	DoneButton     string
	AskLocation    func(step, steps int) string
	ShareLocation  string
	SkipLocation   string
	ExpectText     string
	ExpectPhoto    string
	ExpectLocation string
	FinishFirst    string
	Summary        func(s summary) string
	SendButton     string
	EditButton     string
	CancelButton   string
	ChooseField    string
	Fields         [6]string // desc, time, output, skp, photo, location
	Sent           func(no, supervisor string) string
	SentNoSuper    func(no string) string
	Resent         func(no, supervisor string) string
	KeptOnOutage   string
	AlreadySent    func(no string) string
	BackdateRange  func(days int) string
	BackdateFormat string

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

func stepOf(step, steps int) string { return fmt.Sprintf("(%d/%d)", step, steps) }

var reportID = reportCatalog{
	StartReport: func(date string, step, steps int) string {
		return fmt.Sprintf("📝 Laporan kegiatan untuk %s.\n\n%s Tulis uraian kegiatan Anda (10–1.000 karakter), "+
			"misalnya: Melakukan kunjungan rumah pasien TB di RT 12 Sempaja Selatan.\n\nKetik /batal untuk berhenti.", date, stepOf(step, steps))
	},
	AskDescription: "Tulis uraian kegiatan Anda (10–1.000 karakter).",
	DescLength: func(n int) string {
		return fmt.Sprintf("Uraian harus 10 sampai 1.000 karakter (sekarang %d). Tulis ulang uraiannya.", n)
	},
	AskDuration: func(step, steps int) string {
		return stepOf(step, steps) + " Berapa lama kegiatan ini? Contoh: 90, 1 jam 30, 1,5 jam, atau 08.00-09.30."
	},
	AskOutput: func(step, steps int) string {
		return stepOf(step, steps) + " Apa hasilnya (volume dan satuan)? Contoh: 3 dokumen, 12 pasien. Tekan «Lewati» bila tidak ada."
	},
	SkipButton: "Lewati",
	AskSKP: func(step, steps int) string {
		return stepOf(step, steps) + " Kegiatan ini mendukung target SKP yang mana?"
	},
	NoSKPButton: "Tanpa target SKP",
	AskPhotos: func(step, steps, max int, required bool) string {
		need := "minimal 1"
		if !required {
			need = "boleh tanpa foto"
		}
		return fmt.Sprintf("%s Kirim foto bukti dukung (%s, paling banyak %d). "+
			"Jangan memotret wajah pasien atau anak: foto adalah data pribadi.", stepOf(step, steps), need, max)
	},
	PhotoAccepted: func(n, max int, detail string) string {
		return fmt.Sprintf("📷 Foto %d dari maksimal %d diterima%s. Kirim foto lain atau tekan «Selesai».", n, max, detail)
	},
	PhotoReused:    "\n⚠️ Foto ini mirip dengan bukti yang sudah pernah dikirim. Foto tetap diterima, tetapi atasan akan melihat tandanya.",
	PhotoDuplicate: "Foto ini sudah Anda kirim untuk laporan ini.",
	PhotoNotImage:  "Berkas itu bukan foto. Kirim foto kegiatan (JPG atau PNG).",
	PhotoTooLarge: func(mb int) string {
		return fmt.Sprintf("Foto terlalu besar (maksimal %d MB). Kirim foto yang lebih kecil.", mb)
	},
	PhotoFormat: "Format gambar itu tidak didukung. Kirim foto JPG, PNG atau WebP.",
	PhotoMax: func(max int) string {
		return fmt.Sprintf("Sudah %d foto, batas maksimal. Lanjut ke langkah berikutnya.", max)
	},
	PhotoNeeded: "Laporan perlu minimal 1 foto bukti dukung. Kirim fotonya dulu.",
	DoneButton:  "Selesai",
	AskLocation: func(step, steps int) string {
		return stepOf(step, steps) + " Bagikan lokasi kegiatan dengan tombol «📍 Kirim lokasi», atau tekan «Lewati»."
	},
	ShareLocation:  "📍 Kirim lokasi",
	SkipLocation:   "Lewati",
	ExpectText:     "Langkah ini menunggu tulisan. ",
	ExpectPhoto:    "Langkah ini menunggu foto. Kirim foto, atau tekan «Selesai».",
	ExpectLocation: "Langkah ini menunggu lokasi. Tekan «📍 Kirim lokasi» atau «Lewati».",
	FinishFirst:    "Anda sedang mengisi laporan. Selesaikan dulu, atau ketik /batal.",
	Summary:        summaryID,
	SendButton:     "✅ Kirim", EditButton: "✏️ Ubah", CancelButton: "✖️ Batal",
	ChooseField: "Bagian mana yang ingin diubah?",
	Fields:      [6]string{"Uraian", "Waktu", "Hasil", "Target SKP", "Foto", "Lokasi"},
	Sent: func(no, sup string) string {
		return fmt.Sprintf("✅ Laporan No. %s terkirim ke atasan Anda, %s. Anda akan diberi tahu keputusannya.", no, sup)
	},
	SentNoSuper: func(no string) string {
		return fmt.Sprintf("✅ Laporan No. %s tersimpan. Atasan Anda belum tercatat di data pegawai, jadi belum ada yang dapat menyetujuinya: hubungi admin OPD.", no)
	},
	Resent: func(no, sup string) string {
		return fmt.Sprintf("✅ Perbaikan laporan No. %s terkirim ke %s.", no, sup)
	},
	KeptOnOutage: "⚠️ Layanan penyimpanan sedang gangguan. Laporan Anda tetap tersimpan sebagai draf dan tidak hilang: " +
		"tekan «✅ Kirim» lagi beberapa saat lagi.",
	AlreadySent: func(no string) string { return "Laporan No. " + no + " sudah terkirim." },
	BackdateRange: func(d int) string {
		return fmt.Sprintf("Laporan hanya dapat dibuat untuk hari ini atau %d hari ke belakang.", d)
	},
	BackdateFormat: "Tulis /lapor untuk hari ini, /lapor kemarin, atau /lapor 2026-11-21.",

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
	StartReport: func(date string, step, steps int) string {
		return fmt.Sprintf("📝 Activity report for %s.\n\n%s Describe what you did (10–1,000 characters).\n\nType /cancel to stop.", date, stepOf(step, steps))
	},
	AskDescription: "Describe what you did (10–1,000 characters).",
	DescLength: func(n int) string {
		return fmt.Sprintf("The description must be 10 to 1,000 characters (it is %d). Please write it again.", n)
	},
	AskDuration: func(step, steps int) string {
		return stepOf(step, steps) + " How long did it take? For example: 90, 1h30m, 1.5 hours, or 08.00-09.30."
	},
	AskOutput: func(step, steps int) string {
		return stepOf(step, steps) + " What was the output (amount and unit)? For example: 3 documents, 12 patients. Press «Skip» if none."
	},
	SkipButton: "Skip",
	AskSKP: func(step, steps int) string {
		return stepOf(step, steps) + " Which SKP target does this activity support?"
	},
	NoSKPButton: "No SKP target",
	AskPhotos: func(step, steps, max int, required bool) string {
		need := "at least 1"
		if !required {
			need = "optional"
		}
		return fmt.Sprintf("%s Send photo evidence (%s, at most %d). Do not photograph the faces of patients or children: photos are personal data.", stepOf(step, steps), need, max)
	},
	PhotoAccepted: func(n, max int, detail string) string {
		return fmt.Sprintf("📷 Photo %d of at most %d received%s. Send another or press «Done».", n, max, detail)
	},
	PhotoReused:    "\n⚠️ This photo looks like evidence sent before. It is accepted, but your supervisor will see the flag.",
	PhotoDuplicate: "You already sent this photo for this report.",
	PhotoNotImage:  "That file is not a photo. Send a photo of the activity (JPG or PNG).",
	PhotoTooLarge: func(mb int) string {
		return fmt.Sprintf("The photo is too large (at most %d MB). Send a smaller one.", mb)
	},
	PhotoFormat: "That image format is not supported. Send a JPG, PNG or WebP photo.",
	PhotoMax: func(max int) string {
		return fmt.Sprintf("That is %d photos, the most allowed. On to the next step.", max)
	},
	PhotoNeeded: "The report needs at least 1 photo. Please send one first.",
	DoneButton:  "Done",
	AskLocation: func(step, steps int) string {
		return stepOf(step, steps) + " Share the activity's location with «📍 Send location», or press «Skip»."
	},
	ShareLocation:  "📍 Send location",
	SkipLocation:   "Skip",
	ExpectText:     "This step expects text. ",
	ExpectPhoto:    "This step expects a photo. Send one, or press «Done».",
	ExpectLocation: "This step expects a location. Press «📍 Send location» or «Skip».",
	FinishFirst:    "You are filling in a report. Finish it first, or type /cancel.",
	Summary:        summaryEN,
	SendButton:     "✅ Send", EditButton: "✏️ Change", CancelButton: "✖️ Cancel",
	ChooseField: "Which part do you want to change?",
	Fields:      [6]string{"Description", "Time", "Output", "SKP target", "Photos", "Location"},
	Sent: func(no, sup string) string {
		return fmt.Sprintf("✅ Report No. %s was sent to your supervisor, %s. You will be told the decision.", no, sup)
	},
	SentNoSuper: func(no string) string {
		return fmt.Sprintf("✅ Report No. %s is saved. Your supervisor is not on the roster, so nobody can approve it yet: contact your admin.", no)
	},
	Resent: func(no, sup string) string {
		return fmt.Sprintf("✅ The corrected report No. %s was sent to %s.", no, sup)
	},
	KeptOnOutage: "⚠️ The record store is having trouble. Your report is kept as a draft and nothing is lost: " +
		"press «✅ Send» again in a moment.",
	AlreadySent:    func(no string) string { return "Report No. " + no + " was already sent." },
	BackdateRange:  func(d int) string { return fmt.Sprintf("Reports can be made for today or up to %d days back.", d) },
	BackdateFormat: "Type /lapor for today, /lapor kemarin (yesterday), or /lapor 2026-11-21.",

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

func summaryID(s summary) string {
	var b strings.Builder
	if s.Resubmit {
		b.WriteString("Perbaikan laporan — periksa lalu kirim ulang:\n\n")
	} else {
		b.WriteString("Periksa laporan Anda:\n\n")
	}
	fmt.Fprintf(&b, "📅 Tanggal: %s\n⏱ Waktu: %s\n📝 Uraian: %s\n📦 Hasil: %s\n🎯 Target SKP: %s\n📷 Foto: %d\n📍 Lokasi: %s",
		s.Date, s.Duration, s.Description, orDash(s.Output), orDash(s.SKP), s.Photos, orDash(s.Location))
	if s.Reused {
		b.WriteString("\n⚠️ Ada foto yang mirip bukti lama.")
	}
	return b.String()
}

func summaryEN(s summary) string {
	var b strings.Builder
	if s.Resubmit {
		b.WriteString("Corrected report — check it, then send it again:\n\n")
	} else {
		b.WriteString("Check your report:\n\n")
	}
	fmt.Fprintf(&b, "📅 Date: %s\n⏱ Time: %s\n📝 Description: %s\n📦 Output: %s\n🎯 SKP target: %s\n📷 Photos: %d\n📍 Location: %s",
		s.Date, s.Duration, s.Description, orDash(s.Output), orDash(s.SKP), s.Photos, orDash(s.Location))
	if s.Reused {
		b.WriteString("\n⚠️ A photo looks like earlier evidence.")
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
