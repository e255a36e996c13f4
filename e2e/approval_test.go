package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
	"github.com/kinerjabot/kinerjabot/storage"
)

// submit sends a report from c and returns the supervisor's prompt.
func (c *chat) submit(desc string, photos ...string) telegramtest.Message {
	c.t.Helper()
	return c.submitTo(chatRina, nipKapus, desc, photos...)
}

// submitTo sends a report from c and returns its prompt to chat, once
// recorded on approver's list.
func (c *chat) submitTo(chat int64, approver, desc string, photos ...string) telegramtest.Message {
	c.t.Helper()
	if len(photos) == 0 {
		photos = []string{"kegiatan-2.jpg"}
	}
	out := c.press(c.draftToSummary(desc, photos...), "✅ Kirim", 2)
	for _, m := range out {
		if m.ChatID == chat {
			c.h.waitPromptOn(c.t, m, approver)
			return m
		}
	}
	c.t.Fatalf("no prompt to chat %d in %+v", chat, out)
	return telegramtest.Message{}
}

func TestRevisionThenResubmitThenReject(t *testing.T) {
	h, rina, budi, _ := setup(t)
	prompt := budi.submit("Penyuluhan gizi balita di Posyandu Melati")
	ask := rina.press(prompt, "✏️ Revisi", 1)[0]
	contains(t, ask.Text, "Tulis alasan")
	note := rina.do(func() { h.api.PushUpdate(h.api.Text(chatRina, "Foto kurang jelas, tambahkan jumlah peserta")) }, 2)
	var owner telegramtest.Message
	for _, m := range note {
		if m.ChatID == chatBudi {
			owner = m
		}
	}
	contains(t, owner.Text, "Diminta revisi oleh dr. Rina Wulandari")
	contains(t, owner.Text, "Alasan: Foto kurang jelas")
	contains(t, owner.Text, "/laporanku")

	list := budi.say("/laporanku")
	contains(t, list.Text, "Perlu revisi")
	contains(t, list.Text, "💬 Foto kurang jelas")
	sum := budi.press(list, "✏️ Perbaiki", 1)[0]
	contains(t, sum.Text, "Perbaikan laporan")
	fields := budi.press(sum, "✏️ Ubah", 1)[0]
	contains(t, budi.press(fields, "Uraian", 1)[0].Text, "Tulis uraian")
	sum = budi.do(func() {
		h.api.PushUpdate(h.api.Text(chatBudi, "Penyuluhan gizi balita di Posyandu Melati, 24 peserta"))
	}, 1)[0]
	contains(t, sum.Text, "24 peserta")
	out := budi.press(sum, "✅ Kirim", 2)
	var prompt2 telegramtest.Message
	for _, m := range out {
		if m.ChatID == chatRina {
			prompt2 = m
		} else {
			contains(t, m.Text, "Perbaikan laporan No.")
		}
	}
	contains(t, prompt2.Text, "Perbaikan laporan (versi 2)")
	// The old prompt's buttons no longer decide anything.
	if got := rina.pressAnswer(prompt, buttonData(t, prompt, "✅ Setujui")); !strings.Contains(got, "versi lama") {
		t.Fatalf("old prompt press answered %q", got)
	}
	rina.press(prompt2, "❌ Tolak", 1)
	rina.do(func() { h.api.PushUpdate(h.api.Text(chatRina, "Kegiatan di luar tugas")) }, 2)
	a := h.activities(t, nipBudi)[0]
	if a.Status != storage.StatusRejected || a.Version != 2 || len(a.History) != 1 ||
		!strings.Contains(a.Description, "24 peserta") || a.Decision.Reason != "Kegiatan di luar tugas" {
		t.Fatalf("report = %+v", a)
	}
	var actions []string
	for _, e := range a.Audit {
		actions = append(actions, string(e.Action))
	}
	if strings.Join(actions, ",") != "submitted,revision,resubmitted,rejected" {
		t.Fatalf("audit = %v", actions)
	}
}

func TestOnlyTheOwnersSupervisorDecides(t *testing.T) {
	h, rina, budi, sari := setup(t)
	prompt := budi.submit("Pendataan ibu hamil risiko tinggi di RT 05")
	data := buttonData(t, prompt, "✅ Setujui")
	if got := sari.pressAnswer(prompt, data); !strings.Contains(got, "bukan atasan") {
		t.Fatalf("a colleague's press answered %q", got)
	}
	if got := budi.pressAnswer(prompt, data); !strings.Contains(got, "bukan atasan") {
		t.Fatalf("the owner's own press answered %q", got)
	}
	forged := strings.Replace(data, ":1", ":7", 1)
	if got := rina.pressAnswer(prompt, forged); !strings.Contains(got, "versi lama") {
		t.Fatalf("an altered version answered %q", got)
	}
	if got := rina.pressAnswer(prompt, "a:ok:01JD000000000000000000FAKE:1"); !strings.Contains(got, "tidak ditemukan") {
		t.Fatalf("an unknown report answered %q", got)
	}
	if got := rina.pressAnswer(prompt, "a:ok:garbage"); !strings.Contains(got, "tidak berlaku") {
		t.Fatalf("garbage answered %q", got)
	}
	if a := h.activities(t, nipBudi)[0]; a.Status != storage.StatusPending || len(a.Audit) != 1 {
		t.Fatalf("refused presses changed the report: %+v", a)
	}
	// A double press: the first decides, the second is told.
	first := rina.pressAnswer(prompt, data)
	second := rina.pressAnswer(prompt, data)
	if !strings.Contains(first, "Disetujui") || !strings.Contains(second, "sudah diputuskan") {
		t.Fatalf("double press answered %q then %q", first, second)
	}
	if a := h.activities(t, nipBudi)[0]; a.Status != storage.StatusApproved || len(a.Audit) != 2 {
		t.Fatalf("report after double press = %+v", a)
	}
}

func TestBatchApprovalOfOnePage(t *testing.T) {
	h, rina, budi, sari := setup(t)
	budi.submit("Imunisasi dasar lengkap di Posyandu Mawar")
	budi.submit("Pemantauan jentik nyamuk di 40 rumah warga")
	sari.submit("Pemeriksaan kehamilan rutin di ruang KIA")
	list := rina.say("/persetujuan")
	contains(t, list.Text, "menunggu persetujuan: 3")
	for _, w := range []string{"Budi Santoso", "Sari Dewi", "Imunisasi", "jentik", "kehamilan"} {
		contains(t, list.Text, w)
	}
	// 3 popups... the batch answers with one message; owners get one note each.
	out := rina.press(list, "✅ Setujui semua", 4)
	notes := 0
	for _, m := range out {
		if strings.Contains(m.Text, "Disetujui oleh dr. Rina") {
			notes++
		}
	}
	if notes < 2 {
		t.Fatalf("owners told %d times in %+v", notes, out)
	}
	for _, nip := range []string{nipBudi, "198703102012012005"} {
		for _, a := range h.activities(t, nip) {
			if a.Status != storage.StatusApproved {
				t.Fatalf("%s still %s", a.ID, a.Status)
			}
		}
	}
	contains(t, rina.say("/persetujuan").Text, "Tidak ada laporan")
}

func TestReusedPhotoIsFlaggedToTheSupervisor(t *testing.T) {
	_, _, budi, sari := setup(t)
	budi.submit("Senam lansia bersama kader di balai RW", "kegiatan-1.jpg")
	contains(t, sari.say("/lapor").Text, "Tulis uraian")
	sari.say("Senam lansia bersama kader di balai RW 07")
	sari.say("60")
	sari.say("Lewati")
	p := sari.photo("reused", fixture(t, "kegiatan-1-ulang.jpg"))
	contains(t, p.Text, "mirip dengan bukti yang sudah pernah dikirim")
	sari.press(p, "Selesai", 1)
	sum := sari.do(func() { sari.h.api.PushUpdate(sari.h.api.Text(chatSari, "Lewati")) }, 1)[0]
	contains(t, sum.Text, "mirip bukti lama")
	out := sari.press(sum, "✅ Kirim", 2)
	for _, m := range out {
		if m.ChatID == chatRina {
			contains(t, m.Text, "⚠️ Ada foto yang mirip")
			return
		}
	}
	t.Fatal("no prompt")
}

// When the photo cannot be sent, the prompt goes out as text, buttons and all.
func TestPromptFallsBackToTextWhenThePhotoFails(t *testing.T) {
	h, rina, budi, _ := setup(t)
	h.api.FailNext("sendPhoto", 1, telegramtest.Fault{Code: 400, Description: "Bad Request: wrong file identifier"})
	prompt := budi.submit("Pelayanan KB di ruang KIA")
	if prompt.Method != "sendMessage" || len(prompt.Buttons()) == 0 {
		t.Fatalf("prompt = %+v, want text with the decision buttons", prompt)
	}
	contains(t, prompt.Text, "Pelayanan KB")
	rina.press(prompt, "✅ Setujui", 1)
	if edit := h.api.WaitEdits(t, 1, waitFor)[0]; edit.Method != "editMessageText" {
		t.Fatalf("a text prompt must be edited as text: %+v", edit)
	}
}

// An admin of the unit above decides from /persetujuan unit; the decision
// is recorded as an admin's.
func TestAdminDecidesForTheUnit(t *testing.T) {
	h, _, budi, _ := setup(t)
	lina := h.chat(t, 2009)
	lina.register("+6281234500009")
	budi.submit("Pendataan sasaran vaksinasi lansia")
	contains(t, lina.say("/persetujuan").Text, "Tidak ada laporan")
	list := lina.say("/persetujuan unit")
	contains(t, list.Text, "menunggu persetujuan: 1")
	contains(t, list.Text, "Budi Santoso")
	note := lina.press(list, "✅ 1", 1)
	contains(t, textTo(note, chatBudi), "Disetujui oleh Lina Marliani (admin)")
	a := h.activities(t, nipBudi)[0]
	if a.Status != storage.StatusApproved || !a.Decision.AsAdmin || !a.Audit[1].AsAdmin {
		t.Fatalf("decision = %+v", a.Decision)
	}
	contains(t, budi.say("/persetujuan unit").Text, "hanya untuk admin")
}

// waitPromptRecorded waits until the store holds the approval prompt m (the
// engine records it just after the send returns; a test pressing at once
// could otherwise decide before it is recorded, and no prompt is edited).
func (h *harness) waitPromptRecorded(t *testing.T, m telegramtest.Message) {
	t.Helper()
	h.waitPromptOn(t, m, nipKapus)
}

// waitPromptOn waits until the store holds the approval prompt m on a
// report pending on approver's list.
func (h *harness) waitPromptOn(t *testing.T, m telegramtest.Message, approver string) {
	t.Helper()
	deadline := time.Now().Add(waitFor)
	for {
		added := h.st.promptAdded()
		pending, _, err := h.store.ListPending(context.Background(), approver, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range pending {
			for _, p := range a.Prompts {
				if p.ChatID == strconv.FormatInt(m.ChatID, 10) && p.MessageID == strconv.Itoa(m.MessageID) {
					return
				}
			}
		}
		select {
		case <-added:
		case <-time.After(time.Until(deadline)):
			t.Fatalf("prompt %d in chat %d not recorded after %v", m.MessageID, m.ChatID, waitFor)
		}
	}
}

// textTo is the text of the last of msgs sent to chat ("" when none was).
func textTo(msgs []telegramtest.Message, chat int64) string {
	text := ""
	for _, m := range msgs {
		if m.ChatID == chat {
			text = m.Text
		}
	}
	return text
}

// updateEmployee changes one person on the roster as an import would.
func (h *harness) updateEmployee(t *testing.T, nip string, change func(*storage.Employee)) {
	t.Helper()
	ctx := context.Background()
	e, err := h.store.GetEmployee(ctx, nip)
	if err != nil {
		t.Fatal(err)
	}
	change(&e)
	if err := h.store.UpsertEmployee(ctx, e); err != nil {
		t.Fatal(err)
	}
}

// A report waits for Rina; the roster then names Sari as Budi's supervisor.
// Rina's batch approval from the list she still has must not decide it (the
// single button is refused likewise), and Budi is told nothing.
func TestBatchApprovalRechecksTheSupervisorOnTheRosterNow(t *testing.T) {
	h, rina, budi, sari := setup(t)
	prompt := budi.submit("Pelacakan kontak kasus TB di RT 03")
	list := rina.say("/persetujuan")
	contains(t, list.Text, "menunggu persetujuan: 1")

	// Rina is also the Puskesmas's admin on the test roster, which would let
	// her decide as admin: she is made plain staff first.
	h.updateEmployee(t, nipKapus, func(e *storage.Employee) { e.Role = storage.RoleStaff })
	h.updateEmployee(t, nipBudi, func(e *storage.Employee) { e.SupervisorNIP = "198703102012012005" }) // Sari

	if got := rina.pressAnswer(prompt, buttonData(t, prompt, "✅ Setujui")); !strings.Contains(got, "bukan atasan") {
		t.Fatalf("the former supervisor's single press answered %q", got)
	}
	out := rina.press(list, "✅ Setujui semua", 1)
	contains(t, out[0].Text, "0 laporan disetujui")
	contains(t, out[0].Text, "1 laporan tidak disetujui")
	if out[0].ChatID != chatRina {
		t.Fatalf("the batch answer went to chat %d", out[0].ChatID)
	}
	if a := h.activities(t, nipBudi)[0]; a.Status != storage.StatusPending || a.Decision != nil || len(a.Audit) != 1 {
		t.Fatalf("the former supervisor's batch changed the report: %+v", a)
	}
	// The current supervisor still decides it.
	if got := sari.pressAnswer(prompt, buttonData(t, prompt, "✅ Setujui")); !strings.Contains(got, "Disetujui") {
		t.Fatalf("the current supervisor's press answered %q", got)
	}
	if a := h.activities(t, nipBudi)[0]; a.Status != storage.StatusApproved || a.Decision.ByNIP != "198703102012012005" {
		t.Fatalf("report after the current supervisor's press = %+v", a)
	}
}

// When the prompt cannot be edited (deleted, too old), the supervisor gets
// the decision as a short new message instead of silence and stale buttons.
func TestPromptThatCannotBeEditedGetsANewMessage(t *testing.T) {
	h, rina, budi, _ := setup(t)
	prompt := budi.submit("Posyandu lansia di RW 04")
	h.api.FailNext("editMessageCaption", 3, telegramtest.Fault{Code: 400, Description: "Bad Request: message to edit not found"})
	fallback := textTo(rina.press(prompt, "✅ Setujui", 2), chatRina)
	contains(t, fallback, "(Budi Santoso): ✅ Disetujui oleh dr. Rina Wulandari")
	contains(t, fallback, "Laporan No. ")
}

// A supervisor who presses before the bot recorded the prompt (it records
// it just after sending it) still sees the prompt edited: recorded late,
// the prompt is brought up to date at once.
func TestPromptRecordedAfterTheDecisionIsEdited(t *testing.T) {
	h, rina, budi, _ := setup(t)
	hold := make(chan struct{})
	h.st.hold.Store(&hold)
	out := budi.press(budi.draftToSummary("Pemantauan tumbuh kembang balita di Posyandu", "kegiatan-2.jpg"), "✅ Kirim", 2)
	var prompt telegramtest.Message
	for _, m := range out {
		if m.ChatID == chatRina {
			prompt = m
		}
	}
	contains(t, textTo(rina.press(prompt, "✅ Setujui", 1), chatBudi), "✅ Disetujui oleh dr. Rina Wulandari")
	if n := len(h.api.Edits()); n != 0 {
		t.Fatalf("%d edits before the prompt was recorded", n)
	}
	h.st.hold.Store(nil)
	close(hold)
	edit := h.api.WaitEdits(t, 1, waitFor)[0]
	if edit.MessageID != prompt.MessageID || len(edit.Buttons()) != 0 {
		t.Fatalf("late prompt edit = %+v", edit)
	}
	contains(t, edit.Text, "✅ Disetujui oleh dr. Rina Wulandari")
}
