// Package app builds the whole kinerjabot service from a config.Config: the
// record store, Redis (or the in-process Redis-compatible server), the
// flows and the conversation engine, the platform adapters behind their
// outbound queues, the reminder scheduler and the HTTP server.
//
// `kinerjabot serve`, the benchmark's profiling build (bench/profbot) and
// the end-to-end tests (e2e) all build through New, so they cannot drift
// apart; what a test must put in place of a part (its store, its Redis, a
// clock, a downloader for a fake platform) comes in as an Option.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/playground"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/evidence"
	"github.com/kinerjabot/kinerjabot/handlers"
	"github.com/kinerjabot/kinerjabot/metrics"
	"github.com/kinerjabot/kinerjabot/outbound"
	"github.com/kinerjabot/kinerjabot/scheduler"
	"github.com/kinerjabot/kinerjabot/server"
	"github.com/kinerjabot/kinerjabot/storage"
)

// App is the service, built by New and run by Run.
type App struct {
	cfg config.Config
	log *slog.Logger
	set settings

	store   storage.Store // instrumented
	rdb     redis.UniversalClient
	metrics *metrics.Metrics
	engine  *conversation.Engine
	router  *handlers.Router
	media   fetcher
	hooks   map[string]http.Handler
	// surveyKey keys the hash kept of a citizen's chat (survey.go).
	surveyKey []byte
	// clock is the playground's clock control (nil when it has none);
	// now is the engine's clock (nil: real time).
	clock *playground.Clock
	now   func() time.Time

	telegram      *telegram.Adapter
	telegramOut   *outbound.Queue
	whatsapp      *whatsappPart
	whatsappCloud *cloudPart
	playground    *playground.Adapter
	scheduler     *scheduler.Scheduler

	adapters []bot.Adapter
	queues   []*outbound.Queue
	mux      http.Handler
	onListen func(net.Addr)
	closers  []func() // what New opened, in order
}

// New builds the service from cfg and the options: it opens the store and
// Redis (starting the in-process server when REDIS_URL is empty), asks
// Telegram who the bot is, runs no loop yet, and logs which parts are on.
// ctx is also the life of the admins' alert when WhatsApp stops, so give
// New the context Run gets. Close releases what New opened.
func New(ctx context.Context, cfg config.Config, log *slog.Logger, opts ...Option) (*App, error) {
	a := &App{cfg: cfg, log: log, set: newSettings(opts), media: fetcher{},
		hooks: map[string]http.Handler{}, onListen: func(net.Addr) {}}
	if err := a.build(ctx); err != nil {
		a.Close()
		return nil, err
	}
	return a, nil
}

// build wires the parts in dependency order.
func (a *App) build(ctx context.Context) error {
	if err := a.openStores(ctx); err != nil {
		return err
	}
	if err := a.buildEngine(ctx); err != nil {
		return err
	}
	if err := a.startTelegram(ctx); err != nil {
		return err
	}
	if err := a.startWhatsApp(ctx); err != nil {
		return err
	}
	if err := a.startWhatsAppCloud(ctx); err != nil {
		return err
	}
	if err := a.startPlayground(ctx); err != nil {
		return err
	}
	for p, d := range a.set.downloads {
		a.media[p] = d
	}
	if err := a.startScheduler(); err != nil {
		return err
	}
	a.mux = a.handler()
	return nil
}

// openStores opens the record store and Redis, unless options gave them.
func (a *App) openStores(ctx context.Context) error {
	st, rdb := a.set.store, a.set.rdb
	if st == nil {
		opened, err := OpenStore(ctx, a.cfg, a.log)
		if err != nil {
			return err
		}
		a.closers = append(a.closers, func() { opened.Close(context.Background()) })
		st = opened
	}
	if rdb == nil {
		opened, closeRedis, err := openRedis(ctx, a.cfg, a.log)
		if err != nil {
			return err
		}
		a.closers = append(a.closers, closeRedis)
		rdb = opened
	}
	a.metrics = metrics.New()
	a.store, a.rdb = a.metrics.InstrumentStore(st), rdb
	return nil
}

// buildEngine builds the flows and the engine that runs them.
func (a *App) buildEngine(ctx context.Context) error {
	key, err := surveyKey(ctx, a.cfg, a.store, a.log)
	if err != nil {
		return fmt.Errorf("survey key: %w", err)
	}
	a.surveyKey = key
	cfg := a.cfg
	a.clock = newClock(cfg, a.set.now)
	a.now = a.set.now
	if a.clock != nil {
		a.now = a.clock.Now
	}
	var links handlers.ConsoleLinks
	if c := a.buildConsole(); c != nil {
		links = c
	}
	router := handlers.New(a.store, a.log, handlers.Options{
		Language: cfg.BotLanguage, DefaultTimezone: cfg.DefaultTimezone,
		MaxPhotos: cfg.MaxEvidencePhotos, EvidenceRequired: cfg.EvidenceRequired, MaxEvidenceBytes: cfg.MaxEvidenceBytes,
		Photos: evidence.NewInspector(cfg.MaxPhotoPixels, cfg.PhotoDecodeBudget), PhotoDateDays: cfg.PhotoDateToleranceDays,
		BackdateDays: cfg.ReportBackdateDays, MonthlyTarget: cfg.MonthlyTargetMinutes, Media: a.media,
		SurveyKey: key, FeedbackPerDay: cfg.FeedbackPerDay, CompetencyTargetJP: cfg.CompetencyTargetJP, BotUsername: a.botUsername,
		Limits: limits{rdb: a.rdb, prefix: cfg.RedisPrefix, now: a.now}, Console: links,
	})
	a.router = router
	applier := router.Applier(a.store)
	a.engine = conversation.New(a.rdb, router, applier, a.log, conversation.Options{
		Prefix: cfg.RedisPrefix, Workers: cfg.Workers, SessionTTL: cfg.SessionTTL, Observer: a.metrics, Media: applier,
		Now: a.now, SweepEvery: a.set.sweepEvery, SoleOwner: a.set.rdb == nil && cfg.RedisMode() == config.RedisEmbedded,
		Files: a.buildFiles(), WaitReplicas: cfg.RedisWaitReplicas, WaitTimeout: cfg.RedisWaitTimeout,
	})
	a.metrics.WatchInbox(a.engine.Queued)
	return nil
}

// botUsername is the bot's Telegram username for survey links: getMe's
// answer once Telegram is on, else TELEGRAM_BOT_USERNAME.
func (a *App) botUsername() string {
	if a.telegram != nil {
		return a.telegram.Username()
	}
	return a.cfg.TelegramBotUsername
}

// handler is the HTTP server's handler: health, metrics, the webhooks and
// pages the parts mounted, and a home page linking the playground.
func (a *App) handler() http.Handler {
	health := server.NewHealth(a.log, a.whatsappCloud.addCheck(a.whatsapp.addCheck(map[string]server.Check{
		"redis": func(ctx context.Context) error { return a.rdb.Ping(ctx).Err() },
		"store": a.store.Ping,
	})))
	var mux http.Handler = server.Mux(health, a.whatsappCloud.metrics(a.whatsapp.metrics(a.metrics.Handler())), a.hooks)
	if a.playground != nil {
		mux = withHome(mux, a.consoleDemoLink())
	}
	return mux
}

// Store is the record store the App uses (instrumented for the metrics).
func (a *App) Store() storage.Store { return a.store }

// Engine is the conversation engine: an adapter built outside the App
// feeds it and is added to it as a sender.
func (a *App) Engine() *conversation.Engine { return a.engine }

// Scheduler is the scheduler Run runs: its passes move pending reports to
// the approver the roster names and send the reminders (unless they are
// off). A test may run a pass itself (RunOnce); the keys keep each message
// to one.
func (a *App) Scheduler() *scheduler.Scheduler { return a.scheduler }

// Telegram is the Telegram adapter, nil when Telegram is off.
func (a *App) Telegram() *telegram.Adapter { return a.telegram }

// Handler is what the HTTP server serves: /healthz, /metrics, the Telegram
// webhook, the playground and the WhatsApp admin page when they are on.
func (a *App) Handler() http.Handler { return a.mux }

// Close releases what New opened (not the store or Redis given as
// options). Call it after Run returned.
func (a *App) Close() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
	a.closers = nil
}
