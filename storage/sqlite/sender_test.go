package sqlite

import (
	"strings"
	"testing"
)

// TestSenderPlan: what every update asks of its sender is index lookups
// only — the account's key, the employee's, and one probe of the
// supervisor index — however large the roster.
func TestSenderPlan(t *testing.T) {
	s := openTemp(t)
	plan := queryPlan(t, s.db.w, senderSQL, "telegram", "1")
	if !strings.Contains(plan, "employees_supervisor_nip") {
		t.Errorf("plan of senderSQL does not probe employees_supervisor_nip:\n%s", plan)
	}
	for _, line := range strings.Split(plan, "\n") {
		if strings.HasPrefix(line, "SCAN") {
			t.Errorf("plan of senderSQL scans a table (%s):\n%s", line, plan)
		}
	}
}
