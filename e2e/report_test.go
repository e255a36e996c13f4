package e2e

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Chats of the roster's people (private chat id = user id).
const (
	chatRina = 2001 // supervisor, admin
	chatBudi = 2002
	chatSari = 2003
)

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("../evidence/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// chat drives one person's Telegram chat against the fake Bot API.
type chat struct {
	t  *testing.T
	h  *harness
	id int64
}

func (h *harness) chat(t *testing.T, id int64) *chat { return &chat{t: t, h: h, id: id} }

// sent is the number of messages the bot has sent so far, to any chat.
func (c *chat) sent() int { return len(c.h.api.Sent()) }

// expect waits for the next n messages after mark and returns those sent to
// this chat... or to anyone, in order.
func (c *chat) await(mark, n int) []telegramtest.Message {
	c.t.Helper()
	return c.h.api.WaitSent(c.t, mark+n, waitFor)[mark:]
}

// say sends a text and returns the bot's next reply to this chat.
func (c *chat) say(text string) telegramtest.Message {
	c.t.Helper()
	mark := c.sent()
	c.h.api.PushUpdate(c.h.api.Text(c.id, text))
	return c.await(mark, 1)[0]
}

func (c *chat) do(push func(), n int) []telegramtest.Message {
	c.t.Helper()
	mark := c.sent()
	push()
	return c.await(mark, n)
}

// press presses the button labelled label (a prefix) on message m.
func (c *chat) press(m telegramtest.Message, label string, n int) []telegramtest.Message {
	c.t.Helper()
	data := buttonData(c.t, m, label)
	return c.do(func() { c.h.api.PushUpdate(c.h.api.Callback(c.id, data, m.MessageID)) }, n)
}

// pressAnswer presses a button that answers only in the popup.
func (c *chat) pressAnswer(m telegramtest.Message, data string) string {
	c.t.Helper()
	before := len(c.h.api.CallbackAnswers())
	c.h.api.PushUpdate(c.h.api.Callback(c.id, data, m.MessageID))
	return c.h.api.WaitCallbackAnswers(c.t, before+1, waitFor)[before].Text
}

func buttonData(t *testing.T, m telegramtest.Message, label string) string {
	t.Helper()
	for _, b := range m.Buttons() {
		if strings.HasPrefix(b.Text, label) {
			return b.CallbackData
		}
	}
	t.Fatalf("no button %q on %q (buttons %+v)", label, m.Text, m.Buttons())
	return ""
}

func (c *chat) register(phone string) {
	c.t.Helper()
	ms := c.do(func() { c.h.api.PushUpdate(c.h.api.Contact(c.id, c.id, phone)) }, 2)
	contains(c.t, ms[0].Text, "Pendaftaran berhasil")
	contains(c.t, ms[1].Text, "Sekilas tentang bot ini") // the introduction
}

// photo sends a photo with the given fixture bytes.
func (c *chat) photo(fileID string, data []byte) telegramtest.Message {
	c.t.Helper()
	c.h.api.AddFile(fileID, data)
	mark := c.sent()
	c.h.api.PushUpdate(c.h.api.Photo(c.id, fileID))
	return c.await(mark, 1)[0]
}

// draftToSummary goes from /lapor to the summary with the given photos and
// no location, and returns the message carrying the Kirim button.
func (c *chat) draftToSummary(desc string, photos ...string) telegramtest.Message {
	c.t.Helper()
	contains(c.t, c.say("/lapor").Text, "Tulis uraian kegiatan")
	contains(c.t, c.say(desc).Text, "Berapa lama")
	contains(c.t, c.say("1 jam 30").Text, "Apa hasilnya")
	contains(c.t, c.say("3 dokumen").Text, "Kirim foto bukti dukung")
	var last telegramtest.Message
	for i, p := range photos {
		last = c.photo(c.h.fileID(), fixture(c.t, p))
		contains(c.t, last.Text, "diterima")
		_ = i
	}
	contains(c.t, c.press(last, "Selesai", 1)[0].Text, "Bagikan lokasi")
	sum := c.do(func() { c.h.api.PushUpdate(c.h.api.Text(c.id, "Lewati")) }, 1)[0]
	contains(c.t, sum.Text, "Periksa laporan Anda")
	return sum
}

var fileSeq int

func (h *harness) fileID() string {
	fileSeq++
	return "photo-" + strings.Repeat("x", fileSeq%3) + time.Now().Format("150405.000000")
}

func (h *harness) activities(t *testing.T, nip string) []storage.Activity {
	t.Helper()
	list, err := h.store.ListActivities(context.Background(), nip, "2000-01-01", "2100-01-01")
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func setup(t *testing.T) (*harness, *chat, *chat, *chat) { return setupWith(t, harnessOpt{}) }

// setupWith starts the bot with o and registers Rina, Budi and Sari.
func setupWith(t *testing.T, o harnessOpt) (*harness, *chat, *chat, *chat) {
	h := start(t, o)
	rina, budi, sari := h.chat(t, chatRina), h.chat(t, chatBudi), h.chat(t, chatSari)
	rina.register(phoneKapus)
	budi.register(phoneBudi)
	sari.register("+6281234500003")
	return h, rina, budi, sari
}

// The whole round trip: a report with two photos and a location, the
// supervisor's photo prompt, approval, the prompt edited, the owner told.
func TestReportWithPhotosAndLocationThenApprove(t *testing.T) {
	h, rina, budi, _ := setup(t)
	contains(t, budi.say("/lapor").Text, "Tulis uraian kegiatan")
	contains(t, budi.say("Kunjungan rumah pasien TB di RT 12 Sempaja Selatan").Text, "Berapa lama")
	contains(t, budi.say("08.00-09.30").Text, "Apa hasilnya")
	contains(t, budi.say("3 dokumen").Text, "Kirim foto bukti dukung")
	p1 := budi.photo("foto-a", fixture(t, "kegiatan-1.jpg"))
	contains(t, p1.Text, "Foto 1 dari maksimal 3 diterima (640×480, 20 Nov 2026 09.15, GPS)")
	p2 := budi.photo("foto-b", fixture(t, "kegiatan-2.jpg"))
	contains(t, p2.Text, "Foto 2")
	loc := budi.press(p2, "Selesai", 1)[0]
	if loc.Markup == nil || len(loc.Markup.Keyboard) == 0 || !loc.Markup.Keyboard[0][0].RequestLocation {
		t.Fatalf("no location button: %+v", loc.Markup)
	}
	sum := budi.do(func() { h.api.PushUpdate(h.api.Location(chatBudi, -0.4561, 117.1612)) }, 1)[0]
	for _, w := range []string{"1 jam 30 menit (08.00–09.30)", "Kunjungan rumah", "3 dokumen", "Foto: 2", "-0.45610, 117.16120"} {
		contains(t, sum.Text, w)
	}
	out := budi.press(sum, "✅ Kirim", 2)
	var confirm, prompt telegramtest.Message
	for _, m := range out {
		if m.ChatID == chatBudi {
			confirm = m
		} else {
			prompt = m
		}
	}
	contains(t, confirm.Text, "terkirim ke atasan Anda, dr. Rina Wulandari")
	if prompt.ChatID != chatRina || prompt.Method != "sendPhoto" || prompt.PhotoFileID != "foto-a" {
		t.Fatalf("prompt = %+v, want a photo to the supervisor", prompt)
	}
	for _, w := range []string{"Budi Santoso", "19900115 201903 1 004", "Kunjungan rumah", "1 jam 30 menit", "3 dokumen", "km dari Puskesmas Sempaja", "Foto: 2"} {
		contains(t, prompt.Text, w)
	}
	if strings.Contains(prompt.Text, "mirip") { // the photos are dated 20-21 Nov: a date flag may show, never a reuse one
		t.Fatalf("no reuse flag expected: %q", prompt.Text)
	}
	// The supervisor looks at the other photo, then approves (once the bot
	// recorded its prompt, which it does just after sending it: a press
	// before that decides, but has no prompt to edit).
	h.waitPromptRecorded(t, prompt)
	more := rina.press(prompt, "🖼", 1)[0]
	if more.Method != "sendPhoto" || more.PhotoFileID != "foto-b" {
		t.Fatalf("more photos = %+v", more)
	}
	note := rina.press(prompt, "✅ Setujui", 1)[0]
	if note.ChatID != chatBudi {
		t.Fatalf("owner not told: %+v", note)
	}
	contains(t, note.Text, "✅ Disetujui oleh dr. Rina Wulandari")
	edit := h.api.WaitEdits(t, 1, waitFor)[0]
	if edit.Method != "editMessageCaption" || edit.MessageID != prompt.MessageID || len(edit.Buttons()) != 0 {
		t.Fatalf("prompt edit = %+v", edit)
	}
	contains(t, edit.Text, "✅ Disetujui oleh dr. Rina Wulandari")
	a := h.activities(t, nipBudi)
	if len(a) != 1 || a[0].Status != storage.StatusApproved || len(a[0].EvidenceIDs) != 2 || a[0].Location == nil ||
		a[0].Minutes != 90 || *a[0].StartMinute != 480 || len(a[0].Audit) != 2 || a[0].Audit[1].ByNIP != nipKapus {
		t.Fatalf("stored report = %+v", a)
	}
	ev, err := h.store.GetEvidence(context.Background(), a[0].EvidenceIDs[0])
	if err != nil || ev.GPS == nil || ev.TakenAt == nil || ev.Width != 640 {
		t.Fatalf("evidence = %+v, %v", ev, err)
	}
}
