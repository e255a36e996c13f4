package handlers

import (
	"context"
	"errors"
	"fmt"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Registration binds a chat account to one roster entry. What proves it:
//   - a phone number the platform vouches for as the sender's: on Telegram
//     a shared contact whose user id is the sender's own; on WhatsApp the
//     sender's own number (bot.Update.Phone), with no contact to share;
//   - where no number can be had (a WhatsApp account known only by its
//     LID), a one-time code an admin issued for the NIP (linkcode.go).
//
// Typing a NIP or a number proves nothing. Both proofs by number end in
// byPhone, and every proof in enroll.
const flowRegister flowName = "register"

// registerState is a step of registration: there is one.
type registerState string

const stateAwaitContact registerState = "await_contact"

// askContact answers a chat that is not registered. A code sent is
// redeemed, a number the platform vouches for registers at once, and
// otherwise it asks for the proof the platform allows. It reads nothing:
// redeeming a code and registering by the platform's number are effects
// (RedeemLinkCode, RegisterByPhone) that answer from what they find.
// A code comes first: it is how someone whose WhatsApp number is not the
// one on the roster registers.
func (r *Router) askContact(c *call) conversation.Outcome {
	if args, ok := codeRequest(c.u); ok {
		return r.redeemRequest(c, args)
	}
	if c.u.Phone != "" {
		return conversation.Outcome{
			Next:    conversation.Session{Lang: c.in.Session.Lang},
			Effects: []conversation.Effect{RegisterByPhone{Phone: c.u.Phone}},
		}
	}
	return conversation.Outcome{Next: awaitingContact(c), Replies: []bot.Reply{proofRequest(c, c.t(i18n.RegAskContact))}}
}

func awaitingContact(c *call) conversation.Session {
	return conversation.Session{Flow: string(flowRegister), State: string(stateAwaitContact), Lang: c.in.Session.Lang}
}

// proofRequest asks for a shared contact with text, or on WhatsApp, where
// a contact proves nothing and the platform gave no number, for a code.
func proofRequest(c *call, text string) bot.Reply {
	if c.u.Platform == bot.WhatsApp {
		return bot.Reply{Text: askCodeText(c)}
	}
	return bot.Reply{Text: text, Keyboard: contactKeyboard(c)}
}

func contactKeyboard(c *call) [][]bot.KeyButton {
	return [][]bot.KeyButton{{{Label: c.t(i18n.RegShareContact), RequestContact: true}}}
}

func (r *Router) awaitContact(ctx context.Context, c *call, _ registerState) (conversation.Outcome, error) {
	if c.u.Kind == bot.KindContact {
		return r.contact(ctx, c)
	}
	if _, code := codeRequest(c.u); code || c.u.Phone != "" || isCommand(c.u, "start") {
		return r.askContact(c), nil
	}
	return conversation.Outcome{Next: c.in.Session, Replies: []bot.Reply{proofRequest(c, c.t(i18n.RegContactExpected))}}, nil
}

// contact checks that a shared contact is the sender's own, then registers
// by its number.
func (r *Router) contact(ctx context.Context, c *call) (conversation.Outcome, error) {
	ct := c.u.Contact
	if ct == nil || ct.UserID == "" || ct.UserID != c.u.UserID {
		r.log.Info("registration refused: contact is not the sender's own", "chat", c.u.Chat().String())
		return conversation.Outcome{Next: awaitingContact(c), Replies: []bot.Reply{{Text: c.t(i18n.RegContactNotOwn), Keyboard: contactKeyboard(c)}}}, nil
	}
	return r.byPhone(ctx, c, ct.Phone, viaContact)
}

// How a registration was proven, for logs (and, for viaPlatform, the
// wording of refusals).
const (
	viaContact  = "contact"
	viaPlatform = "platform_number"
	viaCode     = "code"
)

// byPhone registers the sender by a number vouched for as theirs (a shared
// contact's, or the platform's): an Indonesian mobile number on the roster.
// A refusal of the platform's own number also tells of the code route.
func (r *Router) byPhone(ctx context.Context, c *call, raw, via string) (conversation.Outcome, error) {
	phone, err := ident.NormalizePhone(raw)
	if err != nil {
		r.log.Info("registration refused: not an Indonesian mobile number", "chat", c.u.Chat().String(), "via", via, "phone", ident.MaskPhone(raw))
		if via == viaPlatform {
			return end(c, c.t(i18n.LinkOwnPhoneInvalid, ident.MaskPhone(raw))+"\n\n"+c.t(i18n.LinkCodeHint)), nil
		}
		return end(c, c.t(i18n.RegPhoneInvalid)), nil
	}
	emp, err := r.store.EmployeeByPhone(ctx, phone)
	if errors.Is(err, storage.ErrNotFound) {
		r.log.Info("registration refused: number not on the roster", "chat", c.u.Chat().String(), "via", via, "phone", ident.MaskPhone(phone))
		text := c.t(i18n.RegPhoneUnknown, ident.MaskPhone(phone))
		if via == viaPlatform {
			text += "\n\n" + c.t(i18n.LinkCodeHint)
		}
		return end(c, text), nil
	}
	if err != nil {
		return conversation.Outcome{}, fmt.Errorf("find employee by phone: %w", err)
	}
	return r.enroll(ctx, c, emp, via)
}

// enroll links the sender to a proven roster entry, unless it is inactive.
func (r *Router) enroll(ctx context.Context, c *call, emp storage.Employee, via string) (conversation.Outcome, error) {
	if !emp.Active {
		r.log.Info("registration refused: employee inactive", "chat", c.u.Chat().String(), "via", via, "nip", ident.MaskNIP(emp.NIP))
		return end(c, c.t(i18n.RegInactive)), nil
	}
	return r.link(ctx, c, emp, via)
}

func (r *Router) link(ctx context.Context, c *call, emp storage.Employee, via string) (conversation.Outcome, error) {
	p, err := r.profileOf(ctx, c, emp)
	if err != nil {
		return conversation.Outcome{}, err
	}
	platform := string(c.u.Platform)
	acc := storage.Account{UserID: c.u.UserID, ChatID: c.u.ChatID, LinkedAt: c.in.Now.UTC()}
	c.emp = &emp
	out := conversation.Outcome{
		Next:    conversation.Session{Lang: c.in.Session.Lang},
		Effects: []conversation.Effect{LinkAccount{NIP: emp.NIP, Platform: platform, Account: acc}},
		Replies: []bot.Reply{{Text: c.t(i18n.RegWelcome, p.Name, profileText(c, p)), Keyboard: menuKeyboard(c), Menu: chatMenu(c)}, introReply(c)},
	}
	if old, ok := emp.Accounts[platform]; ok && old.UserID != acc.UserID {
		out.Replies = append(out.Replies, bot.Reply{
			Chat: bot.ChatKey{Platform: c.u.Platform, ChatID: old.ChatID},
			Text: c.t(i18n.RegAccountMoved, platform), RemoveKeyboard: true,
		})
	}
	r.log.Info("chat account linked", "chat", c.u.Chat().String(), "via", via, "nip", ident.MaskNIP(emp.NIP))
	return out, nil
}

func (r *Router) profile(ctx context.Context, c *call) (conversation.Outcome, error) {
	p, err := r.profileOf(ctx, c, *c.emp)
	if err != nil {
		return conversation.Outcome{}, err
	}
	return reply(c, profileText(c, p), menuKeyboard(c)), nil
}

// profileOf gathers what greetings and /profil show: unit and supervisor
// names, and the person's roles.
func (r *Router) profileOf(ctx context.Context, c *call, e storage.Employee) (profile, error) {
	p := profile{Name: e.Name, NIP: ident.FormatNIP(e.NIP), Unit: e.UnitCode, Position: e.Position, Supervisor: c.t(i18n.ProfileNoSupervisor)}
	u, err := r.store.GetUnit(ctx, e.UnitCode)
	switch {
	case err == nil:
		p.Unit = u.Name
	case !errors.Is(err, storage.ErrNotFound):
		return p, fmt.Errorf("get unit: %w", err)
	}
	if e.SupervisorNIP != "" {
		s, err := r.store.GetEmployee(ctx, e.SupervisorNIP)
		switch {
		case err == nil:
			p.Supervisor = s.Name
		case !errors.Is(err, storage.ErrNotFound):
			return p, fmt.Errorf("get supervisor: %w", err)
		}
	}
	decides, err := r.store.HasSubordinates(ctx, e.NIP)
	if err != nil {
		return p, fmt.Errorf("has subordinates: %w", err)
	}
	p.Roles = []string{c.t(i18n.RoleStaff)}
	if decides {
		p.Roles = append(p.Roles, c.t(i18n.RoleSupervisor))
		c.decides = true
	}
	if e.IsAdmin() {
		p.Roles = append(p.Roles, c.t(i18n.RoleAdmin))
	}
	return p, nil
}

// end closes the registration attempt with a message.
func end(c *call, text string) conversation.Outcome {
	return conversation.Outcome{
		Next:    conversation.Session{Lang: c.in.Session.Lang},
		Replies: []bot.Reply{{Text: text, RemoveKeyboard: true}},
	}
}
