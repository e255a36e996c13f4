package handlers

import (
	"context"
	"errors"
	"fmt"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Registration binds a chat account to one roster entry, proven by the phone
// number the platform vouches for: on Telegram a shared contact whose user
// id is the sender's own. Typing a NIP or a number proves nothing.
const (
	flowRegister      = "register"
	stateAwaitContact = "await_contact"
)

func (r *Router) askContact(c *call) conversation.Outcome {
	return conversation.Outcome{
		Next:    conversation.Session{Flow: flowRegister, State: stateAwaitContact, Lang: c.in.Session.Lang},
		Replies: []bot.Reply{{Text: c.m.AskContact, Keyboard: contactKeyboard(c)}},
	}
}

func contactKeyboard(c *call) [][]bot.KeyButton {
	return [][]bot.KeyButton{{{Label: c.m.ShareContactButton, RequestContact: true}}}
}

func (r *Router) awaitContact(ctx context.Context, c *call) (conversation.Outcome, error) {
	if c.u.Kind == bot.KindContact {
		return r.contact(ctx, c)
	}
	if isCommand(c.u, "start") {
		return r.askContact(c), nil
	}
	return conversation.Outcome{
		Next:    c.in.Session,
		Replies: []bot.Reply{{Text: c.m.ContactExpected, Keyboard: contactKeyboard(c)}},
	}, nil
}

// contact checks a shared contact and links the account when it proves a
// roster entry.
func (r *Router) contact(ctx context.Context, c *call) (conversation.Outcome, error) {
	stay := conversation.Session{Flow: flowRegister, State: stateAwaitContact, Lang: c.in.Session.Lang}
	ct := c.u.Contact
	if ct == nil || ct.UserID == "" || ct.UserID != c.u.UserID {
		r.log.Info("registration refused: contact is not the sender's own", "chat", c.u.Chat().String())
		return conversation.Outcome{Next: stay, Replies: []bot.Reply{{Text: c.m.ContactNotOwn, Keyboard: contactKeyboard(c)}}}, nil
	}
	phone, err := ident.NormalizePhone(ct.Phone)
	if err != nil {
		r.log.Info("registration refused: not an Indonesian mobile number", "chat", c.u.Chat().String(), "phone", ident.MaskPhone(ct.Phone))
		return end(c, c.m.PhoneInvalid), nil
	}
	emp, err := r.store.EmployeeByPhone(ctx, phone)
	if errors.Is(err, storage.ErrNotFound) {
		r.log.Info("registration refused: number not on the roster", "chat", c.u.Chat().String(), "phone", ident.MaskPhone(phone))
		return end(c, c.m.PhoneUnknown(ident.MaskPhone(phone))), nil
	}
	if err != nil {
		return conversation.Outcome{}, fmt.Errorf("find employee by phone: %w", err)
	}
	if !emp.Active {
		r.log.Info("registration refused: employee inactive", "chat", c.u.Chat().String(), "nip", ident.MaskNIP(emp.NIP))
		return end(c, c.m.Inactive), nil
	}
	return r.link(ctx, c, emp)
}

func (r *Router) link(ctx context.Context, c *call, emp storage.Employee) (conversation.Outcome, error) {
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
		Replies: []bot.Reply{{Text: c.m.Welcome(p), Keyboard: menuKeyboard(c)}},
	}
	if old, ok := emp.Accounts[platform]; ok && old.UserID != acc.UserID {
		out.Replies = append(out.Replies, bot.Reply{
			Chat: bot.ChatKey{Platform: c.u.Platform, ChatID: old.ChatID},
			Text: c.m.AccountMoved(platform), RemoveKeyboard: true,
		})
	}
	r.log.Info("chat account linked", "chat", c.u.Chat().String(), "nip", ident.MaskNIP(emp.NIP))
	return out, nil
}

func (r *Router) profile(ctx context.Context, c *call) (conversation.Outcome, error) {
	p, err := r.profileOf(ctx, c, *c.emp)
	if err != nil {
		return conversation.Outcome{}, err
	}
	return reply(c, c.m.Profile(p), menuKeyboard(c)), nil
}

// profileOf gathers what greetings and /profil show: unit and supervisor
// names, and the person's roles.
func (r *Router) profileOf(ctx context.Context, c *call, e storage.Employee) (profile, error) {
	p := profile{Name: e.Name, NIP: ident.FormatNIP(e.NIP), Unit: e.UnitCode, Position: e.Position, Supervisor: c.m.NoSupervisor}
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
	subs, err := r.store.ListSubordinates(ctx, e.NIP)
	if err != nil {
		return p, fmt.Errorf("list subordinates: %w", err)
	}
	p.Roles = []string{c.m.RolePegawai}
	if len(subs) > 0 {
		p.Roles = append(p.Roles, c.m.RoleAtasan)
		c.decides = true
	}
	if e.IsAdmin() {
		p.Roles = append(p.Roles, c.m.RoleAdmin)
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
