package app

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
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
	tg, err := telegram.New(ctx, telegram.Options{
		Token: cfg.TelegramToken, APIURL: cfg.TelegramAPIURL, Mode: cfg.TelegramMode,
		WebhookURL: cfg.TelegramWebhookURL, WebhookSecret: cfg.TelegramWebhookSecret,
		Commands: a.set.commands(cfg.BotLanguage),
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
		a.hooks["POST "+cfg.WebhookPath()] = tg.WebhookHandler(a.engine)
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

// telegramCommands is the command menu given to Telegram at start, by bot
// language (WithTelegramCommands replaces it).
func telegramCommands(lang string) []telegram.Command {
	if lang == "en" {
		return []telegram.Command{
			{Name: "start", Description: "Register or show the menu"},
			{Name: "menu", Description: "Main menu"},
			{Name: "lapor", Description: "Report today's activity"},
			{Name: "laporanku", Description: "My reports of the last 7 days"},
			{Name: "rekap", Description: "This month's recap"},
			{Name: "persetujuan", Description: "Reports waiting for my approval"},
			{Name: "apresiasi", Description: "Appreciate a colleague"},
			{Name: "profil", Description: "Your details"},
			{Name: "help", Description: "Help"},
			{Name: "cancel", Description: "Cancel what is in progress"},
		}
	}
	return []telegram.Command{
		{Name: "start", Description: "Daftar atau tampilkan menu"},
		{Name: "menu", Description: "Menu utama"},
		{Name: "lapor", Description: "Laporkan kegiatan hari ini"},
		{Name: "laporanku", Description: "Laporan 7 hari terakhir"},
		{Name: "rekap", Description: "Rekap menit bulan ini"},
		{Name: "persetujuan", Description: "Laporan yang menunggu persetujuan"},
		{Name: "apresiasi", Description: "Apresiasi rekan (BerAKHLAK)"},
		{Name: "profil", Description: "Data Anda"},
		{Name: "bantuan", Description: "Bantuan"},
		{Name: "batal", Description: "Batalkan langkah yang berjalan"},
	}
}

// withBlockList has the queue skip, across restarts and replicas, chats that
// blocked the bot (a Redis set), until the person writes again.
func withBlockList(o outbound.Options, blocks *outbound.BlockList, m *metrics.Metrics) outbound.Options {
	o.Blocked, o.OnUnblocked = blocks.Blocked, blocks.Remove
	o.OnBlocked = func(c bot.ChatKey) {
		m.OutboundBlocked(c.Platform)
		blocks.Add(c)
	}
	return o
}
