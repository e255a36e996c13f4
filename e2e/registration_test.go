package e2e

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
)

func TestRegisterWithOwnContact(t *testing.T) {
	h := start(t, harnessOpt{})
	h.api.PushUpdate(h.api.Text(1001, "/start"))
	first := h.api.WaitSent(t, 1, waitFor)[0]
	contains(t, first.Text, "Kirim nomor HP saya")
	if first.Markup == nil || len(first.Markup.Keyboard) == 0 || !first.Markup.Keyboard[0][0].RequestContact {
		t.Fatalf("no share-contact button: %+v", first.Markup)
	}
	h.api.PushUpdate(h.api.Contact(1001, 1001, phoneKapus))
	welcome := h.api.WaitSent(t, 2, waitFor)[1]
	for _, w := range []string{"Pendaftaran berhasil", "dr. Rina Wulandari", "19780512 200501 2 003", "Puskesmas Sempaja", "Admin OPD"} {
		contains(t, welcome.Text, w)
	}
	if welcome.Markup == nil || len(welcome.Markup.Keyboard) == 0 || welcome.Markup.Keyboard[0][0].RequestContact {
		t.Fatalf("the menu should replace the share-contact keyboard: %+v", welcome.Markup)
	}
	if got := h.linked(t, "1001"); got != nipKapus {
		t.Fatalf("linked to %q, want %s", got, nipKapus)
	}
	// Then the introduction for her roles (admin, supervisor): what the
	// bot does for her, what it never does, and two ways on.
	intro := h.api.WaitSent(t, 3, waitFor)[2]
	for _, w := range []string{"Sekilas tentang bot ini", "Impor data pegawai", "hanya kepada atasan Anda", "warga yang mengisi survei"} {
		contains(t, intro.Text, w)
	}
	buttonData(t, intro, "🧪 Coba latihan")
	buttonData(t, intro, "📝 Lapor sekarang")
	// Already registered: /start shows the menu.
	h.api.PushUpdate(h.api.Text(1001, "/start"))
	contains(t, h.api.WaitSent(t, 4, waitFor)[3].Text, "Menu utama")
}

func TestSomeoneElsesContactIsRefused(t *testing.T) {
	h := start(t, harnessOpt{})
	h.api.PushUpdate(h.api.Text(1002, "/start"), h.api.Contact(1002, 4242, phoneKapus))
	msgs := h.texts(t, 2)
	contains(t, msgs[1], "kontak orang lain")
	if got := h.linked(t, "1002"); got != "" {
		t.Fatalf("someone else's contact linked the chat to %s", got)
	}
	if got := h.linked(t, "4242"); got != "" {
		t.Fatalf("the contact's owner was linked to %s", got)
	}
}

func TestUnknownNumber(t *testing.T) {
	h := start(t, harnessOpt{})
	h.api.PushUpdate(h.api.Contact(1003, 1003, "6281399998888"))
	msg := h.texts(t, 1)[0]
	contains(t, msg, "+62813****8888 belum terdaftar")
	contains(t, msg, "admin OPD")
	if h.linked(t, "1003") != "" {
		t.Fatal("an unknown number was linked")
	}
}

func TestTextWhereContactExpected(t *testing.T) {
	h := start(t, harnessOpt{})
	h.api.PushUpdate(h.api.Text(1004, "/start"), h.api.Text(1004, nipBudi))
	contains(t, h.texts(t, 2)[1], "Mengetik NIP atau nomor HP tidak cukup")
	if h.linked(t, "1004") != "" {
		t.Fatal("typing a NIP linked the chat")
	}
}

func TestCancelMidFlow(t *testing.T) {
	h := start(t, harnessOpt{})
	h.api.PushUpdate(h.api.Text(1005, "/start"), h.api.Text(1005, "/batal"), h.api.Text(1005, "halo"))
	msgs := h.api.WaitSent(t, 3, waitFor)
	contains(t, msgs[1].Text, "Dibatalkan")
	if msgs[1].Markup == nil || !msgs[1].Markup.RemoveKeyboard {
		t.Fatalf("/batal should hide the share-contact keyboard: %+v", msgs[1].Markup)
	}
	contains(t, msgs[2].Text, "Untuk mendaftar") // not stuck: a new start
}

func TestSameUpdateTwiceGivesOneReplyAndOneLink(t *testing.T) {
	h := start(t, harnessOpt{})
	h.api.PushTwice(h.api.Contact(1006, 1006, phoneBudi))
	h.api.PushUpdate(h.api.Text(1006, "/profil"))
	msgs := h.texts(t, 3)
	contains(t, msgs[0], "Budi Santoso")
	contains(t, msgs[1], "Sekilas tentang bot ini")
	notWelcome(t, msgs[2]) // the duplicate produced no second welcome
	if h.linked(t, "1006") != nipBudi {
		t.Fatal("not linked")
	}
}

// One chat's updates arriving together, with two replicas sharing Redis:
// handled strictly in order.
func TestOneChatsUpdatesInOrderAcrossReplicas(t *testing.T) {
	h := start(t, harnessOpt{engines: 2})
	h.api.PushUpdate(h.api.Text(1007, "/start"), h.api.Contact(1007, 1007, phoneBudi), h.api.Text(1007, "/profil"))
	msgs := h.texts(t, 4)
	contains(t, msgs[0], "Untuk mendaftar")
	contains(t, msgs[1], "Pendaftaran berhasil")
	contains(t, msgs[2], "Sekilas tentang bot ini")
	contains(t, msgs[3], "Jabatan: Perawat")
}

// Webhook: requests without the right secret are refused and handle nothing;
// the same update posted twice at once (Telegram retrying) is handled once.
func TestWebhookSecretAndConcurrentRedelivery(t *testing.T) {
	h := start(t, harnessOpt{webhook: true})
	hook := h.app.Handler()
	u := h.api.Contact(1008, 1008, phoneBudi)
	for _, secret := range []string{"", "wrong"} {
		if code := h.post(hook, telegramtest.WebhookRequest(u, secret)); code != http.StatusUnauthorized {
			t.Fatalf("secret %q: status %d, want 401", secret, code)
		}
	}
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = h.post(hook, telegramtest.WebhookRequest(u, "s3cret"))
		}()
	}
	wg.Wait()
	if codes[0] != http.StatusOK || codes[1] != http.StatusOK {
		t.Fatalf("statuses %v, want 200 200", codes)
	}
	if code := h.post(hook, telegramtest.WebhookRequest(h.api.Text(1008, "/profil"), "s3cret")); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	msgs := h.texts(t, 3)
	contains(t, msgs[0], "Pendaftaran berhasil")
	notWelcome(t, msgs[2])
	if h.linked(t, "1008") != nipBudi {
		t.Fatal("not linked")
	}
}

// Two updates of one chat posted at the same moment to two replicas'
// webhooks: handled one after the other, in the order they were accepted.
func TestConcurrentWebhookDeliveriesToTwoReplicas(t *testing.T) {
	h := start(t, harnessOpt{webhook: true, engines: 2})
	ups := []models.Update{h.api.Text(1009, "/profil"), h.api.Contact(1009, 1009, phoneBudi)}
	var wg sync.WaitGroup
	for i, u := range ups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if code := h.post(h.apps[i].Handler(), telegramtest.WebhookRequest(u, "s3cret")); code != http.StatusOK {
				t.Errorf("status %d", code)
			}
		}()
	}
	wg.Wait()
	msgs := h.texts(t, 3) // the welcome comes with the introduction
	contactFirst := strings.Contains(msgs[0], "Pendaftaran berhasil") && strings.Contains(msgs[2], "Jabatan: Perawat")
	profileFirst := strings.Contains(msgs[0], "Untuk mendaftar") && strings.Contains(msgs[1], "Pendaftaran berhasil")
	if !contactFirst && !profileFirst {
		t.Fatalf("replies fit no serial order: %q", msgs)
	}
}

// notWelcome checks a message is the /profil answer, not a second welcome.
func notWelcome(t *testing.T, msg string) {
	t.Helper()
	contains(t, msg, "Jabatan: Perawat")
	if strings.Contains(msg, "Pendaftaran berhasil") {
		t.Fatalf("a duplicate was handled twice: %q", msg)
	}
}

// The menu offers Persetujuan to supervisors only.
func TestMenuShowsApprovalsToSupervisorsOnly(t *testing.T) {
	h := start(t, harnessOpt{})
	h.api.PushUpdate(h.api.Contact(1101, 1101, phoneKapus), h.api.Contact(1102, 1102, phoneBudi))
	for _, m := range h.api.WaitSent(t, 4, waitFor) {
		if !strings.Contains(m.Text, "Pendaftaran berhasil") {
			continue // the introduction
		}
		var labels []string
		for _, row := range m.Markup.Keyboard {
			for _, b := range row {
				labels = append(labels, b.Text)
			}
		}
		has := strings.Contains(strings.Join(labels, "|"), "Persetujuan")
		if has != (m.ChatID == 1101) {
			t.Errorf("chat %d menu %v: Persetujuan shown = %v", m.ChatID, labels, has)
		}
	}
}
