package whatsappcloud

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/bot"
)

// Options configure the adapter.
type Options struct {
	// Token is the access token sent as a bearer token with every call.
	Token string
	// PhoneNumberID is the id of the bot's business phone number.
	PhoneNumberID string
	// AppSecret signs the webhook's requests; VerifyToken answers its
	// subscription check.
	AppSecret, VerifyToken string
	// APIURL is the Graph API root (https://graph.facebook.com), APIVersion
	// its version ("v21.0").
	APIURL, APIVersion string
	// Redis keeps the last time each chat wrote (the 24-hour window) and
	// the ids of uploaded media, under Prefix.
	Redis  redis.UniversalClient
	Prefix string
	// Template names the approved template for messages outside the
	// 24-hour window, TemplateLanguage its language code.
	Template, TemplateLanguage string
	// Language is of the adapter's own words (a list's button): "id" or "en".
	Language string
	// HTTPClient makes the calls; nil: one with a 30 s timeout.
	HTTPClient *http.Client
	// OnUndeliverable is told of a chat whose message failed for good after
	// the API took it (a failed status with a permanent code), so that the
	// chat is marked blocked as a refused send would be. Nil: logged only.
	OnUndeliverable func(bot.ChatKey)
	// OnTokenExpired is told once when the API refuses the token.
	OnTokenExpired func(error)
	// Now is the clock; nil: time.Now.
	Now func() time.Time
}

// Window is how long after a person's last message free-form messages may
// be sent (Meta's customer service window), less a margin for clocks.
const Window = 24*time.Hour - 5*time.Minute

// mediaTTL is how long an uploaded file's id is reused: Meta keeps uploaded
// media for 30 days.
const mediaTTL = 29 * 24 * time.Hour

func (o Options) withDefaults() Options {
	if o.APIURL == "" {
		o.APIURL = "https://graph.facebook.com"
	}
	o.APIURL = strings.TrimRight(o.APIURL, "/")
	if o.APIVersion == "" {
		o.APIVersion = "v21.0"
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: 30 * time.Second}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.TemplateLanguage == "" {
		o.TemplateLanguage = "id"
	}
	return o
}

func (o Options) validate() error {
	var errs []error
	for name, v := range map[string]string{"token": o.Token, "phone number id": o.PhoneNumberID,
		"app secret": o.AppSecret, "verify token": o.VerifyToken, "template": o.Template} {
		if v == "" {
			errs = append(errs, errors.New("whatsappcloud: no "+name))
		}
	}
	if o.Redis == nil {
		errs = append(errs, errors.New("whatsappcloud: no redis"))
	}
	return errors.Join(errs...)
}
