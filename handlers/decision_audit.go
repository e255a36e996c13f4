package handlers

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Decisions on reports also go to the general audit log (the console's
// Audit page): one row a decision, written where the decision is applied,
// so the page reads one bounded, filtered list instead of every report's
// own trail. The row's ID derives from the report and its version, so a
// decision applied again (after a crash) writes nothing new.

// decisionActions are the audit log's actions of decisions. Stored values.
var decisionActions = map[storage.Status]string{
	storage.StatusApproved: storage.AuditReportApprove,
	storage.StatusRejected: storage.AuditReportReject,
	storage.StatusRevision: storage.AuditReportRevise,
}

// auditDecision appends the row of decision e on report a; a failure is
// logged, never the decision's.
func (a Applier) auditDecision(ctx context.Context, r storage.Activity, e Decide) {
	rec := storage.AuditRecord{ID: fmt.Sprintf("decide:%s:%d", e.ID, e.Version), At: e.D.At, Actor: e.D.ByNIP,
		Action: decisionActions[e.D.To], Target: r.NIP, Detail: "report " + e.ID, Unit: r.UnitCode}
	if e.D.Rule != "" {
		rec.Detail += " rule " + e.D.Rule
	}
	if err := a.Store.AppendAuditLog(context.WithoutCancel(ctx), rec); err != nil {
		a.r.log.Error("decision audit row not written", "report", e.ID, "err", err)
	}
}
