package config

import "fmt"

func (c Config) validateCycle() []error {
	var errs []error
	if c.CoachingNudgeDays < 0 || c.CoachingNudgeDays > 366 {
		errs = append(errs, fmt.Errorf("COACHING_NUDGE_DAYS: must be between 0 (off) and 366, got %d", c.CoachingNudgeDays))
	}
	if c.CompetencyTargetJP < 1 || c.CompetencyTargetJP > 1000 {
		errs = append(errs, fmt.Errorf("COMPETENCY_TARGET_JP: must be between 1 and 1000, got %d", c.CompetencyTargetJP))
	}
	return errs
}
