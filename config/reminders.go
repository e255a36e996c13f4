package config

import (
	"fmt"
	"time"
)

// RemindersOn reports whether the scheduler runs.
func (c Config) RemindersOn() bool { return c.Reminders == "on" }

// ClockMinutes reads HH:MM (or HH.MM, the Indonesian way) as minutes after
// midnight.
func ClockMinutes(s string) (int, error) {
	for _, layout := range []string{"15:04", "15.04"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Hour()*60 + t.Minute(), nil
		}
	}
	return 0, fmt.Errorf("want a time of day such as 15:30, got %q", s)
}

func (c Config) validateReminders() []error {
	var errs []error
	bad := func(name, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: "+format, append([]any{name}, args...)...))
	}
	if !oneOf(c.Reminders, "on", "off") {
		bad("REMINDERS", "must be on or off, got %q", c.Reminders)
	}
	if _, err := ClockMinutes(c.RemindStaffAt); err != nil {
		bad("REMIND_STAFF_AT", "%v", err)
	}
	if _, err := ClockMinutes(c.RemindSupervisorAt); err != nil {
		bad("REMIND_SUPERVISOR_AT", "%v", err)
	}
	if c.RemindWindow < time.Minute || c.RemindWindow > 12*time.Hour {
		bad("REMIND_WINDOW", "must be between 1m and 12h, got %s", c.RemindWindow)
	}
	if c.ApprovalSLADays < 1 || c.ApprovalSLADays > 60 {
		bad("APPROVAL_SLA_DAYS", "must be between 1 and 60 work days, got %d", c.ApprovalSLADays)
	}
	if c.ApprovalTimeoutDays < 0 || c.ApprovalTimeoutDays > 120 {
		bad("APPROVAL_TIMEOUT_DAYS", "must be between 0 (none) and 120 work days, got %d", c.ApprovalTimeoutDays)
	}
	if !oneOf(c.ApprovalTimeoutAction, "escalate", "approve", "reject") {
		bad("APPROVAL_TIMEOUT_ACTION", "must be escalate, approve or reject, got %q", c.ApprovalTimeoutAction)
	}
	if c.MonthEndWarningDays < 0 || c.MonthEndWarningDays > 15 {
		bad("MONTH_END_WARNING_DAYS", "must be between 0 (off) and 15 work days, got %d", c.MonthEndWarningDays)
	}
	if c.TelegramPerSecond < 1 || c.TelegramPerSecond > 1000 {
		bad("TELEGRAM_PER_SECOND", "must be between 1 and 1000, got %d", c.TelegramPerSecond)
	}
	if c.TelegramPerChatInterval < 0 || c.TelegramPerChatInterval > time.Minute {
		bad("TELEGRAM_PER_CHAT_INTERVAL", "must be between 0 and 1m, got %s", c.TelegramPerChatInterval)
	}
	return errs
}
