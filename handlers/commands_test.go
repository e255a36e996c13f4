package handlers

import (
	"regexp"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/i18n"
)

var commandName = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

// Every command of the table has valid, unique names and a description in
// every language.
func TestCommandTable(t *testing.T) {
	seen := map[string]string{}
	for _, cmd := range commandTable() {
		if cmd.run == nil || cmd.who == 0 {
			t.Errorf("/%s: no handler or no audience", cmd.name)
		}
		for _, n := range cmd.names() {
			if !commandName.MatchString(n) {
				t.Errorf("/%s: name %q is not a valid command name", cmd.name, n)
			}
			if other, dup := seen[n]; dup {
				t.Errorf("/%s and /%s both answer to %q", other, cmd.name, n)
			}
			seen[n] = cmd.name
		}
		for _, l := range i18n.Langs {
			if d := l.T(cmd.desc); d == string(cmd.desc) || len(d) < 3 || len(d) > 256 {
				t.Errorf("/%s: description in %s is %q (Telegram takes 3 to 256 characters)", cmd.name, l, d)
			}
			if cmd.menu != "" && l.T(cmd.menu) == string(cmd.menu) {
				t.Errorf("/%s: menu label missing in %s", cmd.name, l)
			}
		}
	}
}

// /bantuan lists exactly the commands offered to the person's roles, in
// their language, and the menu is derived from the same table.
func TestHelpFollowsRoles(t *testing.T) {
	cases := []struct {
		name      string
		who       audience
		has, lack []string
	}{
		{"staff", staff, []string{"lapor", "rekap", "apresiasi", "bantuan", "batal"}, []string{"persetujuan", "ikm", "poster", "kode", "konsol"}},
		{"supervisor", staff | supervisor, []string{"lapor", "persetujuan"}, []string{"ikm", "poster", "konsol"}},
		{"admin", staff | admin, []string{"persetujuan", "ikm", "poster", "konsol"}, []string{"kode"}},
		{"auditor", staff | auditor, []string{"lapor", "konsol"}, []string{"ikm", "poster", "plt", "kode"}},
	}
	for _, tc := range cases {
		for _, l := range i18n.Langs {
			help := helpText(l, commandTable(), tc.who)
			for _, cmd := range commandTable() {
				line := "/" + cmd.nameIn(l) + " — " + l.T(cmd.desc)
				want := listed(tc.has, cmd.name)
				if listed(tc.lack, cmd.name) {
					want = false
				} else if !want {
					continue
				}
				if got := strings.Contains(help, line); got != want {
					t.Errorf("%s in %s: help has %q: %v, want %v\n%s", tc.name, l, line, got, want, help)
				}
			}
			menu := Menu(l, tc.who&supervisor != 0, tc.who&admin != 0)
			if tc.who&auditor != 0 { // a chat's own menu (chatMenu): Menu is the default one's
				menu = menuOf(l, commandTable(), tc.who)
			}
			if n := strings.Count(help, "\n"); n != len(menu) {
				t.Errorf("%s in %s: help has %d commands, the menu %d", tc.name, l, n, len(menu))
			}
		}
	}
}

func listed(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
