package config

import (
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"
)

// WhatsAppCloud is the WhatsApp Business Platform (Cloud API) transport
// (bot/whatsappcloud), the official alternative to the whatsmeow adapter;
// the two cannot both be on. It is on when WHATSAPP_CLOUD_TOKEN is set.
type WhatsAppCloud struct {
	// WhatsAppCloudToken is a system user's access token with the
	// whatsapp_business_messaging permission; empty: the transport is off.
	WhatsAppCloudToken string `env:"WHATSAPP_CLOUD_TOKEN"`
	// WhatsAppCloudPhoneNumberID is the id (not the number) of the bot's
	// business phone number, from the app's WhatsApp settings.
	WhatsAppCloudPhoneNumberID string `env:"WHATSAPP_CLOUD_PHONE_NUMBER_ID"`
	// WhatsAppCloudAppSecret signs the webhook's requests (X-Hub-Signature-256).
	WhatsAppCloudAppSecret string `env:"WHATSAPP_CLOUD_APP_SECRET"`
	// WhatsAppCloudVerifyToken is the webhook's verify token, as typed in
	// the app's webhook settings.
	WhatsAppCloudVerifyToken string `env:"WHATSAPP_CLOUD_VERIFY_TOKEN"`
	// WhatsAppCloudAPIURL is the Graph API root; tests point it at a fake.
	WhatsAppCloudAPIURL     string `env:"WHATSAPP_CLOUD_API_URL" envDefault:"https://graph.facebook.com"`
	WhatsAppCloudAPIVersion string `env:"WHATSAPP_CLOUD_API_VERSION" envDefault:"v21.0"`
	// WhatsAppCloudPath is the HTTP path of the webhook.
	WhatsAppCloudPath string `env:"WHATSAPP_CLOUD_PATH" envDefault:"/whatsapp/cloud"`
	// WhatsAppCloudRate is the business number's throughput, messages a
	// second, kept by the outbound queue.
	WhatsAppCloudRate int `env:"WHATSAPP_CLOUD_RATE" envDefault:"80"`
	// WhatsAppCloudPerChatInterval spaces bulk messages to one person.
	WhatsAppCloudPerChatInterval time.Duration `env:"WHATSAPP_CLOUD_PER_CHAT_INTERVAL" envDefault:"1s"`
	// WhatsAppCloudTemplate names the approved template that carries a
	// message to someone silent for more than 24 hours (one body
	// parameter: the message); WhatsAppCloudTemplateLanguage is its
	// language code as approved.
	WhatsAppCloudTemplate         string `env:"WHATSAPP_CLOUD_TEMPLATE" envDefault:"kinerja_pesan"`
	WhatsAppCloudTemplateLanguage string `env:"WHATSAPP_CLOUD_TEMPLATE_LANGUAGE" envDefault:"id"`
}

// WhatsAppCloudOn reports whether the Cloud API transport is on.
func (c WhatsAppCloud) WhatsAppCloudOn() bool { return c.WhatsAppCloudToken != "" }

var (
	graphVersion = regexp.MustCompile(`^v[0-9]{1,3}\.[0-9]{1,2}$`)
	numericID    = regexp.MustCompile(`^[0-9]{5,30}$`)
	templateName = regexp.MustCompile(`^[a-z0-9_]{1,512}$`)
	languageCode = regexp.MustCompile(`^[a-z]{2,3}(_[A-Z]{2})?$`)
)

// minCloudSecret is the shortest verify token accepted.
const minCloudSecret = 16

func (c Config) validateWhatsAppCloud() []error {
	w := c.WhatsAppCloud
	var errs []error
	bad := func(name, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{name}, args...)...))
	}
	if !w.WhatsAppCloudOn() {
		return nil
	}
	if c.WhatsAppEnabled {
		bad("WHATSAPP_CLOUD_TOKEN", "the two WhatsApp transports cannot both be on: unset it or WHATSAPP_ENABLED")
	}
	if !numericID.MatchString(w.WhatsAppCloudPhoneNumberID) {
		bad("WHATSAPP_CLOUD_PHONE_NUMBER_ID", "want the numeric id of the bot's phone number (not the number itself), got %q", w.WhatsAppCloudPhoneNumberID)
	}
	if w.WhatsAppCloudAppSecret == "" {
		bad("WHATSAPP_CLOUD_APP_SECRET", "required: the app secret signs the webhook's requests")
	}
	if len(w.WhatsAppCloudVerifyToken) < minCloudSecret {
		bad("WHATSAPP_CLOUD_VERIFY_TOKEN", "must be at least %d characters", minCloudSecret)
	}
	errs = append(errs, w.validateShape()...)
	return errs
}

// validateShape checks the settings that have defaults.
func (w WhatsAppCloud) validateShape() []error {
	var errs []error
	bad := func(name, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{name}, args...)...))
	}
	if !hasScheme(w.WhatsAppCloudAPIURL, "http", "https") {
		bad("WHATSAPP_CLOUD_API_URL", "want an http(s) URL such as https://graph.facebook.com, got %q", redactURL(w.WhatsAppCloudAPIURL))
	}
	if !graphVersion.MatchString(w.WhatsAppCloudAPIVersion) {
		bad("WHATSAPP_CLOUD_API_VERSION", "want a Graph API version such as v21.0, got %q", w.WhatsAppCloudAPIVersion)
	}
	if !strings.HasPrefix(w.WhatsAppCloudPath, "/") || strings.ContainsAny(w.WhatsAppCloudPath, " ?#") {
		bad("WHATSAPP_CLOUD_PATH", "want a path such as /whatsapp/cloud, got %q", w.WhatsAppCloudPath)
	}
	if w.WhatsAppCloudRate < 1 || w.WhatsAppCloudRate > 1000 {
		bad("WHATSAPP_CLOUD_RATE", "must be between 1 and 1000 messages a second, got %d", w.WhatsAppCloudRate)
	}
	if w.WhatsAppCloudPerChatInterval < 0 || w.WhatsAppCloudPerChatInterval > time.Minute {
		bad("WHATSAPP_CLOUD_PER_CHAT_INTERVAL", "must be between 0 and 1m, got %s", w.WhatsAppCloudPerChatInterval)
	}
	if !templateName.MatchString(w.WhatsAppCloudTemplate) {
		bad("WHATSAPP_CLOUD_TEMPLATE", "want a template name of lower-case letters, digits and _, got %q", w.WhatsAppCloudTemplate)
	}
	if !languageCode.MatchString(w.WhatsAppCloudTemplateLanguage) {
		bad("WHATSAPP_CLOUD_TEMPLATE_LANGUAGE", "want a language code such as id or en_US, got %q", w.WhatsAppCloudTemplateLanguage)
	}
	return errs
}

// LogValue prints the Cloud API settings with the secrets masked.
func (w WhatsAppCloud) LogValue() slog.Value {
	if !w.WhatsAppCloudOn() {
		return slog.StringValue("(off)")
	}
	return slog.GroupValue(
		slog.String("token", mask(w.WhatsAppCloudToken)),
		slog.String("phone_number_id", w.WhatsAppCloudPhoneNumberID),
		slog.String("app_secret", mask(w.WhatsAppCloudAppSecret)),
		slog.String("verify_token", mask(w.WhatsAppCloudVerifyToken)),
		slog.String("api_url", redactURL(w.WhatsAppCloudAPIURL)),
		slog.String("api_version", w.WhatsAppCloudAPIVersion),
		slog.String("path", w.WhatsAppCloudPath),
		slog.Int("rate", w.WhatsAppCloudRate),
		slog.Duration("per_chat_interval", w.WhatsAppCloudPerChatInterval),
		slog.String("template", w.WhatsAppCloudTemplate+"/"+w.WhatsAppCloudTemplateLanguage),
	)
}
