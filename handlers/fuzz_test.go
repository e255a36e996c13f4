package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/calendar"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/linkcode"
	"github.com/kinerjabot/kinerjabot/poster"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// FuzzCommandArgs checks the parsers of what follows a command word: the
// "/kode NIP KODE" arguments (parseCodeArgs, and codeRequest, which finds
// them in a typed "kode …" too) and the /lapor date (reportDate):
//
//   - parseCodeArgs gives an 18-digit NIP that ParseNIP keeps as it is and
//     a 6-digit code, or nothing and one of its three errors; what it
//     accepts, written again in the documented spellings, reads the same;
//
//   - codeRequest finds arguments only after the word kode or code, and
//     returns them trimmed;
//
//   - reportDate gives a YYYY-MM-DD date within the allowed days back, or
//     a message and no date, never both; today and yesterday have their
//     words;
//
//   - parseExportArgs (/ekspor) gives a month no later than today's and a
//     unit (one of the words) or the team, never both, or nothing.
//
//     go test -run '^$' -fuzz '^FuzzCommandArgs$' -fuzztime 60s ./handlers/
func FuzzCommandArgs(f *testing.F) {
	for _, s := range []string{
		// TestParseCodeArgs.
		"197805122005012003 123456", "19780512 200501 2 003 123456", "  19780512.200501.2.003   000042 ",
		"19780512 200501 2 003 123 456", "197805122005012003123456", "19780512-200501-2-003 123-456", "",
		"123456", "197805122005012003", "19780512 200501 2 003", "197805122005012003 12345",
		"197805122005012003 1234567", "197805122005012003 12a456", "19780512 200501 2 003 kode",
		"12345 123456", "19781312 200501 2 003 123456", "NIP KODE",
		// TestCodeRequest.
		"kode 19780512 200501 2 003 123456", "  KODE\t1 2 ", "Code", "kodeku 123", "minta kode",
		// /lapor arguments.
		"kemarin", "yesterday", "hari ini", "today", "2026-11-21", "21-11-2026", "21/11/2026", "1/11/2026",
		"2026-11-24", "2026-02-30", "31/04/2026", "0001-01-01",
		// /ekspor arguments.
		"2026-11", "2026-10 unit DINKES", "unit", "tim 2026-09", "unit PKM tim", "2026-12", "2026-1", "UNIT x Tim",
	} {
		f.Add(s, uint8(3))
	}
	lang := i18n.ID
	wita := time.FixedZone("WITA", 8*3600)
	today := time.Date(2026, 11, 23, 9, 0, 0, 0, wita)
	f.Fuzz(func(t *testing.T, args string, back uint8) {
		checkCodeArgs(t, args)
		checkExportArgs(t, args, today)

		rest, ok := codeRequest(bot.Update{Kind: bot.KindText, Text: args})
		word := strings.TrimSpace(args)
		if i := strings.IndexFunc(word, unicode.IsSpace); i >= 0 {
			word = word[:i]
		}
		if w := strings.ToLower(word); ok != (w == "kode" || w == "code") {
			t.Fatalf("codeRequest(%q) = %q, %v (first word %q)", args, rest, ok, word)
		}
		if !ok && rest != "" || rest != strings.TrimSpace(rest) || !strings.Contains(args, rest) {
			t.Fatalf("codeRequest(%q) = %q, %v", args, rest, ok)
		}
		if cmdArgs, ok := codeRequest(bot.Update{Kind: bot.KindCommand, Command: "kode", Args: args}); !ok || cmdArgs != args {
			t.Fatalf("codeRequest(/kode %q) = %q, %v", args, cmdArgs, ok)
		}

		days := int(back % 31)
		cal := calendar.New(nil)
		date, _, msg := reportDate(args, today, days, cal, lang)
		if (date == "") == (msg == "") {
			t.Fatalf("reportDate(%q) = %q, %q", args, date, msg)
		}
		if date == "" {
			return
		}
		d, err := time.ParseInLocation(time.DateOnly, date, wita)
		if err != nil || d.Format(time.DateOnly) != date {
			t.Fatalf("reportDate(%q) = %q: not a date", args, date)
		}
		first := "2026-11-23"
		if days > 0 {
			first = cal.WorkDaysBack(first, days)
		}
		if date < first || d.After(today) {
			t.Fatalf("reportDate(%q) = %q, outside %d days back", args, date, days)
		}
		switch strings.ToLower(args) {
		case "", "hari ini", "today":
			if date != "2026-11-23" {
				t.Fatalf("reportDate(%q) = %q, want today", args, date)
			}
		case "kemarin", "yesterday": // 2026-11-23 is a Monday
			if date != "2026-11-20" {
				t.Fatalf("reportDate(%q) = %q, want the previous work day", args, date)
			}
		}
		if again, _, msg := reportDate(date, today, days, cal, lang); again != date {
			t.Fatalf("reportDate(%q) = %q, but that date gives %q, %q", args, date, again, msg)
		}
	})
}

func checkCodeArgs(t *testing.T, args string) {
	t.Helper()
	nip, code, err := parseCodeArgs(args)
	if err != nil {
		var ne *ident.NIPError
		if nip != "" || code != "" || !errors.Is(err, errCodeMissing) && !errors.Is(err, errCodeDigits) && !errors.As(err, &ne) {
			t.Fatalf("parseCodeArgs(%q) = %q, %q, %v", args, nip, code, err)
		}
		return
	}
	if again, err := ident.ParseNIP(nip); err != nil || again != nip || len(code) != linkcode.Digits || !allDigits(code) {
		t.Fatalf("parseCodeArgs(%q) = %q, %q", args, nip, code)
	}
	for _, s := range []string{nip + " " + code, ident.FormatNIP(nip) + " " + code, nip + code,
		ident.FormatNIP(nip) + " " + code[:3] + " " + code[3:]} {
		if n, c, err := parseCodeArgs(s); n != nip || c != code || err != nil {
			t.Fatalf("parseCodeArgs(%q) = %q, %q but %q gives %q, %q, %v", args, nip, code, s, n, c, err)
		}
	}
}

// Records of the fuzz store (fuzzStore).
const (
	fuzzPending  = "01JD0000000000000000PENDNG"
	fuzzRevision = "01JD0000000000000000REVISE"
	fuzzDraft    = "01JD0000000000000000DRAFT1"
	fuzzSurvey   = "0123456789abcdef0123456789"
	fuzzKapusID  = "100"
	fuzzStaffID  = "555"
	fuzzNobodyID = "777"
)

// fuzzStore is rosterStore with what the buttons of every flow refer to:
// the supervisor linked too (user 100), a second unit, an SKP target, a
// pending report of the staff member and one sent back for revision.
func fuzzStore(tb testing.TB) storage.Store {
	tb.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "kb.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close(ctx) })
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	must(st.UpsertUnit(ctx, storage.Unit{Code: "PKM-SMP", Name: "Puskesmas Sempaja", Timezone: "Asia/Makassar", Counters: 3, QuickSurvey: true}))
	must(st.UpsertUnit(ctx, storage.Unit{Code: "DINKES", Name: "Dinas Kesehatan", Timezone: "Asia/Makassar"}))
	must(st.UpsertEmployee(ctx, storage.Employee{NIP: nipKapus, Name: "dr. Rina Wulandari", UnitCode: "PKM-SMP",
		Position: "Kepala Puskesmas", Phone: "+6281234500001", Role: storage.RoleAdmin, Active: true}))
	must(st.UpsertEmployee(ctx, storage.Employee{NIP: nipStaff, Name: "Budi Santoso", UnitCode: "PKM-SMP",
		Position: "Perawat", SupervisorNIP: nipKapus, Phone: "+6281234500002", Active: true}))
	must(st.UpsertEmployee(ctx, storage.Employee{NIP: nipOff, Name: "Siti Aminah", UnitCode: "PKM-SMP",
		Position: "Bidan", SupervisorNIP: nipKapus, Phone: "+6281234500003", Active: false}))
	must(st.LinkAccount(ctx, nipStaff, "telegram", storage.Account{UserID: fuzzStaffID, ChatID: fuzzStaffID, LinkedAt: now}))
	must(st.LinkAccount(ctx, nipKapus, "telegram", storage.Account{UserID: fuzzKapusID, ChatID: fuzzKapusID, LinkedAt: now}))
	must(st.UpsertSKPTarget(ctx, storage.SKPTarget{ID: "skp1", NIP: nipStaff, Period: "2026", Kind: "utama",
		RHK: "Pelayanan", Indikator: "Pasien terlayani", Target: "100", Satuan: "pasien"}))
	for _, id := range []string{fuzzPending, fuzzRevision} {
		must(st.CreateActivity(ctx, storage.Activity{ID: id, NIP: nipStaff, UnitCode: "PKM-SMP", SupervisorNIP: nipKapus,
			Date: "2026-11-20", Content: storage.Content{Description: "Rapat koordinasi posyandu", Minutes: 90}, SubmittedAt: now}))
	}
	_, err = st.DecideActivity(ctx, fuzzRevision, 1, storage.Decide{To: storage.StatusRevision, ByNIP: nipKapus, Reason: "foto", Platform: "telegram", At: now})
	must(err)
	return st
}

// fuzzSessions are the sessions FuzzRouterInput puts a chat in: at rest,
// and in each state of each flow that takes a button.
func fuzzSessions(tb testing.TB) []conversation.Session {
	tb.Helper()
	raw := func(v any) json.RawMessage {
		b, err := json.Marshal(v)
		if err != nil {
			tb.Fatal(err)
		}
		return b
	}
	draft := raw(reportDraft{ID: fuzzDraft, Date: "2026-11-23", Desc: "Rapat koordinasi posyandu", Minutes: 90, Targets: []string{"skp1"}})
	survey := surveyDraft{ID: fuzzSurvey, Unit: "PKM-SMP", UnitName: "Puskesmas Sempaja", Date: "2026-11-23", Hash: "h"}
	quick := survey
	quick.Quick, quick.ID = true, "abcdef0123456789abcdef0123"
	out := []conversation.Session{{}, {Lang: "en"}, {Flow: string(flowRegister), State: string(stateAwaitContact)}}
	for _, st := range reportStates {
		out = append(out, conversation.Session{Flow: string(flowReport), State: string(st), Data: draft})
	}
	out = append(out,
		conversation.Session{Flow: string(flowFeedback), State: string(statePick), Data: raw(feedbackDraft{})},
		conversation.Session{Flow: string(flowFeedback), State: string(stateValue), Data: raw(feedbackDraft{To: nipKapus})},
		conversation.Session{Flow: string(flowFeedback), State: string(stateConfirm), Data: raw(feedbackDraft{To: nipKapus, Value: 3})},
		conversation.Session{Flow: string(flowSurvey), State: string(stateQuestion), Data: raw(survey)},
		conversation.Session{Flow: string(flowSurvey), State: string(stateQuestion), Data: raw(quick)},
		conversation.Session{Flow: string(flowSurvey), State: string(stateComment), Data: raw(surveyDraft{ID: fuzzSurvey, Unit: "PKM-SMP", Date: "2026-11-23",
			Answers: []int{4, 4, 4, 4, 4, 4, 4, 4, 4}})},
		conversation.Session{Flow: string(flowDecide), State: string(stateReason), Data: raw(decideDraft{ID: fuzzPending, Version: 1, To: storage.StatusRejected})},
	)
	return out
}

// FuzzRouterInput hands the router (the whole conversation layer) input a
// person controls, with the chat in any session and pressed or typed by
// the supervisor, the staff member or a stranger:
//
//   - kind 0: button callback data, the input of every button parser
//     (decisions "a:", approval pages "p:" and "pu:", corrections
//     "m:fix:", report drafts "r:", feedback "f:", survey answers "s:",
//     reminders);
//   - kind 1: "/start <payload>", the survey deep link of a QR code;
//   - kind 2: a typed text, which the adapters make a command when
//     ParseCommand accepts it (/lapor date, /kode NIP KODE,
//     /persetujuan unit, /pengingat, /bahasa, …).
//
// It checks that the input is answered and never fails the update (the
// store works), and that:
//
//   - every reply has text or a photo, every inline button passes
//     bot.CheckButton (label, data, at most 64 bytes);
//
//   - the next session is one the router has a step for, with JSON data,
//     in a known language;
//
//   - no typed or pressed input links an account; a decision is made only
//     by the report owner's supervisor, on the pending report at its
//     version; a survey opens only for a payload poster.ParsePayload
//     accepts, for a unit on file; parseDraftCB splits only "r:id:action".
//
//     go test -run '^$' -fuzz '^FuzzRouterInput$' -fuzztime 60s ./handlers/
func FuzzRouterInput(f *testing.F) {
	for _, s := range []string{
		"a:ok:" + fuzzPending + ":1", "a:no:" + fuzzPending + ":1", "a:rev:" + fuzzPending + ":1", "a:img:" + fuzzPending + ":1",
		"a:ok:" + fuzzPending + ":2", "a:ok:X:1", "a:ok", "p:0", "p:1", "p:-1", "p:all:0:0123456789ab", "pu:0", "pu:x",
		"m:fix:" + fuzzRevision, "m:fix:" + fuzzPending, "n:lapor", "n:appr", encoded(button.ReportNow{}), encoded(button.OpenApprovals{}),
		"r:" + fuzzDraft + ":send", "r:" + fuzzDraft + ":edit", "r:" + fuzzDraft + ":cancel", "r:" + fuzzDraft + ":done",
		"r:" + fuzzDraft + ":skip", "r:" + fuzzDraft + ":skp:0", "r:" + fuzzDraft + ":skp:-", "r:" + fuzzDraft + ":f:5",
		"r:01JD0000000000000000000000:done", "f:page:1", "f:pick:" + nipKapus, "f:val:3", "f:anon", "f:named", "f:note",
		"s:01234567:0:4", "s:abcdef01:0:1", "s:01234567:skip",
	} {
		for _, who := range []uint8{0, 1} {
			f.Add(uint8(0), who, uint8(0), s)
		}
	}
	for _, s := range []string{"skm_PKM-SMP", "skm_PKM-SMP_2", "skm_PKM-SMP_cepat", "skm_DINKES_1_cepat", "skm_NONE", "skm_PKM-SMP_01", "skm_"} {
		f.Add(uint8(1), uint8(2), uint8(0), s)
	}
	for _, s := range []string{"/lapor", "/lapor kemarin", "/lapor 2026-11-21", "/kode 19780512 200501 2 003 123456",
		"kode 197805122005012003 12345", "/persetujuan unit", "/pengingat off", "/bahasa en", "/start", "/rekap",
		"/apresiasi", "/laporanku", "/ikm", "/poster", "/profil", "/batal", "90 menit", "3 dokumen", "lewati"} {
		f.Add(uint8(2), uint8(1), uint8(0), s)
	}
	st := fuzzStore(f)
	r := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{Language: "id", BotUsername: func() string { return "KinerjaBot" }})
	sessions := fuzzSessions(f)
	users := []string{fuzzKapusID, fuzzStaffID, fuzzNobodyID}
	now := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, kind, who, session uint8, data string) {
		user := users[int(who)%len(users)]
		u := bot.Update{ID: "1", Platform: bot.Telegram, ChatID: user, UserID: user, UserName: "X", At: now}
		switch kind % 3 {
		case 0:
			u.Kind, u.Callback = bot.KindCallback, &bot.Callback{ID: "cb", Data: data, MessageID: "9"}
		case 1:
			u.Kind, u.Command, u.Args, u.Text = bot.KindCommand, "start", strings.TrimSpace(data), "/start "+data
		default:
			u.Kind, u.Text = bot.KindText, data
			if cmd, target, args, ok := bot.ParseCommand(data); ok && target == "" {
				u.Kind, u.Command, u.Args = bot.KindCommand, cmd, args
			}
		}
		in := conversation.Input{Session: sessions[int(session)%len(sessions)], Update: u, Now: now}
		// A panic fails this input, not the whole test binary. (The engine
		// recovers it too, but keeps the session, so the chat would fail
		// on every message: testdata/fuzz/FuzzRouterInput/9023510f7751ef42,
		// an unlinked chat mid-flow, fixed in Router.dispatch.)
		defer func() {
			if p := recover(); p != nil {
				t.Fatalf("%s %q in %s/%s from %s: panic: %v\n%s", u.Kind, data, in.Session.Flow, in.Session.State, user, p, debug.Stack())
			}
		}()
		out, err := r.Handle(ctx, in)
		if err != nil {
			t.Fatalf("%s %q in %s/%s from %s: %v", u.Kind, data, in.Session.Flow, in.Session.State, user, err)
		}
		checkOutcome(t, r, in, out)
		if out.Next.Flow == string(flowSurvey) && in.Session.Flow != string(flowSurvey) {
			code, _, _, ok := poster.ParsePayload(strings.TrimSpace(u.Args))
			if _, err := st.GetUnit(ctx, code); u.Kind != bot.KindCommand || u.Command != "start" || !ok || err != nil {
				t.Fatalf("%s %q opened a survey", u.Kind, data)
			}
		}
	})
}

func pressedData(u bot.Update) string {
	if u.Callback == nil {
		return ""
	}
	return u.Callback.Data
}

func checkOutcome(t *testing.T, r *Router, in conversation.Input, out conversation.Outcome) {
	t.Helper()
	what := fmt.Sprintf("%s %q in %s/%s from %s", in.Update.Kind, in.Update.Text+pressedData(in.Update), in.Session.Flow, in.Session.State, in.Update.UserID)
	if len(out.Replies) == 0 && out.Notice == "" && in.Update.Kind == bot.KindCallback && out.Next.Flow == in.Session.Flow {
		t.Fatalf("%s: no answer", what)
	}
	for _, rep := range out.Replies {
		if rep.Text == "" && rep.Photo == nil {
			t.Fatalf("%s: empty reply %+v", what, rep)
		}
		for _, row := range rep.Buttons {
			for _, b := range row {
				if err := bot.CheckButton(b); err != nil {
					t.Fatalf("%s: %v", what, err)
				}
			}
		}
	}
	n := out.Next
	if f, ok := r.flows[flowName(n.Flow)]; n.Flow != "" && (!ok || !f.known(n.State)) {
		t.Fatalf("%s: next session %s/%s has no step", what, n.Flow, n.State)
	}
	if n.Flow == "" && n.State != "" || len(n.Data) > 0 && !json.Valid(n.Data) || n.Lang != "" && n.Lang != "id" && n.Lang != "en" {
		t.Fatalf("%s: next session %+v", what, n)
	}
	// Callback data and texts arrive as UTF-8 (JSON from Telegram and the
	// playground; WhatsApp choices are the bot's own): what the bot says
	// back is UTF-8 then too.
	if utf8.ValidString(in.Update.Text) && utf8.ValidString(pressedData(in.Update)) {
		if !utf8.ValidString(out.Notice) {
			t.Fatalf("%s: notice %q", what, out.Notice)
		}
		for _, rep := range out.Replies {
			if !utf8.ValidString(rep.Text) {
				t.Fatalf("%s: reply %q", what, rep.Text)
			}
		}
	}
	for _, e := range out.Effects {
		switch e := e.(type) {
		case LinkAccount:
			t.Fatalf("%s linked an account: %+v", what, e)
		case Decide:
			if in.Update.UserID != fuzzKapusID || e.ID != fuzzPending || e.Version != 1 || e.D.ByNIP != nipKapus {
				t.Fatalf("%s: decision %+v", what, e)
			}
		case RedeemLinkCode:
			if _, err := ident.ParseNIP(e.NIP); err != nil || len(e.CodeHash) != 64 {
				t.Fatalf("%s: redeem %+v", what, e)
			}
		}
	}
}

// checkExportArgs: /ekspor's arguments give a month no later than today's
// and a unit or the team, never both, the unit one of the words; or
// nothing.
func checkExportArgs(t *testing.T, args string, today time.Time) {
	a, ok := parseExportArgs(args, today)
	if !ok {
		return
	}
	m, err := time.Parse("2006-01", a.month)
	if err != nil || a.month > today.Format("2006-01") || m.Format("2006-01") != a.month {
		t.Fatalf("parseExportArgs(%q) month %q", args, a.month)
	}
	if a.unit != "" && (a.team || !slices.Contains(strings.Fields(args), a.unit)) {
		t.Fatalf("parseExportArgs(%q) = %+v", args, a)
	}
}
