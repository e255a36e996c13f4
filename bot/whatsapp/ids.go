package whatsapp

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"go.mau.fi/whatsmeow"
)

// Message ids. WhatsApp drops a message whose id it already has from the
// same sender in the same chat, so a send retried with the same id (after
// whatsmeow's ErrMessageTimedOut, when the first attempt may well have gone
// through) is shown once. The id of a reply is derived from its Key
// (bot.Reply.Key, the same for every attempt); a message without a key
// gets a fresh one. Ids have whatsmeow's own form: "3EB0" and 18 hex
// digits.

// messageID is the id a message with key goes out under.
func (a *Adapter) messageID(key string) string {
	var seed []byte
	if key != "" {
		pn, _ := a.cli.OwnID()
		seed = []byte(pn.User + "@c.us\x00" + key)
	} else {
		seed = []byte(rand.Text())
	}
	sum := sha256.Sum256(seed)
	return whatsmeow.WebMessageIDPrefix + strings.ToUpper(hex.EncodeToString(sum[:9]))
}
