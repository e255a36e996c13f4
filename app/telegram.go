package app

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
	"github.com/kinerjabot/kinerjabot/handlers"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/metrics"
	"github.com/kinerjabot/kinerjabot/outbound"
)

// startTelegram builds the Telegram adapter when a token is set, registers
// it (behind the outbound queue that keeps to Telegram's rate limits) as the
// engine's sender and its downloader, and mounts its webhook.
func (a *App) startTelegram(ctx context.Context) error {
	cfg, log := a.cfg, a.log
	if cfg.TelegramToken == "" {
		log.Info("Telegram is off: set TELEGRAM_TOKEN to a token from @BotFather to turn it on " +
			"(and TELEGRAM_API_URL for a self-hosted Bot API server)")
		return nil
	}
	defaultMenu, menus := telegramMenus(cfg.BotLanguage)
	tg, err := telegram.New(ctx, telegram.Options{
		Token: cfg.TelegramToken, APIURL: cfg.TelegramAPIURL, Mode: cfg.TelegramMode,
		WebhookURL: cfg.TelegramWebhookURL, WebhookSecret: cfg.TelegramWebhookSecret,
		Commands: defaultMenu, LanguageCommands: menus,
	}, log.With("platform", "telegram"))
	if err != nil {
		return fmt.Errorf("start Telegram: %w", err)
	}
	blocks := outbound.NewBlockList(a.rdb, cfg.RedisPrefix+"outbound:blocked", log)
	out := outbound.New(tg, withBlockList(outbound.Options{
		Platform: bot.Telegram, Log: log.With("platform", "telegram"),
		OnSent: a.metrics.OutboundSent, OnDropped: a.metrics.OutboundDropped, OnRateLimited: a.metrics.OutboundRateLimited,
		PerSecond: cfg.TelegramPerSecond, PerChatInterval: cfg.TelegramPerChatInterval,
	}, blocks, a.metrics))
	a.engine.AddSender(bot.Telegram, out)
	if cfg.Webhook() {
		a.hooks["POST "+cfg.WebhookPath()] = a.metrics.Webhook(bot.Telegram, tg.WebhookHandler(a.engine))
	}
	a.telegram, a.telegramOut = tg, out
	a.media[bot.Telegram] = tg
	a.queues = append(a.queues, out)
	if !a.set.sendOnly {
		a.adapters = append(a.adapters, tg)
	}
	log.Info("Telegram is on", "bot", "@"+tg.Username(), "mode", cfg.TelegramMode)
	return nil
}

// telegramMenus are the bot's default command menu, in the bot's language,
// and one per language for people whose Telegram app uses it: staff's
// commands from the handlers' command table (supervisors and admins get
// their own menu in their chat, see handlers.Menu).
func telegramMenus(lang string) ([]telegram.Command, map[string][]telegram.Command) {
	menu := func(l i18n.Lang) []telegram.Command {
		var out []telegram.Command
		for _, c := range handlers.Menu(l, false, false) {
			out = append(out, telegram.Command(c))
		}
		return out
	}
	byLang := map[string][]telegram.Command{}
	for _, l := range i18n.Langs {
		byLang[string(l)] = menu(l)
	}
	return menu(i18n.Lang(lang).Or(i18n.ID)), byLang
}

// withBlockList has the queue skip, across restarts and replicas, chats that
// blocked the bot (a Redis set), until the person writes again.
func withBlockList(o outbound.Options, blocks *outbound.BlockList, m *metrics.Metrics) outbound.Options {
	o.Blocked, o.OnUnblocked = blocks.Blocked, blocks.Remove
	o.OnBlocked = func(ctx context.Context, c bot.ChatKey) {
		m.OutboundBlocked(c.Platform)
		blocks.Add(ctx, c)
	}
	return o
}
