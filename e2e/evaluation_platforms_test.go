package e2e

import (
	"context"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// 7. A periodic evaluation on each platform: the supervisor opens it from
// /evaluasi and rates it by buttons (numbered choices on WhatsApp), writes
// a note; the person is told the predikat and accepts it.
func flowEvaluation(t *testing.T, p platform) {
	rina, budi, _ := registerAll(t, p)
	ev, _, err := p.store().PrepareEvaluation(context.Background(), storage.Evaluation{
		NIP: staff.nip, UnitCode: "PKM-SMP", Period: "2026-11", SupervisorNIP: kapus.nip})
	if err != nil {
		t.Fatal(err)
	}
	rina.say("/evaluasi")
	list := rina.expect("1 evaluasi menunggu Anda")
	rina.press(list, "Budi Santoso · 2026-11")
	prompt := rina.expect("Evaluasi kinerja periode 2026-11")
	rina.press(prompt, "Di atas")
	rina.press(rina.expect("perilaku kerja"), "Sesuai")
	contains(t, rina.expect("Tulis catatan").text, "predikat Baik")
	rina.say("Pertahankan kinerja pelayanan")
	contains(t, rina.next().text, "Evaluasi tersimpan: predikat Baik")
	told := budi.expect("Hasil evaluasi kinerja periode 2026-11")
	contains(t, told.text, "Catatan: Pertahankan kinerja pelayanan")
	budi.press(told, "Terima")
	budi.expect("tercatat diterima")
	rina.expect("Budi Santoso menerima hasil evaluasi periode 2026-11 (predikat Baik)")
	got, err := p.store().GetEvaluation(context.Background(), ev.ID)
	if err != nil || got.State != storage.EvalAccepted || got.Predikat != storage.PredikatBaik || len(got.Audit) != 2 ||
		got.Audit[0].ByNIP != kapus.nip || got.Audit[1].ByNIP != staff.nip {
		t.Fatalf("evaluation = %+v, %v", got, err)
	}
}
