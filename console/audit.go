package console

import (
	"net/http"
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
)

// audit records that the request's viewer did action on target (a NIP, a
// unit, a file kind) with detail (counts, a month). Never personal data in
// detail beyond NIPs.
//
// Interim: logs only; the audit log store replaces the body.
//
//lint:ignore U1000 the console's pages call it (being written).
func (c *Console) audit(r *http.Request, action Action, target, detail string) {
	v := ViewerFrom(r.Context())
	actor := ""
	if v != nil {
		actor = v.NIP
	}
	c.d.Log.Info("console audit", "action", string(action), "actor_set", actor != "", "detail", detail)
	_ = target
}
