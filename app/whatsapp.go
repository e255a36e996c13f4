package app

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/common/expfmt"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/outbound"
	"github.com/kinerjabot/kinerjabot/server"
	"github.com/kinerjabot/kinerjabot/storage"
)

// whatsappPart is the running WhatsApp side: the adapter, its session
// store and its metrics. A nil *whatsappPart (WhatsApp off) is valid and
// adds nothing.
type whatsappPart struct {
	adapter *whatsapp.Adapter
	store   *whatsapp.Store
	gauges  *prometheus.Registry
}

// startWhatsApp builds the WhatsApp adapter when WHATSAPP_ENABLED: it opens
// the session store, puts the adapter behind an outbound queue paced for
// WhatsApp, registers that as the engine's sender and the adapter as the
// downloader of WhatsApp files, and mounts the admin page when
// WHATSAPP_ADMIN_TOKEN is set. The admins are told on Telegram when it
// stops for good. With no paired device it logs how to pair and runs
// anyway, so Telegram and the playground keep serving.
func (a *App) startWhatsApp(ctx context.Context) error {
	cfg, log := a.cfg, a.log
	if !cfg.WhatsAppEnabled {
		log.Info("WhatsApp is off: set WHATSAPP_ENABLED=true to turn it on (pair first with `kinerjabot whatsapp login`)")
		return nil
	}
	log = log.With("platform", string(bot.WhatsApp))
	st, err := whatsapp.OpenStore(ctx, cfg.WhatsAppDBURL, cfg.DataDir, log)
	if err != nil {
		return fmt.Errorf("start WhatsApp: %w", err)
	}
	a.closers = append(a.closers, func() { st.Close() })
	alerts := whatsappAlerter(ctx, a.store, a.telegramOut, i18n.Lang(cfg.BotLanguage).Or(i18n.ID), log)
	a.closers = append(a.closers, alerts.wait)
	cli := a.set.waClient
	if cli == nil {
		cli = whatsapp.NewClient(st.Device, log)
	}
	wa, err := whatsapp.New(cli, whatsapp.Options{
		Redis: a.rdb, Prefix: cfg.RedisPrefix, ChoiceTTL: cfg.WhatsAppChoiceTTL, Language: cfg.BotLanguage,
		Chats: st.Chats, ReplayWindow: cfg.WhatsAppReplayWindow,
		OnState: alerts.hook(),
	}, log)
	if err != nil {
		return fmt.Errorf("start WhatsApp: %w", err)
	}
	m := a.metrics
	out := outbound.New(wa, outbound.Options{
		Platform: bot.WhatsApp, PerSecond: cfg.WhatsAppPerSecond, PerChatInterval: cfg.WhatsAppPerChatInterval,
		Log: log, OnSent: m.OutboundSent, OnDropped: m.OutboundDropped, OnRateLimited: m.OutboundRateLimited,
		OnBlocked: func(_ context.Context, c bot.ChatKey) { m.OutboundBlocked(c.Platform) },
	})
	a.engine.AddSender(bot.WhatsApp, out)
	a.media[bot.WhatsApp] = wa
	if cfg.WhatsAppAdminToken != "" {
		h := wa.AdminHandler(cfg.WhatsAppAdminToken)
		a.hooks[whatsapp.AdminPath] = h
		a.hooks[whatsapp.AdminPath+"/"] = h
	}
	a.whatsapp = &whatsappPart{adapter: wa, store: st, gauges: whatsappGauges(wa)}
	a.whatsapp.announce(log, cfg)
	a.adapters = append(a.adapters, wa)
	a.queues = append(a.queues, out)
	return nil
}

func (w *whatsappPart) announce(log *slog.Logger, cfg config.Config) {
	args := []any{"session", w.store.Where, "per_second", cfg.WhatsAppPerSecond, "per_chat_interval", cfg.WhatsAppPerChatInterval}
	if !w.store.Paired() {
		hint := "stop the bot, run `kinerjabot whatsapp login`, and start it again"
		if cfg.WhatsAppAdminToken != "" {
			hint += "; or open " + whatsapp.AdminPath + " (password: WHATSAPP_ADMIN_TOKEN) and scan the QR code"
		}
		log.Warn("WhatsApp is on but no phone is paired: "+hint, args...)
		return
	}
	log.Info("WhatsApp is on", append(args, "account", ident.MaskPhone("+"+w.store.Device.ID.User))...)
}

// addCheck adds the "whatsapp" health check: failing, with what to do,
// whenever the adapter is not connected.
func (w *whatsappPart) addCheck(checks map[string]server.Check) map[string]server.Check {
	if w != nil {
		checks["whatsapp"] = w.adapter.Check
	}
	return checks
}

// metrics serves inner's metrics followed by the WhatsApp state gauges.
func (w *whatsappPart) metrics(inner http.Handler) http.Handler {
	if w == nil {
		return inner
	}
	return withGauges(inner, w.gauges)
}

// whatsappGauges are the adapter's state as Prometheus gauges, read at
// scrape time: kinerjabot_whatsapp_state{state} is 1 for the current state
// and 0 for the others; the ban end, reconnect attempt and the offline
// messages' counts go alongside.
func whatsappGauges(a *whatsapp.Adapter) *prometheus.Registry {
	reg := prometheus.NewRegistry()
	for _, s := range whatsapp.States {
		reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "kinerjabot_whatsapp_state", ConstLabels: prometheus.Labels{"state": string(s)},
			Help: "WhatsApp connection state: 1 for the current one (unpaired, pairing, connecting, connected, reconnecting, stopped).",
		}, func() float64 {
			if a.Live().State == s {
				return 1
			}
			return 0
		}))
	}
	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "kinerjabot_whatsapp_ban_end_timestamp_seconds",
		Help: "When WhatsApp's temporary ban of the bot's number ends (0 when not banned).",
	}, func() float64 {
		if u := a.Status().Until; !u.IsZero() {
			return float64(u.Unix())
		}
		return 0
	}), prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "kinerjabot_whatsapp_reconnect_attempt",
		Help: "Reconnect attempts since the WhatsApp connection was last up.",
	}, func() float64 { return float64(a.Status().Attempt) }))
	for _, outcome := range []string{"handled", "too_late"} {
		reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "kinerjabot_whatsapp_offline_messages_total", ConstLabels: prometheus.Labels{"outcome": outcome},
			Help: "WhatsApp messages sent while the bot was offline: handled, or too late (past WHATSAPP_REPLAY_WINDOW; the person was told).",
		}, func() float64 {
			handled, late := a.Offline()
			if outcome == "handled" {
				return float64(handled)
			}
			return float64(late)
		}))
	}
	return reg
}

// withGauges serves inner (asked for the text format) followed by the
// metrics of extra, so that collectors living outside the metrics package
// show on the same /metrics page.
func withGauges(inner http.Handler, extra prometheus.Gatherer) http.Handler {
	textFormat := expfmt.NewFormat(expfmt.TypeTextPlain)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r = r.Clone(r.Context())
		r.Header.Set("Accept", string(textFormat))
		r.Header.Del("Accept-Encoding")
		rec := &recorder{header: http.Header{}, code: http.StatusOK}
		inner.ServeHTTP(rec, r)
		if rec.code == http.StatusOK {
			if mfs, err := extra.Gather(); err == nil {
				enc := expfmt.NewEncoder(&rec.body, textFormat)
				for _, mf := range mfs {
					_ = enc.Encode(mf)
				}
			}
		}
		for k, v := range rec.header {
			if k != "Content-Length" {
				w.Header()[k] = v
			}
		}
		w.Header().Set("Content-Type", string(textFormat))
		w.WriteHeader(rec.code)
		_, _ = w.Write(rec.body.Bytes())
	})
}

// recorder keeps a response in memory.
type recorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header         { return r.header }
func (r *recorder) Write(p []byte) (int, error) { return r.body.Write(p) }
func (r *recorder) WriteHeader(code int)        { r.code = code }

// adminAlerts tells the admins (on Telegram) that WhatsApp stopped for
// good, so that someone pairs again or waits out a ban. Its hook is the
// adapter's status hook; each alert runs on a goroutine of its own (the
// hook must not block), which wait waits for.
type adminAlerts struct {
	ctx  context.Context
	st   storage.Store
	tg   *outbound.Queue
	lang i18n.Lang
	log  *slog.Logger
	wg   sync.WaitGroup
}

// whatsappAlerter returns the admins' alerts through the Telegram queue; nil
// (the log alone says it) when Telegram is off.
func whatsappAlerter(ctx context.Context, st storage.Store, tg *outbound.Queue, lang i18n.Lang, log *slog.Logger) *adminAlerts {
	if tg == nil {
		return nil
	}
	return &adminAlerts{ctx: ctx, st: st, tg: tg, lang: lang, log: log}
}

// hook is the adapter's OnState (nil for nil alerts).
func (a *adminAlerts) hook() func(whatsapp.Status) {
	if a == nil {
		return nil
	}
	return a.notify
}

func (a *adminAlerts) notify(s whatsapp.Status) {
	if s.State != whatsapp.StateStopped {
		return
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		alertAdmins(a.ctx, a.st, a.tg, whatsappAlert(a.lang, s), a.log)
	}()
}

// wait waits for the alerts under way; call it once the adapter stopped,
// so that no alert starts meanwhile.
func (a *adminAlerts) wait() {
	if a != nil {
		a.wg.Wait()
	}
}

func whatsappAlert(l i18n.Lang, s whatsapp.Status) string {
	msg := l.T(i18n.AlertWhatsAppStopped, s.Reason)
	if !s.Until.IsZero() {
		msg += " " + l.T(i18n.AlertWhatsAppBanEnds, s.Until.In(jakarta()).Format("02-01-2006 15:04 MST"))
	}
	return msg
}

func jakarta() *time.Location {
	if loc, err := time.LoadLocation("Asia/Jakarta"); err == nil {
		return loc
	}
	return time.UTC
}

// alertAdmins queues text to every active admin with a Telegram account.
func alertAdmins(ctx context.Context, st storage.Store, tg *outbound.Queue, text string, log *slog.Logger) {
	var rs []bot.Reply
	err := storage.EachEmployee(ctx, st, storage.EmployeeQuery{AdminsOnly: true, ActiveOnly: true}, func(admins []storage.Employee) error {
		for _, e := range admins {
			if acc, ok := e.Accounts[string(bot.Telegram)]; ok {
				rs = append(rs, bot.Reply{Chat: bot.ChatKey{Platform: bot.Telegram, ChatID: acc.ChatID}, Text: text})
			}
		}
		return nil
	})
	if err != nil {
		log.Error("WhatsApp stop not told to the admins: find admins", "err", err)
		return
	}
	if len(rs) == 0 {
		log.Warn("WhatsApp stop not told to anyone: no active admin has a Telegram account")
		return
	}
	if err := tg.Enqueue(ctx, rs, nil); err != nil {
		log.Error("WhatsApp stop not told to the admins", "err", err)
		return
	}
	log.Info("WhatsApp stop told to the admins on Telegram", "admins", len(rs))
}
