package config

import (
	"strings"
	"testing"
	"time"
)

var retentionDefaults = Retention{RetentionEvidenceDays: 730, RetentionDraftPhotoDays: 7, RetentionSurveyHashDays: 30,
	RetentionLinkCodeDays: 30, RetentionAt: "02:30"}

func TestValidateRetention(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Config)
		want string // "" valid, else a part of the error
	}{
		{"defaults", func(*Config) {}, ""},
		{"0 keeps forever", func(c *Config) {
			c.RetentionEvidenceDays, c.RetentionDraftPhotoDays, c.RetentionSurveyHashDays, c.RetentionLinkCodeDays = 0, 0, 0, 0
		}, ""},
		{"negative", func(c *Config) { c.RetentionEvidenceDays = -1 }, "RETENTION_EVIDENCE_DAYS"},
		{"too long", func(c *Config) { c.RetentionLinkCodeDays = 20000 }, "RETENTION_LINK_CODE_DAYS"},
		{"survey hash needs the day", func(c *Config) { c.RetentionSurveyHashDays = 1 }, "RETENTION_SURVEY_HASH_DAYS"},
		{"draft photos outlive the session", func(c *Config) { c.RetentionDraftPhotoDays, c.SessionTTL = 2, 72*time.Hour }, "SESSION_TTL"},
		{"bad time", func(c *Config) { c.RetentionAt = "25:00" }, "RETENTION_AT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Config{Retention: retentionDefaults, SessionTTL: 24 * time.Hour}
			tt.edit(&c)
			errs := c.validateRetention()
			switch {
			case tt.want == "" && len(errs) > 0:
				t.Errorf("errors %v, want none", errs)
			case tt.want != "" && (len(errs) != 1 || !strings.Contains(errs[0].Error(), tt.want)):
				t.Errorf("errors %v, want one naming %s", errs, tt.want)
			}
		})
	}
}

func TestValidateDigest(t *testing.T) {
	for _, tt := range []struct {
		d    Digest
		want string
	}{
		{Digest{WeeklyDigest: "on", WeeklyDigestAt: "07:30"}, ""},
		{Digest{WeeklyDigest: "off", WeeklyDigestAt: "7.30"}, ""},
		{Digest{WeeklyDigest: "yes", WeeklyDigestAt: "07:30"}, "WEEKLY_DIGEST:"},
		{Digest{WeeklyDigest: "on", WeeklyDigestAt: "senin"}, "WEEKLY_DIGEST_AT"},
	} {
		errs := Config{Digest: tt.d}.validateDigest()
		if (tt.want == "") != (len(errs) == 0) || (tt.want != "" && !strings.Contains(errs[0].Error(), tt.want)) {
			t.Errorf("%+v: errors %v, want %q", tt.d, errs, tt.want)
		}
	}
}
