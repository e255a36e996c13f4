package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/importer"
)

func TestReportLinksAnSKPTarget(t *testing.T) {
	h, _, budi, _ := setup(t)
	year := time.Now().Format("2006")
	csv := "nip,period,kind,rhk,indikator,target,satuan\n" +
		nipBudi + "," + year + ",utama,Meningkatnya cakupan pasien TB yang diobati,Jumlah kunjungan rumah pasien TB,48,kunjungan\n" +
		nipBudi + "," + year + ",tambahan,Tertibnya administrasi,Jumlah laporan bulanan,12,laporan\n"
	rep, err := importer.ImportSKP(context.Background(), h.store, strings.NewReader(csv), importer.Options{})
	if err != nil || !rep.OK() {
		t.Fatalf("import skp: %v %+v", err, rep.Refused)
	}
	budi.say("/lapor")
	contains(t, budi.say("Kunjungan rumah pasien TB di RT 12").Text, "(2/6)")
	budi.say("60")
	ask := budi.say("2 kunjungan")
	contains(t, ask.Text, "target SKP yang mana")
	if len(ask.Buttons()) != 3 {
		t.Fatalf("want two targets and 'none', got %+v", ask.Buttons())
	}
	photoAsk := budi.press(ask, "[U] Jumlah kunjungan rumah", 1)[0]
	contains(t, photoAsk.Text, "(5/6) Kirim foto")
	p := budi.photo("skp-photo", fixture(t, "kegiatan-2.jpg"))
	budi.press(p, "Selesai", 1)
	sum := budi.do(func() { h.api.PushUpdate(h.api.Text(chatBudi, "Lewati")) }, 1)[0]
	contains(t, sum.Text, "Target SKP: Jumlah kunjungan rumah pasien TB")
	out := budi.press(sum, "✅ Kirim", 2)
	contains(t, out[0].Text+out[1].Text, "Target SKP: Jumlah kunjungan rumah pasien TB")
	if a := h.activities(t, nipBudi)[0]; a.SKPTargetID != importer.SKPTargetID(nipBudi, year, "Meningkatnya cakupan pasien TB yang diobati", "Jumlah kunjungan rumah pasien TB") {
		t.Fatalf("skp target id = %q", a.SKPTargetID)
	}
}
