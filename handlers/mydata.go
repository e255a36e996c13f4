package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/mydata"
)

// myDataEvery is how often a person may download their own data.
const myDataEvery = time.Hour

// Limiter admits an action at most once a period per key. It does I/O
// (Redis in the wiring) and is safe for concurrent use.
type Limiter interface {
	// Once reports whether the action named key may run now for holder
	// (the update asking): yes when the key was free, which it then holds
	// for every, or when holder holds it already (the same update handled
	// again after a crash). When no, it returns the time the key frees.
	Once(ctx context.Context, key, holder string, every time.Duration) (bool, time.Time, error)
}

// myData answers /dataku: the person's own data as a document, made when
// the reply is sent (package mydata), at most once an hour.
func (r *Router) myData(ctx context.Context, c *call) (conversation.Outcome, error) {
	ok, until, err := r.myDataAllowed(ctx, c)
	if err != nil {
		return conversation.Outcome{}, err
	}
	if !ok {
		return r.myDataLater(ctx, c, until)
	}
	list, err := r.store.ListActivities(ctx, c.emp.NIP, "0000-01-01", "9999-12-31")
	if err != nil {
		return conversation.Outcome{}, fmt.Errorf("list activities: %w", err)
	}
	name := "dataku-" + c.in.Now.UTC().Format("2006-01-02") + ".json"
	out := reply(c, c.t(i18n.MyDataReady, len(list), name), menuKeyboard(c))
	out.Replies[0].Document = &bot.Document{Name: name, MIME: mydata.MIME, Ref: mydata.Ref(c.emp.NIP, c.lang)}
	return out, nil
}

// myDataLater refuses /dataku until the time it may be asked again.
func (r *Router) myDataLater(ctx context.Context, c *call, until time.Time) (conversation.Outcome, error) {
	text, err := r.laterText(ctx, c, i18n.MyDataLimit, until)
	if err != nil {
		return conversation.Outcome{}, err
	}
	return reply(c, text, menuKeyboard(c)), nil
}

// laterText is the refusal k of something limited until a time, told in
// the person's unit's zone.
func (r *Router) laterText(ctx context.Context, c *call, k i18n.Key, until time.Time) (string, error) {
	loc, err := r.zone(ctx, c.emp.UnitCode)
	if err != nil {
		return "", err
	}
	return c.t(k, until.In(loc).Format("15.04")), nil
}

// myDataAllowed asks the limiter whether the person may download their
// data now.
func (r *Router) myDataAllowed(ctx context.Context, c *call) (bool, time.Time, error) {
	return r.once(ctx, c, "mydata:"+c.emp.NIP, myDataEvery)
}

// once asks the limiter, when there is one, whether the action key may
// run now for this update (Limiter.Once).
func (r *Router) once(ctx context.Context, c *call, key string, every time.Duration) (bool, time.Time, error) {
	if r.opt.Limits == nil {
		return true, time.Time{}, nil
	}
	ok, until, err := r.opt.Limits.Once(ctx, key, string(c.u.Platform)+":"+c.u.ID, every)
	if err != nil {
		return false, time.Time{}, fmt.Errorf("limit %s: %w", strings.SplitN(key, ":", 2)[0], err)
	}
	return ok, until, nil
}
