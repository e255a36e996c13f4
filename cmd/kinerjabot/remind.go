package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kinerjabot/kinerjabot/app"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/scheduler"
	"github.com/kinerjabot/kinerjabot/storage"
)

// runRemind is `kinerjabot remind --dry-run [--unit X] [--at TIME]`: who
// would get what at that moment (now by default), for admins to check the
// rules. It sends and records nothing.
func runRemind(ctx context.Context, args []string, cfg config.Config, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("remind", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dry := fs.Bool("dry-run", false, "print who would get what; send nothing")
	unit := fs.String("unit", "", "only this unit's people")
	at := fs.String("at", "", "the moment to check: YYYY-MM-DD HH:MM or HH:MM (today), in the unit's time zone "+
		"(with --unit) or DEFAULT_TIMEZONE")
	usage := "usage: kinerjabot remind --dry-run [--unit CODE] [--at \"YYYY-MM-DD HH:MM\"]\n"
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	if !*dry {
		fmt.Fprint(stderr, "kinerjabot remind: only --dry-run is offered; `kinerjabot serve` sends the reminders.\n"+usage)
		return 2
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := app.OpenStore(ctx, cfg, log)
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
		return 1
	}
	defer st.Close(context.WithoutCancel(ctx))
	zone := cfg.DefaultTimezone
	if *unit != "" {
		u, err := st.GetUnit(ctx, *unit)
		if errors.Is(err, storage.ErrNotFound) {
			fmt.Fprintf(stderr, "kinerjabot: no unit %q (see import-units)\n", *unit)
			return 2
		}
		if err != nil {
			fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
			return 1
		}
		zone = u.Timezone
	}
	when, err := parseAt(*at, zone, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: --at: %v\n%s", err, usage)
		return 2
	}
	s, err := scheduler.New(st, nil, nil, app.SchedulerOptions(cfg, log, func() time.Time { return when }))
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
		return 1
	}
	items, err := s.Plan(ctx, when, *unit)
	if err != nil {
		fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
		return 1
	}
	printPlan(ctx, stdout, st, cfg, when, items)
	return 0
}

// parseAt reads --at in zone: "YYYY-MM-DD HH:MM", "YYYY-MM-DDTHH:MM" or
// "HH:MM" (today); empty is now.
func parseAt(s, zone string, now time.Time) (time.Time, error) {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return time.Time{}, err
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return now, nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15.04"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, nil
		}
	}
	if m, err := config.ClockMinutes(s); err == nil {
		d := now.In(loc)
		return time.Date(d.Year(), d.Month(), d.Day(), m/60, m%60, 0, 0, loc), nil
	}
	return time.Time{}, fmt.Errorf("want \"YYYY-MM-DD HH:MM\" or HH:MM, got %q", s)
}

func printPlan(ctx context.Context, w io.Writer, st storage.Store, cfg config.Config, when time.Time, items []scheduler.Item) {
	l := botLang(cfg)
	fmt.Fprintf(w, "%s\n\n", l.T(i18n.CLIPlanHeading, when.Format("2006-01-02 15:04 MST")))
	if len(items) == 0 {
		fmt.Fprintln(w, l.T(i18n.CLIPlanNothing))
		return
	}
	skips := map[string]string{scheduler.SkipNoAccount: l.T(i18n.CLIPlanSkipNoAccount),
		scheduler.SkipRemindersOff: l.T(i18n.CLIPlanSkipRemindersOff), scheduler.SkipInactive: l.T(i18n.CLIPlanSkipInactive),
		scheduler.SkipDigestOff: l.T(i18n.CLIPlanSkipDigestOff)}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, l.T(i18n.CLIPlanColumns))
	send := 0
	for _, it := range items {
		status := l.T(i18n.CLIPlanSend)
		switch {
		case it.Skip != "":
			status = skips[it.Skip]
		default:
			if r, err := st.GetReminder(ctx, it.Key); err == nil {
				status = l.T(i18n.CLIPlanAlready, string(r.Status))
			} else {
				send++
			}
		}
		to := "-"
		if it.Reply.Chat.Platform != "" {
			to = string(it.Reply.Chat.Platform)
		}
		first, _, _ := strings.Cut(it.Reply.Text, "\n")
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", it.Kind, ident.MaskNIP(it.NIP), it.Name, it.Unit, to, status, first)
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%s\n", l.T(i18n.CLIPlanTotal, len(items), send))
}
