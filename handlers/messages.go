package handlers

import (
	"strings"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// profile is what greetings and /profil show of a person.
type profile struct {
	Name, NIP, Unit, Position, Supervisor string
	Roles                                 []string
}

// profileText is /profil: the person's details, one a line.
func profileText(c *call, p profile) string {
	return c.t(i18n.ProfileText, p.Name, p.NIP, p.Unit, p.Position, p.Supervisor, strings.Join(p.Roles, ", "))
}

// either is yes when cond holds, else no: the key of a text that comes in
// two forms.
func either(cond bool, yes, no i18n.Key) i18n.Key {
	if cond {
		return yes
	}
	return no
}
