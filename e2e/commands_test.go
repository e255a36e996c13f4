package e2e

import (
	"strconv"
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
)

func menuNames(cmds []models.BotCommand) string {
	var names []string
	for _, c := range cmds {
		names = append(names, c.Command)
	}
	return strings.Join(names, " ")
}

// /bantuan lists what the person may use, and an admin's chat gets its own
// Telegram command menu with the admin commands; staff keep the default.
func TestHelpAndMenusFollowRoles(t *testing.T) {
	h, rina, budi, _ := setup(t)
	help := budi.say("/bantuan").Text
	contains(t, help, "/lapor — ")
	for _, admin := range []string{"/ikm", "/poster", "/persetujuan"} {
		if strings.Contains(help, admin) {
			t.Errorf("staff help offers %s:\n%s", admin, help)
		}
	}
	if got := h.api.Menu(telegramtest.MenuKey{Scope: "chat:" + strconv.Itoa(chatBudi)}); got != nil {
		t.Errorf("staff chat got its own menu: %s", menuNames(got))
	}

	help = rina.say("/bantuan").Text
	for _, w := range []string{"/persetujuan — ", "/ikm — ", "/poster — "} {
		contains(t, help, w)
	}
	menu := menuNames(h.api.Menu(telegramtest.MenuKey{Scope: "chat:" + strconv.Itoa(chatRina)}))
	for _, w := range []string{"lapor", "persetujuan", "ikm", "poster", "batal"} {
		if !strings.Contains(" "+menu+" ", " "+w+" ") {
			t.Errorf("the admin's chat menu %q lacks %s", menu, w)
		}
	}
	// A staff member typing an admin command is told it is not theirs.
	contains(t, budi.say("/ikm").Text, "hanya untuk admin")
}
