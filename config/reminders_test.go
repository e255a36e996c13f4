package config

import (
	"strings"
	"testing"
)

func TestReminderSettings(t *testing.T) {
	c, err := Load(lookup(nil))
	if err != nil {
		t.Fatal(err)
	}
	staff, _ := ClockMinutes(c.RemindStaffAt)
	sup, _ := ClockMinutes(c.RemindSupervisorAt)
	if !c.RemindersOn() || staff != 15*60+30 || sup != 8*60 || c.ApprovalSLADays != 3 || c.ApprovalTimeoutDays != 0 ||
		c.ApprovalTimeoutAction != "escalate" || c.MonthEndWarningDays != 3 || c.TelegramPerSecond != 30 {
		t.Errorf("defaults: %+v", c)
	}
	if m, err := ClockMinutes("07.45"); err != nil || m != 7*60+45 {
		t.Errorf("ClockMinutes(07.45) = %d, %v", m, err)
	}
	bad := []struct{ name, value, want string }{
		{"REMINDERS", "yes", "must be on or off"},
		{"REMIND_STAFF_AT", "25:00", "time of day"},
		{"REMIND_SUPERVISOR_AT", "pagi", "time of day"},
		{"REMIND_WINDOW", "0s", "between 1m and 12h"},
		{"APPROVAL_SLA_DAYS", "0", "between 1 and 60"},
		{"APPROVAL_TIMEOUT_DAYS", "-1", "between 0 (none) and 120"},
		{"APPROVAL_TIMEOUT_ACTION", "ignore", "escalate, approve or reject"},
		{"MONTH_END_WARNING_DAYS", "20", "between 0 (off) and 15"},
		{"TELEGRAM_PER_SECOND", "0", "between 1 and 1000"},
	}
	for _, tc := range bad {
		_, err := Load(lookup(map[string]string{tc.name: tc.value}))
		if err == nil || !strings.Contains(err.Error(), tc.name+": ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s=%s: %v, want %q", tc.name, tc.value, err, tc.want)
		}
	}
}
