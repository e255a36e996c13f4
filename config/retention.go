package config

import (
	"fmt"
	"log/slog"
	"time"
)

// Retention is how long the record store keeps what it no longer needs
// (package retention deletes it once a day). Days count from the record's
// own time, never from the person's state: a person who leaves keeps their
// records until each one's retention ends. 0 keeps forever.
type Retention struct {
	// RetentionEvidenceDays: photos of reports (bukti dukung), from when
	// they were sent.
	RetentionEvidenceDays int `env:"RETENTION_EVIDENCE_DAYS" envDefault:"730"`
	// RetentionDraftPhotoDays: photos of drafts that were cancelled or
	// abandoned (no report names them), from when they were sent. Longer
	// than SESSION_TTL, so that no live draft loses a photo.
	RetentionDraftPhotoDays int `env:"RETENTION_DRAFT_PHOTO_DAYS" envDefault:"7"`
	// RetentionSurveyHashDays: the keyed chat hash of citizen surveys (the
	// once-a-day rule needs it for a day); the survey itself stays.
	RetentionSurveyHashDays int `env:"RETENTION_SURVEY_HASH_DAYS" envDefault:"30"`
	// RetentionLinkCodeDays: one-time registration codes, from their
	// expiry, used or not.
	RetentionLinkCodeDays int `env:"RETENTION_LINK_CODE_DAYS" envDefault:"30"`
	// RetentionAt (HH:MM, DEFAULT_TIMEZONE) is when the daily job runs.
	RetentionAt string `env:"RETENTION_AT" envDefault:"02:30"`
}

// maxRetentionDays bounds every retention setting (about 30 years).
const maxRetentionDays = 11000

func (c Config) validateRetention() []error {
	var errs []error
	for _, d := range []struct {
		name     string
		days, lo int
	}{
		{"RETENTION_EVIDENCE_DAYS", c.RetentionEvidenceDays, 1},
		{"RETENTION_DRAFT_PHOTO_DAYS", c.RetentionDraftPhotoDays, 1},
		{"RETENTION_SURVEY_HASH_DAYS", c.RetentionSurveyHashDays, 2},
		{"RETENTION_LINK_CODE_DAYS", c.RetentionLinkCodeDays, 1},
	} {
		if d.days != 0 && (d.days < d.lo || d.days > maxRetentionDays) {
			errs = append(errs, fmt.Errorf("%s: must be 0 (keep forever) or between %d and %d days, got %d", d.name, d.lo, maxRetentionDays, d.days))
		}
	}
	if d := c.RetentionDraftPhotoDays; d > 0 && time.Duration(d)*24*time.Hour <= c.SessionTTL {
		errs = append(errs, fmt.Errorf("RETENTION_DRAFT_PHOTO_DAYS: %d days is not longer than SESSION_TTL (%s): a live draft would lose its photos", d, c.SessionTTL))
	}
	if _, err := ClockMinutes(c.RetentionAt); err != nil {
		errs = append(errs, fmt.Errorf("RETENTION_AT: %v", err))
	}
	return errs
}

// retentionLog is the retention settings for the startup log.
func (c Config) retentionLog() slog.Attr {
	return slog.Group("retention",
		slog.Int("evidence_days", c.RetentionEvidenceDays),
		slog.Int("draft_photo_days", c.RetentionDraftPhotoDays),
		slog.Int("survey_hash_days", c.RetentionSurveyHashDays),
		slog.Int("link_code_days", c.RetentionLinkCodeDays),
		slog.String("at", c.RetentionAt),
	)
}
