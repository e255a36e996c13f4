package config

import (
	"strings"
	"testing"
	"time"
)

func lookup(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func TestDefaults(t *testing.T) {
	c, err := Load(lookup(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := Config{HTTPAddr: ":8080", HTTPMaxConnections: 1000, DataDir: "./data", RedisPrefix: "kb:", MongoDatabase: "kinerjabot",
		ConversationJournal: "on", ConversationJournalMax: 16 << 20,
		TelegramAPIURL: "https://api.telegram.org", TelegramMode: "polling", DefaultTimezone: "Asia/Jakarta",
		BotLanguage: "id", SessionTTL: 24 * time.Hour, Workers: 64, LogLevel: "info", LogFormat: "text",
		MaxEvidencePhotos: 3, EvidenceRequired: true, MaxEvidenceBytes: 10 << 20, MaxPhotoPixels: 50_000_000, PhotoDecodeBudget: 64_000_000, PhotoDateToleranceDays: 3, ReportBackdateDays: 2, MonthlyTargetMinutes: 6750,
		FeedbackPerDay: 5, PlaygroundPublic: "off", CoachingNudgeDays: 30, CompetencyTargetJP: 20,
		Reminders: "on", RemindStaffAt: "15:30", RemindSupervisorAt: "08:00", RemindWindow: 3 * time.Hour,
		ApprovalSLADays: 3, ApprovalTimeoutAction: "escalate", MonthEndWarningDays: 3,
		EvaluationPeriod: "triwulan", EvaluationSLADays: 5,
		ConsoleConfig:     ConsoleConfig{ConsoleSessionIdle: 8 * time.Hour, ConsoleSessionMax: 24 * time.Hour, ConsoleLinkTTL: 5 * time.Minute},
		TelegramPerSecond: 30, TelegramPerChatInterval: time.Second,
		WhatsAppPerSecond: 1, WhatsAppPerChatInterval: 3 * time.Second, WhatsAppChoiceTTL: 7 * 24 * time.Hour,
		WhatsAppReplayWindow: 24 * time.Hour, RedisScale: RedisScale{RedisWaitTimeout: 200 * time.Millisecond}}
	want.WhatsAppCloud = defaultWhatsAppCloud
	want.Retention, want.Digest = retentionDefaults, Digest{WeeklyDigest: "on", WeeklyDigestAt: "07:30"}
	if c != want {
		t.Fatalf("defaults:\n got %+v\nwant %+v", c, want)
	}
}

func TestInvalidValues(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"mode", map[string]string{"TELEGRAM_MODE": "push"}, []string{"TELEGRAM_MODE: must be polling or webhook"}},
		{"webhook without url and secret", map[string]string{"TELEGRAM_TOKEN": "1:a", "TELEGRAM_MODE": "webhook"},
			[]string{"TELEGRAM_WEBHOOK_URL", "TELEGRAM_WEBHOOK_SECRET"}},
		{"webhook with http url", map[string]string{"TELEGRAM_TOKEN": "1:a", "TELEGRAM_MODE": "webhook",
			"TELEGRAM_WEBHOOK_URL": "http://x/y", "TELEGRAM_WEBHOOK_SECRET": "s"}, []string{"TELEGRAM_WEBHOOK_URL"}},
		{"secret with bad characters", map[string]string{"TELEGRAM_TOKEN": "1:a", "TELEGRAM_MODE": "webhook",
			"TELEGRAM_WEBHOOK_URL": "https://x/y", "TELEGRAM_WEBHOOK_SECRET": "a b"}, []string{"TELEGRAM_WEBHOOK_SECRET"}},
		{"timezone", map[string]string{"DEFAULT_TIMEZONE": "Asia/Singapore"}, []string{"DEFAULT_TIMEZONE: must be one of Asia/Jakarta, Asia/Makassar, Asia/Jayapura"}},
		{"language", map[string]string{"BOT_LANGUAGE": "jv"}, []string{"BOT_LANGUAGE: must be id or en"}},
		{"redis url", map[string]string{"REDIS_URL": "localhost:6379"}, []string{"REDIS_URL"}},
		{"mongo url", map[string]string{"MONGODB_URI": "postgres://x"}, []string{"MONGODB_URI"}},
		{"journal switch", map[string]string{"CONVERSATION_JOURNAL": "yes"}, []string{"CONVERSATION_JOURNAL: must be on or off"}},
		{"journal size", map[string]string{"CONVERSATION_JOURNAL_MAX": "1000"}, []string{"CONVERSATION_JOURNAL_MAX"}},
		{"http addr", map[string]string{"HTTP_ADDR": "8080"}, []string{"HTTP_ADDR"}},
		{"too few connections", map[string]string{"HTTP_MAX_CONNECTIONS": "4"}, []string{"HTTP_MAX_CONNECTIONS: must be between 16 and 100000"}},
		{"connections not a number", map[string]string{"HTTP_MAX_CONNECTIONS": "many"}, []string{"HTTP_MAX_CONNECTIONS"}},
		{"token shape", map[string]string{"TELEGRAM_TOKEN": "abc"}, []string{"TELEGRAM_TOKEN"}},
		{"duration", map[string]string{"SESSION_TTL": "soon"}, []string{"SESSION_TTL"}},
		{"photos", map[string]string{"MAX_EVIDENCE_PHOTOS": "0"}, []string{"MAX_EVIDENCE_PHOTOS"}},
		{"evidence size over Telegram's limit", map[string]string{"MAX_EVIDENCE_BYTES": "30000000"}, []string{"MAX_EVIDENCE_BYTES"}},
		{"evidence required not a bool", map[string]string{"EVIDENCE_REQUIRED": "ya"}, []string{"EVIDENCE_REQUIRED"}},
		{"short survey secret", map[string]string{"SURVEY_SECRET": "abc"}, []string{"SURVEY_SECRET"}},
		{"feedback per day", map[string]string{"FEEDBACK_PER_DAY": "0"}, []string{"FEEDBACK_PER_DAY"}},
		{"coaching nudge days", map[string]string{"COACHING_NUDGE_DAYS": "-1"}, []string{"COACHING_NUDGE_DAYS"}},
		{"competency target", map[string]string{"COMPETENCY_TARGET_JP": "0"}, []string{"COMPETENCY_TARGET_JP"}},
		{"playground switch", map[string]string{"PLAYGROUND": "yes"}, []string{"PLAYGROUND: must be on or off"}},
		{"playground public switch", map[string]string{"PLAYGROUND_PUBLIC": "true"}, []string{"PLAYGROUND_PUBLIC: must be on or off"}},
		{"public playground without password", map[string]string{"PLAYGROUND_PUBLIC": "on"}, []string{"PLAYGROUND_PASSWORD"}},
		{"public playground with a short password", map[string]string{"PLAYGROUND_PUBLIC": "on", "PLAYGROUND_PASSWORD": "abc"}, []string{"PLAYGROUND_PASSWORD"}},
		{"whatsapp db url", map[string]string{"WHATSAPP_DB_URL": "mysql://x/y"}, []string{"WHATSAPP_DB_URL"}},
		{"whatsapp pair phone", map[string]string{"WHATSAPP_PAIR_PHONE": "0812345678"}, []string{"WHATSAPP_PAIR_PHONE"}},
		{"whatsapp too fast", map[string]string{"WHATSAPP_PER_SECOND": "30"}, []string{"WHATSAPP_PER_SECOND"}},
		{"whatsapp per chat interval", map[string]string{"WHATSAPP_PER_CHAT_INTERVAL": "100ms"}, []string{"WHATSAPP_PER_CHAT_INTERVAL"}},
		{"whatsapp choice ttl", map[string]string{"WHATSAPP_CHOICE_TTL": "1m"}, []string{"WHATSAPP_CHOICE_TTL"}},
		{"whatsapp replay window", map[string]string{"WHATSAPP_REPLAY_WINDOW": "0s"}, []string{"WHATSAPP_REPLAY_WINDOW"}},
		{"whatsapp short admin token", map[string]string{"WHATSAPP_ADMIN_TOKEN": "abc"}, []string{"WHATSAPP_ADMIN_TOKEN"}},
		{"several at once", map[string]string{"BOT_LANGUAGE": "xx", "WORKERS": "0"}, []string{"BOT_LANGUAGE", "WORKERS"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(lookup(tc.env))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestValidWebhook(t *testing.T) {
	c, err := Load(lookup(map[string]string{"TELEGRAM_TOKEN": "1:a", "TELEGRAM_MODE": "webhook",
		"TELEGRAM_WEBHOOK_URL": "https://bot.example.go.id/tg/hook", "TELEGRAM_WEBHOOK_SECRET": "s3cr3t_-"}))
	if err != nil {
		t.Fatal(err)
	}
	if !c.Webhook() || c.WebhookPath() != "/tg/hook" {
		t.Fatalf("webhook=%v path=%q", c.Webhook(), c.WebhookPath())
	}
}

func TestSecretsMasked(t *testing.T) {
	c, err := Load(lookup(map[string]string{
		"TELEGRAM_TOKEN": "123456:SECRETPART", "REDIS_URL": "redis://:redispw@r:6379/0",
		"MONGODB_URI": "mongodb://u:mongopw@m:27017", "TELEGRAM_MODE": "webhook",
		"TELEGRAM_WEBHOOK_URL": "https://h/x", "TELEGRAM_WEBHOOK_SECRET": "hooksecret", "SURVEY_SECRET": "surveysecret-0123456789",
		"PLAYGROUND": "on", "PLAYGROUND_PUBLIC": "on", "PLAYGROUND_PASSWORD": "playgroundpw",
		"WHATSAPP_DB_URL": "postgres://wa:wapassword@pg:5432/wa", "WHATSAPP_ADMIN_TOKEN": "adminadminadmin123",
		"WHATSAPP_PAIR_PHONE": "+6281234567890", "TELEGRAM_API_URL": "https://proxy:proxypass@botapi.example.go.id",
	}))
	if err != nil {
		t.Fatal(err)
	}
	s := c.LogValue().String()
	for _, secret := range []string{"SECRETPART", "redispw", "mongopw", "hooksecret", "surveysecret", "playgroundpw",
		"wapassword", "adminadminadmin123", "6281234567890", "proxypass"} {
		if strings.Contains(s, secret) {
			t.Errorf("printed config shows %q: %s", secret, s)
		}
	}
	if !strings.Contains(s, "123456:****") {
		t.Errorf("token's bot id should stay visible: %s", s)
	}
}

// The playground is the embedded default: on when no platform is
// configured, off beside Telegram or WhatsApp unless asked for, and
// loopback-only unless made public.
func TestPlaygroundSwitch(t *testing.T) {
	cases := []struct {
		name         string
		env          map[string]string
		on, publicOn bool
	}{
		{"nothing set", nil, true, false},
		{"telegram token", map[string]string{"TELEGRAM_TOKEN": "1:a"}, false, false},
		{"telegram token and asked for", map[string]string{"TELEGRAM_TOKEN": "1:a", "PLAYGROUND": "on"}, true, false},
		{"whatsapp alone", map[string]string{"WHATSAPP_ENABLED": "true"}, false, false},
		{"whatsapp and asked for", map[string]string{"WHATSAPP_ENABLED": "true", "PLAYGROUND": "on"}, true, false},
		{"turned off", map[string]string{"PLAYGROUND": "off"}, false, false},
		{"public with password", map[string]string{"PLAYGROUND_PUBLIC": "on", "PLAYGROUND_PASSWORD": "rahasia-demo"}, true, true},
		{"off needs no password even when public", map[string]string{"PLAYGROUND": "off", "PLAYGROUND_PUBLIC": "on"}, false, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(lookup(tc.env))
			if err != nil {
				t.Fatal(err)
			}
			if c.PlaygroundOn() != tc.on || c.PlaygroundPublicOn() != tc.publicOn {
				t.Fatalf("on=%v public=%v, want %v %v", c.PlaygroundOn(), c.PlaygroundPublicOn(), tc.on, tc.publicOn)
			}
		})
	}
}

func TestEvaluationSettings(t *testing.T) {
	cases := []struct {
		period string
		sla    int
		months int
		ok     bool
	}{
		{"bulanan", 5, 1, true},
		{"Quarterly", 5, 3, true},
		{"triwulan", 60, 3, true},
		{"mingguan", 5, 0, false},
		{"bulanan", 0, 1, false},
	}
	for _, tc := range cases {
		c := Config{EvaluationPeriod: tc.period, EvaluationSLADays: tc.sla}
		if got := c.EvaluationMonths(); got != tc.months {
			t.Errorf("EvaluationMonths(%q) = %d, want %d", tc.period, got, tc.months)
		}
		if errs := c.validateEvaluation(); (len(errs) == 0) != tc.ok {
			t.Errorf("validateEvaluation(%q, %d) = %v, want ok %v", tc.period, tc.sla, errs, tc.ok)
		}
	}
}
