package whatsapp_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	wt "github.com/kinerjabot/kinerjabot/bot/whatsapp/whatsapptest"
)

// decision is an approval prompt's buttons.
var decision = [][]bot.Button{
	{{Label: "✅ Setujui", Data: "ok:01J"}, {Label: "❌ Tolak", Data: "no:01J"}},
	{{Label: "✏️ Revisi", Data: "rev:01J"}},
}

// send sends r and fails the test on error.
func (r *rig) send(t *testing.T, rep bot.Reply) bot.MessageRef {
	t.Helper()
	ref, err := r.a.Send(t.Context(), rep)
	if err != nil {
		t.Fatalf("Send: %v", err)
	}
	return ref
}

func TestSendText(t *testing.T) {
	r := start(t, nil)
	r.wrote(t, budiID)
	ref := r.send(t, bot.Reply{Chat: chat(budiID), Text: "Laporan diterima."})
	sent := r.fc.WaitSent(t, 1, wait)
	if sent[0].To != budi || sent[0].Text() != "Laporan diterima." || ref.MessageID != sent[0].ID || ref.Photo {
		t.Fatalf("sent %+v (%q), ref %+v", sent[0], sent[0].Text(), ref)
	}
	long := strings.Repeat("Rekap bulan ini. ", 30)
	r.send(t, bot.Reply{Chat: chat(budiID), Text: long})
	if p := r.fc.Presences(); len(p) != 0 {
		t.Errorf("typing shown just before a text, where nobody sees it: %+v", p)
	}
}

func TestSendNumberedChoices(t *testing.T) {
	r := start(t, nil)
	r.wrote(t, budiID)
	r.wrote(t, sitiID)
	ref := r.send(t, bot.Reply{Chat: chat(budiID), Text: "Laporan #7 dari Siti", Buttons: decision})
	want := "Laporan #7 dari Siti\n\nBalas 1 untuk ✅ Setujui, 2 untuk ❌ Tolak, 3 untuk ✏️ Revisi."
	if got := r.fc.WaitSent(t, 1, wait)[0].Text(); got != want {
		t.Fatalf("text\n got %q\nwant %q", got, want)
	}
	r.fc.Receive(
		wt.Text(budi, "2"),
		wt.Text(budi, " tolak "),
		wt.Text(budi, "REVISI"),
		wt.Text(budi, "3."),
		wt.Text(budi, "4"),          // out of range: text
		wt.Text(budi, "tolak dong"), // not a label: text
		wt.Text(sitiJID, "2"),       // another chat: text
		wt.Text(budi, "/menu"),      // a command stays a command
	)
	got := r.in.waitN(t, 8)
	cb := func(u bot.Update, data string) {
		t.Helper()
		if u.Kind != bot.KindCallback || u.Callback == nil || u.Callback.Data != data || u.Callback.MessageID != ref.MessageID ||
			u.ChatID != budiID || u.Callback.ID == "" {
			t.Errorf("update %+v (callback %+v), want a callback with %q on message %s", u, u.Callback, data, ref.MessageID)
		}
	}
	cb(got[0], "no:01J")
	cb(got[1], "no:01J")
	cb(got[2], "rev:01J")
	cb(got[3], "rev:01J")
	for i, text := range []string{"4", "tolak dong", "2"} {
		if u := got[4+i]; u.Kind != bot.KindText || u.Text != text {
			t.Errorf("update %d = %s %q, want text %q", 4+i, u.Kind, u.Text, text)
		}
	}
	if got[6].ChatID != sitiID {
		t.Errorf("update 6 in chat %s, want %s", got[6].ChatID, sitiID)
	}
	if got[7].Kind != bot.KindCommand || got[7].Command != "menu" {
		t.Errorf("update 7 = %+v, want the command menu", got[7])
	}
}

// A text over 4,096 characters goes as several messages split at line
// breaks, the choices offered under the last, and a number picks from it.
func TestSendLongTextInParts(t *testing.T) {
	r := start(t, nil)
	r.wrote(t, budiID)
	var b strings.Builder
	for i := range 60 {
		fmt.Fprintf(&b, "- %02d komentar%s\n", i, strings.Repeat(" antrean", 11))
	}
	text := b.String() // 60 lines of 100 characters
	ref := r.send(t, bot.Reply{Chat: chat(budiID), Text: text, Buttons: decision})
	sent := r.fc.WaitSent(t, 2, wait)
	offer := "\n\nBalas 1 untuk ✅ Setujui, 2 untuk ❌ Tolak, 3 untuk ✏️ Revisi."
	first, last := sent[0].Text(), sent[1].Text()
	if n := len([]rune(first)); n > 4096 || strings.Contains(first, "Balas") {
		t.Errorf("first part: %d characters, offering choices: %v", n, strings.Contains(first, "Balas"))
	}
	body, ok := strings.CutSuffix(last, offer)
	if !ok || first+"\n"+body+"\n" != text || ref.MessageID != sent[1].ID {
		t.Fatalf("parts do not make up the text with the offer under the last: ref %+v, last ends %q", ref, last[max(0, len(last)-80):])
	}
	r.fc.Receive(wt.Text(budi, "2"))
	if u := r.in.waitN(t, 1)[0]; u.Kind != bot.KindCallback || u.Callback.Data != "no:01J" || u.Callback.MessageID != ref.MessageID {
		t.Errorf("update %+v, want the choice of the last part", u)
	}
}

func TestSendChoicesList(t *testing.T) {
	r := start(t, nil, func(o *whatsapp.Options) { o.Language = "en" })
	r.wrote(t, budiID)
	r.send(t, bot.Reply{Chat: chat(budiID), Text: "Which target?", Buttons: [][]bot.Button{
		{{Label: "Menyusun laporan keuangan bulanan", Data: "skp:0"}},
		{{Label: "Melayani permohonan informasi publik", Data: "skp:1"}},
		{{Label: "No target", Data: "skp:-"}},
	}})
	want := "Which target?\n\n1. Menyusun laporan keuangan bulanan\n2. Melayani permohonan informasi publik\n3. No target\n" +
		"Reply with the number of your choice (1–3)."
	if got := r.fc.WaitSent(t, 1, wait)[0].Text(); got != want {
		t.Fatalf("text\n got %q\nwant %q", got, want)
	}
	r.fc.Receive(wt.Text(budi, "no target"))
	if u := r.in.waitN(t, 1)[0]; u.Callback == nil || u.Callback.Data != "skp:-" {
		t.Fatalf("update %+v, want the callback skp:-", u)
	}
}

// TestChoicesQuotedAndLatest: a reply quoting an older prompt picks from
// that prompt; an unquoted one from the latest; a later message without
// choices closes the latest.
func TestChoicesQuotedAndLatest(t *testing.T) {
	r := start(t, nil)
	r.wrote(t, budiID)
	first := r.send(t, bot.Reply{Chat: chat(budiID), Text: "Laporan #1", Buttons: [][]bot.Button{{{Label: "Setujui", Data: "ok:1"}}}})
	second := r.send(t, bot.Reply{Chat: chat(budiID), Text: "Laporan #2", Buttons: [][]bot.Button{{{Label: "Setujui", Data: "ok:2"}}}})
	r.fc.Receive(wt.Reply(budi, first.MessageID, "1"), wt.Text(budi, "1"))
	got := r.in.waitN(t, 2)
	if got[0].Callback == nil || got[0].Callback.Data != "ok:1" || got[0].Callback.MessageID != first.MessageID {
		t.Errorf("quoted reply = %+v, want ok:1", got[0].Callback)
	}
	if got[1].Callback == nil || got[1].Callback.Data != "ok:2" || got[1].Callback.MessageID != second.MessageID {
		t.Errorf("unquoted reply = %+v, want ok:2", got[1].Callback)
	}
	r.send(t, bot.Reply{Chat: chat(budiID), Text: "Berapa menit?"})
	r.fc.Receive(wt.Text(budi, "1"), wt.Reply(budi, first.MessageID, "1"))
	got = r.in.waitN(t, 4)
	if got[2].Kind != bot.KindText || got[2].Text != "1" {
		t.Errorf("a number after a message without choices = %+v, want text", got[2])
	}
	if got[3].Callback == nil || got[3].Callback.Data != "ok:1" {
		t.Errorf("quoting the first prompt still picks from it: %+v", got[3])
	}
}

// TestChoicesSurviveRestart: the choices live in Redis, so another adapter
// (a restart, a replica) maps the reply.
func TestChoicesSurviveRestart(t *testing.T) {
	r := start(t, nil)
	r.wrote(t, budiID)
	ref := r.send(t, bot.Reply{Chat: chat(budiID), Text: "Laporan #7", Buttons: decision})
	other := start(t, nil, func(o *whatsapp.Options) { o.Redis, o.Prefix = r.rdb, r.rdb.Prefix })
	other.fc.Receive(wt.Text(budi, "1"))
	u := other.in.waitN(t, 1)[0]
	if u.Callback == nil || u.Callback.Data != "ok:01J" || u.Callback.MessageID != ref.MessageID {
		t.Fatalf("after restart %+v, want ok:01J", u)
	}
}

func TestKeyboardChoices(t *testing.T) {
	r := start(t, nil)
	r.wrote(t, budiID)
	r.send(t, bot.Reply{Chat: chat(budiID), Text: "Bagikan nomor Anda untuk mendaftar.",
		Keyboard: [][]bot.KeyButton{{{Label: "📱 Bagikan nomor", RequestContact: true}}}})
	if got := r.fc.WaitSent(t, 1, wait)[0].Text(); !strings.HasSuffix(got, "Balas 1 untuk 📱 Bagikan nomor.") {
		t.Fatalf("text %q", got)
	}
	r.fc.Receive(wt.Text(budi, "1"))
	u := r.in.waitN(t, 1)[0]
	want := bot.Contact{Phone: budiPhone, FirstName: "Tester", UserID: budiID}
	if u.Kind != bot.KindContact || u.Contact == nil || *u.Contact != want || u.Phone != budiPhone {
		t.Fatalf("update %+v (contact %+v), want the sender's own number %+v", u, u.Contact, want)
	}

	r.send(t, bot.Reply{Chat: chat(budiID), Text: "Di mana kegiatannya?", Keyboard: [][]bot.KeyButton{
		{{Label: "📍 Bagikan lokasi", RequestLocation: true}}, {{Label: "Lewati lokasi"}},
	}})
	prompt := r.fc.WaitSent(t, 2, wait)[1].Text()
	if !strings.Contains(prompt, "1 untuk 📍 Bagikan lokasi, 2 untuk Lewati lokasi") || !strings.Contains(prompt, "Lokasi") {
		t.Fatalf("location prompt %q", prompt)
	}
	r.fc.Receive(wt.Text(budi, "1"), wt.Text(budi, "2"))
	if hint := r.fc.WaitSent(t, 3, wait)[2].Text(); !strings.Contains(hint, "ketuk 📎") {
		t.Errorf("hint %q, want how to share a location", hint)
	}
	u = r.in.waitN(t, 2)[1]
	if u.Kind != bot.KindText || u.Text != "Lewati lokasi" {
		t.Errorf("picking a keyboard button = %+v, want its label as text", u)
	}
}

// TestContactChoiceWithoutNumber: "share my number" from a LID whose number
// is not known cannot vouch for anything; the person is told what to do.
func TestContactChoiceWithoutNumber(t *testing.T) {
	r := start(t, nil)
	lid := wt.LID("777888999")
	r.wrote(t, lid.String())
	r.send(t, bot.Reply{Chat: chat(lid.String()), Text: "Bagikan nomor.",
		Keyboard: [][]bot.KeyButton{{{Label: "Bagikan nomor", RequestContact: true}}}})
	r.fc.Receive(wt.Text(lid, "1"), wt.Text(lid, "sentinel"))
	if u := r.in.waitN(t, 1)[0]; u.Text != "sentinel" {
		t.Fatalf("update %+v, want none before the sentinel", u)
	}
	if hint := r.fc.WaitSent(t, 2, wait)[1]; hint.To != lid || !strings.Contains(hint.Text(), "kartu kontak") {
		t.Errorf("hint %q to %s", hint.Text(), hint.To)
	}
}

func TestSendPhoto(t *testing.T) {
	photo := readPhoto(t)
	r := start(t, nil)
	r.wrote(t, budiID)
	ref := r.send(t, bot.Reply{Chat: chat(budiID), Text: "Bukti kegiatan", Buttons: decision,
		Photo: &bot.Photo{Data: photo, MIME: "image/jpeg", EvidenceID: "ev1"}})
	sent := r.fc.WaitSent(t, 1, wait)[0]
	img := sent.Image()
	if img == nil || !ref.Photo || ref.MessageID != sent.ID {
		t.Fatalf("sent %+v, ref %+v; want a photo", sent, ref)
	}
	if !strings.HasPrefix(img.GetCaption(), "Bukti kegiatan\n\nBalas 1 untuk") || img.GetMimetype() != "image/jpeg" ||
		img.GetWidth() != 544 || img.GetHeight() != 408 || img.GetFileLength() != uint64(len(photo)) {
		t.Errorf("image %q %s %dx%d %d bytes", img.GetCaption(), img.GetMimetype(), img.GetWidth(), img.GetHeight(), img.GetFileLength())
	}
	if up := r.fc.Uploads(); len(up) != 1 || !bytes.Equal(up[0], photo) {
		t.Errorf("uploads %d, want the photo once", len(up))
	}
	if p := r.fc.Presences(); len(p) != 1 {
		t.Errorf("presences %+v, want typing before a photo", p)
	}

	// A photo a person sent on WhatsApp goes again by its file id, no upload.
	r.fc.Receive(wt.Image(r.fc, budi, photo, "image/jpeg", "", 544, 408))
	fileID := r.in.waitN(t, 1)[0].Media.FileID
	r.send(t, bot.Reply{Chat: chat(budiID), Text: "Foto Anda", Photo: &bot.Photo{FileID: fileID, Platform: bot.WhatsApp}})
	again := r.fc.WaitSent(t, 2, wait)[1].Image()
	if again == nil || again.GetCaption() != "Foto Anda" || len(r.fc.Uploads()) != 1 {
		t.Fatalf("resent %+v, uploads %d; want the file id reused", again, len(r.fc.Uploads()))
	}
	if data, err := r.a.Download(t.Context(), fileID, 10<<20); err != nil || !bytes.Equal(data, photo) {
		t.Errorf("the resent photo's file id downloads %d bytes, %v", len(data), err)
	}

	// A Telegram file id cannot be used here; without data the photo fails.
	_, err := r.a.Send(t.Context(), bot.Reply{Chat: chat(budiID), Text: "x", Photo: &bot.Photo{FileID: "AgAC", Platform: bot.Telegram}})
	if !errors.Is(err, whatsapp.ErrInvalidReply) {
		t.Errorf("photo with a telegram file id and no data: %v, want ErrInvalidReply", err)
	}
}

func TestSendEditBecomesFollowUp(t *testing.T) {
	r := start(t, nil)
	r.wrote(t, budiID)
	prompt := "Laporan #7 dari Siti\nRapat koordinasi, 90 menit"
	ref := r.send(t, bot.Reply{Chat: chat(budiID), Text: prompt, Buttons: decision, Track: "prompt:01J"})
	decided := prompt + "\n\n✅ Disetujui oleh Budi, 21 Nov 14.02"
	got, err := r.a.Send(t.Context(), bot.Reply{Chat: chat(budiID), Text: decided, Edit: &ref})
	if err != nil || got != ref {
		t.Fatalf("edit = %+v, %v; want %+v", got, err, ref)
	}
	follow := r.fc.WaitSent(t, 2, wait)[1]
	if follow.Text() != "✅ Disetujui oleh Budi, 21 Nov 14.02" || follow.QuotedID() != ref.MessageID {
		t.Errorf("follow-up %q quoting %q; want only the decision, quoting %s", follow.Text(), follow.QuotedID(), ref.MessageID)
	}
	// The same edit again (a second prompt, a redelivery) adds nothing.
	if _, err := r.a.Send(t.Context(), bot.Reply{Chat: chat(budiID), Text: decided, Edit: &ref}); err != nil {
		t.Fatal(err)
	}
	if n := len(r.fc.Sent()); n != 2 {
		t.Errorf("a repeated edit sent a message: %d sent", n)
	}
	// The decided prompt's choices are closed, even when quoted.
	r.fc.Receive(wt.Reply(budi, ref.MessageID, "1"))
	if u := r.in.waitN(t, 1)[0]; u.Kind != bot.KindText {
		t.Errorf("a reply to a decided prompt = %+v, want text", u)
	}
	// An edit of a message the adapter knows nothing of says it all.
	unknown := bot.MessageRef{Chat: chat(budiID), MessageID: "GONE"}
	if _, err := r.a.Send(t.Context(), bot.Reply{Chat: chat(budiID), Text: "Baru", Edit: &unknown}); err != nil {
		t.Fatal(err)
	}
	if last := r.fc.WaitSent(t, 3, wait)[2]; last.Text() != "Baru" {
		t.Errorf("edit of an unknown message sent %q", last.Text())
	}
}

func TestSendErrors(t *testing.T) {
	r := start(t, nil)
	r.wrote(t, budiID)
	r.wrote(t, sitiID)
	ctx := t.Context()
	stranger := whatsapptestChat("+6281399998888")
	if _, err := r.a.Send(ctx, bot.Reply{Chat: stranger, Text: "halo"}); !errors.Is(err, bot.ErrBlocked) || !errors.Is(err, whatsapp.ErrNotContacted) {
		t.Errorf("send to a stranger: %v, want ErrNotContacted (bot.ErrBlocked)", err)
	}
	r.fc.SetNotOnWhatsApp(siti)
	if _, err := r.a.Send(ctx, bot.Reply{Chat: chat(sitiID), Text: "halo"}); !errors.Is(err, bot.ErrBlocked) || !errors.Is(err, whatsapp.ErrNotOnWhatsApp) {
		t.Errorf("send to a number not on WhatsApp: %v, want ErrNotOnWhatsApp (bot.ErrBlocked)", err)
	}
	r.send(t, bot.Reply{Chat: chat(budiID), Text: "halo"})
	lookups := r.fc.Lookups()
	r.send(t, bot.Reply{Chat: chat(budiID), Text: "halo"})
	if r.fc.Lookups() != lookups {
		t.Errorf("a number was looked up again within a day")
	}
	for name, rep := range map[string]bot.Reply{
		"telegram chat":       {Chat: bot.ChatKey{Platform: bot.Telegram, ChatID: "42"}, Text: "x"},
		"group chat":          {Chat: chat("1203630@g.us"), Text: "x"},
		"empty":               {Chat: chat(budiID)},
		"buttons and keys":    {Chat: chat(budiID), Text: "x", Buttons: decision, Keyboard: [][]bot.KeyButton{{{Label: "a"}}}},
		"button without data": {Chat: chat(budiID), Text: "x", Buttons: [][]bot.Button{{{Label: "a"}}}},
	} {
		if _, err := r.a.Send(ctx, rep); !errors.Is(err, whatsapp.ErrInvalidReply) {
			t.Errorf("%s: %v, want ErrInvalidReply", name, err)
		}
	}
}

func TestAnswerCallback(t *testing.T) {
	r := start(t, nil)
	r.wrote(t, budiID)
	r.send(t, bot.Reply{Chat: chat(budiID), Text: "Laporan #7", Buttons: decision})
	r.fc.Receive(wt.Text(budi, "1"))
	u := r.in.waitN(t, 1)[0]
	if err := r.a.AnswerCallback(t.Context(), u.Callback.ID, ""); err != nil {
		t.Fatal(err)
	}
	if err := r.a.AnswerCallback(t.Context(), u.Callback.ID, "Sudah diputuskan."); err != nil {
		t.Fatal(err)
	}
	sent := r.fc.WaitSent(t, 2, wait)
	if len(sent) != 2 || sent[1].Text() != "Sudah diputuskan." || sent[1].To != budi {
		t.Fatalf("sent %d, last %q; want the answer as a message", len(sent), sent[len(sent)-1].Text())
	}
	// The answer does not close the prompt's choices.
	r.fc.Receive(wt.Text(budi, "2"))
	if u := r.in.waitN(t, 2)[1]; u.Callback == nil || u.Callback.Data != "no:01J" {
		t.Errorf("after the answer %+v, want no:01J", u)
	}
}

func whatsapptestChat(phone string) bot.ChatKey { return chat(wt.ChatID(phone)) }
