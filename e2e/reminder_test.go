package e2e

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/scheduler"
)

// fixedClock is a clock the test sets ("YYYY-MM-DD HH:MM", UTC), starting
// at start.
func fixedClock(t *testing.T, start string) (set func(string), now func() time.Time) {
	var clock atomic.Pointer[time.Time]
	set = func(s string) {
		at, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			t.Fatal(err)
		}
		clock.Store(&at)
	}
	set(start)
	return set, func() time.Time { return *clock.Load() }
}

// Reminders through the whole path: the scheduler reads the store, sends
// through the outbound queue and the real Telegram client to the fake Bot
// API; pressing [Lapor sekarang] starts a report; the next morning the
// supervisor's digest opens the approval list with the report on it.
func TestRemindersEndToEnd(t *testing.T) {
	set, now := fixedClock(t, "2026-11-30 07:00") // Monday 15:00 in Samarinda (WITA)
	h := start(t, harnessOpt{now: now})
	rina, budi := h.chat(t, chatRina), h.chat(t, chatBudi)
	rina.register(phoneKapus)
	budi.register(phoneBudi)

	s := h.telegramScheduler(t, scheduler.Options{Now: now, MonthEndWarningDays: -1})
	pass := func(want int) {
		t.Helper()
		st, err := s.RunOnce(context.Background(), "e2e")
		if err != nil || st.Sent != want {
			t.Fatalf("pass at %v: %+v, %v; want %d sent", now(), st, err, want)
		}
	}
	pass(0) // 15:00: not yet

	set("2026-11-30 07:31") // 15:31 WITA
	mark := budi.sent()
	pass(2) // Rina and Budi; Sari never registered
	var toBudi *string
	var reminder = budi.await(mark, 2)
	for _, m := range reminder {
		if m.ChatID == chatBudi {
			toBudi = &m.Text
			contains(t, m.Text, "belum melaporkan kegiatan hari ini (Senin, 30 November 2026)")
			contains(t, budi.press(m, "📝 Lapor sekarang", 1)[0].Text, "Tulis uraian kegiatan")
		}
	}
	if toBudi == nil {
		t.Fatalf("no reminder to Budi in %+v", reminder)
	}
	pass(0) // never twice

	// Budi reports; Rina gets the prompt.
	contains(t, budi.say("Penyuluhan gizi balita di Posyandu Melati").Text, "Berapa lama")
	contains(t, budi.say("2 jam").Text, "Apa hasilnya")
	contains(t, budi.say("1 kegiatan").Text, "Kirim foto bukti dukung")
	p := budi.photo(h.fileID(), fixture(t, "kegiatan-2.jpg"))
	contains(t, budi.press(p, "Selesai", 1)[0].Text, "Bagikan lokasi")
	sum := budi.do(func() { h.api.PushUpdate(h.api.Text(chatBudi, "Lewati")) }, 1)[0]
	budi.press(sum, "✅ Kirim", 2)

	// Tuesday 08:05 WITA: Rina's digest; [Buka persetujuan] lists the report.
	set("2026-12-01 00:05")
	mark = rina.sent()
	pass(1)
	digest := rina.await(mark, 1)[0]
	if digest.ChatID != chatRina {
		t.Fatalf("digest went to %d", digest.ChatID)
	}
	contains(t, digest.Text, "1 laporan menunggu persetujuan Anda")
	list := rina.press(digest, "Buka persetujuan", 1)[0]
	if !strings.Contains(list.Text, "Budi Santoso") {
		t.Fatalf("approval list: %q", list.Text)
	}
}
