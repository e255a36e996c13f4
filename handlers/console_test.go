package handlers

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/storage"
)

// fakeLinks stands for the console: it records what it was asked and
// answers as set.
type fakeLinks struct {
	asked []string
	link  string
	until time.Time
}

func (f *fakeLinks) IssueLink(_ context.Context, nip, platform, chat string) (string, time.Time, error) {
	f.asked = append(f.asked, nip+" "+platform+" "+chat)
	return f.link, f.until, nil
}

func (f *fakeLinks) LinkTTL() time.Duration { return 5 * time.Minute }

// /konsol: the admin's link in their registered chat; the wait when they
// asked too often; no link in another chat, none for staff, none when
// the console is not set up.
func TestConsoleCommand(t *testing.T) {
	st := rosterStore(t)
	if err := st.LinkAccount(t.Context(), nipKapus, "telegram", storage.Account{UserID: "556", ChatID: "556", LinkedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		links  *fakeLinks
		chat   string
		user   string
		want   string
		asking string
	}{
		{"admin", &fakeLinks{link: "https://k.example/console/masuk?t=abc"}, "556", "556",
			"https://k.example/console/masuk?t=abc", nipKapus + " telegram 556"},
		{"admin asked too often", &fakeLinks{until: now.Add(10 * time.Minute)}, "556", "556", "sekitar pukul 09.10", nipKapus + " telegram 556"},
		{"admin in a group chat", &fakeLinks{link: "x"}, "-100", "556", "hanya dikirim ke akun chat yang terdaftar", ""},
		{"staff", &fakeLinks{link: "x"}, "555", "555", "hanya untuk admin OPD dan auditor", ""},
		{"not configured", nil, "556", "556", "belum dipasang", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			o := Options{Language: "id"}
			if tc.links != nil {
				o.Console = tc.links
			}
			r := New(st, slog.New(slog.NewTextHandler(io.Discard, nil)), o)
			u := cmd(tc.user, "konsol", "")
			u.ChatID = tc.chat
			out, err := r.Handle(t.Context(), conversation.Input{Update: u, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if len(out.Replies) != 1 || !strings.Contains(out.Replies[0].Text, tc.want) {
				t.Fatalf("replies %+v, want %q", out.Replies, tc.want)
			}
			var asked string
			if tc.links != nil {
				asked = strings.Join(tc.links.asked, ";")
			}
			if asked != tc.asking {
				t.Errorf("console asked %q, want %q", asked, tc.asking)
			}
		})
	}
}
