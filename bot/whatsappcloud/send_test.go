package whatsappcloud_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsappcloud"
	"github.com/kinerjabot/kinerjabot/bot/whatsappcloud/cloudtest"
)

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func buttons(n int, label string) [][]bot.Button {
	var row []bot.Button
	for i := range n {
		row = append(row, bot.Button{Label: fmt.Sprintf("%s %d", label, i+1), Data: fmt.Sprintf("ap:%d", i+1)})
	}
	return [][]bot.Button{row}
}

// Buttons become reply buttons (≤3, short titles), else lists of ≤10 rows;
// each press comes back as the button's callback data.
func TestSendButtons(t *testing.T) {
	cases := []struct {
		name  string
		btns  [][]bot.Button
		msgs  int
		list  bool
		title string // of the first choice as sent
	}{
		{"two buttons", buttons(2, "Setuju"), 1, false, "Setuju 1"},
		{"three buttons", buttons(3, "Ya"), 1, false, "Ya 1"},
		{"four buttons", buttons(4, "Ya"), 1, true, "Ya 1"},
		{"long title", buttons(2, "Setujui laporan kinerja ini"), 1, true, "Setujui laporan kinerja…"},
		{"ten rows", buttons(10, "Hari"), 1, true, "Hari 1"},
		{"twelve rows", buttons(12, "Hari"), 2, true, "Hari 1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := start(t, nil)
			f.wrote(t, budi)
			ref, err := f.a.Send(context.Background(), bot.Reply{Chat: chat(budi), Text: "Laporan baru", Buttons: tc.btns})
			if err != nil {
				t.Fatal(err)
			}
			sent := f.s.SentTo(budi)
			if len(sent) != tc.msgs || ref.MessageID != sent[len(sent)-1].ID {
				t.Fatalf("%d messages (ref %s), want %d", len(sent), ref.MessageID, tc.msgs)
			}
			m := sent[0]
			cs := m.Choices()
			if m.IsList() != tc.list || m.Body() != "Laporan baru" || cs[0].Title != tc.title {
				t.Fatalf("list=%v body=%q choices=%+v", m.IsList(), m.Body(), cs)
			}
			all := 0
			for _, s := range sent {
				all += len(s.Choices())
			}
			if want := len(tc.btns[0]); all != want {
				t.Fatalf("%d choices offered, want %d", all, want)
			}
			last := sent[len(sent)-1]
			lc := last.Choices()
			f.s.Deliver(t, cloudtest.Press(budi, "Budi", last, lc[len(lc)-1]))
			u := f.in.updates()[1]
			if u.Kind != bot.KindCallback || u.Callback.Data != fmt.Sprintf("ap:%d", len(tc.btns[0])) || u.Callback.MessageID != last.ID {
				t.Fatalf("press became %+v (callback %+v)", u, u.Callback)
			}
		})
	}
}

// Keyboard buttons come back as their label typed, "share my number" as
// the sender's own number.
func TestSendKeyboard(t *testing.T) {
	f := start(t, nil)
	f.wrote(t, budi)
	_, err := f.a.Send(context.Background(), bot.Reply{Chat: chat(budi), Text: "Pilih",
		Keyboard: [][]bot.KeyButton{{{Label: "Bagikan nomor", RequestContact: true}, {Label: "/batal"}}}})
	if err != nil {
		t.Fatal(err)
	}
	m := f.s.SentTo(budi)[0]
	cs := m.Choices()
	f.s.Deliver(t, cloudtest.Press(budi, "Budi", m, cs[0]), cloudtest.Press(budi, "Budi", m, cs[1]))
	us := f.in.updates()[1:]
	if us[0].Kind != bot.KindContact || us[0].Contact.Phone != "+"+budi || us[0].Contact.UserID != us[0].ChatID {
		t.Fatalf("contact press became %+v", us[0])
	}
	if us[1].Kind != bot.KindCommand || us[1].Command != "batal" {
		t.Fatalf("text press became %+v", us[1])
	}
}

// To someone silent for over 24 hours, the reply goes as the template with
// its text flattened into the parameter; once they write, as itself.
func TestSendOutsideWindowUsesTemplate(t *testing.T) {
	f := start(t, nil)
	ctx := context.Background()
	if _, err := f.a.Send(ctx, bot.Reply{Chat: chat(budi), Text: "Pengingat:\nAnda belum melapor hari ini.", Buttons: buttons(1, "Lapor")}); err != nil {
		t.Fatal(err)
	}
	m := f.s.SentTo(budi)[0]
	if m.TemplateName() != "kinerja_pesan" || m.Body() != "Pengingat: · Anda belum melapor hari ini." {
		t.Fatalf("sent %s %q", m.Kind(), m.Body())
	}
	f.wrote(t, budi)
	if _, err := f.a.Send(ctx, bot.Reply{Chat: chat(budi), Text: "Terima kasih"}); err != nil {
		t.Fatal(err)
	}
	if m := f.s.SentTo(budi)[1]; m.Kind() != "text" || m.Body() != "Terima kasih" {
		t.Fatalf("sent %s %q", m.Kind(), m.Body())
	}
	// The API knows better (131047): the template goes instead.
	f.s.Fail(budi, whatsappcloud.CodeReEngagement, http.StatusBadRequest)
	if _, err := f.a.Send(ctx, bot.Reply{Chat: chat(budi), Text: "Rekap minggu ini"}); err != nil {
		t.Fatal(err)
	}
	if m := f.s.SentTo(budi)[2]; m.TemplateName() != "kinerja_pesan" || m.Body() != "Rekap minggu ini" {
		t.Fatalf("sent %s %q", m.Kind(), m.Body())
	}
}

// The API's errors are sorted into package bot's classes.
func TestSendErrors(t *testing.T) {
	cases := []struct {
		name    string
		code    int
		status  int
		check   func(error) bool
		holdAll bool // the next send to someone else is refused without a call
	}{
		{"throughput", whatsappcloud.CodeThroughput, http.StatusBadRequest, isRateLimited, true},
		{"app rate", whatsappcloud.CodeAppRateLimit, http.StatusBadRequest, isRateLimited, true},
		{"pair rate", whatsappcloud.CodePairRateLimit, http.StatusBadRequest, isRateLimited, false},
		{"not on whatsapp", whatsappcloud.CodeUndeliverable, http.StatusBadRequest, is(bot.ErrBlocked), false},
		{"token expired", whatsappcloud.CodeTokenExpired, http.StatusUnauthorized, is(whatsappcloud.ErrTokenExpired), true},
		{"other", 100, http.StatusBadRequest, func(err error) bool {
			var ae *whatsappcloud.APIError
			return errors.As(err, &ae) && ae.Code == 100 && !isRateLimited(err) && !errors.Is(err, bot.ErrBlocked)
		}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			expired := 0
			f := start(t, func(o *whatsappcloud.Options) { o.OnTokenExpired = func(error) { expired++ } })
			f.wrote(t, budi)
			f.wrote(t, "6281234500003")
			f.s.Fail(budi, tc.code, tc.status)
			_, err := f.a.Send(context.Background(), bot.Reply{Chat: chat(budi), Text: "halo"})
			if !tc.check(err) {
				t.Fatalf("error %v not classified", err)
			}
			_, err = f.a.Send(context.Background(), bot.Reply{Chat: chat("6281234500003"), Text: "halo"})
			if held := err != nil && len(f.s.SentTo("6281234500003")) == 0; held != tc.holdAll {
				t.Fatalf("next send to another chat: err %v, held %v, want held %v", err, held, tc.holdAll)
			}
			if (tc.code == whatsappcloud.CodeTokenExpired) != (f.a.Check(context.Background()) != nil) || (expired == 1) != (tc.code == whatsappcloud.CodeTokenExpired) {
				t.Fatalf("check %v, told %d times", f.a.Check(context.Background()), expired)
			}
		})
	}
}

func isRateLimited(err error) bool {
	var rl *bot.RateLimitedError
	return errors.As(err, &rl) && rl.RetryAfter > 0
}

func is(target error) func(error) bool { return func(err error) bool { return errors.Is(err, target) } }

// A photo is uploaded once and sent by id; a person's photo is fetched by
// media id, refused before download when over the size allowed.
func TestMedia(t *testing.T) {
	f := start(t, nil)
	ctx := context.Background()
	f.wrote(t, budi)
	jpeg := []byte("\xff\xd8\xff fake jpeg")
	for range 2 {
		if _, err := f.a.Send(ctx, bot.Reply{Chat: chat(budi), Text: "Bukti", Photo: &bot.Photo{Data: jpeg, MIME: "image/jpeg"}}); err != nil {
			t.Fatal(err)
		}
	}
	sent := f.s.SentTo(budi)
	if len(sent) != 2 || sent[0].ImageID() == "" || sent[0].ImageID() != sent[1].ImageID() || sent[0].Body() != "Bukti" {
		t.Fatalf("sent %+v", sent)
	}
	if data, ok := f.s.Media(sent[0].ImageID()); !ok || string(data) != string(jpeg) {
		t.Fatalf("uploaded %q", data)
	}
	id := f.s.AddMedia([]byte(strings.Repeat("x", 100)), "image/jpeg")
	if data, err := f.a.Download(ctx, id, 100); err != nil || len(data) != 100 {
		t.Fatalf("download: %d bytes, %v", len(data), err)
	}
	if _, err := f.a.Download(ctx, id, 99); !errors.Is(err, bot.ErrFileTooLarge) {
		t.Fatalf("download over the limit: %v", err)
	}
	if _, err := f.a.Send(ctx, bot.Reply{Chat: chat(budi), Text: "Rekap", Document: &bot.Document{Name: "rekap.xlsx", MIME: "application/vnd.ms-excel", Data: []byte("xlsx")}}); err != nil {
		t.Fatal(err)
	}
	if d := f.s.SentTo(budi)[2]; d.DocumentID() == "" || d.Document.Filename != "rekap.xlsx" {
		t.Fatalf("document %+v", d)
	}
}

// An edit becomes a follow-up quoting the edited message.
func TestEditQuotes(t *testing.T) {
	f := start(t, nil)
	f.wrote(t, budi)
	ref, err := f.a.Send(context.Background(), bot.Reply{Chat: chat(budi), Text: "Laporan", Buttons: buttons(2, "Ya")})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.a.Send(context.Background(), bot.Reply{Chat: chat(budi), Text: "Laporan\n✅ Disetujui", Edit: &ref}); err != nil {
		t.Fatal(err)
	}
	if m := f.s.SentTo(budi)[1]; m.QuotedID() != ref.MessageID || m.Body() != "✅ Disetujui" {
		t.Fatalf("follow-up %q quoting %q", m.Body(), m.QuotedID())
	}
	// Buttons removed, text unchanged: nothing to say.
	if _, err := f.a.Send(context.Background(), bot.Reply{Chat: chat(budi), Text: "Laporan", Edit: &ref}); err != nil {
		t.Fatal(err)
	}
	if n := len(f.s.SentTo(budi)); n != 2 {
		t.Fatalf("%d messages after an edit that adds nothing", n)
	}
}

// A photo with at most 3 buttons is one message: the buttons under the
// text, the photo on top.
func TestPhotoWithButtons(t *testing.T) {
	f := start(t, nil)
	f.wrote(t, budi)
	jpeg := []byte("\xff\xd8\xff prompt photo")
	if _, err := f.a.Send(context.Background(), bot.Reply{Chat: chat(budi), Text: "Laporan Budi", Buttons: buttons(3, "Ya"),
		Photo: &bot.Photo{Data: jpeg}}); err != nil {
		t.Fatal(err)
	}
	sent := f.s.SentTo(budi)
	if len(sent) != 1 || sent[0].Kind() != "interactive" || len(sent[0].Choices()) != 3 || sent[0].Body() != "Laporan Budi" {
		t.Fatalf("sent %+v", sent)
	}
	if data, ok := f.s.Media(sent[0].ImageID()); !ok || string(data) != string(jpeg) {
		t.Fatalf("header image %q", data)
	}
}

// The API may take a message and report it failed with 131047 later: the
// same text then goes in the template, once.
func TestLateReEngagementResendsTemplate(t *testing.T) {
	f := start(t, nil)
	f.wrote(t, budi)
	ref, err := f.a.Send(context.Background(), bot.Reply{Chat: chat(budi), Text: "Rekap:\nminggu ini 5 laporan"})
	if err != nil {
		t.Fatal(err)
	}
	failed := whatsappcloud.Status{ID: ref.MessageID, Status: "failed", RecipientID: budi,
		Errors: []whatsappcloud.APIError{{Code: whatsappcloud.CodeReEngagement}}}
	for range 2 { // Meta may report it twice
		if code := f.s.Statuses(t, failed); code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
	}
	sent := f.s.SentTo(budi)
	if len(sent) != 2 || sent[1].TemplateName() != "kinerja_pesan" || sent[1].Body() != "Rekap: · minggu ini 5 laporan" {
		t.Fatalf("sent %+v", sent)
	}
	if _, err := f.a.Send(context.Background(), bot.Reply{Chat: chat(budi), Text: "lagi"}); err != nil {
		t.Fatal(err)
	}
	if m := f.s.SentTo(budi)[2]; m.TemplateName() == "" {
		t.Fatalf("the window should be closed now: sent %s", m.Kind())
	}
}
