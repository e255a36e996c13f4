package handlers

import (
	"context"
	"fmt"
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

// myDataLater refuses /dataku until the time it may be asked again, told
// in the person's unit's zone.
func (r *Router) myDataLater(ctx context.Context, c *call, until time.Time) (conversation.Outcome, error) {
	loc, err := r.zone(ctx, c.emp.UnitCode)
	if err != nil {
		return conversation.Outcome{}, err
	}
	return reply(c, c.t(i18n.MyDataLimit, until.In(loc).Format("15.04")), menuKeyboard(c)), nil
}

// myDataAllowed asks the limiter, when there is one, whether the person
// may download their data now.
func (r *Router) myDataAllowed(ctx context.Context, c *call) (bool, time.Time, error) {
	if r.opt.Limits == nil {
		return true, time.Time{}, nil
	}
	ok, until, err := r.opt.Limits.Once(ctx, "mydata:"+c.emp.NIP, string(c.u.Platform)+":"+c.u.ID, myDataEvery)
	if err != nil {
		return false, time.Time{}, fmt.Errorf("mydata limit: %w", err)
	}
	return ok, until, nil
}
