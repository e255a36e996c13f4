package console

import (
	"context"
	"net/http"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Action is what one console audit row records. Stored values.
type Action string

// The console's audited actions.
const (
	ActionLogin       Action = "console.login"
	ActionLoginFailed Action = "console.login_failed"
	ActionLogout      Action = "console.logout"
	ActionImport      Action = "console.import"       // a file's rows written (target: kind, detail: counts)
	ActionImportCheck Action = "console.import_check" // a dry run shown
	ActionExport      Action = "console.export"       // target: unit, detail: month and kind
	ActionCodes       Action = "console.codes"        // one-time codes issued, target: unit, detail: how many
	ActionDeactivate  Action = "console.deactivate"   // target: NIP
	ActionReactivate  Action = "console.reactivate"   // target: NIP
	ActionSupervisor  Action = "console.supervisor"   // target: NIP, detail: new supervisor
	ActionReadPerson  Action = "console.read_person"  // a person's data shown, target: NIP
	ActionPoster      Action = "console.poster"       // target: unit
	ActionAuditExport Action = "console.audit_export" // the audit log's CSV, detail: the filter
)

// unknownActor is the actor of a row no known person caused (a login
// attempt with a link that does not exist).
const unknownActor = "-"

// audit records that the request's viewer did action on target (a NIP, a
// unit, a file kind) with detail (counts, a month). Never personal data in
// detail beyond NIPs. The row belongs to the viewer's own unit. A failure
// is logged (without personal data) and never fails the page.
func (c *Console) audit(r *http.Request, action Action, target, detail string) {
	rec := storage.AuditRecord{Action: string(action), Target: target, Detail: detail}
	if v := ViewerFrom(r.Context()); v != nil {
		rec.Actor, rec.Unit = v.NIP, v.Home
	}
	c.record(r.Context(), rec)
}

// record appends rec to the audit log at the console's time, even when the
// request was cancelled meanwhile.
func (c *Console) record(ctx context.Context, rec storage.AuditRecord) {
	if rec.Actor == "" {
		rec.Actor = unknownActor
	}
	if rec.At.IsZero() {
		rec.At = c.d.Now()
	}
	if err := c.d.Store.AppendAuditLog(context.WithoutCancel(ctx), rec); err != nil {
		c.d.Log.Error("console: audit row not written", "action", rec.Action, "err", err)
	}
}
