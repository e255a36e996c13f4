// Package config reads kinerjabot's one typed configuration from the
// environment, with defaults, validates it once at start with a clear
// message for every wrong value, and prints it with secrets masked.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
)

// Timezones a unit may be in: WIB, WITA and WIT.
var Timezones = []string{"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"}

// Config is every setting. Field tags name the environment variables.
type Config struct {
	HTTPAddr string `env:"HTTP_ADDR" envDefault:":8080"`
	// HTTPMaxConnections caps the HTTP connections served at once; past it
	// only /healthz is answered, on a few spare connections.
	HTTPMaxConnections int    `env:"HTTP_MAX_CONNECTIONS" envDefault:"1000"`
	DataDir            string `env:"DATA_DIR" envDefault:"./data"`

	// RedisURL empty: an in-process Redis-compatible server.
	RedisURL    string `env:"REDIS_URL"`
	RedisPrefix string `env:"REDIS_PREFIX" envDefault:"kb:"`
	RedisScale         // Sentinel, Cluster and WAIT (config/redis.go)
	// ConversationJournal (no REDIS_URL): on keeps the in-process server's
	// data in DATA_DIR/conversation (a journal synced before each reply,
	// compacted into a snapshot), off in memory only (lost at every stop).
	ConversationJournal string `env:"CONVERSATION_JOURNAL" envDefault:"on"`
	// ConversationJournalMax is the journal size (bytes) that starts a
	// compaction.
	ConversationJournalMax int64 `env:"CONVERSATION_JOURNAL_MAX" envDefault:"16777216"`

	// MongoURI empty: the embedded store in DataDir.
	MongoURI      string `env:"MONGODB_URI"`
	MongoDatabase string `env:"MONGODB_DATABASE" envDefault:"kinerjabot"`
	// MongoAllowIncompatible accepts, with a loud warning, a server the
	// store refuses (FerretDB, MongoDB before 6): for tests only.
	MongoAllowIncompatible bool `env:"MONGODB_ALLOW_INCOMPATIBLE"`

	// TelegramToken empty: Telegram off.
	TelegramToken         string `env:"TELEGRAM_TOKEN"`
	TelegramAPIURL        string `env:"TELEGRAM_API_URL" envDefault:"https://api.telegram.org"`
	TelegramMode          string `env:"TELEGRAM_MODE" envDefault:"polling"`
	TelegramWebhookURL    string `env:"TELEGRAM_WEBHOOK_URL"`
	TelegramWebhookSecret string `env:"TELEGRAM_WEBHOOK_SECRET"`

	DefaultTimezone string `env:"DEFAULT_TIMEZONE" envDefault:"Asia/Jakarta"`
	BotLanguage     string `env:"BOT_LANGUAGE" envDefault:"id"`

	// SessionTTL is how long an idle conversation is kept.
	SessionTTL time.Duration `env:"SESSION_TTL" envDefault:"24h"`
	// Workers is how many chats one process handles at once.
	Workers int `env:"WORKERS" envDefault:"64"`

	// Reports (laporan aktivitas harian).
	MaxEvidencePhotos int   `env:"MAX_EVIDENCE_PHOTOS" envDefault:"3"`
	EvidenceRequired  bool  `env:"EVIDENCE_REQUIRED" envDefault:"true"`
	MaxEvidenceBytes  int64 `env:"MAX_EVIDENCE_BYTES" envDefault:"10485760"`
	// MaxPhotoPixels is the largest photo accepted (width × height; a phone
	// camera makes at most 50 MP); PhotoDecodeBudget the pixels decoded at
	// once across the process (about 4 bytes each), which bounds the memory
	// a burst of decompression bombs can take.
	MaxPhotoPixels    int64 `env:"MAX_PHOTO_PIXELS" envDefault:"50000000"`
	PhotoDecodeBudget int64 `env:"PHOTO_DECODE_BUDGET" envDefault:"64000000"`
	// PhotoDateToleranceDays flags (to the person and the supervisor) a
	// photo whose EXIF date lies more days than this from the report's
	// date; 0 turns the check off.
	PhotoDateToleranceDays int `env:"PHOTO_DATE_TOLERANCE_DAYS" envDefault:"3"`
	ReportBackdateDays     int `env:"REPORT_BACKDATE_DAYS" envDefault:"2"`
	MonthlyTargetMinutes   int `env:"MONTHLY_TARGET_MINUTES" envDefault:"6750"`

	// Citizen survey and peer feedback.
	// SurveySecret keys the hash kept of a citizen's chat; empty: a random
	// key made once and kept in the record store, shared by every replica.
	SurveySecret   string `env:"SURVEY_SECRET"`
	FeedbackPerDay int    `env:"FEEDBACK_PER_DAY" envDefault:"5"`
	// TelegramBotUsername names the bot in survey QR links when Telegram is
	// off or not yet reached (otherwise it comes from getMe).
	TelegramBotUsername string `env:"TELEGRAM_BOT_USERNAME"`

	// Reminders (scheduler), in each unit's own time zone, on work days
	// (Monday to Friday, not on the holidays imported with
	// import-holidays).
	Reminders string `env:"REMINDERS" envDefault:"on"`
	// RemindStaffAt (HH:MM): staff without a report today are reminded.
	RemindStaffAt string `env:"REMIND_STAFF_AT" envDefault:"15:30"`
	// RemindSupervisorAt (HH:MM): supervisors get their digest, overdue
	// approvals are escalated and the timeout rule applies.
	RemindSupervisorAt string `env:"REMIND_SUPERVISOR_AT" envDefault:"08:00"`
	// RemindWindow: how long after its time a reminder still goes out when
	// the bot was down at the time.
	RemindWindow time.Duration `env:"REMIND_WINDOW" envDefault:"3h"`
	// ApprovalSLADays: reports pending more work days go to the
	// supervisor's supervisor. ApprovalTimeoutDays (0: none) and
	// ApprovalTimeoutAction (escalate, approve, reject): what then.
	ApprovalSLADays       int    `env:"APPROVAL_SLA_DAYS" envDefault:"3"`
	ApprovalTimeoutDays   int    `env:"APPROVAL_TIMEOUT_DAYS" envDefault:"0"`
	ApprovalTimeoutAction string `env:"APPROVAL_TIMEOUT_ACTION" envDefault:"escalate"`
	// MonthEndWarningDays: work days before the month's last work day when
	// staff below MONTHLY_TARGET_MINUTES get their gap (0: off).
	MonthEndWarningDays int `env:"MONTH_END_WARNING_DAYS" envDefault:"3"`
	// EvaluationPeriod is how often supervisors evaluate their team
	// (bulanan/monthly or triwulan/quarterly; the year's evaluation comes
	// on top), a unit's own evaluation_period overriding it.
	// EvaluationSLADays: evaluations not rated after so many work days are
	// reminded, and escalated to the supervisor's supervisor (config/evaluation.go).
	EvaluationPeriod  string `env:"EVALUATION_PERIOD" envDefault:"triwulan"`
	EvaluationSLADays int    `env:"EVALUATION_SLA_DAYS" envDefault:"5"`

	ConsoleConfig
	// Telegram's limits for bot-initiated messages (reminders, prompts).
	TelegramPerSecond       int           `env:"TELEGRAM_PER_SECOND" envDefault:"30"`
	TelegramPerChatInterval time.Duration `env:"TELEGRAM_PER_CHAT_INTERVAL" envDefault:"1s"`

	// Web playground (bot/playground) on HTTP_ADDR at /playground.
	// Playground is on, off, or empty: on unless a platform is configured
	// (TELEGRAM_TOKEN or WHATSAPP_ENABLED).
	Playground string `env:"PLAYGROUND"`
	// PlaygroundPublic on serves other machines too (with the password);
	// off serves loopback clients only, whatever HTTP_ADDR listens on.
	PlaygroundPublic   string `env:"PLAYGROUND_PUBLIC" envDefault:"off"`
	PlaygroundPassword string `env:"PLAYGROUND_PASSWORD"`

	// WhatsApp (bot/whatsapp, an unofficial WhatsApp Web client on
	// whatsmeow; see the README for its ban risk).
	WhatsAppEnabled bool `env:"WHATSAPP_ENABLED" envDefault:"false"`
	// WhatsAppDBURL is a postgres:// URL for the session; empty: the SQLite
	// file DATA_DIR/whatsapp.db.
	WhatsAppDBURL string `env:"WHATSAPP_DB_URL"`
	// WhatsAppPairPhone (+62…): `whatsapp login` asks for a pairing code to
	// type on that phone instead of showing a QR code.
	WhatsAppPairPhone string `env:"WHATSAPP_PAIR_PHONE"`
	// Outbound pacing: messages a second overall, and the least time between
	// two messages to one chat.
	WhatsAppPerSecond       int           `env:"WHATSAPP_PER_SECOND" envDefault:"1"`
	WhatsAppPerChatInterval time.Duration `env:"WHATSAPP_PER_CHAT_INTERVAL" envDefault:"3s"`
	// WhatsAppChoiceTTL is how long numbered choices can be answered.
	WhatsAppChoiceTTL time.Duration `env:"WHATSAPP_CHOICE_TTL" envDefault:"168h"`
	// WhatsAppReplayWindow: messages sent while the bot was offline and
	// older than the connection's start minus this window are not handled;
	// the person is told once that they came too late.
	WhatsAppReplayWindow time.Duration `env:"WHATSAPP_REPLAY_WINDOW" envDefault:"24h"`
	// WhatsAppAdminToken is the password of /admin/whatsapp (pairing QR);
	// empty: the page is off.
	WhatsAppAdminToken string `env:"WHATSAPP_ADMIN_TOKEN"`
	WhatsAppCloud             // the Cloud API transport (config/whatsapp_cloud.go)

	// The performance cycle (config/cycle.go): the nudge of supervisors
	// who gave a team member no feedback for COACHING_NUDGE_DAYS (0: off),
	// and the yearly competency target in JP shown in /rekap.
	CoachingNudgeDays  int `env:"COACHING_NUDGE_DAYS" envDefault:"30"`
	CompetencyTargetJP int `env:"COMPETENCY_TARGET_JP" envDefault:"20"`

	Retention // RETENTION_* (config/retention.go)
	Digest    // WEEKLY_DIGEST* (config/digest.go)

	LogLevel  string `env:"LOG_LEVEL" envDefault:"info"`
	LogFormat string `env:"LOG_FORMAT" envDefault:"text"`
}

// JournalOn reports whether the in-process server keeps its data in
// DATA_DIR (no Redis setting, CONVERSATION_JOURNAL=on).
func (c Config) JournalOn() bool {
	return c.RedisMode() == RedisEmbedded && c.ConversationJournal == "on"
}

// Webhook reports whether Telegram delivers by webhook.
func (c Config) Webhook() bool { return c.TelegramMode == "webhook" }

// Load reads the environment (lookup is os.LookupEnv in production) and
// validates the result. The error lists every problem, one per line.
func Load(lookup func(string) (string, bool)) (Config, error) {
	var c Config
	environ := map[string]string{}
	for _, name := range names() {
		if v, ok := lookup(name); ok {
			environ[name] = v
		}
	}
	if err := env.ParseWithOptions(&c, env.Options{Environment: environ}); err != nil {
		return c, parseErrors(err)
	}
	if err := c.Validate(); err != nil {
		return c, err
	}
	return c, nil
}

// names lists the variables Config reads.
func names() []string {
	var out []string
	params, _ := env.GetFieldParams(&Config{})
	for _, f := range params {
		out = append(out, f.Key)
	}
	return out
}

// parseErrors names the variable behind each value that did not parse.
func parseErrors(err error) error {
	var agg env.AggregateError
	if !errors.As(err, &agg) {
		return fmt.Errorf("configuration: %w", err)
	}
	field, ok := reflect.TypeOf(Config{}), false
	var errs []error
	for _, e := range agg.Errors {
		var pe env.ParseError
		if !errors.As(e, &pe) {
			errs = append(errs, e)
			continue
		}
		name := pe.Name
		var f reflect.StructField
		if f, ok = field.FieldByName(pe.Name); ok {
			name = f.Tag.Get("env")
		}
		errs = append(errs, fmt.Errorf("%s: cannot read as %s: %v", name, pe.Type, pe.Err))
	}
	return errors.Join(errs...)
}

var secretToken = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// Validate checks every value and reports all problems at once.
func (c Config) Validate() error {
	var errs []error
	bad := func(name, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{name}, args...)...))
	}
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		bad("HTTP_ADDR", "want host:port such as :8080, got %q", c.HTTPAddr)
	}
	if c.HTTPMaxConnections < 16 || c.HTTPMaxConnections > 100_000 {
		bad("HTTP_MAX_CONNECTIONS", "must be between 16 and 100000 (and well below the open-file limit, `ulimit -n`), got %d", c.HTTPMaxConnections)
	}
	if strings.TrimSpace(c.DataDir) == "" {
		bad("DATA_DIR", "must not be empty")
	}
	if c.RedisURL != "" && !hasScheme(c.RedisURL, "redis", "rediss", "unix") {
		bad("REDIS_URL", "want redis://host:6379/0 (or rediss://, unix://), got %q", redactURL(c.RedisURL))
	}
	if !oneOf(c.ConversationJournal, "on", "off") {
		bad("CONVERSATION_JOURNAL", "must be on or off, got %q", c.ConversationJournal)
	}
	if c.ConversationJournalMax < 1<<20 || c.ConversationJournalMax > 1<<30 {
		bad("CONVERSATION_JOURNAL_MAX", "must be between 1048576 (1 MiB) and 1073741824 (1 GiB), got %d", c.ConversationJournalMax)
	}
	if c.MongoURI != "" && !hasScheme(c.MongoURI, "mongodb", "mongodb+srv") {
		bad("MONGODB_URI", "want mongodb://host:27017 or mongodb+srv://…, got %q", redactURL(c.MongoURI))
	}
	if c.MongoURI != "" && strings.TrimSpace(c.MongoDatabase) == "" {
		bad("MONGODB_DATABASE", "must not be empty when MONGODB_URI is set")
	}
	if !hasScheme(c.TelegramAPIURL, "http", "https") {
		bad("TELEGRAM_API_URL", "want an http(s) URL such as https://api.telegram.org, got %q", c.TelegramAPIURL)
	}
	if c.TelegramToken != "" && !strings.Contains(c.TelegramToken, ":") {
		bad("TELEGRAM_TOKEN", "does not look like a bot token from @BotFather (123456:ABC…)")
	}
	errs = append(errs, c.validateMode()...)
	errs = append(errs, c.validateRedis()...)
	errs = append(errs, c.validateReminders()...)
	errs = append(errs, c.validateEvaluation()...)
	if !oneOf(c.DefaultTimezone, Timezones...) {
		bad("DEFAULT_TIMEZONE", "must be one of %s, got %q", strings.Join(Timezones, ", "), c.DefaultTimezone)
	} else if _, err := time.LoadLocation(c.DefaultTimezone); err != nil {
		bad("DEFAULT_TIMEZONE", "time zone data missing: %v", err)
	}
	if !oneOf(c.BotLanguage, "id", "en") {
		bad("BOT_LANGUAGE", "must be id or en, got %q", c.BotLanguage)
	}
	if c.SessionTTL < time.Minute {
		bad("SESSION_TTL", "must be at least 1m, got %s", c.SessionTTL)
	}
	if c.Workers < 1 || c.Workers > 1024 {
		bad("WORKERS", "must be between 1 and 1024, got %d", c.Workers)
	}
	if c.MaxEvidencePhotos < 1 || c.MaxEvidencePhotos > 10 {
		bad("MAX_EVIDENCE_PHOTOS", "must be between 1 and 10, got %d", c.MaxEvidencePhotos)
	}
	if c.MaxEvidenceBytes < 100<<10 || c.MaxEvidenceBytes > 20<<20 {
		bad("MAX_EVIDENCE_BYTES", "must be between 102400 and 20971520 (Telegram's 20 MB download limit), got %d", c.MaxEvidenceBytes)
	}
	if c.MaxPhotoPixels < 1_000_000 || c.MaxPhotoPixels > 60_000_000 {
		bad("MAX_PHOTO_PIXELS", "must be between 1000000 and 60000000, got %d", c.MaxPhotoPixels)
	}
	if c.PhotoDecodeBudget < c.MaxPhotoPixels || c.PhotoDecodeBudget > 1_000_000_000 {
		bad("PHOTO_DECODE_BUDGET", "must be at least MAX_PHOTO_PIXELS (%d) and at most 1000000000, got %d", c.MaxPhotoPixels, c.PhotoDecodeBudget)
	}
	if c.PhotoDateToleranceDays < 0 || c.PhotoDateToleranceDays > 366 {
		bad("PHOTO_DATE_TOLERANCE_DAYS", "must be between 0 (off) and 366, got %d", c.PhotoDateToleranceDays)
	}
	if c.ReportBackdateDays < 0 || c.ReportBackdateDays > 31 {
		bad("REPORT_BACKDATE_DAYS", "must be between 0 and 31, got %d", c.ReportBackdateDays)
	}
	if c.MonthlyTargetMinutes < 1 || c.MonthlyTargetMinutes > 31*24*60 {
		bad("MONTHLY_TARGET_MINUTES", "must be a positive number of minutes, got %d", c.MonthlyTargetMinutes)
	}
	if c.SurveySecret != "" && len(c.SurveySecret) < 16 {
		bad("SURVEY_SECRET", "must be at least 16 characters")
	}
	if c.FeedbackPerDay < 1 || c.FeedbackPerDay > 100 {
		bad("FEEDBACK_PER_DAY", "must be between 1 and 100, got %d", c.FeedbackPerDay)
	}
	errs = append(errs, c.validateCycle()...)
	errs = append(errs, c.validateConsole()...)
	errs = append(errs, c.validateRetention()...)
	errs = append(errs, c.validateDigest()...)
	errs = append(errs, c.validatePlayground()...)
	errs = append(errs, c.validateWhatsApp()...)
	errs = append(errs, c.validateWhatsAppCloud()...)
	if !oneOf(strings.ToLower(c.LogLevel), "debug", "info", "warn", "error") {
		bad("LOG_LEVEL", "must be debug, info, warn or error, got %q", c.LogLevel)
	}
	if !oneOf(c.LogFormat, "text", "json") {
		bad("LOG_FORMAT", "must be text or json, got %q", c.LogFormat)
	}
	return errors.Join(errs...)
}

func (c Config) validateMode() []error {
	var errs []error
	switch c.TelegramMode {
	case "polling":
	case "webhook":
		if c.TelegramToken == "" {
			break
		}
		if u, err := url.Parse(c.TelegramWebhookURL); err != nil || u.Scheme != "https" || u.Host == "" {
			errs = append(errs, fmt.Errorf("TELEGRAM_WEBHOOK_URL: webhook mode needs the public https URL Telegram posts to, got %q", c.TelegramWebhookURL))
		}
		if !secretToken.MatchString(c.TelegramWebhookSecret) {
			errs = append(errs, fmt.Errorf("TELEGRAM_WEBHOOK_SECRET: webhook mode needs a secret of 1-256 characters A-Z a-z 0-9 _ -"))
		}
	default:
		errs = append(errs, fmt.Errorf("TELEGRAM_MODE: must be polling or webhook, got %q", c.TelegramMode))
	}
	return errs
}

// minPlaygroundPassword is the shortest password a public playground takes.
const minPlaygroundPassword = 8

func (c Config) validatePlayground() []error {
	var errs []error
	if !oneOf(c.Playground, "", "on", "off") {
		errs = append(errs, fmt.Errorf("PLAYGROUND: must be on or off, got %q", c.Playground))
	}
	if !oneOf(c.PlaygroundPublic, "on", "off") {
		errs = append(errs, fmt.Errorf("PLAYGROUND_PUBLIC: must be on or off, got %q", c.PlaygroundPublic))
	}
	if c.PlaygroundOn() && c.PlaygroundPublic == "on" && len(c.PlaygroundPassword) < minPlaygroundPassword {
		errs = append(errs, fmt.Errorf("PLAYGROUND_PASSWORD: a public playground (PLAYGROUND_PUBLIC=on) needs a password of at least %d characters", minPlaygroundPassword))
	}
	return errs
}

// minAdminToken is the shortest WHATSAPP_ADMIN_TOKEN accepted.
const minAdminToken = 16

var pairPhone = regexp.MustCompile(`^\+?[0-9][0-9 -]{6,20}$`)

func (c Config) validateWhatsApp() []error {
	var errs []error
	bad := func(name, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{name}, args...)...))
	}
	if c.WhatsAppDBURL != "" && !hasScheme(c.WhatsAppDBURL, "postgres", "postgresql") {
		bad("WHATSAPP_DB_URL", "want postgres://user:pass@host:5432/db, got %q", redactURL(c.WhatsAppDBURL))
	}
	if c.WhatsAppPairPhone != "" && (!pairPhone.MatchString(c.WhatsAppPairPhone) || strings.HasPrefix(strings.TrimPrefix(c.WhatsAppPairPhone, "+"), "0")) {
		bad("WHATSAPP_PAIR_PHONE", "want the bot's number with country code, such as +6281234567890")
	}
	if c.WhatsAppPerSecond < 1 || c.WhatsAppPerSecond > 20 {
		bad("WHATSAPP_PER_SECOND", "must be between 1 and 20 (keep it low: WhatsApp bans fast senders), got %d", c.WhatsAppPerSecond)
	}
	if c.WhatsAppPerChatInterval < time.Second {
		bad("WHATSAPP_PER_CHAT_INTERVAL", "must be at least 1s, got %s", c.WhatsAppPerChatInterval)
	}
	if c.WhatsAppChoiceTTL < time.Hour {
		bad("WHATSAPP_CHOICE_TTL", "must be at least 1h, got %s", c.WhatsAppChoiceTTL)
	}
	if c.WhatsAppReplayWindow < time.Minute || c.WhatsAppReplayWindow > 72*time.Hour {
		bad("WHATSAPP_REPLAY_WINDOW", "must be between 1m and 72h, got %s", c.WhatsAppReplayWindow)
	}
	if c.WhatsAppAdminToken != "" && len(c.WhatsAppAdminToken) < minAdminToken {
		bad("WHATSAPP_ADMIN_TOKEN", "must be at least %d characters", minAdminToken)
	}
	return errs
}

// PlatformOn reports whether a real chat platform is configured: Telegram
// (TELEGRAM_TOKEN) or WhatsApp (WHATSAPP_ENABLED).
func (c Config) PlatformOn() bool {
	return c.TelegramToken != "" || c.WhatsAppEnabled || c.WhatsAppCloudOn()
}

// PlaygroundOn reports whether the web playground runs: PLAYGROUND=on, or
// PLAYGROUND unset and no platform configured (the embedded default).
func (c Config) PlaygroundOn() bool {
	if c.Playground == "" {
		return !c.PlatformOn()
	}
	return c.Playground == "on"
}

// PlaygroundPublicOn reports whether the playground serves other machines.
func (c Config) PlaygroundPublicOn() bool { return c.PlaygroundPublic == "on" }

// WebhookPath is the HTTP path Telegram posts updates to: the path of
// TELEGRAM_WEBHOOK_URL, or /telegram/webhook.
func (c Config) WebhookPath() string {
	if u, err := url.Parse(c.TelegramWebhookURL); err == nil && u.Path != "" && u.Path != "/" {
		return u.Path
	}
	return "/telegram/webhook"
}

// LogValue prints the configuration with secrets masked.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("http_addr", c.HTTPAddr),
		slog.Int("http_max_connections", c.HTTPMaxConnections),
		slog.String("data_dir", c.DataDir),
		slog.String("redis_url", orDefault(redactURL(c.RedisURL), "(in-process)")),
		slog.Any("redis", c.RedisScale.LogValue()),
		slog.String("conversation_journal", c.ConversationJournal),
		slog.Int64("conversation_journal_max", c.ConversationJournalMax),
		slog.String("mongodb_uri", orDefault(redactURL(c.MongoURI), "(embedded store)")),
		slog.String("mongodb_database", c.MongoDatabase),
		slog.Bool("mongodb_allow_incompatible", c.MongoAllowIncompatible),
		slog.String("telegram_token", orDefault(MaskToken(c.TelegramToken), "(off)")),
		slog.String("telegram_api_url", redactURL(c.TelegramAPIURL)),
		slog.String("telegram_mode", c.TelegramMode),
		slog.String("telegram_webhook_url", redactURL(c.TelegramWebhookURL)),
		slog.String("telegram_webhook_secret", mask(c.TelegramWebhookSecret)),
		slog.String("default_timezone", c.DefaultTimezone),
		slog.String("bot_language", c.BotLanguage),
		slog.Duration("session_ttl", c.SessionTTL),
		slog.Int("workers", c.Workers),
		slog.Int("max_evidence_photos", c.MaxEvidencePhotos),
		slog.Bool("evidence_required", c.EvidenceRequired),
		slog.Int64("max_evidence_bytes", c.MaxEvidenceBytes),
		slog.Int64("max_photo_pixels", c.MaxPhotoPixels),
		slog.Int64("photo_decode_budget", c.PhotoDecodeBudget),
		slog.Int("photo_date_tolerance_days", c.PhotoDateToleranceDays),
		slog.Int("report_backdate_days", c.ReportBackdateDays),
		slog.Int("monthly_target_minutes", c.MonthlyTargetMinutes),
		slog.Bool("playground", c.PlaygroundOn()),
		slog.String("playground_public", c.PlaygroundPublic),
		slog.String("playground_password", mask(c.PlaygroundPassword)),
		slog.String("survey_secret", orDefault(mask(c.SurveySecret), "(kept in the record store)")),
		slog.Int("feedback_per_day", c.FeedbackPerDay),
		slog.Int("coaching_nudge_days", c.CoachingNudgeDays),
		slog.Int("competency_target_jp", c.CompetencyTargetJP),
		slog.String("evaluation_period", c.EvaluationPeriod),
		slog.Int("evaluation_sla_days", c.EvaluationSLADays),
		c.retentionLog(), c.digestLog(),
		slog.Bool("whatsapp_enabled", c.WhatsAppEnabled),
		slog.String("whatsapp_db_url", orDefault(redactURL(c.WhatsAppDBURL), "(DATA_DIR/whatsapp.db)")),
		slog.String("whatsapp_pair_phone", maskPhone(c.WhatsAppPairPhone)),
		slog.Int("whatsapp_per_second", c.WhatsAppPerSecond),
		slog.Duration("whatsapp_per_chat_interval", c.WhatsAppPerChatInterval),
		slog.Duration("whatsapp_choice_ttl", c.WhatsAppChoiceTTL),
		slog.Duration("whatsapp_replay_window", c.WhatsAppReplayWindow),
		slog.String("whatsapp_admin_token", orDefault(mask(c.WhatsAppAdminToken), "(admin page off)")),
		slog.Attr{Key: "whatsapp_cloud", Value: c.WhatsAppCloud.LogValue()},
		slog.Any("console", c.consoleAttrs()),
	)
}

// MaskToken keeps a bot token's public bot id and hides its secret part.
func MaskToken(t string) string {
	if t == "" {
		return ""
	}
	id, _, ok := strings.Cut(t, ":")
	if !ok {
		return "****"
	}
	return id + ":****"
}

func mask(s string) string {
	if s == "" {
		return ""
	}
	return "****"
}

// maskPhone keeps a phone number's first 5 and last 3 digits.
func maskPhone(p string) string {
	if p == "" {
		return ""
	}
	if len(p) < 10 {
		return "****"
	}
	return p[:5] + "****" + p[len(p)-3:]
}

// redactURL hides a URL's password.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		if s == "" {
			return ""
		}
		return "(unparsable URL)"
	}
	return u.Redacted()
}

func hasScheme(s string, schemes ...string) bool {
	u, err := url.Parse(s)
	return err == nil && oneOf(u.Scheme, schemes...) && (u.Host != "" || u.Scheme == "unix")
}

func oneOf(s string, options ...string) bool {
	for _, o := range options {
		if s == o {
			return true
		}
	}
	return false
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
