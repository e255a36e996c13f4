package handlers

import (
	"context"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Decisions on reports also go to the general audit log (the console's
// Audit page): one row a decision (storage.DecisionAudit), written where
// the decision is applied, so the page reads one bounded, filtered list
// instead of every report's own trail.

// auditDecision appends the row of decision e on report r; a failure is
// logged, never the decision's.
func (a Applier) auditDecision(ctx context.Context, r storage.Activity, e Decide) {
	if err := a.Store.AppendAuditLog(context.WithoutCancel(ctx), storage.DecisionAudit(r, e.Version, e.D)); err != nil {
		a.r.log.Error("decision audit row not written", "report", e.ID, "err", err)
	}
}
