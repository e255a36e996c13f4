package config

import (
	"fmt"
	"strings"
)

// EvaluationMonths is EVALUATION_PERIOD as months: 1 (bulanan, monthly) or
// 3 (triwulan, quarterly); 0 for anything else (Validate refuses it).
func (c Config) EvaluationMonths() int { return EvaluationMonths(c.EvaluationPeriod) }

// EvaluationMonths reads an evaluation period setting, the global one or
// a unit's: bulanan or monthly is 1, triwulan or quarterly 3 (any case);
// anything else 0.
func EvaluationMonths(s string) int {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "bulanan", "monthly":
		return 1
	case "triwulan", "triwulanan", "quarterly":
		return 3
	}
	return 0
}

func (c Config) validateEvaluation() []error {
	var errs []error
	if c.EvaluationMonths() == 0 {
		errs = append(errs, fmt.Errorf("EVALUATION_PERIOD: must be bulanan (monthly) or triwulan (quarterly), got %q", c.EvaluationPeriod))
	}
	if c.EvaluationSLADays < 1 || c.EvaluationSLADays > 60 {
		errs = append(errs, fmt.Errorf("EVALUATION_SLA_DAYS: must be between 1 and 60 work days, got %d", c.EvaluationSLADays))
	}
	return errs
}
