package handlers

import (
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
)

// SetDigest turns a person's weekly digest on or off. Idempotent.
type SetDigest struct {
	NIP string
	On  bool
}

func (SetDigest) EffectName() string { return "set_digest" }

// digestWords name the weekly digest after /pengingat.
var digestWords = map[string]bool{"ringkasan": true, "digest": true, "mingguan": true, "weekly": true}

// onOff reads an on or off argument, in either language.
func onOff(arg string) (on, ok bool) {
	switch arg {
	case "on", "aktif", "nyala", "hidup", "ya":
		return true, true
	case "off", "mati", "nonaktif", "tidak":
		return false, true
	}
	return false, false
}

// digestSetting answers /pengingat ringkasan [on|off]: the weekly digest
// unit heads and admins get on Monday (scheduler.KindWeekly).
func (r *Router) digestSetting(c *call, arg string) conversation.Outcome {
	if arg == "" {
		return reply(c, c.t(either(!c.emp.DigestOff, i18n.DigestStatusOn, i18n.DigestStatusOff)), menuKeyboard(c))
	}
	on, ok := onOff(arg)
	if !ok {
		r.log.Info("weekly digest setting not understood", "nip", ident.MaskNIP(c.emp.NIP))
		return reply(c, c.t(i18n.DigestUsage), menuKeyboard(c))
	}
	out := reply(c, c.t(either(on, i18n.DigestSetOn, i18n.DigestSetOff)), menuKeyboard(c))
	out.Effects = []conversation.Effect{SetDigest{NIP: c.emp.NIP, On: on}}
	r.log.Info("weekly digest set", "nip", ident.MaskNIP(c.emp.NIP), "on", on)
	return out
}
