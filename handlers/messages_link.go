package handlers

import (
	"time"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/linkcode"
)

// codeHours is how long a code is valid, in hours, as the texts say it.
const codeHours = int(linkcode.TTL / time.Hour)

// askCodeText asks for a code where no number can prove who one is.
func askCodeText(c *call) string { return c.t(i18n.LinkAskCode, c.t(i18n.LinkCodeExample), codeHours) }

// codeUsage explains /kode NIP KODE.
func codeUsage(c *call) string {
	return c.t(i18n.LinkCodeUsage, c.t(i18n.LinkCodeExample), linkcode.Digits)
}

// codeWrongText refuses a wrong code that left tries.
func codeWrongText(c *call, left int) string {
	return c.t(either(left == 1, i18n.LinkCodeWrongOne, i18n.LinkCodeWrong), left)
}
