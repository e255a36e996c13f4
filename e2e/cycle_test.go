package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
	"github.com/kinerjabot/kinerjabot/importer"
	"github.com/kinerjabot/kinerjabot/storage"
)

// The performance cycle (#19): a supervisor's continuous feedback (with an
// approval, and by /umpanbalik, answered once), SKP realisation (/skp, and
// a member's from /tim), and a competency report counted in /rekap.

// Budi's SKP targets of this year (importSKP).
const (
	rhkTB    = "Meningkatnya cakupan pasien TB yang diobati"
	indTB    = "Jumlah kunjungan rumah pasien TB"
	rhkAdmin = "Tertibnya administrasi"
	indAdmin = "Jumlah laporan bulanan"
)

// thisYear is the current year in Samarinda (the roster's zone).
func thisYear(t *testing.T) string {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		t.Fatal(err)
	}
	return time.Now().In(loc).Format("2006")
}

// importSKP imports Budi's two targets of this year, as the admin would.
func importSKP(t *testing.T, st storage.Store) (tb, admin string) {
	t.Helper()
	year := thisYear(t)
	csv := "nip,period,kind,rhk,indikator,target,satuan\n" +
		nipBudi + "," + year + ",utama," + rhkTB + "," + indTB + ",48,kunjungan\n" +
		nipBudi + "," + year + ",tambahan," + rhkAdmin + "," + indAdmin + ",12,laporan\n"
	rep, err := importer.ImportSKP(context.Background(), st, strings.NewReader(csv), importer.Options{})
	if err != nil || !rep.OK() {
		t.Fatalf("import skp: %v %+v", err, rep.Refused)
	}
	return importer.SKPTargetID(nipBudi, year, rhkTB, indTB), importer.SKPTargetID(nipBudi, year, rhkAdmin, indAdmin)
}

// /umpanbalik on every platform (on WhatsApp by numbered choices): Rina
// picks Budi and one of his RHK and writes; Budi is told, answers once;
// Rina gets the answer; a later 👍 is refused as answered already.
func TestCoachingOnEveryPlatform(t *testing.T) {
	for _, pl := range platforms {
		t.Run(pl.name, func(t *testing.T) { flowCoaching(t, pl.start(t)) })
	}
}

func flowCoaching(t *testing.T, p platform) {
	rina, budi, _ := registerAll(t, p)
	tb, _ := importSKP(t, p.store())
	rina.say("/umpanbalik")
	list := rina.expect("pilih anggota tim")
	rina.press(list, "Budi Santoso")
	rhk := rina.expect("tentang RHK yang mana")
	rina.press(rhk, rhkTB)
	rina.expect("Tulis umpan balik untuk Budi Santoso")
	rina.say("Kunjungan rumah sudah rutin; tambahkan catatan kepatuhan minum obat.")
	rina.expect("Umpan balik terkirim kepada Budi Santoso")
	got := budi.expect("Umpan balik dari dr. Rina Wulandari")
	contains(t, got.text, "kepatuhan minum obat")
	contains(t, got.text, "Tentang RHK: "+rhkTB)
	budi.pressQuoting(got, "Balas")
	budi.expect("Tulis balasan Anda")
	budi.say("Siap, mulai minggu ini saya catat.")
	budi.expect("Tanggapan Anda terkirim kepada dr. Rina Wulandari")
	contains(t, rina.expect("Budi Santoso membalas umpan balik Anda").text, "Siap, mulai minggu ini saya catat.")
	budi.pressQuoting(got, "Terima kasih")
	contains(t, budi.notice(), "sudah Anda tanggapi")

	all, err := p.store().CoachingReceived(context.Background(), nipBudi, time.Time{}, 10)
	if err != nil || len(all) != 1 {
		t.Fatalf("feedback stored: %+v, %v", all, err)
	}
	if c := all[0]; c.FromNIP != nipKapus || c.SKPTargetID != tb || c.Reply != storage.CoachingAnswered ||
		c.Answer != "Siap, mulai minggu ini saya catat." {
		t.Fatalf("feedback = %+v", c)
	}
}

// "✅ Setujui + catatan": the note goes to Budi with the decision, is kept
// as feedback on the report, and Budi's 👍 reaches Rina once.
func TestApproveWithNote(t *testing.T) {
	p := startTelegramPlatform(t)
	rina, budi, _ := registerAll(t, p)
	prompt, a := submitReport(t, p, budi, rina)
	waitPromptTracked(t, p, a.ID)
	rina.press(prompt, "Setujui + catatan")
	rina.expect("Tulis catatan untuk Budi Santoso")
	rina.say("Bagus, lanjutkan pendampingan keluarga pasien.")
	rina.expect("disetujui; catatan Anda terkirim")
	note := budi.expect("Catatan atasan: Bagus, lanjutkan pendampingan keluarga pasien.")
	contains(t, note.text, "Disetujui oleh dr. Rina Wulandari")
	budi.press(note, "Terima kasih")
	budi.expect("Tanggapan Anda terkirim")
	rina.expect("Budi Santoso sudah membaca umpan balik Anda «Bagus, lanjutkan")
	budi.press(note, "Balas")
	contains(t, budi.notice(), "sudah Anda tanggapi")

	if got := report(t, p, a.ID); got.Status != storage.StatusApproved || got.Decision.Reason != "Bagus, lanjutkan pendampingan keluarga pasien." {
		t.Fatalf("report = %s %+v", got.Status, got.Decision)
	}
	c, err := p.store().GetCoaching(context.Background(), a.ID)
	if err != nil || c.ActivityID != a.ID || c.FromNIP != nipKapus || c.ToNIP != nipBudi || c.Reply != storage.CoachingAcked {
		t.Fatalf("feedback of the approval = %+v, %v", c, err)
	}
	budi.say("/rekap")
	contains(t, budi.expect("Umpan balik atasan bulan ini").text, "Bagus, lanjutkan pendampingan")
}

// /skp sums the approved reports linked to each target, in the target's
// unit, with their minutes, what waits, what is in another unit, and the
// last feedback; Rina sees the same from /tim.
func TestSKPRealisation(t *testing.T) {
	p := startTelegramPlatform(t)
	rina, budi, _ := registerAll(t, p)
	tb, admin := importSKP(t, p.store())
	loc, _ := time.LoadLocation("Asia/Makassar")
	today := time.Now().In(loc).Format(time.DateOnly)
	for i, r := range []struct {
		target  string
		minutes int
		volume  float64
		unit    string
		status  storage.Status
	}{
		{tb, 60, 2, "kunjungan", storage.StatusApproved},
		{tb, 90, 3, "Kunjungan", storage.StatusApproved},
		{tb, 30, 1, "dokumen", storage.StatusApproved},
		{tb, 45, 4, "kunjungan", storage.StatusPending},
		{tb, 45, 4, "kunjungan", storage.StatusRejected},
		{admin, 20, 1, "laporan", storage.StatusApproved},
		{"", 120, 9, "kunjungan", storage.StatusApproved}, // linked to nothing
	} {
		addReport(t, p.store(), i+1, today, storage.Content{Minutes: r.minutes, Description: "Kunjungan rumah pasien TB",
			OutputVolume: r.volume, OutputUnit: r.unit, SKPTargetID: r.target}, r.status)
	}
	cg := storage.Coaching{ID: "01JQAC00000000000000000001", FromNIP: nipKapus, ToNIP: nipBudi, SKPTargetID: tb,
		Note: "Catat kepatuhan minum obat"}
	if err := p.store().AddCoaching(context.Background(), cg); err != nil {
		t.Fatal(err)
	}
	budi.say("/skp")
	mine := budi.expect("Realisasi SKP Budi Santoso")
	checkSKP(t, mine.text)

	rina.say("/tim")
	team := rina.expect("Tim Anda")
	rina.press(team, "Budi Santoso")
	member := rina.expect("Laporan Budi Santoso")
	rina.press(member, "Realisasi SKP")
	checkSKP(t, rina.expect("Realisasi SKP Budi Santoso").text)
}

func checkSKP(t *testing.T, text string) {
	t.Helper()
	for _, w := range []string{
		"1. [Utama, " + thisYear(t) + "] " + rhkTB, "Indikator: " + indTB,
		"Target: 48 kunjungan · Realisasi: 5 kunjungan (10%)", "Menit disetujui: 3 jam dari 3 laporan",
		"1 laporan masih menunggu", "1 laporan berisi output dengan satuan selain «kunjungan»",
		"Umpan balik terakhir", "Catat kepatuhan minum obat",
		"2. [Tambahan, " + thisYear(t) + "] " + rhkAdmin, "Target: 12 laporan · Realisasi: 1 laporan (8%)",
		"Menit disetujui: 20 menit dari 1 laporan",
	} {
		contains(t, text, w)
	}
}

// addReport stores report n of Budi's, decided to status by Rina.
func addReport(t *testing.T, st storage.Store, n int, date string, c storage.Content, status storage.Status) {
	t.Helper()
	ctx := context.Background()
	a := storage.Activity{ID: "01JQAR" + strings.Repeat("0", 18) + string(rune('0'+n/10)) + string(rune('0'+n%10)),
		NIP: nipBudi, UnitCode: "PKM-SMP", SupervisorNIP: nipKapus, Date: date, Content: c, Version: 1}
	if err := st.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	if status == storage.StatusPending {
		return
	}
	if _, err := st.DecideActivity(ctx, a.ID, 1, storage.Decide{To: status, ByNIP: nipKapus}); err != nil {
		t.Fatal(err)
	}
}

// A competency report: the first step's key, the kind, the JP, the
// certificate; approved like any report, it counts in /rekap's JP.
func TestCompetencyReportCountsInRecap(t *testing.T) {
	p := startTelegramPlatform(t)
	rina, budi, _ := registerAll(t, p)
	budi.say("/lapor")
	first := budi.expect("Tulis uraian kegiatan")
	budi.press(first, "Pengembangan kompetensi")
	kind := budi.expect("Jenisnya?")
	budi.press(kind, "Workshop")
	budi.expect("Berapa JP")
	budi.say("delapan")
	budi.expect("JP harus berupa angka bulat")
	budi.say("8")
	budi.expect("Tulis nama kegiatan dan penyelenggaranya")
	budi.say("Workshop Pencegahan dan Pengendalian Infeksi, Dinkes Provinsi")
	budi.expect("Berapa lama")
	budi.say("6 jam")
	budi.expect("Apa hasilnya")
	budi.say("lewati")
	contains(t, budi.expect("Kirim foto").text, "sertifikat (wajib)")
	budi.sendPhoto(evidenceJPEG(t))
	got := budi.expect("diterima")
	budi.press(got, "Selesai")
	loc := budi.expect("Bagikan lokasi")
	budi.press(loc, "Lewati")
	sum := budi.expect("Periksa laporan Anda")
	contains(t, sum.text, "Pengembangan kompetensi: Workshop/seminar, 8 JP")
	budi.press(sum, "Kirim")
	prompt := rina.expect("Pengembangan kompetensi: Workshop/seminar, 8 JP")
	items, _, err := p.store().ListPending(context.Background(), nipKapus, 0, 10)
	if err != nil || len(items) != 1 {
		t.Fatalf("pending: %+v, %v", items, err)
	}
	a := items[0]
	if a.Kind != storage.KindCompetency || a.Training != storage.TrainingWorkshop || a.JP != 8 || len(a.EvidenceIDs) != 1 {
		t.Fatalf("stored competency report = %+v", a.Content)
	}
	waitPromptTracked(t, p, a.ID)
	rina.press(prompt, "✅ Setujui")
	budi.expect("Disetujui oleh dr. Rina Wulandari")
	budi.say("/rekap")
	contains(t, budi.expect("Rekap").text, "Pengembangan kompetensi "+thisYear(t)+": 8 dari target 20 JP")
}

// Rina replies to Budi's approval prompt with a note: she is asked to
// confirm (a reply may be a question), and one press approves the report
// with the note, which reaches Budi with the decision. A reply quoting no
// prompt of hers is not a decision.
func TestReplyToPromptApprovesWithNote(t *testing.T) {
	h, rina, budi, _ := setup(t)
	prompt := budi.submit("Penyuluhan gizi balita di Posyandu Melati")
	replyTo := func(text string, quoted telegramtest.Message) []telegramtest.Message {
		u := h.api.Text(chatRina, text)
		u.Message.ReplyToMessage = &models.Message{ID: quoted.MessageID, From: &models.User{ID: 1, IsBot: true}, Caption: quoted.Text}
		return rina.do(func() { h.api.PushUpdate(u) }, 1)
	}
	ask := replyTo("Bagus, ajak kader posyandu ikut mencatat.", prompt)[0]
	contains(t, ask.Text, "Setujui laporan No. ")
	contains(t, ask.Text, "(Budi Santoso) dengan catatan ini?")
	if a := h.activities(t, nipBudi)[0]; a.Status != storage.StatusPending {
		t.Fatalf("a reply alone decided the report: %+v", a.Decision)
	}
	out := rina.press(ask, "✅ Setujui + kirim catatan", 2)
	contains(t, textTo(out, chatRina), "disetujui; catatan Anda terkirim")
	contains(t, textTo(out, chatBudi), "Catatan atasan: Bagus, ajak kader posyandu ikut mencatat.")
	a := h.activities(t, nipBudi)[0]
	if a.Status != storage.StatusApproved || a.Decision.Reason != "Bagus, ajak kader posyandu ikut mencatat." {
		t.Fatalf("report after the confirmed reply = %s %+v", a.Status, a.Decision)
	}
	if c, err := h.store.GetCoaching(context.Background(), a.ID); err != nil || c.FromNIP != nipKapus {
		t.Fatalf("the reply's note as feedback: %+v, %v", c, err)
	}
	contains(t, replyTo("Terima kasih", prompt)[0].Text, "tidak ada di daftar persetujuan Anda")
}

// Feedback is for one's team: Budi, who has none, is told so; a member
// who moved to another supervisor while Rina was picking is refused, and
// nothing is stored.
func TestCoachingOnlyForOnesTeam(t *testing.T) {
	h, rina, budi, _ := setup(t)
	contains(t, budi.say("/umpanbalik").Text, "belum punya anggota tim")
	list := rina.say("/feedback")
	contains(t, list.Text, "pilih anggota tim")
	pick := buttonData(t, list, "Budi Santoso")
	h.updateEmployee(t, nipKapus, func(e *storage.Employee) { e.Role = storage.RoleStaff })
	h.updateEmployee(t, nipBudi, func(e *storage.Employee) { e.SupervisorNIP = "198703102012012005" })
	if got := rina.pressAnswer(list, pick); !strings.Contains(got, "tidak (lagi) dapat") {
		t.Fatalf("a pick of someone no longer on the team answered %q", got)
	}
	if all, err := h.store.CoachingReceived(context.Background(), nipBudi, time.Time{}, 10); err != nil || len(all) != 0 {
		t.Fatalf("feedback stored after a refused pick: %+v, %v", all, err)
	}
}
