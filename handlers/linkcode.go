package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/linkcode"
	"github.com/kinerjabot/kinerjabot/storage"
)

// RegisterByPhone registers the update's sender by the number the platform
// vouches for as theirs (bot.Update.Phone), with the checks and answers of
// a shared contact. It is an effect because the router reaches an
// unregistered chat without I/O (askContact); its Apply reads the roster
// and links. Idempotent, as LinkAccount is.
type RegisterByPhone struct{ Phone string }

// RedeemLinkCode redeems the code (its hash) given for the NIP on behalf
// of the update's sender, and links them when it matches. Replayed after
// it took effect, the store recognises the same redeemer and it links
// again, so a redelivered update, or a retry after an outage between the
// redemption and the link, still ends registered.
type RedeemLinkCode struct {
	NIP      string
	CodeHash string
}

// EffectName implements conversation.Effect.
func (RegisterByPhone) EffectName() string { return "register_by_phone" }
func (RedeemLinkCode) EffectName() string  { return "redeem_link_code" }

// codeRequest finds a code sent: the command /kode or /code, or the same
// words typed without the slash. It returns what follows the word.
func codeRequest(u bot.Update) (string, bool) {
	if isCommand(u, "kode", "code") {
		return u.Args, true
	}
	if u.Kind != bot.KindText {
		return "", false
	}
	text := strings.TrimSpace(u.Text)
	word, rest := text, ""
	if i := strings.IndexFunc(text, unicode.IsSpace); i >= 0 {
		word, rest = text[:i], strings.TrimSpace(text[i:])
	}
	if w := strings.ToLower(word); w == "kode" || w == "code" {
		return rest, true
	}
	return "", false
}

// redeemRequest answers a code sent: the format explained when it cannot
// be read, else the redemption as an effect.
func (r *Router) redeemRequest(c *call, args string) conversation.Outcome {
	nip, code, err := parseCodeArgs(args)
	if err != nil {
		text := codeUsage(c)
		var nerr *ident.NIPError
		switch {
		case errors.As(err, &nerr):
			text = c.t(i18n.LinkCodeBadNIP, nerr.Message(string(c.lang)), codeUsage(c))
		case errors.Is(err, errCodeDigits):
			text = c.t(i18n.LinkCodeBadDigits, linkcode.Digits, codeUsage(c))
		}
		return conversation.Outcome{Next: awaitingContact(c), Replies: []bot.Reply{{Text: text}}}
	}
	return conversation.Outcome{
		Next:    conversation.Session{Lang: c.in.Session.Lang},
		Effects: []conversation.Effect{RedeemLinkCode{NIP: nip, CodeHash: linkcode.Hash(nip, code)}},
	}
}

var (
	errCodeMissing = errors.New("expected a NIP and a code")
	errCodeDigits  = fmt.Errorf("the code is not %d digits", linkcode.Digits)
)

// parseCodeArgs reads "NIP KODE": the NIP as ident.ParseNIP takes it
// (spaces and dots allowed), the code its last word of linkcode.Digits
// digits. Digits alone, however spaced ("19860926 201505 1 001 123 456"),
// are read as the NIP then the code. The error is errCodeMissing (a part
// is missing), an *ident.NIPError, or errCodeDigits.
func parseCodeArgs(args string) (nip, code string, err error) {
	if d := strings.Map(dropSeparator, args); len(d) == ident.NIPLen+linkcode.Digits && allDigits(d) {
		nip, err := ident.ParseNIP(d[:ident.NIPLen])
		if err != nil {
			return "", "", err
		}
		return nip, d[ident.NIPLen:], nil
	}
	f := strings.Fields(args)
	if _, err := ident.ParseNIP(args); len(f) < 2 || err == nil { // nothing, one word, or a NIP alone
		return "", "", errCodeMissing
	}
	last := f[len(f)-1]
	if nip, err = ident.ParseNIP(strings.Join(f[:len(f)-1], " ")); err != nil {
		return "", "", err
	}
	if len(last) != linkcode.Digits || !allDigits(last) {
		return "", "", errCodeDigits
	}
	return nip, last, nil
}

func dropSeparator(r rune) rune {
	if unicode.IsSpace(r) || r == '.' || r == '-' {
		return -1
	}
	return r
}

func allDigits(s string) bool {
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// redeemer names who redeems a code: "platform:user id".
func redeemer(u bot.Update) string { return string(u.Platform) + ":" + u.UserID }

// registerByPhone applies RegisterByPhone.
func (a Applier) registerByPhone(ctx context.Context, in conversation.Input, e RegisterByPhone) ([]bot.Reply, error) {
	out, err := a.r.byPhone(ctx, a.r.newCall(in), e.Phone, viaPlatform)
	if err != nil {
		return nil, err
	}
	return a.applyOutcome(ctx, in, out)
}

// redeemLinkCode applies RedeemLinkCode: a refusal is an answer, not an
// error; a match registers as any other proof does (enroll).
func (a Applier) redeemLinkCode(ctx context.Context, in conversation.Input, e RedeemLinkCode) ([]bot.Reply, error) {
	c := a.r.newCall(in)
	refuse := func(why, text string) ([]bot.Reply, error) {
		a.r.log.Info("registration refused: "+why, "chat", c.u.Chat().String(), "via", viaCode, "nip", ident.MaskNIP(e.NIP))
		return []bot.Reply{{Text: text}}, nil
	}
	lc, err := a.Store.RedeemLinkCode(ctx, e.NIP, e.CodeHash, redeemer(c.u), in.Now)
	switch {
	case err == nil:
	case errors.Is(err, storage.ErrLinkCodeWrong) && lc.TriesLeft() == 0:
		return refuse("wrong code, now locked", c.t(i18n.LinkCodeWrongLast, storage.MaxLinkCodeTries))
	case errors.Is(err, storage.ErrLinkCodeWrong):
		return refuse(fmt.Sprintf("wrong code, %d tries left", lc.TriesLeft()), codeWrongText(c, lc.TriesLeft()))
	case errors.Is(err, storage.ErrLinkCodeNone):
		return refuse("no code for the NIP", c.t(i18n.LinkCodeNone))
	case errors.Is(err, storage.ErrLinkCodeExpired):
		return refuse("code expired", c.t(i18n.LinkCodeExpired, codeHours))
	case errors.Is(err, storage.ErrLinkCodeUsed):
		return refuse("code already used", c.t(i18n.LinkCodeUsed))
	case errors.Is(err, storage.ErrLinkCodeLocked):
		return refuse("code locked", c.t(i18n.LinkCodeLocked, storage.MaxLinkCodeTries))
	default:
		return nil, err
	}
	emp, err := a.r.store.GetEmployee(ctx, e.NIP)
	if errors.Is(err, storage.ErrNotFound) {
		return refuse("NIP no longer on the roster", c.t(i18n.LinkCodeNone))
	}
	if err != nil {
		return nil, fmt.Errorf("get employee: %w", err)
	}
	out, err := a.r.enroll(ctx, c, emp, viaCode)
	if err != nil {
		return nil, err
	}
	return a.applyOutcome(ctx, in, out)
}

// applyOutcome applies the effects of an outcome reached while applying
// another effect (the link), and returns its replies.
func (a Applier) applyOutcome(ctx context.Context, in conversation.Input, out conversation.Outcome) ([]bot.Reply, error) {
	replies := out.Replies
	for _, e := range out.Effects {
		more, err := a.Apply(ctx, in, e)
		if err != nil {
			return nil, fmt.Errorf("apply %s: %w", e.EffectName(), err)
		}
		replies = append(replies, more...)
	}
	return replies, nil
}
