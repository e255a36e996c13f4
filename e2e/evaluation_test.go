package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
	"github.com/kinerjabot/kinerjabot/storage"
)

const (
	nipHendra   = "197001011995031001" // Kepala Dinas: Rina's supervisor in these tests
	chatHendra  = 2010
	phoneHendra = "+6281234500010"
)

// evalDay is the first work day of the month after next-but-one's start
// (never January, which adds the year's evaluation), at 08:30 in
// Samarinda: the roster, imported now, was on file before the month that
// just ended ended. It returns the day's clock and the period evaluated.
func evalDay(real time.Time) (clock, period string) {
	first := time.Date(real.Year(), real.Month()+1, 1, 0, 30, 0, 0, time.UTC)
	if first.Month() == time.January {
		first = first.AddDate(0, 1, 0)
	}
	for first.Weekday() == time.Saturday || first.Weekday() == time.Sunday {
		first = first.AddDate(0, 0, 1)
	}
	return first.Format("2006-01-02 15:04"), first.AddDate(0, -1, 0).Format("2006-01")
}

// evalSetup: Rina, Budi and Sari registered, Hendra (Kepala Dinas) made
// Rina's supervisor and registered, the Puskesmas evaluating monthly; the
// clock at evalDay, and the app's scheduler's pass sends the raters their
// prompts: Budi's and Sari's to Rina, Rina's to Hendra.
func evalSetup(t *testing.T) (h *harness, rina, budi, sari, hendra *chat, period string, prompts []telegramtest.Message) {
	t.Helper()
	day, period := evalDay(time.Now())
	at, _ := time.Parse("2006-01-02 15:04", day)
	set, now := fixedClock(t, at.Add(-12*time.Hour).Format("2006-01-02 15:04")) // 20:30 the evening before: nothing due

	h, rina, budi, sari = setupWith(t, harnessOpt{now: now})
	ctx := context.Background()
	if err := h.store.UpsertEmployee(ctx, storage.Employee{NIP: nipHendra, Name: "Hendra Gunawan", UnitCode: "DINKES",
		Position: "Kepala Dinas", Phone: phoneHendra, Active: true}); err != nil {
		t.Fatal(err)
	}
	h.updateEmployee(t, nipKapus, func(e *storage.Employee) { e.SupervisorNIP = nipHendra })
	hendra = h.chat(t, chatHendra)
	hendra.register(phoneHendra)
	u, err := h.store.GetUnit(ctx, "PKM-SMP")
	if err != nil {
		t.Fatal(err)
	}
	u.EvaluationMonths = 1 // the unit's own cadence; the global one is quarterly
	if err := h.store.UpsertUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	seedPeriodWork(t, h, period)
	set(day)
	mark := rina.sent()
	if _, err := h.app.Scheduler().RunOnce(ctx, "e2e-eval"); err != nil {
		t.Fatal(err)
	}
	prompts = rina.await(mark, 3)
	list, err := h.store.ListEvaluations(ctx, storage.EvaluationFilter{Period: period})
	if err != nil || len(list) != 3 {
		t.Fatalf("evaluations of %s: %d, %v; want Budi's, Sari's and Rina's", period, len(list), err)
	}
	return h, rina, budi, sari, hendra, period, prompts
}

// seedPeriodWork gives Budi a yearly SKP indicator and, in period, one
// approved report of 90 minutes and 3 documents linked to it, and a
// pending one that does not count.
func seedPeriodWork(t *testing.T, h *harness, period string) {
	t.Helper()
	ctx := context.Background()
	target := storage.SKPTarget{ID: "skp-budi-1", NIP: nipBudi, Period: period[:4], Kind: storage.SKPKindUtama,
		RHK: "Pelayanan keperawatan", Indikator: "Asuhan keperawatan terdokumentasi", Target: "120", Satuan: "dokumen"}
	if err := h.store.UpsertSKPTarget(ctx, target); err != nil {
		t.Fatal(err)
	}
	for i, st := range []storage.Status{storage.StatusApproved, storage.StatusPending} {
		a := storage.Activity{ID: fmt.Sprintf("01EVALREPORT%014d", i), NIP: nipBudi, UnitCode: "PKM-SMP", SupervisorNIP: nipKapus,
			Date: period + "-15", Status: storage.StatusPending, Version: 1, Content: storage.Content{Minutes: 90,
				Description: "Asuhan keperawatan pasien rawat jalan", OutputVolume: 3, OutputUnit: "dokumen", SKPTargetID: target.ID}}
		if err := h.store.CreateActivity(ctx, a); err != nil {
			t.Fatal(err)
		}
		if st == storage.StatusApproved {
			if _, err := h.store.DecideActivity(ctx, a.ID, 1, storage.Decide{To: st, ByNIP: nipKapus}); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// promptFor is the prompt about the person named.
func promptFor(t *testing.T, prompts []telegramtest.Message, chatID int64, name string) telegramtest.Message {
	t.Helper()
	for _, m := range prompts {
		if m.ChatID == chatID && strings.Contains(m.Text, name) {
			return m
		}
	}
	t.Fatalf("no evaluation prompt about %s to chat %d in %+v", name, chatID, prompts)
	return telegramtest.Message{}
}

// An evaluation end to end: the scheduler's prompt, a press by someone who
// may not rate refused, the supervisor's ratings and note, the person's
// keberatan, the supervisor's supervisor changing it, the person told.
func TestEvaluationKeberatanChangedByNextSupervisor(t *testing.T) {
	h, rina, budi, sari, hendra, period, prompts := evalSetup(t)
	p := promptFor(t, prompts, chatRina, "Budi Santoso")
	contains(t, p.Text, "Evaluasi kinerja periode "+period)
	contains(t, p.Text, "Asuhan keperawatan terdokumentasi — target 120 dokumen, realisasi 3 dokumen (1)")
	contains(t, p.Text, "Menit disetujui: 1 jam 30 menit (1 laporan)")
	promptFor(t, prompts, chatHendra, "dr. Rina Wulandari")

	if got := sari.pressAnswer(p, buttonData(t, p, "Sesuai ekspektasi")); !strings.Contains(got, "tidak berwenang") {
		t.Fatalf("Sari's press on Budi's evaluation answered %q", got)
	}

	ask := rina.press(p, "Sesuai ekspektasi", 1)[0]
	contains(t, ask.Text, "perilaku kerja")
	note := rina.press(ask, "Di bawah ekspektasi", 1)[0]
	contains(t, note.Text, "predikat Kurang (misconduct)")
	out := rina.do(func() { h.api.PushUpdate(h.api.Text(chatRina, "Sering terlambat apel pagi")) }, 2)
	contains(t, textTo(out, chatRina), "Evaluasi tersimpan: predikat Kurang")
	told := messageTo(t, out, chatBudi)
	contains(t, told.Text, "Predikat: Kurang (misconduct)")
	contains(t, told.Text, "Catatan: Sering terlambat apel pagi")

	contains(t, budi.say("/evaluate").Text, "Budi Santoso — "+period+" (dinilai, menunggu jawaban pegawai)")
	contains(t, budi.press(told, "✋ Ajukan keberatan", 1)[0].Text, "alasan keberatan")
	contains(t, budi.say("tidak").Text, "10 sampai 500") // too short a reason
	out = budi.do(func() {
		h.api.PushUpdate(h.api.Text(chatBudi, "Saya terlambat karena tugas jaga malam di IGD, ada surat tugasnya"))
	}, 2)
	contains(t, textTo(out, chatBudi), "Keberatan Anda terkirim")
	review := messageTo(t, out, chatHendra)
	contains(t, review.Text, "Alasan keberatan: Saya terlambat karena tugas jaga malam")

	// Neither the person nor the rater decides the keberatan.
	confirm := buttonData(t, review, "✅ Tetapkan")
	for _, c := range []*chat{budi, rina} {
		if got := c.pressAnswer(review, confirm); !strings.Contains(got, "tidak berwenang") {
			t.Fatalf("chat %d's press on the keberatan answered %q", c.id, got)
		}
	}
	ask = hendra.press(review, "✏️ Ubah penilaian", 1)[0]
	ask = hendra.press(ask, "Sesuai ekspektasi", 1)[0]
	ask = hendra.press(ask, "Sesuai ekspektasi", 1)[0]
	contains(t, ask.Text, "predikat Baik")
	out = hendra.do(func() { h.api.PushUpdate(h.api.Text(chatHendra, "Surat tugas jaga malam sudah diperiksa")) }, 3)
	contains(t, textTo(out, chatHendra), "Keputusan atas keberatan tersimpan")
	contains(t, textTo(out, chatBudi), "sudah diputuskan oleh Hendra Gunawan: predikat Baik")
	contains(t, textTo(out, chatRina), "Keberatan Budi Santoso atas evaluasi periode "+period+" sudah diputuskan oleh Hendra Gunawan")

	ev, err := h.store.GetEvaluation(context.Background(), storage.EvaluationID(nipBudi, period))
	if err != nil {
		t.Fatal(err)
	}
	if ev.State != storage.EvalChanged || ev.Predikat != storage.PredikatBaik || ev.ReviewedBy != nipHendra ||
		ev.SupervisorNIP != nipKapus || len(ev.Audit) != 3 || ev.Audit[0].Predikat != storage.PredikatKurang {
		t.Fatalf("stored evaluation = %+v", ev)
	}
}

// messageTo is the message among msgs sent to chat.
func messageTo(t *testing.T, msgs []telegramtest.Message, chat int64) telegramtest.Message {
	t.Helper()
	for _, m := range msgs {
		if m.ChatID == chat {
			return m
		}
	}
	t.Fatalf("no message to %d in %+v", chat, msgs)
	return telegramtest.Message{}
}

// Two who may rate Sari press "send" at once (her supervisor, and the
// Dinas's admin): one evaluation is stored, rated once; the other press is
// told it came too late.
func TestEvaluationRacingPressesStoreOne(t *testing.T) {
	h, rina, _, _, _, period, prompts := evalSetup(t)
	lina := h.chat(t, chatLina)
	lina.register(phoneLina)
	promptFor(t, prompts, chatRina, "Sari Dewi")
	open := rina.say("/evaluasi") // what waits for Rina, each opened by a button
	contains(t, open.Text, "2 evaluasi menunggu Anda")
	contains(t, open.Text, "Sari Dewi — "+period+" (menunggu penilaian)")
	p := rina.press(open, "Sari Dewi · "+period, 1)[0]
	contains(t, p.Text, "Evaluasi kinerja periode "+period)
	ask := rina.press(p, "Di atas ekspektasi", 1)[0]
	send := rina.press(ask, "Di atas ekspektasi", 1)[0]
	data := buttonData(t, send, "Kirim tanpa catatan")

	answers := len(h.api.CallbackAnswers())
	mark := rina.sent()
	h.api.PushUpdate(h.api.Callback(chatRina, data, send.MessageID))
	h.api.PushUpdate(h.api.Callback(chatLina, data, send.MessageID))
	sent := rina.await(mark, 2) // the winner's confirmation and Sari's notice
	got := h.api.WaitCallbackAnswers(t, answers+2, waitFor)[answers:]
	lost := 0
	for _, a := range got {
		if strings.Contains(a.Text, "baru saja diputuskan") || strings.Contains(a.Text, "sudah dinilai") {
			lost++
		}
	}
	if lost != 1 {
		t.Fatalf("callback answers %+v: want one press told it lost", got)
	}
	contains(t, textTo(sent, chatSari), "Predikat: Sangat Baik")
	list, err := h.store.ListEvaluations(context.Background(), storage.EvaluationFilter{NIP: nipSari})
	if err != nil || len(list) != 1 {
		t.Fatalf("Sari's evaluations: %d, %v; want 1", len(list), err)
	}
	if ev := list[0]; ev.Period != period || ev.State != storage.EvalRated || ev.Version != 2 || len(ev.Audit) != 1 {
		t.Fatalf("Sari's evaluation after the race = %+v", ev)
	}
	if n := len(h.api.Sent()); n != mark+2 {
		t.Fatalf("%d messages after the race, want %d: %s", n, mark+2, fmt.Sprint(h.api.Sent()[mark:]))
	}
}
