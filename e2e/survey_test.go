package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
	"github.com/kinerjabot/kinerjabot/storage"
)

const chatWarga = 5001 // a citizen: never registered

// answer presses the answer with the given label prefix and returns the
// next message.
func (c *chat) answer(m telegramtest.Message, label string) telegramtest.Message {
	c.t.Helper()
	return c.press(m, label, 1)[0]
}

func (h *harness) surveys(t *testing.T, mode string) storage.SurveyStats {
	t.Helper()
	today := time.Now().In(time.FixedZone("WITA", 8*3600)).Format(time.DateOnly)
	st, err := h.store.SurveyStats(context.Background(), "PKM-SMP", mode, "2000-01-01", today)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestCitizenSurveyNineElements(t *testing.T) {
	h := start(t, harnessOpt{})
	w := h.chat(t, chatWarga)
	ms := w.do(func() { h.api.PushUpdate(h.api.Text(chatWarga, "/start skm_PKM-SMP_2")) }, 2)
	contains(t, ms[0].Text, "layanan Puskesmas Sempaja (Loket 2)")
	contains(t, ms[0].Text, "9 pertanyaan")
	contains(t, ms[0].Text, "Survei ini anonim") // one line on anonymity before the first question
	q := ms[1]
	contains(t, q.Text, "Pertanyaan 1 dari 9")
	contains(t, q.Text, "persyaratan")
	labels := []string{"Sangat sesuai", "Mudah", "Cepat", "Gratis", "Sesuai", "Sangat kompeten", "Sopan dan ramah", "Baik", "Dikelola dengan baik"}
	for i, l := range labels {
		next := w.answer(q, l)
		if i < 8 {
			contains(t, next.Text, "Pertanyaan "+string(rune('2'+i))+" dari 9")
		}
		q = next
	}
	contains(t, q.Text, "saran atau komentar")
	thanks := w.say("Antrean lebih tertib, terima kasih")
	contains(t, thanks.Text, "Terima kasih! Penilaian Anda untuk Puskesmas Sempaja")
	st := h.surveys(t, storage.SurveySKM)
	if st.Respondents != 1 || st.Sums != [9]int{4, 3, 3, 4, 3, 4, 3, 3, 4} {
		t.Fatalf("stored = %+v", st)
	}
	// An old answer button pressed again changes nothing.
	if got := w.pressAnswer(q, "s:whatever:0:4"); !strings.Contains(got, "tidak berlaku") {
		t.Fatalf("stale survey button answered %q", got)
	}
	// Once a day.
	contains(t, w.say("/start skm_PKM-SMP").Text, "hari ini sudah tercatat")
	if got := h.surveys(t, storage.SurveySKM).Respondents; got != 1 {
		t.Fatalf("respondents = %d after a second attempt", got)
	}
	// No chat id is kept with the answers.
	c, _ := h.store.SurveyComments(context.Background(), "PKM-SMP", storage.SurveySKM, "2000-01-01", "2100-01-01", 10)
	if len(c) != 1 || c[0] != "Antrean lebih tertib, terima kasih" {
		t.Fatalf("comments = %q", c)
	}
}

func TestQuickSurveyReportedApart(t *testing.T) {
	h := start(t, harnessOpt{})
	u, _ := h.store.GetUnit(context.Background(), "PKM-SMP")
	u.QuickSurvey = true
	if err := h.store.UpsertUnit(context.Background(), u); err != nil {
		t.Fatal(err)
	}
	w := h.chat(t, chatWarga)
	ms := w.do(func() { h.api.PushUpdate(h.api.Text(chatWarga, "/start skm_PKM-SMP_cepat")) }, 2)
	contains(t, ms[0].Text, "1 pertanyaan")
	ask := w.answer(ms[1], "Baik")
	contains(t, ask.Text, "saran atau komentar")
	contains(t, w.press(ask, "Lewati", 1)[0].Text, "Terima kasih")
	if q := h.surveys(t, storage.SurveyQuick); q.Respondents != 1 || q.Sums[0] != 3 {
		t.Fatalf("quick = %+v", q)
	}
	if s := h.surveys(t, storage.SurveySKM); s.Respondents != 0 {
		t.Fatalf("the quick rating was mixed into the SKM: %+v", s)
	}
	// The full survey is a separate survey the same day.
	contains(t, w.do(func() { h.api.PushUpdate(h.api.Text(chatWarga, "/start skm_PKM-SMP")) }, 2)[1].Text, "Pertanyaan 1 dari 9")
}

// A comment typed with terminal escapes (set the title, clear the screen,
// a C1 CSI) is stored without their control characters, so that `kinerjabot
// ikm` never prints them to an admin's terminal.
func TestSurveyCommentStoredWithoutControls(t *testing.T) {
	h := start(t, harnessOpt{})
	ctx := context.Background()
	u, _ := h.store.GetUnit(ctx, "PKM-SMP")
	u.QuickSurvey = true
	if err := h.store.UpsertUnit(ctx, u); err != nil {
		t.Fatal(err)
	}
	w := h.chat(t, chatWarga)
	ms := w.do(func() { h.api.PushUpdate(h.api.Text(chatWarga, "/start skm_PKM-SMP_cepat")) }, 2)
	ask := w.answer(ms[1], "Baik")
	contains(t, ask.Text, "saran atau komentar")
	contains(t, w.say("Bagus\x1b]0;pwned\x07 \x1b[2Jsekali\u009b31m\r\nloket 2").Text, "Terima kasih")
	c, err := h.store.SurveyComments(ctx, "PKM-SMP", storage.SurveyQuick, "2000-01-01", "2100-01-01", 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Bagus]0;pwned [2Jsekali31m\nloket 2"; len(c) != 1 || c[0] != want {
		t.Fatalf("comments = %q, want [%q]", c, want)
	}
}

func TestSurveyRefusals(t *testing.T) {
	h, _, budi, _ := setup(t)
	w := h.chat(t, chatWarga)
	contains(t, w.say("/start skm_NOPE").Text, "tidak dikenal")
	contains(t, w.say("/start skm_").Text, "tidak dikenal")
	contains(t, w.do(func() { h.api.PushUpdate(h.api.Text(chatWarga, "/start skm_PKM-SMP_cepat")) }, 2)[0].Text, "tidak diaktifkan")
	contains(t, w.say("/batal").Text, "Survei dibatalkan")
	if s := h.surveys(t, storage.SurveySKM); s.Respondents != 0 {
		t.Fatalf("a cancelled survey was counted: %+v", s)
	}
	contains(t, budi.say("/start skm_PKM-SMP").Text, "tidak dapat menilai unitnya sendiri")
}

func TestPeerFeedbackAndItsLimits(t *testing.T) {
	_, rina, budi, sari := setup(t)
	list := budi.say("/apresiasi")
	contains(t, list.Text, "Pilih rekan")
	var names []string
	for _, b := range list.Buttons() {
		names = append(names, b.Text)
	}
	if strings.Contains(strings.Join(names, "|"), "Budi") || !strings.Contains(strings.Join(names, "|"), "Sari Dewi") {
		t.Fatalf("colleagues offered: %v", names)
	}
	values := budi.press(list, "Sari Dewi", 1)[0]
	contains(t, values.Text, "BerAKHLAK")
	confirm := budi.press(values, "7. Kolaboratif", 1)[0]
	contains(t, confirm.Text, "«Kolaboratif» untuk Sari Dewi")
	contains(t, budi.say("lihat https://contoh.id ya").Text, "tidak boleh berisi tautan")
	contains(t, budi.say(strings.Repeat("a", 281)).Text, "paling banyak 280")
	confirm = budi.say("Terima kasih sudah membantu posyandu")
	contains(t, confirm.Text, "Catatan: Terima kasih")
	got := textTo(budi.press(confirm, "✅ Kirim tanpa nama", 2), chatSari)
	contains(t, got, "«Kolaboratif» dari seorang rekan")
	contains(t, got, "💬 Terima kasih sudah membantu posyandu")
	// One per colleague per day: Sari is no longer offered, and her old button refuses.
	list2 := budi.say("/apresiasi")
	for _, b := range list2.Buttons() {
		if strings.Contains(b.Text, "Sari") {
			t.Fatalf("Sari offered again today: %v", list2.Buttons())
		}
	}
	contains(t, budi.press(list, "Sari Dewi", 1)[0].Text, "sudah mengapresiasi Sari Dewi hari ini")
	budi.say("/batal")
	// Sari's recap counts it; Rina (supervisor) sees her team's total.
	contains(t, sari.say("/rekap").Text, "Apresiasi diterima bulan ini: Kolaboratif 1")
	contains(t, rina.say("/rekap").Text, "Apresiasi untuk tim Anda bulan ini: Kolaboratif 1")
}

func TestPeerFeedbackDailyLimit(t *testing.T) {
	h := start(t, harnessOpt{feedbackPerDay: 1})
	budi := h.chat(t, chatBudi)
	budi.register(phoneBudi)
	list := budi.say("/apresiasi")
	named := budi.press(budi.press(budi.press(list, "dr. Rina", 1)[0], "1. Berorientasi", 1)[0], "👤 Kirim dengan nama", 1)
	contains(t, named[0].Text, "terkirim")
	contains(t, budi.say("/apresiasi").Text, "sudah memberi 1 apresiasi hari ini")
}

func TestIKMForAdmins(t *testing.T) {
	h, rina, budi, _ := setup(t)
	w := h.chat(t, chatWarga)
	q := w.do(func() { h.api.PushUpdate(h.api.Text(chatWarga, "/start skm_PKM-SMP")) }, 2)[1]
	for _, l := range []string{"Sangat sesuai", "Sangat mudah", "Sangat cepat", "Gratis", "Sangat sesuai", "Sangat kompeten", "Sangat sopan", "Sangat baik", "Dikelola"} {
		q = w.answer(q, l)
	}
	w.say("lewati")
	rep := rina.say("/ikm")
	for _, want := range []string{"Puskesmas Sempaja", "Responden: 1", "IKM = Σ(NRR × 1/9) × 25 = 100.00", "A (Sangat baik)", "tepat 1/9"} {
		contains(t, rep.Text, want)
	}
	contains(t, budi.say("/ikm").Text, "hanya untuk admin")
	contains(t, rina.say("/ikm NOPE").Text, "tidak dikenal")
}

// An admin's commands reach their own unit and the units below it only:
// the Puskesmas's admin cannot read the Dinas's IKM or print its poster;
// the Dinas's admin reads the Puskesmas's.
func TestAdminCommandsStayInTheirBranch(t *testing.T) {
	h, rina, _, _ := setup(t)
	contains(t, rina.say("/ikm DINKES").Text, "di luar unit yang Anda kelola")
	contains(t, rina.say("/poster DINKES").Text, "di luar unit yang Anda kelola")
	lina := h.chat(t, 2009)
	lina.register("+6281234500009")
	contains(t, lina.say("/ikm PKM-SMP").Text, "Puskesmas Sempaja")
}

func TestAdminGetsThePosterInChat(t *testing.T) {
	_, rina, budi, _ := setup(t)
	m := rina.say("/poster PKM-SMP 2")
	if m.Method != "sendPhoto" || !strings.HasPrefix(string(m.PhotoBytes), "\x89PNG") {
		t.Fatalf("poster = %s with %d bytes, want an uploaded PNG", m.Method, len(m.PhotoBytes))
	}
	contains(t, m.Text, "https://t.me/"+telegramtest.BotUsername+"?start=skm_PKM-SMP_2")
	contains(t, budi.say("/poster").Text, "hanya untuk admin")
}
