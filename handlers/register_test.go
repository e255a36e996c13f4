package handlers

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/linkcode"
	"github.com/kinerjabot/kinerjabot/storage"
)

// regEnv runs updates as the engine does: Handle, then every effect
// through the applier, the replies of both in order.
type regEnv struct {
	st   storage.Store
	r    *Router
	logs *bytes.Buffer
	now  time.Time
}

func newRegEnv(t *testing.T, lang string) *regEnv {
	t.Helper()
	st := rosterStore(t)
	logs := &bytes.Buffer{}
	r := New(st, slog.New(slog.NewTextHandler(logs, nil)), Options{Language: lang})
	return &regEnv{st: st, r: r, logs: logs, now: time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)}
}

// send handles u in the session and applies the effects; it returns the
// outcome (Next, Effects) and every reply.
func (h *regEnv) send(t *testing.T, s conversation.Session, u bot.Update) (conversation.Outcome, []bot.Reply) {
	t.Helper()
	in := conversation.Input{Session: s, Update: u, Now: h.now}
	out, err := h.r.Handle(context.Background(), in)
	if err != nil {
		t.Fatalf("Handle: %v", err)
	}
	replies := append([]bot.Reply(nil), out.Replies...)
	for _, e := range out.Effects {
		more, err := applyEffect(context.Background(), h.r.Applier(h.st), in, e)
		if err != nil {
			t.Fatalf("apply %s: %v", e.EffectName(), err)
		}
		replies = append(replies, more...)
	}
	return out, replies
}

// applyEffect applies e as Applier.Apply does once its switch names the
// registration effects (see TestApplierAppliesRegistrationEffects).
func applyEffect(ctx context.Context, a Applier, in conversation.Input, e conversation.Effect) ([]bot.Reply, error) {
	switch e := e.(type) {
	case RegisterByPhone:
		return a.registerByPhone(ctx, in, e)
	case RedeemLinkCode:
		return a.redeemLinkCode(ctx, in, e)
	}
	return a.Apply(ctx, in, e)
}

// holder is the NIP linked to the account, "" for none.
func (h *regEnv) holder(t *testing.T, platform bot.Platform, userID string) string {
	t.Helper()
	e, err := h.st.EmployeeByAccount(context.Background(), string(platform), userID)
	if err != nil {
		return ""
	}
	return e.NIP
}

func allText(replies []bot.Reply) string {
	var b strings.Builder
	for _, r := range replies {
		b.WriteString(r.Text + "\n")
	}
	return b.String()
}

// wa is an update from a WhatsApp account known by a LID; phone is the
// number WhatsApp vouches for ("" when it does not tell).
func wa(user, phone string, kind bot.Kind) bot.Update {
	return bot.Update{ID: "w1", Platform: bot.WhatsApp, ChatID: user + "@lid", UserID: user + "@lid", Phone: phone, Kind: kind}
}

func waText(user, phone, s string) bot.Update {
	u := wa(user, phone, bot.KindText)
	u.Text = s
	return u
}

func waCmd(user, phone, name, args string) bot.Update {
	u := wa(user, phone, bot.KindCommand)
	u.Command, u.Args, u.Text = name, args, strings.TrimSpace("/"+name+" "+args)
	return u
}

func TestRegisterByPlatformNumber(t *testing.T) {
	cases := []struct {
		name    string
		session conversation.Session
		update  bot.Update
		lang    string
		// want
		effect   bool     // Handle asks for RegisterByPhone
		texts    []string // each must appear in the replies, in order
		absent   []string // none may appear
		link     string   // NIP linked to the sender afterwards, "" for none
		flow     string
		keyboard bool // the first reply shows the share-contact button
	}{
		{name: "anything from a number on the roster links", update: waText("901", "+6281234500001", "halo"),
			effect: true, texts: []string{"Pendaftaran berhasil", "dr. Rina Wulandari", "Admin OPD"}, link: nipKapus},
		{name: "/start with a number links", update: waCmd("901", "+6281234500001", "start", ""),
			effect: true, texts: []string{"Pendaftaran berhasil"}, link: nipKapus},
		{name: "a number while a contact is awaited links", session: awaiting, update: waText("901", "+6281234500001", "x"),
			effect: true, texts: []string{"Pendaftaran berhasil"}, link: nipKapus},
		{name: "the number without plus also matches", update: waText("901", "6281234500001", "halo"),
			effect: true, texts: []string{"dr. Rina Wulandari"}, link: nipKapus},
		{name: "a number not on the roster is refused, masked, with the code route", update: waText("901", "+6281399998888", "halo"),
			effect: true, texts: []string{"+62813****8888 belum terdaftar", "/kode NIP KODE", "Untuk warga"}, absent: []string{"6281399998888"}},
		{name: "a foreign number is refused, with the code route", update: waText("901", "+14155550100", "halo"),
			effect: true, texts: []string{"bukan nomor HP Indonesia", "/kode NIP KODE"}, absent: []string{"4155550100"}},
		{name: "an inactive employee's number is refused", update: waText("901", "+6281234500003", "halo"),
			effect: true, texts: []string{"tidak aktif"}},
		{name: "no number: asked for a code, without a contact button", update: waText("901", "", "halo"),
			texts: []string{"Selamat datang", "minta kode ke admin OPD", "/kode NIP KODE", "Untuk warga"},
			flow:  string(flowRegister)},
		{name: "no number, text while awaited: asked for a code again", session: awaiting, update: waText("901", "", "19780512 200501 2 003"),
			texts: []string{"/kode NIP KODE"}, flow: string(flowRegister)},
		{name: "English, no number", lang: "en", update: waCmd("901", "", "start", ""),
			texts: []string{"/code NIP CODE", "valid for 24 hours"}, flow: string(flowRegister)},
		{name: "English, a number not on the roster", lang: "en", update: waText("901", "+6281399998888", "hi"),
			effect: true, texts: []string{"+62813****8888 is not on the", "/code NIP CODE"}},
		{name: "a contact still registers on Telegram", update: contact("777", "777", "+6281234500001"),
			texts: []string{"Pendaftaran berhasil"}, link: nipKapus, keyboard: false},
		{name: "Telegram without a number is still asked for a contact", update: txt("777", "halo"),
			texts: []string{"Kirim nomor HP saya"}, absent: []string{"/kode"}, flow: string(flowRegister), keyboard: true},
		{name: "a registered WhatsApp chat is not registered again", update: waText("901", "+6281234500002", "halo"),
			texts: []string{"tidak mengerti"}, link: nipStaff},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lang := tc.lang
			if lang == "" {
				lang = "id"
			}
			h := newRegEnv(t, lang)
			if tc.name == "a registered WhatsApp chat is not registered again" {
				if err := h.st.LinkAccount(context.Background(), nipStaff, "whatsapp", storage.Account{UserID: "901@lid", ChatID: "901@lid"}); err != nil {
					t.Fatal(err)
				}
			}
			out, replies := h.send(t, tc.session, tc.update)
			gotEffect := false
			for _, e := range out.Effects {
				if _, ok := e.(RegisterByPhone); ok {
					gotEffect = true
				}
			}
			if gotEffect != tc.effect {
				t.Errorf("RegisterByPhone asked = %v, want %v (effects %+v)", gotEffect, tc.effect, out.Effects)
			}
			all := allText(replies)
			pos := 0
			for _, w := range tc.texts {
				i := strings.Index(all[pos:], w)
				if i < 0 {
					t.Fatalf("replies lack %q (in order):\n%s", w, all)
				}
				pos += i
			}
			for _, w := range tc.absent {
				if strings.Contains(all, w) {
					t.Errorf("replies show %q:\n%s", w, all)
				}
			}
			if out.Next.Flow != tc.flow {
				t.Errorf("next flow = %q, want %q", out.Next.Flow, tc.flow)
			}
			if got := len(replies) > 0 && len(replies[0].Keyboard) > 0 && replies[0].Keyboard[0][0].RequestContact; got != tc.keyboard {
				t.Errorf("share-contact button = %v, want %v", got, tc.keyboard)
			}
			if got := h.holder(t, tc.update.Platform, tc.update.UserID); got != tc.link {
				t.Errorf("linked to %q, want %q", got, tc.link)
			}
			if strings.Contains(h.logs.String(), "6281399998888") || strings.Contains(h.logs.String(), nipKapus) {
				t.Errorf("logs show a number or NIP unmasked:\n%s", h.logs)
			}
		})
	}
}

func TestRegisterByPlatformNumberMovesTheAccount(t *testing.T) {
	h := newRegEnv(t, "id")
	ctx := context.Background()
	if err := h.st.LinkAccount(ctx, nipStaff, "whatsapp", storage.Account{UserID: "old@lid", ChatID: "old@lid"}); err != nil {
		t.Fatal(err)
	}
	_, replies := h.send(t, conversation.Session{}, waText("902", "+6281234500002", "halo"))
	// The welcome, the introduction, the notice to the previous account.
	if len(replies) != 3 || replies[2].Chat != (bot.ChatKey{Platform: bot.WhatsApp, ChatID: "old@lid"}) ||
		!strings.Contains(replies[2].Text, "tidak lagi terhubung") {
		t.Fatalf("the previous account was not told: %+v", replies)
	}
	if got := h.holder(t, bot.WhatsApp, "902@lid"); got != nipStaff {
		t.Fatalf("linked to %q, want %q", got, nipStaff)
	}
	if got := h.holder(t, bot.WhatsApp, "old@lid"); got != "" {
		t.Fatalf("the old account is still linked to %q", got)
	}
	// The effect applied again (the engine crashed before saving the
	// session) links the same account again and tells no one else.
	in := conversation.Input{Update: waText("902", "+6281234500002", "halo"), Now: h.now}
	replies, err := applyEffect(ctx, h.r.Applier(h.st), in, RegisterByPhone{Phone: "+6281234500002"})
	if err != nil || len(replies) != 2 || !strings.Contains(replies[0].Text, "Pendaftaran berhasil") || replies[1].Chat != (bot.ChatKey{}) {
		t.Fatalf("applied again: %+v, %v", replies, err)
	}
}

// The registration effects are applied by Applier.Apply (the engine would
// answer an unknown effect as an outage).
func TestApplierAppliesRegistrationEffects(t *testing.T) {
	h := newRegEnv(t, "id")
	a := h.r.Applier(h.st)
	in := conversation.Input{Update: waText("903", "+6281234500001", "halo"), Now: h.now}
	_, err := a.Apply(context.Background(), in, RegisterByPhone{Phone: "+6281234500001"})
	if err != nil {
		t.Fatal(err)
	}
	if got := h.holder(t, bot.WhatsApp, "903@lid"); got != nipKapus {
		t.Fatalf("Apply(RegisterByPhone) linked %q, want %q", got, nipKapus)
	}
	replies, err := a.Apply(context.Background(), in, RedeemLinkCode{NIP: nipStaff, CodeHash: linkcode.Hash(nipStaff, "123456")})
	if err != nil || !strings.Contains(allText(replies), "Tidak ada kode aktif") {
		t.Fatalf("Apply(RedeemLinkCode) = %+v, %v", replies, err)
	}
}
