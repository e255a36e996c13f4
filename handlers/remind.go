package handlers

import (
	"context"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// SetReminders turns a person's staff reminders on or off. Idempotent.
type SetReminders struct {
	NIP string
	On  bool
}

// TouchAccount records that a person wrote from an account, so that
// reminders go to the platform they use. Best effort: a failure is logged,
// not the person's problem.
type TouchAccount struct {
	NIP      string
	Platform string
	At       time.Time
}

func (SetReminders) EffectName() string { return "set_reminders" }
func (TouchAccount) EffectName() string { return "touch_account" }

// touchEvery is how stale an account's last use may get before a message
// from it is recorded (a switch between platforms is recorded at once).
const touchEvery = time.Hour

// touch returns the TouchAccount effect when the account the person wrote
// from is not yet on record as the one they use.
func touch(c *call) []conversation.Effect {
	if c.emp == nil {
		return nil
	}
	platform := string(c.u.Platform)
	acc, ok := c.emp.Accounts[platform]
	if !ok || acc.UserID != c.u.UserID {
		return nil
	}
	seen := func(a storage.Account) time.Time {
		if a.LastSeenAt.After(a.LinkedAt) {
			return a.LastSeenAt
		}
		return a.LinkedAt
	}
	mine := seen(acc)
	stale := c.in.Now.Sub(mine) >= touchEvery
	for p, other := range c.emp.Accounts {
		if p != platform && !seen(other).Before(mine) {
			stale = true // another platform looks more recent
		}
	}
	if !stale {
		return nil
	}
	return []conversation.Effect{TouchAccount{NIP: c.emp.NIP, Platform: platform, At: c.in.Now.UTC()}}
}

// reminders answers /pengingat [on|off] (/reminders in English), and
// /pengingat ringkasan [on|off] (digest.go).
func (r *Router) reminders(_ context.Context, c *call) (conversation.Outcome, error) {
	arg := strings.ToLower(strings.TrimSpace(c.u.Args))
	if word, rest, _ := strings.Cut(arg, " "); digestWords[word] {
		return r.digestSetting(c, strings.TrimSpace(rest)), nil
	}
	if arg == "" {
		return reply(c, c.t(either(!c.emp.RemindersOff, i18n.RemindersStatusOn, i18n.RemindersStatusOff)), menuKeyboard(c)), nil
	}
	on, ok := onOff(arg)
	if !ok {
		return reply(c, c.t(i18n.RemindersUsage)+"\n"+c.t(i18n.DigestUsage), menuKeyboard(c)), nil
	}
	out := reply(c, c.t(either(on, i18n.RemindersSetOn, i18n.RemindersSetOff)), menuKeyboard(c))
	out.Effects = []conversation.Effect{SetReminders{NIP: c.emp.NIP, On: on}}
	r.log.Info("staff reminders set", "nip", ident.MaskNIP(c.emp.NIP), "on", on)
	return out, nil
}

// reminderButton answers the buttons under reminders: report now, open
// the approval list.
func (r *Router) reminderButton(ctx context.Context, c *call) (conversation.Outcome, error) {
	if c.emp == nil {
		return r.askContact(c), nil
	}
	if c.in.Session.Flow != "" {
		// Something is in progress: finish or cancel it first.
		return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.FinishFirst)}, nil
	}
	if _, ok := c.btn.(button.OpenApprovals); ok {
		return r.approvals(ctx, c, 0)
	}
	return r.startReport(ctx, c)
}

func (a Applier) applyReminderEffect(ctx context.Context, e conversation.Effect) (bool, error) {
	switch e := e.(type) {
	case SetReminders:
		return true, a.Store.SetReminders(ctx, e.NIP, e.On)
	case SetDigest:
		return true, a.Store.SetDigest(ctx, e.NIP, e.On)
	case TouchAccount:
		if err := a.Store.TouchAccount(ctx, e.NIP, e.Platform, e.At); err != nil {
			a.r.log.Warn("last use of account not recorded", "nip", ident.MaskNIP(e.NIP), "platform", e.Platform, "err", err)
		}
		return true, nil
	}
	return false, nil
}
