package e2e

import (
	"testing"

	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
)

// The first five minutes, counted through the real Telegram client: what a
// new staff member does (messages typed or sent, buttons tapped) and reads
// (the bot's messages) from /start to a first submitted report, and what a
// supervisor does from the approval prompt to a first decision. The
// figures are recorded in the README ("The first five minutes"); a change
// that adds a step fails here until the figure is raised on purpose.
const (
	staffActionsMax       = 9  // /start; contact; Lapor sekarang; uraian; lama; hasil; foto; «⏭ Selesai, lewati lokasi»; Kirim
	staffMessagesMax      = 10 // the bot's messages to the staff member in that time
	supervisorActionsMax  = 1  // ✅ Setujui on the prompt
	supervisorMessagesMax = 0  // new messages to the supervisor (the prompt is edited, a popup confirms)
)

// counter counts one person's actions and the bot's messages to them.
type counter struct {
	*chat
	actions int
	from    int // the bot's messages to the chat before counting
}

func (h *harness) counting(c *chat) *counter { return &counter{chat: c, from: h.sentTo(c.id)} }

func (c *counter) act() { c.actions++ }

func (c *counter) messages() int { return c.h.sentTo(c.id) - c.from }

func TestFirstFiveMinutes(t *testing.T) {
	h := start(t, harnessOpt{})
	rina := h.chat(t, chatRina)
	rina.register(phoneKapus)

	budi := h.counting(h.chat(t, chatBudi))
	budi.act()
	contains(t, budi.say("/start").Text, "Kirim nomor HP saya")
	budi.act()
	ms := budi.do(func() { h.api.PushUpdate(h.api.Contact(chatBudi, chatBudi, phoneBudi)) }, 2)
	contains(t, ms[0].Text, "Pendaftaran berhasil")
	budi.act()
	contains(t, budi.press(ms[1], "📝 Lapor sekarang", 1)[0].Text, "Tulis uraian kegiatan")
	for _, s := range []struct{ say, want string }{
		{"Pemeriksaan ibu hamil di ruang KIA", "Berapa lama"}, {"1 jam", "Apa hasilnya"}, {"4 pasien", "Kirim foto bukti dukung"},
	} {
		budi.act()
		contains(t, budi.say(s.say).Text, s.want)
	}
	budi.act()
	accepted := budi.photo(h.fileID(), fixture(t, "kegiatan-2.jpg"))
	contains(t, accepted.Text, "diterima")
	budi.act() // one tap past the photos and the location: the location step is optional
	sum := budi.press(accepted, "⏭ Selesai, lewati lokasi", 1)[0]
	contains(t, sum.Text, "Periksa laporan Anda")
	toRina := h.sentTo(chatRina)
	budi.act()
	out := budi.press(sum, "✅ Kirim", 2) // the confirmation, and the prompt to the supervisor
	var prompt telegramtest.Message
	for _, m := range out {
		if m.ChatID == chatRina {
			prompt = m
		}
	}
	contains(t, prompt.Text, "Pemeriksaan ibu hamil")
	staffMessages := budi.messages()
	t.Logf("staff, /start to a submitted report: %d actions, %d bot messages", budi.actions, staffMessages)
	if budi.actions > staffActionsMax || staffMessages > staffMessagesMax {
		t.Errorf("staff: %d actions, %d messages; recorded %d and %d", budi.actions, staffMessages, staffActionsMax, staffMessagesMax)
	}

	sup := &counter{chat: rina, from: toRina + 1} // from the prompt on
	h.waitPromptOn(t, prompt, nipKapus)
	sup.act()
	contains(t, rina.press(prompt, "✅ Setujui", 1)[0].Text, "✅ Disetujui") // the note to Budi
	if edit := h.api.WaitEdits(t, 1, waitFor)[0]; edit.ChatID != chatRina {
		t.Fatalf("the prompt was not edited: %+v", edit)
	}
	t.Logf("supervisor, prompt to a first decision: %d actions, %d new messages", sup.actions, sup.messages())
	if sup.actions > supervisorActionsMax || sup.messages() > supervisorMessagesMax {
		t.Errorf("supervisor: %d actions, %d messages; recorded %d and %d", sup.actions, sup.messages(), supervisorActionsMax, supervisorMessagesMax)
	}
}
