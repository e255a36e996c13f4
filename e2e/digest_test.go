package e2e

import (
	"context"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/outbound"
	"github.com/kinerjabot/kinerjabot/scheduler"
)

// The weekly digest's switch through the real Telegram client: the head
// of the Puskesmas (and its admin) turns it off with /pengingat ringkasan
// off, and Monday's pass sends her nothing (nor Budi, who is staff); on
// again, the same morning's next pass sends it.
func TestWeeklyDigestSwitchEndToEnd(t *testing.T) {
	_, now := fixedClock(t, "2026-11-29 23:35") // Monday 07:35 in Samarinda (WITA)
	h := start(t, harnessOpt{now: now})
	rina, budi := h.chat(t, chatRina), h.chat(t, chatBudi)
	rina.register(phoneKapus)
	budi.register(phoneBudi)

	contains(t, rina.say("/pengingat ringkasan off").Text, "Ringkasan mingguan dimatikan")
	if e, err := h.store.GetEmployee(context.Background(), nipKapus); err != nil || !e.DigestOff {
		t.Fatalf("after /pengingat ringkasan off: DigestOff %v, %v", e.DigestOff, err)
	}
	contains(t, rina.say("/pengingat ringkasan").Text, "Ringkasan mingguan: MATI")
	contains(t, budi.say("/pengingat ringkasan kadang").Text, "/pengingat ringkasan off untuk mematikan")

	s := h.telegramScheduler(t, scheduler.Options{Now: now, MonthEndWarningDays: -1, WeeklyDigest: true})
	pass := func(run string, want int) {
		t.Helper()
		st, err := s.RunOnce(context.Background(), run)
		if err != nil || st.Sent != want {
			t.Fatalf("pass %s: %+v, %v; want %d sent", run, st, err, want)
		}
	}
	pass("r1", 0)

	contains(t, rina.say("/pengingat ringkasan on").Text, "Ringkasan mingguan dinyalakan")
	mark := rina.sent()
	pass("r2", 1)
	digest := rina.await(mark, 1)[0]
	if digest.ChatID != chatRina {
		t.Fatalf("the digest went to %d", digest.ChatID)
	}
	contains(t, digest.Text, "Ringkasan mingguan Puskesmas Sempaja dan unit di bawahnya")
	contains(t, digest.Text, "Kepatuhan lapor: 0% (0 dari 15 hari kerja pegawai)")
	pass("r3", 0) // once a week
}

// telegramScheduler is a scheduler sending through an outbound queue over
// the real Telegram client to the fake Bot API.
func (h *harness) telegramScheduler(t *testing.T, opt scheduler.Options) *scheduler.Scheduler {
	t.Helper()
	q := outbound.New(h.tg, outbound.Options{Platform: bot.Telegram, Log: quiet()})
	go q.Run(t.Context())
	opt.Log = quiet()
	s, err := scheduler.New(h.store, nil, map[bot.Platform]scheduler.Outbox{bot.Telegram: q}, opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
