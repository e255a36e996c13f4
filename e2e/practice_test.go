package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/onboarding"
)

// rosterNIPs are the harness roster's people.
var rosterNIPs = []string{nipKapus, nipBudi, "198703102012012005"}

// recordsSnapshot describes what a practice must leave alone: everyone's
// reports and evidence, the supervisor's pending list and the pending
// summaries the reminders read.
func (h *harness) recordsSnapshot(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	for _, nip := range rosterNIPs {
		ev, err := h.store.EvidenceOf(ctx, nip)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s: %d reports, %d evidence; ", nip, len(h.activities(t, nip)), len(ev))
	}
	_, pending, err := h.store.ListPending(ctx, nipKapus, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	sums, err := h.store.PendingSummaries(ctx, time.Now().Add(48*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	reporters, err := h.store.ReportersAmong(ctx, rosterNIPs)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "pending %d, summaries %d, reporters %v", pending, len(sums), reporters)
	return b.String()
}

func (h *harness) practices(t *testing.T, nip string) string {
	t.Helper()
	ps, err := h.store.PracticesOf(context.Background(), []string{nip})
	if err != nil {
		t.Fatal(err)
	}
	var roles []string
	for _, p := range ps {
		roles = append(roles, string(p.Role))
	}
	return strings.Join(roles, " ")
}

// sentTo counts the messages sent so far to a chat.
func (h *harness) sentTo(chatID int64) int {
	n := 0
	for _, m := range h.api.Sent() {
		if m.ChatID == chatID {
			n++
		}
	}
	return n
}

// /latihan goes through every step of the report flow with a hint at
// each, takes a real photo (checked, not stored), and ends in a LATIHAN
// summary whose Send stores nothing but the completion and tells the
// supervisor nothing; the completion shows in kinerjabot status.
func TestPracticeStoresNothingButItsCompletion(t *testing.T) {
	h := start(t, harnessOpt{})
	rina, budi := h.chat(t, chatRina), h.chat(t, chatBudi)
	rina.register(phoneKapus)
	budi.register(phoneBudi)
	before := h.recordsSnapshot(t)
	toRina := h.sentTo(chatRina)

	step := func(m telegramtest.Message, want ...string) {
		t.Helper()
		for _, w := range append(want, "LATIHAN", "💡") {
			contains(t, m.Text, w)
		}
	}
	step(budi.say("/latihan"), "Tulis uraian kegiatan", "tidak ada yang disimpan")
	step(budi.say("Latihan kunjungan rumah pasien"), "Berapa lama")
	step(budi.say("1 jam"), "Apa hasilnya")
	photoStep := budi.say("2 dokumen")
	step(photoStep, "Kirim foto bukti dukung", "foto contoh")
	buttonData(t, photoStep, "🖼 Pakai foto contoh")
	// A file that is no image is refused as in a real report.
	contains(t, budi.photo(h.fileID(), fixture(t, "bukan-gambar.jpg")).Text, "bukan")
	accepted := budi.photo(h.fileID(), fixture(t, "kegiatan-1.jpg"))
	contains(t, accepted.Text, "diterima")
	step(budi.press(accepted, "Selesai", 1)[0], "Bagikan lokasi")
	sum := budi.do(func() { h.api.PushUpdate(h.api.Text(chatBudi, "Lewati")) }, 1)[0]
	step(sum, "LATIHAN — bukan laporan sungguhan", "Periksa laporan Anda", "Foto: 1")
	done := budi.press(sum, "✅ Kirim", 1)[0]
	contains(t, done.Text, "Latihan selesai")
	contains(t, budi.say("/profil").Text, "Jabatan: Perawat") // a round trip after the send

	if got := h.recordsSnapshot(t); got != before {
		t.Fatalf("the practice changed the records:\nbefore %s\nafter  %s", before, got)
	}
	if n := h.sentTo(chatRina); n != toRina {
		t.Fatalf("the supervisor got %d messages from a practice", n-toRina)
	}
	if got := h.practices(t, nipBudi); got != "pegawai" {
		t.Fatalf("Budi's practices = %q, want pegawai", got)
	}

	// kinerjabot status shows it.
	var out strings.Builder
	err := onboarding.Each(context.Background(), h.store, "PKM-SMP", false, func(s onboarding.UnitStatus) error {
		return onboarding.Write(&out, i18n.ID, s)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Pegawai aktif di roster: 3", "Terdaftar: 2 (Telegram 2, WhatsApp 0)", "Sudah berlatih (/latihan): 1",
		"Sudah mengirim laporan: 0", "Belum terdaftar (1)", "19870310 201201 2 005  Sari Dewi"} {
		contains(t, out.String(), w)
	}
}

// A supervisor's practice: the sample photo, then the practice approval
// of a sample report with the real labels, on buttons that decide no
// report.
func TestSupervisorPracticesApproving(t *testing.T) {
	h := start(t, harnessOpt{})
	rina := h.chat(t, chatRina)
	rina.register(phoneKapus)
	before := h.recordsSnapshot(t)

	contains(t, rina.say("/latihan").Text, "LATIHAN")
	rina.say("Rapat koordinasi lintas program")
	rina.say("30 menit")
	photoStep := rina.say("Lewati")
	loc := rina.press(photoStep, "🖼 Pakai foto contoh", 1)[0]
	contains(t, loc.Text, "Foto contoh dipakai")
	sum := rina.do(func() { h.api.PushUpdate(h.api.Text(chatRina, "Lewati")) }, 1)[0]
	contains(t, sum.Text, "LATIHAN — bukan laporan sungguhan")
	out := rina.press(sum, "✅ Kirim", 2)
	contains(t, out[0].Text, "Latihan selesai")
	prompt := out[1]
	for _, w := range []string{"LATIHAN MENYETUJUI", "Contoh Pegawai", "12 pasien"} {
		contains(t, prompt.Text, w)
	}
	decided := rina.press(prompt, "❌ Tolak", 1)[0]
	contains(t, decided.Text, "Anda memilih ❌ Tolak")
	contains(t, decided.Text, "alasan")

	if got := h.recordsSnapshot(t); got != before {
		t.Fatalf("the practice changed the records:\nbefore %s\nafter  %s", before, got)
	}
	if got := h.practices(t, nipKapus); got != "atasan pegawai" {
		t.Fatalf("Rina's practices = %q, want atasan pegawai", got)
	}
}

// The introduction's "Coba latihan" starts a practice; "Lapor sekarang" a
// real report.
func TestIntroductionButtons(t *testing.T) {
	h := start(t, harnessOpt{})
	budi := h.chat(t, chatBudi)
	ms := budi.do(func() { h.api.PushUpdate(h.api.Contact(chatBudi, chatBudi, phoneBudi)) }, 2)
	intro := ms[1]
	contains(t, intro.Text, "Laporkan kegiatan harian")
	contains(t, budi.press(intro, "🧪 Coba latihan", 1)[0].Text, "LATIHAN")
	contains(t, budi.say("/batal").Text, "Dibatalkan")
	first := budi.press(intro, "📝 Lapor sekarang", 1)[0]
	contains(t, first.Text, "Tulis uraian kegiatan")
	if strings.Contains(first.Text, "LATIHAN") {
		t.Fatalf("Lapor sekarang started a practice: %q", first.Text)
	}
	if got := h.practices(t, nipBudi); got != "" {
		t.Fatalf("practices %q before any was done", got)
	}
}
