package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/ikm"
	"github.com/kinerjabot/kinerjabot/poster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// ikmReport answers /ikm [UNIT] [FROM] [TO] for admins: the unit's IKM from
// January 1st to today by default.
func (r *Router) ikmReport(ctx context.Context, c *call) (conversation.Outcome, error) {
	args := strings.Fields(c.u.Args)
	code := c.emp.UnitCode
	if len(args) > 0 {
		code = args[0]
	}
	today, err := r.today(ctx, c)
	if err != nil {
		return conversation.Outcome{}, err
	}
	from, to := fmt.Sprintf("%d-01-01", today.Year()), today.Format(time.DateOnly)
	if len(args) > 1 {
		from = args[1]
	}
	if len(args) > 2 {
		to = args[2]
	}
	if _, err := time.Parse(time.DateOnly, from); err != nil || len(args) > 3 {
		return reply(c, c.t(i18n.IKMUsage), menuKeyboard(c)), nil
	}
	if _, err := time.Parse(time.DateOnly, to); err != nil {
		return reply(c, c.t(i18n.IKMUsage), menuKeyboard(c)), nil
	}
	u, refusal, err := r.branchUnit(ctx, c, code)
	if refusal != "" || err != nil {
		return reply(c, refusal, menuKeyboard(c)), err
	}
	rep, err := ikm.Build(ctx, r.store, u, from, to, 20)
	if err != nil {
		return conversation.Outcome{}, err
	}
	return reply(c, rep.Text(string(c.lang)), menuKeyboard(c)), nil
}

// posterReply sends an admin the survey poster of a unit, as a photo:
// /poster [UNIT] [LOKET] [cepat]. The image is made when sent (LoadMedia).
func (r *Router) posterReply(ctx context.Context, c *call) (conversation.Outcome, error) {
	args := strings.Fields(c.u.Args)
	code, counter, quick := c.emp.UnitCode, 0, false
	for i, a := range args {
		switch n, err := strconv.Atoi(a); {
		case err == nil && n > 0:
			counter = n
		case strings.EqualFold(a, "cepat") || strings.EqualFold(a, "quick"):
			quick = true
		case i == 0:
			code = a
		}
	}
	if _, refusal, err := r.branchUnit(ctx, c, code); refusal != "" || err != nil {
		return reply(c, refusal, menuKeyboard(c)), err
	}
	name := ""
	if r.opt.BotUsername != nil {
		name = r.opt.BotUsername()
	}
	link, err := poster.DeepLink(name, code, counter, quick)
	if err != nil {
		return reply(c, c.t(i18n.PosterNoBot), menuKeyboard(c)), nil
	}
	payload, _ := poster.Payload(code, counter, quick)
	out := reply(c, link, menuKeyboard(c))
	out.Replies[0].Photo = &bot.Photo{EvidenceID: posterMedia + payload + ":" + name, MIME: "image/png"}
	return out, nil
}

// branchUnit finds the unit an admin command names, if it lies in the
// admin's branch (their unit or a unit below it): the one scope rule of the
// admin commands. A non-empty refusal answers the admin.
func (r *Router) branchUnit(ctx context.Context, c *call, code string) (storage.Unit, string, error) {
	u, err := r.store.GetUnit(ctx, code)
	if errors.Is(err, storage.ErrNotFound) {
		return u, c.t(i18n.IKMUnknownUnit), nil
	}
	if err != nil {
		return u, "", fmt.Errorf("get unit: %w", err)
	}
	within, err := r.unitWithin(ctx, u.Code, c.emp.UnitCode)
	if err != nil || within {
		return u, "", err
	}
	r.log.Warn("admin command refused: unit outside the admin's branch", "chat", c.u.Chat().String(),
		"unit", truncate(code, 20), "by_nip", ident.MaskNIP(c.emp.NIP))
	return u, c.t(i18n.IKMOutsideBranch, u.Code), nil
}

// posterMedia prefixes the media id of a poster made on demand.
const posterMedia = "poster:"

// posterPNG renders the poster named by a media id "poster:<payload>:<bot>".
func (r *Router) posterPNG(ctx context.Context, id string) ([]byte, error) {
	payload, botName, _ := strings.Cut(strings.TrimPrefix(id, posterMedia), ":")
	code, counter, quick, ok := poster.ParsePayload(payload)
	if !ok {
		return nil, fmt.Errorf("bad poster id %q", id)
	}
	u, err := r.store.GetUnit(ctx, code)
	if err != nil {
		return nil, fmt.Errorf("get unit: %w", err)
	}
	link, err := poster.DeepLink(botName, code, counter, quick)
	if err != nil {
		return nil, err
	}
	return poster.Poster{UnitName: u.Name, Counter: counter, Link: link, Quick: quick, Lang: r.opt.Language}.PNG()
}
