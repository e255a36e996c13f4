package config

import (
	"strings"
	"testing"
	"time"
)

func cloudEnv(extra map[string]string) map[string]string {
	env := map[string]string{
		"WHATSAPP_CLOUD_TOKEN": "EAAGcloudtokensecret", "WHATSAPP_CLOUD_PHONE_NUMBER_ID": "106540352242922",
		"WHATSAPP_CLOUD_APP_SECRET": "appsecretvalue", "WHATSAPP_CLOUD_VERIFY_TOKEN": "verifytoken-0123456789",
	}
	for k, v := range extra {
		env[k] = v
	}
	return env
}

func TestWhatsAppCloudSettings(t *testing.T) {
	cases := []struct {
		name    string
		env     map[string]string
		wantErr string // "" for valid
	}{
		{"off by default", map[string]string{}, ""},
		{"complete", cloudEnv(nil), ""},
		{"both transports", cloudEnv(map[string]string{"WHATSAPP_ENABLED": "true"}), "cannot both be on"},
		{"phone number not an id", cloudEnv(map[string]string{"WHATSAPP_CLOUD_PHONE_NUMBER_ID": "+62811"}), "WHATSAPP_CLOUD_PHONE_NUMBER_ID"},
		{"no app secret", cloudEnv(map[string]string{"WHATSAPP_CLOUD_APP_SECRET": ""}), "WHATSAPP_CLOUD_APP_SECRET"},
		{"short verify token", cloudEnv(map[string]string{"WHATSAPP_CLOUD_VERIFY_TOKEN": "short"}), "WHATSAPP_CLOUD_VERIFY_TOKEN"},
		{"bad version", cloudEnv(map[string]string{"WHATSAPP_CLOUD_API_VERSION": "21"}), "WHATSAPP_CLOUD_API_VERSION"},
		{"bad url", cloudEnv(map[string]string{"WHATSAPP_CLOUD_API_URL": "graph.facebook.com"}), "WHATSAPP_CLOUD_API_URL"},
		{"bad path", cloudEnv(map[string]string{"WHATSAPP_CLOUD_PATH": "whatsapp"}), "WHATSAPP_CLOUD_PATH"},
		{"rate zero", cloudEnv(map[string]string{"WHATSAPP_CLOUD_RATE": "0"}), "WHATSAPP_CLOUD_RATE"},
		{"bad template", cloudEnv(map[string]string{"WHATSAPP_CLOUD_TEMPLATE": "Pesan Bot"}), "WHATSAPP_CLOUD_TEMPLATE"},
		{"bad language", cloudEnv(map[string]string{"WHATSAPP_CLOUD_TEMPLATE_LANGUAGE": "Indonesian"}), "WHATSAPP_CLOUD_TEMPLATE_LANGUAGE"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(lookup(tc.env))
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("want valid, got %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("want an error naming %s, got %v", tc.wantErr, err)
			case tc.wantErr == "" && c.WhatsAppCloudRate != 80:
				t.Fatalf("default rate %d, want 80", c.WhatsAppCloudRate)
			}
		})
	}
}

func TestWhatsAppCloudSecretsMasked(t *testing.T) {
	c, err := Load(lookup(cloudEnv(map[string]string{"WHATSAPP_CLOUD_API_URL": "https://u:proxypw@graph.example"})))
	if err != nil {
		t.Fatal(err)
	}
	if !c.PlatformOn() {
		t.Error("the Cloud API transport should count as a platform")
	}
	s := c.LogValue().String()
	for _, secret := range []string{"cloudtokensecret", "appsecretvalue", "verifytoken-0123456789", "proxypw"} {
		if strings.Contains(s, secret) {
			t.Errorf("printed config shows %q: %s", secret, s)
		}
	}
	if !strings.Contains(s, "106540352242922") {
		t.Errorf("phone number id should be shown: %s", s)
	}
}

// defaultWhatsAppCloud is the Cloud API settings' defaults (TestDefaults).
var defaultWhatsAppCloud = WhatsAppCloud{
	WhatsAppCloudAPIURL: "https://graph.facebook.com", WhatsAppCloudAPIVersion: "v21.0",
	WhatsAppCloudPath: "/whatsapp/cloud", WhatsAppCloudRate: 80, WhatsAppCloudPerChatInterval: time.Second,
	WhatsAppCloudTemplate: "kinerja_pesan", WhatsAppCloudTemplateLanguage: "id",
}
