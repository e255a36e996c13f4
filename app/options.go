package app

import (
	"io"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Option changes how New builds the App. Without options New builds what
// `kinerjabot serve` runs, from the config alone.
type Option func(*settings)

// settings are the options applied.
type settings struct {
	store      storage.Store
	rdb        redis.UniversalClient
	now        func() time.Time
	sweepEvery time.Duration
	seedDemo   bool
	out        io.Writer
	sendOnly   bool
	downloads  map[bot.Platform]bot.Downloader
	waClient   whatsapp.Client
}

func newSettings(opts []Option) settings {
	s := settings{seedDemo: true, out: io.Discard}
	for _, o := range opts {
		o(&s)
	}
	return s
}

// WithStore makes st the record store instead of the one the config names.
// The App does not close it: the caller does. Tests pass their own store
// (or a wrapper of it that fails on demand); replicas in one process share
// one.
func WithStore(st storage.Store) Option { return func(s *settings) { s.store = st } }

// WithRedis makes rdb the engine's Redis instead of the one the config
// names (REDIS_URL, or the in-process server); keys still start with
// REDIS_PREFIX. The App does not close it.
func WithRedis(rdb redis.UniversalClient) Option { return func(s *settings) { s.rdb = rdb } }

// WithClock sets the clock of the engine, the flows and the scheduler
// (time.Now by default). The playground's clock control, when it is on,
// shifts this clock.
func WithClock(now func() time.Time) Option { return func(s *settings) { s.now = now } }

// WithSweepEvery sets how often the engine looks for chats with waiting
// work left by a stopped replica (conversation.Options.SweepEvery).
func WithSweepEvery(d time.Duration) Option { return func(s *settings) { s.sweepEvery = d } }

// WithDemo says whether the demo roster is seeded into an empty store when
// the playground is on (true by default; serve's --demo flag).
func WithDemo(seed bool) Option { return func(s *settings) { s.seedDemo = seed } }

// WithOutput is where a person is told what to open (the playground's
// address); nothing is printed by default.
func WithOutput(w io.Writer) Option { return func(s *settings) { s.out = w } }

// WithTelegramSendOnly makes the Telegram adapter send and serve its
// webhook handler but neither poll getUpdates nor set the webhook or the
// command menu: for a further replica in one process, beside the one that
// receives.
func WithTelegramSendOnly() Option { return func(s *settings) { s.sendOnly = true } }

// WithDownloader fetches the files people send on p through d: for an
// adapter the App does not build (the e2e tests' WhatsApp adapter over a
// fake client).
func WithDownloader(p bot.Platform, d bot.Downloader) Option {
	return func(s *settings) {
		if s.downloads == nil {
			s.downloads = map[bot.Platform]bot.Downloader{}
		}
		s.downloads[p] = d
	}
}

// WithWhatsAppClient makes c the WhatsApp adapter's client instead of a
// whatsmeow client on the paired device of the session store (which is
// still opened, for the chats it keeps): for the fault suite's bot, whose
// WhatsApp is a fake server outside the process. It matters only with
// WHATSAPP_ENABLED.
func WithWhatsAppClient(c whatsapp.Client) Option { return func(s *settings) { s.waClient = c } }
