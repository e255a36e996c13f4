package handlers

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/linkcode"
	"github.com/kinerjabot/kinerjabot/storage"
)

func TestParseCodeArgs(t *testing.T) {
	cases := []struct {
		args      string
		nip, code string
		err       error // errCodeMissing, errCodeDigits, or errNIPClass for an *ident.NIPError
	}{
		{args: "197805122005012003 123456", nip: nipKapus, code: "123456"},
		{args: "19780512 200501 2 003 123456", nip: nipKapus, code: "123456"},
		{args: "  19780512.200501.2.003   000042 ", nip: nipKapus, code: "000042"},
		{args: "19780512 200501 2 003 123 456", nip: nipKapus, code: "123456"},
		{args: "197805122005012003123456", nip: nipKapus, code: "123456"},
		{args: "19780512-200501-2-003 123-456", nip: nipKapus, code: "123456"},
		{args: "", err: errCodeMissing},
		{args: "123456", err: errCodeMissing},
		{args: "197805122005012003", err: errCodeMissing},
		{args: "19780512 200501 2 003", err: errCodeMissing},
		{args: "197805122005012003 12345", err: errCodeDigits},
		{args: "197805122005012003 1234567", err: errCodeDigits},
		{args: "197805122005012003 12a456", err: errCodeDigits},
		{args: "19780512 200501 2 003 kode", err: errCodeDigits},
		{args: "12345 123456", err: errNIPClass},
		{args: "19781312 200501 2 003 123456", err: errNIPClass}, // month 13
		{args: "NIP KODE", err: errNIPClass},
	}
	for _, tc := range cases {
		t.Run(tc.args, func(t *testing.T) {
			nip, code, err := parseCodeArgs(tc.args)
			var ne *ident.NIPError
			switch {
			case tc.err == errNIPClass && !errors.As(err, &ne):
				t.Fatalf("err = %v, want an *ident.NIPError", err)
			case tc.err != nil && tc.err != errNIPClass && !errors.Is(err, tc.err):
				t.Fatalf("err = %v, want %v", err, tc.err)
			case tc.err == nil && err != nil:
				t.Fatalf("err = %v", err)
			}
			if nip != tc.nip || code != tc.code {
				t.Errorf("= %q, %q; want %q, %q", nip, code, tc.nip, tc.code)
			}
		})
	}
}

var errNIPClass = errors.New("an *ident.NIPError")

func TestCodeRequest(t *testing.T) {
	cases := []struct {
		u    bot.Update
		args string
		ok   bool
	}{
		{cmd("1", "kode", "197805122005012003 123456"), "197805122005012003 123456", true},
		{cmd("1", "code", "x"), "x", true},
		{txt("1", "kode 19780512 200501 2 003 123456"), "19780512 200501 2 003 123456", true},
		{txt("1", "  KODE\t1 2 "), "1 2", true},
		{txt("1", "Code"), "", true},
		{txt("1", "kodeku 123"), "", false},
		{txt("1", "minta kode"), "", false},
		{cmd("1", "start", ""), "", false},
		{contact("1", "1", "+6281234500001"), "", false},
	}
	for _, tc := range cases {
		args, ok := codeRequest(tc.u)
		if args != tc.args || ok != tc.ok {
			t.Errorf("codeRequest(%s %q %q) = %q, %v; want %q, %v", tc.u.Kind, tc.u.Text, tc.u.Args, args, ok, tc.args, tc.ok)
		}
	}
}

// issue gives nip a code issued at h.now and returns it.
func (h *regEnv) issue(t *testing.T, nip string) string {
	t.Helper()
	code, lc, err := linkcode.New(nip, h.now)
	if err != nil {
		t.Fatal(err)
	}
	if err := h.st.IssueLinkCode(context.Background(), lc); err != nil {
		t.Fatal(err)
	}
	return code
}

// otherCode is a valid-looking code that is not code.
func otherCode(code string) string {
	if code == "000000" {
		return "000001"
	}
	return "000000"
}

func TestRegisterWithCode(t *testing.T) {
	const kapus = "19780512 200501 2 003"
	type step struct {
		update func(code string) bot.Update
		later  time.Duration // after the code was issued
		texts  []string
		link   string // NIP the sender is linked to afterwards, "" for none
	}
	right := func(user string) func(string) bot.Update {
		return func(code string) bot.Update { return waCmd(user, "", "kode", kapus+" "+code) }
	}
	wrong := func(code string) bot.Update { return waCmd("901", "", "kode", kapus+" "+otherCode(code)) }
	cases := []struct {
		name  string
		lang  string
		steps []step
	}{
		{name: "the right code links", steps: []step{
			{update: right("901"), texts: []string{"Pendaftaran berhasil", "dr. Rina Wulandari", "Admin OPD"}, link: nipKapus},
		}},
		{name: "the NIP in one piece, the command without a slash", steps: []step{
			{update: func(code string) bot.Update { return waText("901", "", "kode "+nipKapus+" "+code) },
				texts: []string{"Pendaftaran berhasil"}, link: nipKapus},
		}},
		{name: "wrong codes count down, then lock", steps: []step{
			{update: wrong, texts: []string{"Kode salah. Sisa 4 kali"}},
			{update: wrong, texts: []string{"Sisa 3 kali"}},
			{update: wrong, texts: []string{"Sisa 2 kali"}},
			{update: wrong, texts: []string{"Sisa 1 kali"}},
			{update: wrong, texts: []string{"Kode salah. Kode itu kini terkunci"}},
			{update: right("901"), texts: []string{"terkunci karena sudah 5 kali salah", "Minta kode baru"}},
		}},
		{name: "the right code after a wrong one links", steps: []step{
			{update: wrong, texts: []string{"Sisa 4 kali"}},
			{update: right("901"), texts: []string{"Pendaftaran berhasil"}, link: nipKapus},
		}},
		{name: "an expired code", steps: []step{
			{update: right("901"), later: 24 * time.Hour, texts: []string{"kedaluwarsa", "berlaku 24 jam"}},
		}},
		{name: "a code is valid until just before it expires", steps: []step{
			{update: right("901"), later: 24*time.Hour - time.Second, texts: []string{"Pendaftaran berhasil"}, link: nipKapus},
		}},
		{name: "a used code is refused to someone else", steps: []step{
			{update: right("901"), texts: []string{"Pendaftaran berhasil"}, link: nipKapus},
			{update: right("902"), later: time.Minute, texts: []string{"sudah dipakai"}},
		}},
		{name: "once registered, a code is just unknown input", steps: []step{
			{update: right("901"), texts: []string{"Pendaftaran berhasil"}, link: nipKapus},
			{update: right("901"), later: time.Minute, texts: []string{"tidak mengerti"}, link: nipKapus},
		}},
		{name: "no code for the NIP", steps: []step{
			{update: func(string) bot.Update { return waCmd("901", "", "kode", "19900115 201903 1 004 123456") },
				texts: []string{"Tidak ada kode aktif untuk NIP itu"}},
		}},
		{name: "a NIP not on the roster", steps: []step{
			{update: func(string) bot.Update { return waCmd("901", "", "kode", "19860926 201505 1 001 123456") },
				texts: []string{"Tidak ada kode aktif untuk NIP itu"}},
		}},
		{name: "no arguments: the format", steps: []step{
			{update: func(string) bot.Update { return waCmd("901", "", "kode", "") },
				texts: []string{"Format: /kode NIP KODE", "Contoh: /kode 19860926 201505 1 001 123456"}},
		}},
		{name: "a bad NIP: why, and the format", steps: []step{
			{update: func(string) bot.Update { return waCmd("901", "", "kode", "12345 123456") },
				texts: []string{"Periksa NIP Anda: NIP harus 18 angka", "Format: /kode NIP KODE"}},
		}},
		{name: "a code of 5 digits: the format", steps: []step{
			{update: func(string) bot.Update { return waCmd("901", "", "kode", kapus+" 12345") },
				texts: []string{"Kode harus 6 angka", "Format: /kode NIP KODE"}},
		}},
		{name: "the code route works on Telegram too", steps: []step{
			{update: func(code string) bot.Update { return cmd("777", "kode", kapus+" "+code) },
				texts: []string{"Pendaftaran berhasil"}, link: nipKapus},
		}},
		{name: "a code comes before a number not on the roster", steps: []step{
			{update: func(code string) bot.Update { return waCmd("901", "+6281399998888", "kode", kapus+" "+code) },
				texts: []string{"Pendaftaran berhasil"}, link: nipKapus},
		}},
		{name: "English", lang: "en", steps: []step{
			{update: func(string) bot.Update { return waCmd("901", "", "code", "") }, texts: []string{"Format: /code NIP CODE"}},
			{update: wrong, texts: []string{"Wrong code. 4 tries left"}},
			{update: wrong, later: 24 * time.Hour, texts: []string{"expired"}},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lang := tc.lang
			if lang == "" {
				lang = "id"
			}
			h := newRegEnv(t, lang)
			issued := h.now
			code := h.issue(t, nipKapus)
			for i, st := range tc.steps {
				h.now = issued.Add(st.later)
				u := st.update(code)
				_, replies := h.send(t, conversation.Session{}, u)
				all := allText(replies)
				pos := 0
				for _, w := range st.texts {
					j := strings.Index(all[pos:], w)
					if j < 0 {
						t.Fatalf("step %d: replies lack %q (in order):\n%s", i+1, w, all)
					}
					pos += j
				}
				if got := h.holder(t, u.Platform, u.UserID); got != st.link {
					t.Fatalf("step %d: linked to %q, want %q", i+1, got, st.link)
				}
			}
			if logs := h.logs.String(); strings.Contains(logs, nipKapus) || strings.Contains(logs, code) {
				t.Errorf("logs show the NIP or the code:\n%s", logs)
			}
		})
	}
}

func TestRegisterWithCodeRefusesInactive(t *testing.T) {
	h := newRegEnv(t, "id")
	code := h.issue(t, nipOff)
	_, replies := h.send(t, conversation.Session{}, waCmd("901", "", "kode", nipOff+" "+code))
	if !strings.Contains(allText(replies), "tidak aktif") || h.holder(t, bot.WhatsApp, "901@lid") != "" {
		t.Fatalf("inactive employee: %+v", replies)
	}
	if !strings.Contains(h.logs.String(), ident.MaskNIP(nipOff)) {
		t.Errorf("the refusal is not logged with the masked NIP:\n%s", h.logs)
	}
}

func TestNewCodeReplacesThePrevious(t *testing.T) {
	h := newRegEnv(t, "id")
	first := h.issue(t, nipKapus)
	second := h.issue(t, nipKapus)
	if first == second {
		second = h.issue(t, nipKapus) // one chance in a million
	}
	_, replies := h.send(t, conversation.Session{}, waCmd("901", "", "kode", nipKapus+" "+first))
	if !strings.Contains(allText(replies), "Kode salah") {
		t.Fatalf("the replaced code: %s", allText(replies))
	}
	_, replies = h.send(t, conversation.Session{}, waCmd("901", "", "kode", nipKapus+" "+second))
	if !strings.Contains(allText(replies), "Pendaftaran berhasil") {
		t.Fatalf("the new code: %s", allText(replies))
	}
}

// A redemption interrupted before the link (an outage, or a crash that
// makes the engine replay the update) completes when the same account
// sends the code again.
func TestInterruptedRedemptionCompletes(t *testing.T) {
	h := newRegEnv(t, "id")
	code := h.issue(t, nipKapus)
	u := waCmd("901", "", "kode", nipKapus+" "+code)
	if _, err := h.st.RedeemLinkCode(context.Background(), nipKapus, linkcode.Hash(nipKapus, code), redeemer(u), h.now); err != nil {
		t.Fatal(err)
	}
	h.now = h.now.Add(time.Minute)
	_, replies := h.send(t, conversation.Session{}, u)
	if !strings.Contains(allText(replies), "Pendaftaran berhasil") || h.holder(t, bot.WhatsApp, "901@lid") != nipKapus {
		t.Fatalf("retry after the interrupted redemption: %s", allText(replies))
	}
}

// A store outage during the redemption is an error (the engine's outage
// answer), not a refusal.
func TestRedeemOutageIsAnError(t *testing.T) {
	h := newRegEnv(t, "id")
	code := h.issue(t, nipKapus)
	in := conversation.Input{Update: waCmd("901", "", "kode", nipKapus+" "+code), Now: h.now}
	out, err := h.r.Handle(context.Background(), in)
	if err != nil || len(out.Effects) != 1 {
		t.Fatalf("Handle = %+v, %v", out, err)
	}
	h.st.Close(context.Background())
	if _, err := applyEffect(context.Background(), h.r.Applier(h.st), in, out.Effects[0]); err == nil {
		t.Fatal("a closed store gave no error")
	}
	var _ storage.LinkCodeStore = h.st
}
