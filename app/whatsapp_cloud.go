package app

import (
	"context"
	"fmt"
	"net/http"
	"sync"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsappcloud"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/outbound"
	"github.com/kinerjabot/kinerjabot/server"
)

// cloudPart is the running WhatsApp Cloud API side. A nil *cloudPart
// (the transport off) is valid and adds nothing.
type cloudPart struct {
	adapter *whatsappcloud.Adapter
	gauges  *prometheus.Registry
}

// startWhatsAppCloud builds the Cloud API adapter when WHATSAPP_CLOUD_TOKEN
// is set: behind an outbound queue at the number's throughput
// (WHATSAPP_CLOUD_RATE) with the shared block list, as the engine's
// WhatsApp sender and downloader, its webhook mounted at
// WHATSAPP_CLOUD_PATH. When the API refuses the token the admins are told
// on Telegram, and /healthz fails.
func (a *App) startWhatsAppCloud(_ context.Context) error {
	cfg, log := a.cfg, a.log.With("platform", string(bot.WhatsApp), "transport", "cloud")
	if !cfg.WhatsAppCloudOn() {
		return nil
	}
	blocks := outbound.NewBlockList(a.rdb, cfg.RedisPrefix+"outbound:blocked", log)
	alerts := &cloudAlerts{app: a}
	a.closers = append(a.closers, alerts.wg.Wait)
	w := cfg.WhatsAppCloud
	wa, err := whatsappcloud.New(whatsappcloud.Options{
		Token: w.WhatsAppCloudToken, PhoneNumberID: w.WhatsAppCloudPhoneNumberID,
		AppSecret: w.WhatsAppCloudAppSecret, VerifyToken: w.WhatsAppCloudVerifyToken,
		APIURL: w.WhatsAppCloudAPIURL, APIVersion: w.WhatsAppCloudAPIVersion,
		Redis: a.rdb, Prefix: cfg.RedisPrefix, Language: cfg.BotLanguage,
		Template: w.WhatsAppCloudTemplate, TemplateLanguage: w.WhatsAppCloudTemplateLanguage,
		OnUndeliverable: func(k bot.ChatKey) { blocks.Add(context.Background(), k) },
		OnTokenExpired:  alerts.tokenExpired,
	}, log)
	if err != nil {
		return fmt.Errorf("start WhatsApp Cloud API: %w", err)
	}
	m := a.metrics
	out := outbound.New(wa, withBlockList(outbound.Options{
		Platform: bot.WhatsApp, PerSecond: w.WhatsAppCloudRate, PerChatInterval: w.WhatsAppCloudPerChatInterval,
		Log: log, OnSent: m.OutboundSent, OnDropped: m.OutboundDropped, OnRateLimited: m.OutboundRateLimited,
	}, blocks, m))
	a.engine.AddSender(bot.WhatsApp, out)
	a.media[bot.WhatsApp] = wa
	a.hooks[w.WhatsAppCloudPath] = wa.WebhookHandler(a.engine)
	a.whatsappCloud = &cloudPart{adapter: wa, gauges: cloudGauges(wa)}
	a.queues = append(a.queues, out)
	if !a.set.sendOnly {
		a.adapters = append(a.adapters, wa)
	}
	log.Info("WhatsApp (Cloud API) is on", "webhook", w.WhatsAppCloudPath, "rate", w.WhatsAppCloudRate)
	return nil
}

// addCheck adds the "whatsapp_cloud" health check: failing once the API
// refused the access token.
func (c *cloudPart) addCheck(checks map[string]server.Check) map[string]server.Check {
	if c != nil {
		checks["whatsapp_cloud"] = c.adapter.Check
	}
	return checks
}

// metrics serves inner's metrics followed by the delivery statuses.
func (c *cloudPart) metrics(inner http.Handler) http.Handler {
	if c == nil {
		return inner
	}
	return withGauges(inner, c.gauges)
}

// cloudGauges count the delivery statuses the webhook reported:
// kinerjabot_whatsapp_cloud_statuses_total{status}.
func cloudGauges(a *whatsappcloud.Adapter) *prometheus.Registry {
	reg := prometheus.NewRegistry()
	for _, s := range whatsappcloud.StatusNames {
		reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "kinerjabot_whatsapp_cloud_statuses_total", ConstLabels: prometheus.Labels{"status": s},
			Help: "Delivery statuses of the bot's WhatsApp Cloud API messages: sent, delivered, read, failed.",
		}, func() float64 { return float64(a.Statuses()[s]) }))
	}
	return reg
}

// cloudAlerts tells the admins on Telegram that the Cloud API refused the
// token; each alert runs on a goroutine of its own, which wg waits for.
type cloudAlerts struct {
	app *App
	wg  sync.WaitGroup
}

func (c *cloudAlerts) tokenExpired(err error) {
	a := c.app
	if a.telegramOut == nil {
		return // the adapter's loud log and /healthz say it
	}
	text := i18n.Lang(a.cfg.BotLanguage).Or(i18n.ID).T(i18n.AlertWACloudExpired, "OAuth 190")
	c.wg.Add(1)
	go func() {
		defer c.wg.Done()
		alertAdmins(context.Background(), a.store, a.telegramOut, text, a.log)
	}()
}
