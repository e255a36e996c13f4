package config

import (
	"fmt"
	"log/slog"
)

// Digest is the weekly digest in chat for unit heads and admins (package
// scheduler, weekly.go): Monday at WEEKLY_DIGEST_AT in each unit's time
// zone. Each person may turn theirs off with /pengingat ringkasan off;
// WEEKLY_DIGEST=off turns it off for everyone (REMINDERS=off does too).
type Digest struct {
	WeeklyDigest   string `env:"WEEKLY_DIGEST" envDefault:"on"`
	WeeklyDigestAt string `env:"WEEKLY_DIGEST_AT" envDefault:"07:30"`
}

// WeeklyDigestOn reports whether the weekly digest is sent.
func (c Config) WeeklyDigestOn() bool { return c.WeeklyDigest == "on" && c.RemindersOn() }

func (c Config) validateDigest() []error {
	var errs []error
	if !oneOf(c.WeeklyDigest, "on", "off") {
		errs = append(errs, fmt.Errorf("WEEKLY_DIGEST: must be on or off, got %q", c.WeeklyDigest))
	}
	if _, err := ClockMinutes(c.WeeklyDigestAt); err != nil {
		errs = append(errs, fmt.Errorf("WEEKLY_DIGEST_AT: %v", err))
	}
	return errs
}

// digestLog is the digest settings for the startup log.
func (c Config) digestLog() slog.Attr {
	return slog.Group("weekly_digest", slog.String("on", c.WeeklyDigest), slog.String("at", c.WeeklyDigestAt))
}
