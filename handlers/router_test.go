package handlers

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

const (
	nipKapus = "197805122005012003"
	nipStaff = "199001152019031004"
	nipOff   = "198512302010011002"
)

// rosterStore is an embedded store with a small roster: a supervisor, a
// staff member (already linked on Telegram as user 555) and an inactive one.
func rosterStore(t *testing.T) storage.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(ctx) })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.UpsertUnit(ctx, storage.Unit{Code: "PKM-SMP", Name: "Puskesmas Sempaja", Timezone: "Asia/Makassar"}))
	must(st.UpsertEmployee(ctx, storage.Employee{NIP: nipKapus, Name: "dr. Rina Wulandari", UnitCode: "PKM-SMP",
		Position: "Kepala Puskesmas", Phone: "+6281234500001", Role: storage.RoleAdmin, Active: true}))
	must(st.UpsertEmployee(ctx, storage.Employee{NIP: nipStaff, Name: "Budi Santoso", UnitCode: "PKM-SMP",
		Position: "Perawat", SupervisorNIP: nipKapus, Phone: "+6281234500002", Active: true}))
	must(st.UpsertEmployee(ctx, storage.Employee{NIP: nipOff, Name: "Siti Aminah", UnitCode: "PKM-SMP",
		Position: "Bidan", SupervisorNIP: nipKapus, Phone: "+6281234500003", Active: false}))
	must(st.LinkAccount(ctx, nipStaff, "telegram", storage.Account{UserID: "555", ChatID: "555", LinkedAt: time.Now()}))
	return st
}

func newRouter(st Store, lang string) *Router {
	return New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Language: lang})
}

func upd(user string, kind bot.Kind) bot.Update {
	return bot.Update{ID: "1", Platform: bot.Telegram, ChatID: user, UserID: user, Kind: kind}
}

func cmd(user, name, args string) bot.Update {
	u := upd(user, bot.KindCommand)
	u.Command, u.Args, u.Text = name, args, "/"+name
	return u
}

// encoded is d's wire form, as a button sent today carries it.
func encoded(d button.Data) string {
	s, err := button.Encode(d)
	if err != nil {
		panic(err)
	}
	return s
}

func tap(user, data string) bot.Update {
	u := upd(user, bot.KindCallback)
	u.Callback = &bot.Callback{ID: "cb", Data: data}
	return u
}

func txt(user, s string) bot.Update {
	u := upd(user, bot.KindText)
	u.Text = s
	return u
}

func contact(user, owner, phone string) bot.Update {
	u := upd(user, bot.KindContact)
	u.Contact = &bot.Contact{Phone: phone, UserID: owner}
	return u
}

var awaiting = conversation.Session{Flow: string(flowRegister), State: string(stateAwaitContact)}

func TestRouter(t *testing.T) {
	cases := []struct {
		name    string
		session conversation.Session
		update  bot.Update
		lang    string
		// want
		flow, state  string
		texts        []string // each must appear in the replies, in order
		contactKey   bool     // the first reply shows the share-contact button
		link         string   // NIP linked by an effect, "" for none
		notifyChatID string   // a second reply goes to this chat
	}{
		{name: "unknown chat /start asks for the contact", update: cmd("777", "start", ""),
			flow: string(flowRegister), state: string(stateAwaitContact), texts: []string{"Kirim nomor HP saya"}, contactKey: true},
		{name: "unknown chat typing anything is asked for the contact", update: txt("777", "halo"),
			flow: string(flowRegister), state: string(stateAwaitContact), texts: []string{"Untuk mendaftar"}, contactKey: true},
		{name: "text where a contact is expected", session: awaiting, update: txt("777", nipKapus),
			flow: string(flowRegister), state: string(stateAwaitContact), texts: []string{"Mengetik NIP atau nomor HP tidak cukup"}, contactKey: true},
		{name: "own contact on the roster links and greets", session: awaiting, update: contact("777", "777", "6281234500001"),
			texts: []string{"Pendaftaran berhasil", "dr. Rina Wulandari", "19780512 200501 2 003", "Puskesmas Sempaja",
				"Kepala Puskesmas", "Pegawai, Atasan (penilai kinerja), Admin OPD"}, link: nipKapus},
		{name: "own contact in 08 form with spaces also matches", session: awaiting, update: contact("777", "777", "+62 812-3450-0001"),
			texts: []string{"dr. Rina Wulandari"}, link: nipKapus},
		{name: "contact shared without starting is accepted", update: contact("777", "777", "+6281234500001"),
			texts: []string{"Pendaftaran berhasil"}, link: nipKapus},
		{name: "someone else's contact is refused", session: awaiting, update: contact("777", "888", "+6281234500001"),
			flow: string(flowRegister), state: string(stateAwaitContact), texts: []string{"kontak orang lain"}, contactKey: true},
		{name: "a contact without a user id proves nothing", session: awaiting, update: contact("777", "", "+6281234500001"),
			flow: string(flowRegister), state: string(stateAwaitContact), texts: []string{"kontak orang lain"}, contactKey: true},
		{name: "number not on the roster", session: awaiting, update: contact("777", "777", "+6281399998888"),
			texts: []string{"+62813****8888 belum terdaftar", "admin OPD"}},
		{name: "not an Indonesian mobile number", session: awaiting, update: contact("777", "777", "+14155550100"),
			texts: []string{"bukan nomor HP Indonesia"}},
		{name: "inactive employee", session: awaiting, update: contact("777", "777", "+6281234500003"),
			texts: []string{"tidak aktif"}},
		{name: "second account replaces the first after the same proof", session: awaiting,
			update: contact("999", "999", "+6281234500002"),
			texts:  []string{"Budi Santoso", "Atasan: dr. Rina Wulandari", "Peran: Pegawai\n", "tidak lagi terhubung"}, link: nipStaff, notifyChatID: "555"},
		{name: "registered chat /start gets the menu", update: cmd("555", "start", ""), texts: []string{"Menu utama"}},
		{name: "a button from an ended report is stale", update: tap("555", "r:01JD0000000000000000000000:done"), texts: nil},
		{name: "registered chat /profil", update: cmd("555", "profil", ""), texts: []string{"Budi Santoso", "Perawat"}},
		{name: "registered chat menu button", update: txt("555", "👤 Profil saya"), texts: []string{"NIP: 19900115 201903 1 004"}},
		{name: "registered chat unknown text", update: txt("555", "apa kabar"), texts: []string{"tidak mengerti"}},
		{name: "/batal mid-flow leaves it", session: awaiting, update: cmd("777", "batal", ""), texts: []string{"Dibatalkan"}},
		{name: "/cancel mid-flow leaves it", session: awaiting, update: cmd("777", "cancel", ""), texts: []string{"Dibatalkan"}},
		{name: "/batal at rest", update: cmd("555", "batal", ""), texts: []string{"Tidak ada yang sedang berjalan"}},
		{name: "a state the code no longer has restarts kindly", session: conversation.Session{Flow: "lapor", State: "gone"},
			update: txt("555", "x"), texts: []string{"tidak dapat dilanjutkan"}},
		{name: "an unreadable session restarts kindly and asks an unknown chat to register",
			session: conversation.Session{Flow: "(unreadable)"}, update: txt("777", "x"),
			flow: string(flowRegister), state: string(stateAwaitContact), texts: []string{"tidak dapat dilanjutkan", "Untuk mendaftar"}},
		{name: "English", lang: "en", update: cmd("777", "start", ""),
			flow: string(flowRegister), state: string(stateAwaitContact), texts: []string{"Send my phone number"}, contactKey: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			st := rosterStore(t)
			lang := tc.lang
			if lang == "" {
				lang = "id"
			}
			r := newRouter(st, lang)
			now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
			out, err := r.Handle(context.Background(), conversation.Input{Session: tc.session, Update: tc.update, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if out.Next.Flow != tc.flow || out.Next.State != tc.state {
				t.Errorf("next = %s/%s, want %s/%s", out.Next.Flow, out.Next.State, tc.flow, tc.state)
			}
			all := ""
			for _, rep := range out.Replies {
				all += rep.Text + "\n"
			}
			pos := 0
			for _, w := range tc.texts {
				i := strings.Index(all[pos:], w)
				if i < 0 {
					t.Fatalf("replies lack %q (in order):\n%s", w, all)
				}
				pos += i
			}
			if len(out.Replies) == 0 {
				if out.Notice == "" {
					t.Fatal("no reply and no popup")
				}
				return
			}
			gotKey := len(out.Replies[0].Keyboard) > 0 && out.Replies[0].Keyboard[0][0].RequestContact
			if gotKey != tc.contactKey {
				t.Errorf("share-contact button shown = %v, want %v", gotKey, tc.contactKey)
			}
			var linked string
			for _, e := range out.Effects {
				if l, ok := e.(LinkAccount); ok {
					linked = l.NIP
					if l.Platform != "telegram" || l.Account.UserID != tc.update.UserID || l.Account.ChatID != tc.update.ChatID || !l.Account.LinkedAt.Equal(now) {
						t.Errorf("link effect = %+v", l)
					}
				}
			}
			if linked != tc.link || len(out.Effects) > 1 {
				t.Errorf("linked %q with %d effects, want %q", linked, len(out.Effects), tc.link)
			}
			if tc.notifyChatID != "" {
				// The welcome, the introduction, the notice.
				if len(out.Replies) != 3 || out.Replies[2].Chat.ChatID != tc.notifyChatID {
					t.Errorf("the previous account was not told: %+v", out.Replies)
				}
			} else if len(out.Replies) > 1 && out.Replies[1].Chat != (bot.ChatKey{}) {
				t.Errorf("unexpected reply to another chat: %+v", out.Replies[1])
			}
		})
	}
}

func TestLanguageSticksToTheChat(t *testing.T) {
	r := newRouter(rosterStore(t), "id")
	ctx := context.Background()
	out, err := r.Handle(ctx, conversation.Input{Update: cmd("555", "bahasa", "en")})
	if err != nil || out.Next.Lang != "en" || out.Replies[0].Text != i18n.EN.T(i18n.LanguageSet) {
		t.Fatalf("/bahasa en = %+v, %v", out, err)
	}
	out, err = r.Handle(ctx, conversation.Input{Session: out.Next, Update: cmd("555", "profil", "")})
	if err != nil || !strings.Contains(out.Replies[0].Text, "Position: Perawat") || out.Next.Lang != "en" {
		t.Fatalf("after /bahasa en, /profil = %+v, %v", out, err)
	}
	out, _ = r.Handle(ctx, conversation.Input{Session: out.Next, Update: cmd("555", "bahasa", "jv")})
	if out.Replies[0].Text != i18n.EN.T(i18n.LanguageUsage) || out.Next.Lang != "en" {
		t.Fatalf("unknown language = %+v", out)
	}
}

func TestStoreOutageIsAnErrorNotAWrongAnswer(t *testing.T) {
	st := rosterStore(t)
	st.Close(context.Background())
	r := newRouter(st, "id")
	in := conversation.Input{Session: awaiting, Update: contact("777", "777", "+6281234500001")}
	if _, err := r.Handle(context.Background(), in); err == nil {
		t.Fatal("a closed store gave no error")
	}
	if got, _ := r.Failure(in, errors.New("x")); !strings.Contains(got[0].Text, "tidak ada data yang hilang") {
		t.Fatalf("failure reply = %q", got[0].Text)
	}
}

func TestApplierLinksAccount(t *testing.T) {
	st := rosterStore(t)
	ctx := context.Background()
	e := LinkAccount{NIP: nipKapus, Platform: "telegram", Account: storage.Account{UserID: "777", ChatID: "777", LinkedAt: time.Now()}}
	for range 2 { // idempotent
		if _, err := newRouter(st, "id").Applier(st).Apply(ctx, conversation.Input{}, e); err != nil {
			t.Fatal(err)
		}
	}
	got, err := st.EmployeeByAccount(ctx, "telegram", "777")
	if err != nil || got.NIP != nipKapus {
		t.Fatalf("EmployeeByAccount = %+v, %v", got.NIP, err)
	}
}

func TestFailureMessages(t *testing.T) {
	r := newRouter(rosterStore(t), "id")
	summaryState := conversation.Session{Flow: string(flowReport), State: string(stSummary)}
	cases := []struct {
		name    string
		in      conversation.Input
		err     error
		replies string
		notice  string
	}{
		{"a decision that lost the race", conversation.Input{Update: tap("1", "a:ok:X:1")}, storage.ErrConflict, "", "baru saja diputuskan"},
		{"a reason that lost the race", conversation.Input{Session: conversation.Session{Flow: string(flowDecide), State: string(stateReason)}, Update: txt("1", "alasan")},
			storage.ErrConflict, "baru saja diputuskan", ""},
		{"store down at Kirim", conversation.Input{Session: summaryState, Update: tap("1", "r:X:send")}, storage.ErrUnavailable, "tetap tersimpan sebagai draf", "tetap tersimpan"},
		{"not accepted while Redis is out", conversation.Input{Update: txt("1", "halo")}, fmt.Errorf("%w: redis down", conversation.ErrNotAccepted),
			"tidak perlu mengirim ulang", ""},
		{"store down elsewhere", conversation.Input{Update: txt("1", "x")}, storage.ErrUnavailable, "tidak ada data yang hilang", ""},
		{"another admin changed the acting list first", conversation.Input{Update: cmd("1", "plt", nipStaff+" "+nipKapus+" 2026-12-07 2026-12-09")},
			storage.ErrConflict, "diubah admin lain", ""},
		{"an acting removal that lost the race", conversation.Input{Update: tap("1", encoded(button.ActingRemove{For: nipKapus, From: "20261207"}))},
			storage.ErrConflict, "diubah admin lain", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			replies, notice := r.Failure(tc.in, tc.err)
			all := ""
			for _, rep := range replies {
				all += rep.Text
			}
			if tc.replies == "" && all != "" || !strings.Contains(all, tc.replies) {
				t.Errorf("replies %q, want %q", all, tc.replies)
			}
			if tc.notice == "" && notice != "" || !strings.Contains(notice, tc.notice) {
				t.Errorf("notice %q, want %q", notice, tc.notice)
			}
		})
	}
}
