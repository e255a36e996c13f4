package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/evidence"
	"github.com/kinerjabot/kinerjabot/handlers"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/metrics"
	"github.com/kinerjabot/kinerjabot/outbound"
	"github.com/kinerjabot/kinerjabot/server"
	"github.com/kinerjabot/kinerjabot/storage"
)

// shutdownTimeout bounds how long serve waits for work in hand at exit.
const shutdownTimeout = 15 * time.Second

// serve runs the bot until ctx is cancelled.
func serve(ctx context.Context, cfg config.Config, log *slog.Logger, so serveOptions) error {
	log.Info("kinerjabot starting", "version", version, "config", cfg)
	var st storage.Store
	st, err := openStore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close(context.Background())
	rdb, closeRedis, err := openRedis(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer closeRedis()

	m := metrics.New()
	st = m.InstrumentStore(st)
	media := fetcher{}
	key, err := surveyKey(cfg)
	if err != nil {
		return err
	}
	var tg *telegram.Adapter
	botName := func() string {
		if tg != nil {
			return tg.Username()
		}
		return cfg.TelegramBotUsername
	}
	router := handlers.New(st, log, handlers.Options{
		Language: cfg.BotLanguage, DefaultTimezone: cfg.DefaultTimezone,
		MaxPhotos: cfg.MaxEvidencePhotos, EvidenceRequired: cfg.EvidenceRequired, MaxEvidenceBytes: cfg.MaxEvidenceBytes,
		Photos:       evidence.NewInspector(cfg.MaxPhotoPixels, cfg.PhotoDecodeBudget),
		BackdateDays: cfg.ReportBackdateDays, MonthlyTarget: cfg.MonthlyTargetMinutes, Media: media,
		SurveyKey: key, FeedbackPerDay: cfg.FeedbackPerDay, BotUsername: botName,
	})
	applier := router.Applier(st)
	clock := newClock(cfg)
	engine := conversation.New(rdb, router, applier, log, conversation.Options{
		Prefix: cfg.RedisPrefix, Workers: cfg.Workers, SessionTTL: cfg.SessionTTL, Observer: m, Media: applier,
		Now: clockNow(clock),
	})
	hooks := map[string]http.Handler{}
	var tgOut *outbound.Queue
	blocks := outbound.NewBlockList(rdb, cfg.RedisPrefix+"outbound:blocked", log)
	tg, tgOut, err = startTelegram(ctx, cfg, log, m, engine, hooks, blocks)
	if err != nil {
		return err
	}
	wa, err := startWhatsApp(ctx, cfg, log, m, rdb, engine, media, hooks, whatsappAlerter(ctx, st, tgOut, botLang(cfg), log))
	if err != nil {
		return err
	}
	defer wa.Close()
	var adapters []bot.Adapter
	var queues []*outbound.Queue
	if tg != nil {
		queues = append(queues, tgOut)
		media[bot.Telegram] = tg
		adapters = append(adapters, tg)
	}
	adapters, queues = wa.add(adapters, queues)
	pg, err := startPlayground(ctx, cfg, so, log, st, rdb, engine, clock, hooks)
	if err != nil {
		return err
	}
	onListen := func(net.Addr) {}
	if pg != nil {
		media[bot.Playground] = pg
		adapters = append(adapters, pg)
		onListen = announcePlayground(so.stdout, log, cfg.PlaygroundPublicOn())
	}
	direct := map[bot.Platform]bot.Sender{}
	if pg != nil {
		direct[bot.Playground] = pg
	}
	sched, err := startScheduler(cfg, log, m, st, rdb, queues, direct, clockNow(clock))
	if err != nil {
		return err
	}
	health := server.NewHealth(log, wa.addCheck(map[string]server.Check{
		"redis": func(ctx context.Context) error { return rdb.Ping(ctx).Err() },
		"store": st.Ping,
	}))
	var mux http.Handler = server.Mux(health, wa.metrics(m.Handler()), hooks)
	if pg != nil {
		mux = withHome(mux)
	}
	var jobs []job
	if sched != nil {
		jobs = append(jobs, job{"scheduler", sched.Run})
	}
	return runAll(ctx, log, cfg, mux, engine, onListen, adapters, queues, jobs...)
}

// startTelegram builds the Telegram adapter when a token is set, registers
// it (behind the outbound queue that keeps to Telegram's rate limits) as the
// engine's sender and mounts its webhook.
func startTelegram(ctx context.Context, cfg config.Config, log *slog.Logger, m *metrics.Metrics,
	engine *conversation.Engine, hooks map[string]http.Handler, blocks *outbound.BlockList) (*telegram.Adapter, *outbound.Queue, error) {
	if cfg.TelegramToken == "" {
		log.Info("Telegram is off: set TELEGRAM_TOKEN to a token from @BotFather to turn it on " +
			"(and TELEGRAM_API_URL for a self-hosted Bot API server)")
		return nil, nil, nil
	}
	defaultMenu, menus := telegramMenus(cfg.BotLanguage)
	tg, err := telegram.New(ctx, telegram.Options{
		Token: cfg.TelegramToken, APIURL: cfg.TelegramAPIURL, Mode: cfg.TelegramMode,
		WebhookURL: cfg.TelegramWebhookURL, WebhookSecret: cfg.TelegramWebhookSecret,
		Commands: defaultMenu, LanguageCommands: menus,
	}, log.With("platform", "telegram"))
	if err != nil {
		return nil, nil, fmt.Errorf("start Telegram: %w", err)
	}
	out := outbound.New(tg, withBlockList(outbound.Options{
		Platform: bot.Telegram, Log: log.With("platform", "telegram"),
		OnSent: m.OutboundSent, OnDropped: m.OutboundDropped, OnRateLimited: m.OutboundRateLimited,
		PerSecond: cfg.TelegramPerSecond, PerChatInterval: cfg.TelegramPerChatInterval,
	}, blocks, m))
	engine.AddSender(bot.Telegram, out)
	if cfg.Webhook() {
		hooks["POST "+cfg.WebhookPath()] = tg.WebhookHandler(engine)
	}
	log.Info("Telegram is on", "bot", "@"+tg.Username(), "mode", cfg.TelegramMode)
	return tg, out, nil
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

// botLang is the language of the bot's texts (BOT_LANGUAGE, validated).
func botLang(cfg config.Config) i18n.Lang { return i18n.Lang(cfg.BotLanguage).Or(i18n.ID) }

// job is something else serve runs until it stops (the scheduler).
type job struct {
	name string
	run  func(context.Context) error
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

// runAll runs the HTTP server, the engine and the adapters until ctx is
// cancelled or one of them fails, then stops them all within a bound.
// onListen is told the address once the server listens.
func runAll(ctx context.Context, log *slog.Logger, cfg config.Config, mux http.Handler, engine *conversation.Engine,
	onListen func(net.Addr), adapters []bot.Adapter, queues []*outbound.Queue, jobs ...job) error {
	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return fmt.Errorf("listen on HTTP_ADDR %s: %w", cfg.HTTPAddr, err)
	}
	log.Info("HTTP listening", "addr", ln.Addr().String(), "health", "/healthz", "metrics", "/metrics")
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	onListen(ln.Addr())

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var wg sync.WaitGroup
	goRun := func(name string, f func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(); err != nil && !errors.Is(err, http.ErrServerClosed) && ctx.Err() == nil {
				cancel(fmt.Errorf("%s: %w", name, err))
			}
		}()
	}
	goRun("http", func() error { return srv.Serve(ln) })
	goRun("engine", func() error { return engine.Run(ctx) })
	for _, a := range adapters {
		goRun(string(a.Platform()), func() error { return a.Run(ctx, engine) })
	}
	for _, q := range queues {
		goRun("outbound", func() error { return q.Run(ctx) })
	}
	for _, j := range jobs {
		goRun(j.name, func() error { return j.run(ctx) })
	}
	<-ctx.Done()
	cause := context.Cause(ctx)
	log.Info("kinerjabot stopping", "reason", cause)
	sctx, scancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer scancel()
	_ = srv.Shutdown(sctx)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-sctx.Done():
		log.Warn("shutdown timed out; unfinished updates stay in Redis and resume at next start")
	}
	if errors.Is(cause, context.Canceled) {
		return nil
	}
	return cause
}
