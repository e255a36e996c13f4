package e2e

// One table of end-to-end flows, run on every platform: the same people,
// the same steps and the same facts checked in the store, whether they
// talk to the bot on Telegram (the real go-telegram/bot client in our
// adapter against telegramtest's fake Bot API) or on WhatsApp (our adapter
// over whatsapptest's fake whatsmeow client). Both run the real engine on
// real Redis, the real handlers and the embedded store (see start).
//
// A flow speaks to a platform through two small interfaces: platform (the
// bot running for one platform) and convo (one person's private chat).
// Where the platforms differ by design, the difference lives in their
// implementations (platform_telegram_test.go, platform_whatsapp_test.go):
// how a person proves their number, what a button is, how an approval
// prompt shows its decision, what someone is told who presses a decision
// that is not theirs.

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/storage"
)

// platform is the bot running for one chat platform, on a fresh harness.
type platform interface {
	name() bot.Platform
	// base is the harness it runs on: engine, Redis, handlers, store.
	base() *harness
	store() storage.Store
	// chat is p's private chat with the bot; nothing is sent yet.
	chat(p person) convo
	// userID is the account id the store links p's chat by.
	userID(p person) string
	// photo is the image a message of the bot carries; the test fails when
	// it carries none.
	photo(m botMsg) []byte
	// refusal is (a part of) what a person reads after pressing a decision
	// on someone else's approval prompt.
	refusal() string
}

// convo is one person's private chat with the bot. Its reads go through
// the messages the bot sent to this chat in order, each read once; they
// wait up to waitFor and fail the test with what did arrive.
type convo interface {
	// register proves the person's own number the platform's way and
	// returns the bot's answer (the welcome).
	register() botMsg
	say(text string)
	sendPhoto(jpeg []byte)
	// press presses the button (or numbered choice) of m whose label
	// contains label.
	press(m botMsg, label string)
	// pressQuoting presses it in answer to m itself: a Telegram press
	// always names its message; on WhatsApp it is a swipe-reply quoting m.
	pressQuoting(m botMsg, label string)
	// next is the next message to this chat.
	next() botMsg
	// expect reads this chat's messages up to the first containing want.
	expect(want string) botMsg
	// notice is the short answer to the last press: Telegram's popup, a
	// message on WhatsApp (which has no popups).
	notice() string
	// edited is how m, a message with buttons, came to show a decision:
	// Telegram's edit of m, or WhatsApp's follow-up quoting m. It may be
	// read in any order with next.
	edited(m botMsg) botMsg
}

// botMsg is a message the bot sent, as the flows see it.
type botMsg struct {
	text    string
	choices []string // button labels, or the numbered choices offered
	photo   bool
	raw     any // telegramtest.Message or whatsapptest.Sent
}

func (m botMsg) offers(label string) bool {
	_, ok := choiceIndex(m.choices, label)
	return ok
}

// choiceIndex finds the first choice whose label contains label, ignoring
// case (as whatsapptest.Pick does).
func choiceIndex(choices []string, label string) (int, bool) {
	for i, c := range choices {
		if strings.Contains(strings.ToLower(c), strings.ToLower(label)) {
			return i, true
		}
	}
	return 0, false
}

// person is someone on the harness roster (rosterCSV).
type person struct {
	name, nip string
	phone     string // E.164
	tg        int64  // Telegram user id, also their private chat id
}

var (
	kapus = person{"dr. Rina Wulandari", nipKapus, "+6281234500001", chatRina} // the supervisor
	staff = person{"Budi Santoso", nipBudi, phoneBudi, chatBudi}
	other = person{"Sari Dewi", "198703102012012005", "+6281234500003", chatSari} // Budi's colleague, same supervisor
)

var platforms = []struct {
	name  string
	start func(t *testing.T) platform
}{
	{"telegram", startTelegramPlatform},
	{"whatsapp", startWhatsAppPlatform},
	{"whatsappcloud", startCloudPlatform},
}

var flows = []struct {
	name string
	run  func(t *testing.T, p platform)
}{
	{"registration", flowRegistration},
	{"report_with_photo", flowReportWithPhoto},
	{"approval", flowApproval},
	{"rejection_with_reason", flowRejectionWithReason},
	{"foreign_approver", flowForeignApprover},
	{"team_view", flowTeamView},
	{"evaluation", flowEvaluation},
	{"survey_by_deep_link", flowSurveyDeepLink},
}

func TestPlatformFlows(t *testing.T) {
	for _, f := range flows {
		t.Run(f.name, func(t *testing.T) {
			for _, pl := range platforms {
				t.Run(pl.name, func(t *testing.T) { f.run(t, pl.start(t)) })
			}
		})
	}
}

// 1. Registration by the person's own number: a shared contact on
// Telegram, the number WhatsApp vouches for on WhatsApp.
func flowRegistration(t *testing.T, p platform) {
	budi := p.chat(staff)
	welcome := budi.register()
	for _, w := range []string{"Pendaftaran berhasil", "Selamat datang, Budi Santoso!", "19900115 201903 1 004",
		"Puskesmas Sempaja", "dr. Rina Wulandari"} {
		contains(t, welcome.text, w)
	}
	if !welcome.offers("Lapor kegiatan") {
		t.Fatalf("the welcome offers no menu: %q", welcome.choices)
	}
	e, err := p.store().EmployeeByAccount(context.Background(), string(p.name()), p.userID(staff))
	if err != nil || e.NIP != staff.nip {
		t.Fatalf("account %s linked to %+v, %v; want %s", p.userID(staff), e.NIP, err, staff.nip)
	}
	if acc := e.Accounts[string(p.name())]; acc.UserID != p.userID(staff) || acc.ChatID == "" {
		t.Fatalf("stored account = %+v", acc)
	}
	// Registered now: the profile, not a second welcome.
	budi.say("/profil")
	prof := budi.next()
	contains(t, prof.text, "Jabatan: Perawat")
	if strings.Contains(prof.text, "Pendaftaran berhasil") {
		t.Fatalf("registered twice: %q", prof.text)
	}
}

// 2. A full report with a photo: the staff member is told it went to the
// supervisor, who gets the approval prompt with that photo.
func flowReportWithPhoto(t *testing.T, p platform) {
	rina, budi, _ := registerAll(t, p)
	prompt, a := submitReport(t, p, budi, rina)
	for _, w := range []string{"Budi Santoso", "19900115 201903 1 004", "Kunjungan rumah pasien TB", "1 jam 30 menit", "3 dokumen", "Foto: 1"} {
		contains(t, prompt.text, w)
	}
	for _, l := range []string{"Setujui", "Tolak", "Revisi"} {
		if !prompt.offers(l) {
			t.Fatalf("the prompt offers no %q: %q", l, prompt.choices)
		}
	}
	jpeg := evidenceJPEG(t)
	if !prompt.photo || !bytes.Equal(p.photo(prompt), jpeg) {
		t.Fatalf("the prompt does not carry the report's photo (photo=%v)", prompt.photo)
	}
	if a.NIP != staff.nip || a.SupervisorNIP != kapus.nip || a.Status != storage.StatusPending || a.Version != 1 ||
		a.Minutes != 90 || a.OutputVolume != 3 || a.OutputUnit != "dokumen" || a.Location != nil ||
		len(a.EvidenceIDs) != 1 || len(a.Audit) != 1 || a.Audit[0].Platform != string(p.name()) {
		t.Fatalf("stored report = %+v", a)
	}
	ctx := context.Background()
	ev, err := p.store().GetEvidence(ctx, a.EvidenceIDs[0])
	if err != nil || ev.Platform != string(p.name()) || ev.Width != 640 || ev.Height != 480 || ev.GPS == nil || ev.TakenAt == nil {
		t.Fatalf("evidence = %+v, %v", ev, err)
	}
	if data, err := p.store().EvidenceData(ctx, ev.ID); err != nil || !bytes.Equal(data, jpeg) {
		t.Fatalf("stored photo: %d bytes, %v; want the %d bytes sent", len(data), err, len(jpeg))
	}
}

// 3. Approval by button (Telegram) or by its number (WhatsApp).
func flowApproval(t *testing.T, p platform) {
	rina, budi, _ := registerAll(t, p)
	prompt, a := submitReport(t, p, budi, rina)
	waitPromptTracked(t, p, a.ID)
	rina.press(prompt, "Setujui")
	contains(t, rina.notice(), "Disetujui")
	contains(t, budi.next().text, "✅ Disetujui oleh dr. Rina Wulandari")
	contains(t, rina.edited(prompt).text, "✅ Disetujui oleh dr. Rina Wulandari")
	got := report(t, p, a.ID)
	if got.Status != storage.StatusApproved || got.Decision == nil || got.Decision.ByNIP != kapus.nip ||
		got.Decision.Platform != string(p.name()) || got.Decision.AsAdmin || len(got.Audit) != 2 ||
		got.Audit[1].Action != "approved" || got.Audit[1].ByNIP != kapus.nip {
		t.Fatalf("report after approval = %+v (decision %+v)", got, got.Decision)
	}
	if n := pending(t, p); n != 0 {
		t.Fatalf("%d reports still pending", n)
	}
}

// 4. Rejection with a reason: Tolak, the bot asks why, the typed reason
// goes to the staff member and into the store.
func flowRejectionWithReason(t *testing.T, p platform) {
	const reason = "Kegiatan di luar tugas pokok Anda"
	rina, budi, _ := registerAll(t, p)
	prompt, a := submitReport(t, p, budi, rina)
	waitPromptTracked(t, p, a.ID)
	rina.press(prompt, "Tolak")
	contains(t, rina.notice(), "Ditolak")
	contains(t, rina.next().text, "Tulis alasan (❌ Ditolak)")
	if got := report(t, p, a.ID); got.Status != storage.StatusPending {
		t.Fatalf("decided before the reason: %+v", got)
	}
	rina.say(reason)
	contains(t, rina.next().text, "Keputusan tercatat: ❌ Ditolak")
	note := budi.next().text
	contains(t, note, "❌ Ditolak oleh dr. Rina Wulandari")
	contains(t, note, "Alasan: "+reason)
	contains(t, rina.edited(prompt).text, "❌ Ditolak oleh dr. Rina Wulandari")
	got := report(t, p, a.ID)
	if got.Status != storage.StatusRejected || got.Decision == nil || got.Decision.ByNIP != kapus.nip ||
		got.Decision.Reason != reason || got.Decision.Platform != string(p.name()) || len(got.Audit) != 2 ||
		got.Audit[1].Action != "rejected" || got.Audit[1].Reason != reason {
		t.Fatalf("report after rejection = %+v (decision %+v)", got, got.Decision)
	}
	if n := pending(t, p); n != 0 {
		t.Fatalf("%d reports still pending", n)
	}
}

// 5. Someone registered, but not the owner's supervisor, tries to decide:
// pressing the supervisor's button with its data (Telegram), or typing
// the supervisor's choice number in their own chat (WhatsApp), plainly and
// quoting the prompt they never got. Nothing is decided; the supervisor
// still decides afterwards.
func flowForeignApprover(t *testing.T, p platform) {
	rina, budi, sari := registerAll(t, p)
	prompt, a := submitReport(t, p, budi, rina)
	// Nothing for Sari to decide; on WhatsApp this also leaves her chat
	// with no choices open, so a number she types is hers to no list.
	sari.say("/persetujuan")
	contains(t, sari.next().text, "Tidak ada laporan yang menunggu persetujuan Anda")
	sari.press(prompt, "Setujui")
	contains(t, sari.notice(), p.refusal())
	unchanged(t, p, a)

	sari.say("/persetujuan")
	contains(t, sari.next().text, "Tidak ada laporan")
	sari.pressQuoting(prompt, "Tolak")
	contains(t, sari.notice(), p.refusal())
	unchanged(t, p, a)

	// The supervisor's prompt still decides, and the owner's first news is
	// hers: no decision slipped out on the way.
	rina.press(prompt, "Setujui")
	contains(t, rina.notice(), "Disetujui")
	contains(t, budi.next().text, "✅ Disetujui oleh dr. Rina Wulandari")
	if got := report(t, p, a.ID); got.Status != storage.StatusApproved || got.Decision.ByNIP != kapus.nip || len(got.Audit) != 2 {
		t.Fatalf("report after the supervisor's approval = %+v (decision %+v)", got, got.Decision)
	}
}

// 6. The team view (/tim): the supervisor opens Budi from the team's list
// (a button, or its number on WhatsApp) and approves what waits there.
func flowTeamView(t *testing.T, p platform) {
	rina, budi, _ := registerAll(t, p)
	_, a := submitReport(t, p, budi, rina)
	waitPromptTracked(t, p, a.ID)
	rina.say("/tim")
	team := rina.expect("Tim Anda")
	contains(t, team.text, "2. Budi Santoso")
	contains(t, team.text, "Menunggu: 1")
	rina.press(team, "Budi Santoso")
	member := rina.expect("Laporan Budi Santoso")
	contains(t, member.text, "Kunjungan rumah pasien TB")
	rina.press(member, "Setujui semua")
	contains(t, rina.notice(), "1 laporan disetujui")
	contains(t, budi.next().text, "✅ Disetujui oleh dr. Rina Wulandari")
	if got := report(t, p, a.ID); got.Status != storage.StatusApproved || got.Decision.ByNIP != kapus.nip {
		t.Fatalf("report after approving from the team view = %+v (decision %+v)", got, got.Decision)
	}
}

// registerAll registers the supervisor, Budi and Sari, in that order.
func registerAll(t *testing.T, p platform) (rina, budi, sari convo) {
	t.Helper()
	rina, budi, sari = p.chat(kapus), p.chat(staff), p.chat(other)
	for _, c := range []convo{rina, budi, sari} {
		contains(t, c.register().text, "Pendaftaran berhasil")
	}
	return rina, budi, sari
}

// submitReport goes through /lapor with one photo and no location, sends
// the report, and returns the supervisor's prompt and the stored report.
func submitReport(t *testing.T, p platform, owner, sup convo) (botMsg, storage.Activity) {
	t.Helper()
	owner.say("/lapor")
	owner.expect("Tulis uraian kegiatan")
	owner.say("Kunjungan rumah pasien TB di RT 12 Sempaja Selatan")
	owner.expect("Berapa lama")
	owner.say("1 jam 30")
	owner.expect("Apa hasilnya")
	owner.say("3 dokumen")
	owner.expect("Kirim foto bukti dukung")
	owner.sendPhoto(evidenceJPEG(t))
	got := owner.expect("Foto 1 dari maksimal 3 diterima")
	contains(t, got.text, "640×480")
	contains(t, got.text, "GPS")
	owner.press(got, "Selesai")
	loc := owner.expect("Bagikan lokasi")
	owner.press(loc, "Lewati")
	sum := owner.expect("Periksa laporan Anda")
	contains(t, sum.text, "Foto: 1")
	owner.press(sum, "Kirim")
	contains(t, owner.next().text, "terkirim ke atasan Anda, dr. Rina Wulandari")
	prompt := sup.next()
	contains(t, prompt.text, "Budi Santoso")
	items, total, err := p.store().ListPending(context.Background(), kapus.nip, 0, 10)
	if err != nil || total != 1 || len(items) != 1 {
		t.Fatalf("pending for the supervisor: %d %+v, %v", total, items, err)
	}
	return prompt, items[0]
}

// unchanged checks that a is still as submitted: pending, undecided, on the
// supervisor's list.
func unchanged(t *testing.T, p platform, a storage.Activity) {
	t.Helper()
	got := report(t, p, a.ID)
	if got.Status != storage.StatusPending || got.Decision != nil || got.Version != a.Version || len(got.Audit) != len(a.Audit) {
		t.Fatalf("report changed: %+v (decision %+v)", got, got.Decision)
	}
	if n := pending(t, p); n != 1 {
		t.Fatalf("%d reports pending for the supervisor, want 1", n)
	}
}

func report(t *testing.T, p platform, id string) storage.Activity {
	t.Helper()
	a, err := p.store().GetActivity(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func pending(t *testing.T, p platform) int {
	t.Helper()
	_, n, err := p.store().ListPending(context.Background(), kapus.nip, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// waitPromptTracked waits until the store holds the approval prompt sent to
// the supervisor on this platform. The engine records it just after the
// send returns, so a press made the instant the prompt shows may find it
// unrecorded, and the decision then edits no prompt. No person is that
// quick; a test is, so it waits.
func waitPromptTracked(t *testing.T, p platform, id string) {
	t.Helper()
	timer := time.NewTimer(waitFor)
	defer timer.Stop()
	for {
		added := p.base().st.promptAdded()
		a, err := p.store().GetActivity(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		for _, ref := range a.Prompts {
			if ref.Platform == string(p.name()) {
				return
			}
		}
		select {
		case <-added:
		case <-timer.C:
			t.Fatalf("the prompt of report %s is not recorded after %v: %+v", id, waitFor, a.Prompts)
		}
	}
}

// evidenceJPEG is a real camera-like JPEG: 640×480, EXIF time and GPS.
func evidenceJPEG(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../../shared/fixtures/evidence/kegiatan-1.jpg")
	if errors.Is(err, os.ErrNotExist) {
		return fixture(t, "kegiatan-1.jpg") // the same file, kept in the repo
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// patient is a testing.TB whose Fatalf only records that a fake's Wait
// helper timed out, so that the caller reports what it was waiting for.
type patient struct {
	testing.TB
	timedOut bool
}

func (p *patient) Helper()               {}
func (p *patient) Fatalf(string, ...any) { p.timedOut = true }

// waited runs wait (a fake's WaitSent and the like) and reports whether it
// got what it waited for before its timeout.
func waited(t testing.TB, wait func(tb testing.TB)) bool {
	p := &patient{TB: t}
	wait(p)
	return !p.timedOut
}
