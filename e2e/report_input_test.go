package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/importer"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Every step refuses what it cannot use with a message and stays put.
func TestReportRefusesBadInputAtEachStep(t *testing.T) {
	h, _, budi, _ := setup(t)
	contains(t, budi.say("/lapor").Text, "Tulis uraian")
	contains(t, budi.say("rapat").Text, "10 sampai 1.000 karakter (sekarang 5)")
	contains(t, budi.say(strings.Repeat("a", 1001)).Text, "sekarang 1001")
	contains(t, budi.photo("early", fixture(t, "kegiatan-2.jpg")).Text, "menunggu tulisan")
	contains(t, budi.say("/rekap").Text, "Selesaikan dulu")
	contains(t, budi.say("Rapat koordinasi lintas sektor").Text, "Berapa lama")
	contains(t, budi.say("lama sekali").Text, "misalnya 90")
	contains(t, budi.say("2 menit").Text, "antara 5 menit dan 12 jam")
	contains(t, budi.say("13 jam").Text, "antara 5 menit dan 12 jam")
	if m := budi.say("10.00-09.00"); strings.Contains(m.Text, "Apa hasilnya") {
		t.Fatalf("a range ending before it starts was accepted: %q", m.Text)
	}
	contains(t, budi.say("45 menit").Text, "Apa hasilnya")
	contains(t, budi.say("banyak").Text, "3 dokumen")
	contains(t, budi.say("3").Text, "3 dokumen")
	contains(t, budi.say("2 notulen").Text, "Kirim foto bukti dukung")
	contains(t, budi.say("ini fotonya").Text, "menunggu foto")
	contains(t, budi.say("selesai").Text, "minimal 1 foto")
	contains(t, budi.photo("bukan", fixture(t, "bukan-gambar.jpg")).Text, "bukan foto")
	h.api.AddFile("doc-pdf", []byte("%PDF-1.4 not an image"))
	doc := budi.do(func() { h.api.PushUpdate(h.api.Document(chatBudi, "doc-pdf", "laporan.pdf", "application/pdf")) }, 1)[0]
	contains(t, doc.Text, "bukan foto")
	h.api.AddFile("doc-png", fixture(t, "tanpa-exif.png"))
	doc = budi.do(func() { h.api.PushUpdate(h.api.Document(chatBudi, "doc-png", "foto.png", "image/png")) }, 1)[0]
	contains(t, doc.Text, "Foto 1 dari maksimal 3 diterima (64×64)")
	contains(t, budi.photo("same", fixture(t, "tanpa-exif.png")).Text, "sudah Anda kirim")
	loc := budi.press(doc, "Selesai", 1)[0]
	contains(t, loc.Text, "Bagikan lokasi")
	contains(t, budi.say("di kantor").Text, "menunggu lokasi")
	sum := budi.do(func() { h.api.PushUpdate(h.api.Text(chatBudi, "Lewati")) }, 1)[0]
	contains(t, sum.Text, "Foto: 1")
	contains(t, sum.Text, "45 menit")
	contains(t, sum.Text, "2 notulen")
	if len(h.activities(t, nipBudi)) != 0 {
		t.Fatal("nothing should be stored before Kirim")
	}
}

// The third photo ends the photo step by itself.
func TestPhotoLimitMovesOn(t *testing.T) {
	_, _, budi, _ := setup(t)
	budi.say("/lapor")
	budi.say("Pelayanan pengobatan umum di poli")
	budi.say("2 jam")
	budi.say("15 pasien")
	budi.photo("l1", fixture(t, "kegiatan-1.jpg"))
	budi.photo("l2", fixture(t, "kegiatan-2.jpg"))
	last := budi.photo("l3", fixture(t, "tanpa-exif.png"))
	contains(t, last.Text, "Foto 3 dari maksimal 3")
	contains(t, last.Text, "Bagikan lokasi")
}

func TestCancelAtEachStep(t *testing.T) {
	h, _, budi, _ := setup(t)
	steps := []func(){
		func() {},
		func() { budi.say("Koordinasi dengan kader kesehatan") },
		func() { budi.say("Koordinasi dengan kader kesehatan"); budi.say("30") },
		func() { budi.say("Koordinasi dengan kader kesehatan"); budi.say("30"); budi.say("lewati") },
		func() {
			budi.say("Koordinasi dengan kader kesehatan")
			budi.say("30")
			budi.say("lewati")
			budi.press(budi.photo(h.fileID(), fixture(t, "kegiatan-2.jpg")), "Selesai", 1)
		},
	}
	for i, reach := range steps {
		budi.say("/lapor")
		reach()
		m := budi.say("/batal")
		contains(t, m.Text, "Dibatalkan")
		if m.Markup == nil || len(m.Markup.Keyboard) == 0 {
			t.Fatalf("step %d: the menu should come back after /batal: %+v", i, m.Markup)
		}
	}
	// At the summary, with the Batal button.
	sum := budi.draftToSummary("Koordinasi dengan kader kesehatan", "kegiatan-2.jpg")
	contains(t, budi.press(sum, "✖️ Batal", 1)[0].Text, "Dibatalkan")
	if got := budi.pressAnswer(sum, buttonData(t, sum, "✅ Kirim")); !strings.Contains(got, "tidak berlaku") {
		t.Fatalf("Kirim after Batal answered %q", got)
	}
	if len(h.activities(t, nipBudi)) != 0 {
		t.Fatal("a cancelled report was stored")
	}
}

// The same Kirim update delivered twice, and Kirim pressed again: one report.
func TestRedeliveredAndRepeatedSend(t *testing.T) {
	h, _, budi, _ := setup(t)
	sum := budi.draftToSummary("Validasi data sasaran imunisasi", "kegiatan-2.jpg")
	data := buttonData(t, sum, "✅ Kirim")
	mark := budi.sent()
	h.api.PushTwice(h.api.Callback(chatBudi, data, sum.MessageID))
	budi.await(mark, 2) // confirmation and prompt, once
	if got := budi.pressAnswer(sum, data); !strings.Contains(got, "sudah terkirim") {
		t.Fatalf("a second press answered %q", got)
	}
	if n := len(h.activities(t, nipBudi)); n != 1 {
		t.Fatalf("%d reports stored, want 1", n)
	}
	if n := len(h.api.Sent()); n != mark+2 {
		t.Fatalf("%d messages after Kirim, want 2", n-mark)
	}
}

// The store fails at Kirim: the person is told the draft is kept; pressing
// Kirim again after recovery sends it.
func TestStoreOutageAtSendThenRecovery(t *testing.T) {
	h, _, budi, _ := setup(t)
	sum := budi.draftToSummary("Rekap kunjungan pasien bulan ini", "kegiatan-2.jpg")
	h.st.down.Store(true)
	m := budi.press(sum, "✅ Kirim", 1)[0]
	contains(t, m.Text, "tetap tersimpan sebagai draf")
	h.st.down.Store(false)
	if n := len(h.activities(t, nipBudi)); n != 0 {
		t.Fatalf("%d reports during the outage", n)
	}
	out := budi.press(sum, "✅ Kirim", 2)
	contains(t, out[0].Text+out[1].Text, "terkirim ke atasan")
	if n := len(h.activities(t, nipBudi)); n != 1 {
		t.Fatalf("%d reports after recovery, want 1", n)
	}
}

func TestReportForYesterdayAndLimits(t *testing.T) {
	_, _, budi, _ := setup(t)
	contains(t, budi.say("/lapor kemarin").Text, "Laporan kegiatan untuk")
	budi.say("/batal")
	contains(t, budi.say("/lapor 2001-01-01").Text, "2 hari kerja ke belakang")
	contains(t, budi.say("/lapor besok lusa").Text, "/lapor kemarin")
}

func TestUnregisteredCannotReport(t *testing.T) {
	h := start(t, harnessOpt{})
	c := h.chat(t, 4040)
	contains(t, c.say("/lapor").Text, "Untuk mendaftar")
}

func TestRecap(t *testing.T) {
	h, rina, budi, _ := setup(t)
	prompt := budi.submit("Pelayanan imunisasi di Posyandu Kenanga")
	rina.press(prompt, "✅ Setujui", 1)
	h.api.WaitEdits(t, 1, waitFor)
	budi.submit("Rapat evaluasi program gizi")
	r := budi.say("/rekap")
	for _, w := range []string{"Disetujui: 1 jam 30 menit", "Menunggu: 1 jam 30 menit", "Jumlah laporan: 2", "Target bulan ini: 112 jam 30 menit"} {
		contains(t, r.Text, w)
	}
}

// "Kemarin" is the previous work day: on a Monday, Friday; when Friday is a
// holiday, Thursday. The person is told which day it is.
func TestYesterdayIsThePreviousWorkDay(t *testing.T) {
	monday := time.Date(2026, 12, 7, 2, 0, 0, 0, time.UTC) // Monday 10:00 WITA
	h := start(t, harnessOpt{now: func() time.Time { return monday }})
	budi := h.chat(t, chatBudi)
	budi.register(phoneBudi)
	m := budi.say("/lapor kemarin")
	contains(t, m.Text, "«Kemarin» berarti hari kerja sebelumnya: Jumat, 4 Desember 2026")
	contains(t, m.Text, "Laporan kegiatan untuk Jumat, 4 Desember 2026")
	budi.say("/batal")
	if err := h.store.UpsertHoliday(context.Background(), storage.Holiday{Date: "2026-12-04", Name: "Libur daerah"}); err != nil {
		t.Fatal(err)
	}
	contains(t, budi.say("/lapor kemarin").Text, "Laporan kegiatan untuk Kamis, 3 Desember 2026")
	budi.say("/batal")
	// Two work days back from Monday, with Friday a holiday: Wednesday, not
	// Tuesday.
	contains(t, budi.say("/lapor 2026-12-01").Text, "2 hari kerja ke belakang")
	contains(t, budi.say("/lapor 2026-12-02").Text, "Laporan kegiatan untuk Rabu, 2 Desember 2026")
}

// A photo whose EXIF date lies more than PHOTO_DATE_TOLERANCE_DAYS (3) from
// the report's date is accepted, and flagged to the person and in the
// supervisor's prompt; one within the tolerance is not.
func TestPhotoTakenFarFromTheReportDateIsFlagged(t *testing.T) {
	tuesday := time.Date(2026, 11, 24, 2, 0, 0, 0, time.UTC) // 10:00 WITA
	h := start(t, harnessOpt{now: func() time.Time { return tuesday }})
	rina, budi := h.chat(t, chatRina), h.chat(t, chatBudi)
	rina.register(phoneKapus)
	budi.register(phoneBudi)

	budi.say("/lapor")
	budi.say("Penyuluhan PHBS di SD Negeri 12")
	budi.say("60")
	budi.say("Lewati")
	far := budi.photo(h.fileID(), fixture(t, "kegiatan-1.jpg")) // taken 20 Nov: 4 days before
	contains(t, far.Text, "diambil Jumat, 20 November 2026, lebih dari 3 hari dari tanggal kegiatan")
	budi.say("/batal")

	near := budi.submit("Pemeriksaan jentik di 30 rumah", "kegiatan-2.jpg") // taken 21 Nov: 3 days
	if strings.Contains(near.Text, "lebih dari 3 hari") {
		t.Errorf("a photo 3 days from the report was flagged: %q", near.Text)
	}
	prompt := budi.submit("Penyuluhan PHBS di SD Negeri 12", "kegiatan-1.jpg")
	contains(t, prompt.Text, "Ada foto yang diambil Jumat, 20 November 2026, lebih dari 3 hari dari tanggal kegiatan")
}

// A unit's own monthly target (the units file's optional column) is the
// target /rekap shows its people and those of its sub-units; a sub-unit's
// own target wins over its parent's.
func TestRecapUsesTheUnitsTarget(t *testing.T) {
	h, _, budi, _ := setup(t)
	importUnits := func(csv string) {
		t.Helper()
		rep, err := importer.ImportUnits(context.Background(), h.store, strings.NewReader(csv), importer.Options{})
		if err != nil || !rep.OK() {
			t.Fatalf("import units: %v %+v", err, rep.Refused)
		}
	}
	contains(t, budi.say("/rekap").Text, "Target bulan ini: 112 jam 30 menit") // the global setting
	importUnits("code,name,type,parent_code,timezone,latitude,longitude,monthly_target_minutes\n" +
		"DINKES,Dinas Kesehatan,Dinas,,Asia/Makassar,,,6000\n")
	contains(t, budi.say("/rekap").Text, "Target bulan ini: 100 jam") // inherited from the Dinas
	importUnits("code,name,type,parent_code,timezone,latitude,longitude,monthly_target_minutes\n" +
		"PKM-SMP,Puskesmas Sempaja,Puskesmas,DINKES,Asia/Makassar,-0.4472,117.1598,6300\n")
	contains(t, budi.say("/rekap").Text, "Target bulan ini: 105 jam")
}
