package browser

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// guideShots is where the guides' screenshots go (docs/panduan/img) when
// KINERJA_WRITE_GUIDE_SHOTS=1; otherwise the test only checks that every
// step the guides show still works, and keeps the shots as artifacts.
const guideShots = "../../docs/panduan/img"

// shot captures one person's pane as docs/panduan/img/name.png.
func (p *page) shot(t *testing.T, pane, name string) {
	t.Helper()
	p.poll("animations over", `document.getAnimations().length === 0`)
	p.do("scroll panes to the latest", chromedp.Evaluate[chromedp.Void](`document.querySelectorAll('.msgs').forEach(m => m.scrollTop = m.scrollHeight)`))
	png, err := chromedp.Run(p.ctx, chromedp.Screenshot(chromedp.CSS("#pane-"+pane)))
	if err != nil {
		t.Fatalf("screenshot of %s: %v", pane, err)
	}
	dir := t.ArtifactDir()
	if os.Getenv("KINERJA_WRITE_GUIDE_SHOTS") == "1" {
		dir = guideShots
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// The steps the guides in docs/panduan show, each captured where the
// guide shows it: a staff member registers, practises (/latihan), files
// a report; the supervisor approves it; the admin's introduction; a
// citizen opens the survey.
func TestGuideStepsInBrowser(t *testing.T) {
	chrome := findChromium(t)
	app := startApp(t)
	p := &page{t: t, ctx: newBrowser(t, chrome)}
	p.do("open the playground", chromedp.Steps(
		chromedp.EmulateViewport(1600, 1000),
		chromedp.Navigate(app.url+"/playground"),
	))
	p.poll("panes rendered", `document.querySelectorAll('.pane').length >= 4 && !!document.querySelector('#pane-rizal .start')`)
	for _, who := range []string{"maya", "rizal", "yuliana"} {
		p.press(who, ".start", "Mulai")
		p.botSaid(who, "Kirim nomor HP saya")
		p.press(who, ".kb .key", "📱")
		p.botSaid(who, "Pendaftaran berhasil")
		p.botSaid(who, "Sekilas tentang bot ini")
	}
	p.shot(t, "rizal", "pegawai-1-daftar")
	p.shot(t, "yuliana", "admin-1-pengenalan")

	// Practice from the introduction's button, with the sample photo.
	p.press("rizal", ".msg.bot .inline", "🧪 Coba latihan")
	p.botSaid("rizal", "LATIHAN")
	p.shot(t, "rizal", "pegawai-2-latihan")
	p.say("rizal", "Latihan: penyuluhan gizi di Posyandu Melati")
	p.botSaid("rizal", "Berapa lama")
	p.say("rizal", "1 jam")
	p.botSaid("rizal", "Apa hasilnya")
	p.say("rizal", "1 kegiatan")
	p.botSaid("rizal", "Pakai foto contoh")
	p.press("rizal", ".msg.bot .inline", "🖼 Pakai foto contoh")
	p.botSaid("rizal", "Foto contoh dipakai")
	p.press("rizal", ".kb .key", "Lewati")
	p.botSaid("rizal", "bukan laporan sungguhan")
	p.press("rizal", ".msg.bot .inline", "✅ Kirim")
	p.botSaid("rizal", "Latihan selesai")
	p.shot(t, "rizal", "pegawai-3-latihan-selesai")

	// The real report.
	p.reportUpToPhoto(t)
	p.botSaid("rizal", "Foto 1 dari maksimal 3 diterima")
	p.press("rizal", ".msg.bot .inline", "Selesai")
	p.botSaid("rizal", "Bagikan lokasi")
	p.press("rizal", ".kb .key", "📍")
	p.botSaid("rizal", "Periksa laporan Anda")
	p.shot(t, "rizal", "pegawai-4-ringkasan")
	p.press("rizal", ".msg.bot .inline", "✅ Kirim")
	p.botSaid("rizal", "terkirim ke atasan Anda")
	p.shot(t, "rizal", "pegawai-5-terkirim")

	// The supervisor decides from the prompt.
	p.poll("prompt in maya's pane", `[...document.querySelectorAll('#pane-maya .msg.bot')].some(m =>
		m.textContent.includes('Kunjungan rumah') && m.textContent.includes('Setujui'))`)
	p.shot(t, "maya", "atasan-1-persetujuan")
	p.press("maya", ".msg.bot .inline", "✅ Setujui")
	p.botSaid("rizal", "✅ Disetujui oleh dr. Maya Kartika")
	p.shot(t, "maya", "atasan-2-disetujui")

	// A citizen scans the QR code.
	p.press("warga", ".shortcut", "📷 QR Puskesmas")
	p.botSaid("warga", "Survei ini anonim")
	p.botSaid("warga", "Pertanyaan 1 dari 9")
	p.shot(t, "warga", "warga-1-survei")
	p.press("warga", ".msg.bot .inline", "Sangat")
	p.botSaid("warga", "Pertanyaan 2 dari 9")
	if n := app.approved(t); n != 1 {
		t.Fatalf("%d approved reports on file, want 1 (the practice must store none)", n)
	}
}
