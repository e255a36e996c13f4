package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/onboarding"
	"github.com/kinerjabot/kinerjabot/poster"
)

// runPanduan writes the printable one-page guides (PDF), one per role:
// kinerjabot panduan [--role pegawai|atasan|admin|warga] [--bot NAME]
// [--unit CODE] [--out DIR]. Without --role, all four. The citizens'
// guide carries the unit's survey link when --unit is given.
func runPanduan(_ context.Context, args []string, cfg config.Config, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("panduan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	role := fs.String("role", "", "pegawai, atasan, admin or warga (default: all four)")
	botName := fs.String("bot", cfg.TelegramBotUsername, "the bot's Telegram username (default TELEGRAM_BOT_USERNAME)")
	unit := fs.String("unit", "", "for warga: the unit whose survey the QR code opens")
	out := fs.String("out", ".", "directory to write the PDFs to")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: kinerjabot panduan [--role pegawai|atasan|admin|warga] [--bot USERNAME] [--unit CODE] [--out DIR]")
		return 2
	}
	roles := onboarding.GuideRoles
	if *role != "" {
		r, err := onboarding.ParseGuideRole(*role)
		if err != nil {
			fmt.Fprintf(stderr, "kinerjabot: %v\n", err)
			return 2
		}
		roles = []onboarding.GuideRole{r}
	}
	for _, r := range roles {
		link, err := guideLink(r, *botName, *unit)
		if err != nil {
			fmt.Fprintf(stderr, "kinerjabot: %v (set --bot or TELEGRAM_BOT_USERNAME to the bot's username)\n", err)
			return 2
		}
		pdf, err := onboarding.Guide(r, botLang(cfg), link).PDF()
		path := filepath.Join(*out, "panduan-"+string(r)+".pdf")
		if err == nil {
			err = os.WriteFile(path, pdf, 0o644)
		}
		if err != nil {
			fmt.Fprintf(stderr, "kinerjabot: guide %s: %v\n", r, err)
			return 1
		}
		fmt.Fprintln(stdout, path)
	}
	return 0
}

// guideLink is the link a role's QR code opens: the bot, or for citizens
// with a unit, its survey.
func guideLink(r onboarding.GuideRole, bot, unit string) (string, error) {
	if r == onboarding.GuideCitizen && unit != "" {
		return poster.DeepLink(bot, unit, 0, false)
	}
	return poster.BotLink(bot)
}
