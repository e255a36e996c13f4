package storage

import (
	"context"
	"fmt"
	"time"
)

// Status is where a daily activity report stands.
type Status string

// Report statuses (diajukan, disetujui, ditolak, revisi).
const (
	StatusPending  Status = "pending"
	StatusApproved Status = "approved"
	StatusRejected Status = "rejected"
	StatusRevision Status = "revision"
)

// Point is a place on Earth in decimal degrees (WGS84).
type Point struct {
	Lat float64 `json:"lat" bson:"lat"`
	Lon float64 `json:"lon" bson:"lon"`
}

// MessageRef points at a message the bot sent (an approval prompt), so it
// can be edited after a decision. Mirrors bot.MessageRef.
type MessageRef struct {
	Platform  string `json:"platform" bson:"platform"`
	ChatID    string `json:"chat_id" bson:"chat_id"`
	MessageID string `json:"message_id" bson:"message_id"`
	Photo     bool   `json:"photo,omitempty" bson:"photo,omitempty"`
	// To is the NIP of the approver the prompt was sent to ("" for prompts
	// recorded before reports could move to another approver): after a
	// report moved, only its current approver's prompts show a decision.
	To string `json:"to,omitempty" bson:"to,omitempty"`
}

// Content is what a person reports; a resubmission replaces it and keeps
// the previous one in the history.
type Content struct {
	// StartMinute is minutes after local midnight, when the person gave a
	// time range; nil otherwise.
	StartMinute  *int     `json:"start_minute,omitempty" bson:"start_minute,omitempty"`
	Minutes      int      `json:"minutes" bson:"minutes"`
	Description  string   `json:"description" bson:"description"`
	OutputVolume float64  `json:"output_volume,omitempty" bson:"output_volume,omitempty"`
	OutputUnit   string   `json:"output_unit,omitempty" bson:"output_unit,omitempty"`
	SKPTargetID  string   `json:"skp_target_id,omitempty" bson:"skp_target_id,omitempty"`
	Location     *Point   `json:"location,omitempty" bson:"location,omitempty"`
	EvidenceIDs  []string `json:"evidence_ids,omitempty" bson:"evidence_ids,omitempty"`
	// ReuseFlag: some evidence matches a photo already on file.
	ReuseFlag bool `json:"reuse_flag,omitempty" bson:"reuse_flag,omitempty"`
	// Kind is what is reported (KindActivity, KindCompetency); a
	// competency report says its Training kind and JP hours (cycle.go).
	Kind     ReportKind `json:"kind,omitempty" bson:"kind,omitempty"`
	Training string     `json:"training,omitempty" bson:"training,omitempty"`
	JP       int        `json:"jp,omitempty" bson:"jp,omitempty"`
}

// AuditAction is what one audit entry records. Stored values.
type AuditAction string

// Audit actions: a report is submitted, decided (approved, rejected,
// revision asked: the decision's Status), resubmitted after a revision,
// escalated by the reminder rules, or rerouted to another approver (the
// owner's supervisor changed on the roster, or left).
const (
	ActionSubmitted   AuditAction = "submitted"
	ActionResubmitted AuditAction = "resubmitted"
	ActionApproved    AuditAction = AuditAction(StatusApproved)
	ActionRejected    AuditAction = AuditAction(StatusRejected)
	ActionRevision    AuditAction = AuditAction(StatusRevision)
	ActionEscalated   AuditAction = "escalated"
	ActionRerouted    AuditAction = "rerouted"
)

// CheckReroute refuses a reroute entry a store must not record: another
// action, an empty To, or From equal to To.
func CheckReroute(e AuditEntry) error {
	switch {
	case e.Action != ActionRerouted:
		return fmt.Errorf("%w: reroute entry with action %q", ErrInvalid, e.Action)
	case e.To == "" || e.From == e.To:
		return fmt.Errorf("%w: reroute from %q to %q", ErrInvalid, e.From, e.To)
	}
	return nil
}

// DecisionAction is the audit action of a decision to status to
// (StatusApproved is ActionApproved, and so on).
func DecisionAction(to Status) AuditAction { return AuditAction(to) }

// AuditEntry is one event in a report's life: submitted, approved,
// rejected, revision (asked), resubmitted. Kept for ever with the report.
type AuditEntry struct {
	At       time.Time   `json:"at" bson:"at"`
	Action   AuditAction `json:"action" bson:"action"`
	ByNIP    string      `json:"by_nip" bson:"by_nip"`
	Reason   string      `json:"reason,omitempty" bson:"reason,omitempty"`
	Platform string      `json:"platform,omitempty" bson:"platform,omitempty"`
	// AsAdmin: an admin decided for the unit, not the supervisor.
	AsAdmin bool `json:"as_admin,omitempty" bson:"as_admin,omitempty"`
	// ActingFor: the decider acted (Plt/Plh) for this supervisor's post.
	ActingFor string `json:"acting_for,omitempty" bson:"acting_for,omitempty"`
	// Rule names the rule by which the system acted (ByNIP SystemActor).
	Rule    string `json:"rule,omitempty" bson:"rule,omitempty"`
	Version int    `json:"version" bson:"version"`
	// From and To are the approval lists (supervisor NIPs) a rerouted
	// report left and joined.
	From string `json:"from,omitempty" bson:"from,omitempty"`
	To   string `json:"to,omitempty" bson:"to,omitempty"`
}

// Decision is the latest decision on a report.
type Decision struct {
	ByNIP    string    `json:"by_nip" bson:"by_nip"`
	At       time.Time `json:"at" bson:"at"`
	Reason   string    `json:"reason,omitempty" bson:"reason,omitempty"`
	Platform string    `json:"platform,omitempty" bson:"platform,omitempty"`
	AsAdmin  bool      `json:"as_admin,omitempty" bson:"as_admin,omitempty"`
	// ActingFor: the decider acted (Plt/Plh) for this supervisor's post.
	ActingFor string `json:"acting_for,omitempty" bson:"acting_for,omitempty"`
	// Rule names the rule by which the system decided (ByNIP SystemActor).
	Rule string `json:"rule,omitempty" bson:"rule,omitempty"`
	// Update names the message that made the decision ("platform:update
	// id"), so that the same message handled again after a crash is known
	// as the decision's own and its notices go out, instead of being
	// answered "already decided".
	Update string `json:"update,omitempty" bson:"update,omitempty"`
}

// Activity is one daily activity report (laporan aktivitas harian).
type Activity struct {
	// ID is a ULID fixed when the draft began, so a redelivered submit
	// never makes two reports.
	ID       string `json:"id" bson:"_id"`
	NIP      string `json:"nip" bson:"nip"`
	UnitCode string `json:"unit_code" bson:"unit_code"`
	// SupervisorNIP is the owner's supervisor when the report was submitted:
	// whose approval list it is on.
	SupervisorNIP string `json:"supervisor_nip" bson:"supervisor_nip"`
	// Date is the local work date, YYYY-MM-DD in the unit's time zone.
	Date    string `json:"date" bson:"date"`
	Content `bson:",inline"`
	Status  Status `json:"status" bson:"status"`
	// Version starts at 1 and grows with each resubmission.
	Version  int          `json:"version" bson:"version"`
	History  []Content    `json:"history,omitempty" bson:"history,omitempty"`
	Decision *Decision    `json:"decision,omitempty" bson:"decision,omitempty"`
	Audit    []AuditEntry `json:"audit" bson:"audit"`
	// Prompts are the approval prompts sent for the current version.
	Prompts     []MessageRef `json:"prompts,omitempty" bson:"prompts,omitempty"`
	SubmittedAt time.Time    `json:"submitted_at" bson:"submitted_at"`
	CreatedAt   time.Time    `json:"created_at" bson:"created_at"`
	UpdatedAt   time.Time    `json:"updated_at" bson:"updated_at"`
}

// Evidence is one photo (bukti dukung). Its bytes are kept by the store
// (GridFS on MongoDB, files under DATA_DIR in the embedded store).
type Evidence struct {
	ID string `json:"id" bson:"_id"`
	// ActivityID is the report the photo was sent for (its draft id).
	ActivityID string `json:"activity_id" bson:"activity_id"`
	NIP        string `json:"nip" bson:"nip"`
	SHA256     string `json:"sha256" bson:"sha256"`
	Size       int64  `json:"size" bson:"size"`
	MIME       string `json:"mime" bson:"mime"`
	Width      int    `json:"width" bson:"width"`
	Height     int    `json:"height" bson:"height"`
	// PHash is a 64-bit perceptual hash; Bands are its eight 8-bit bands
	// (each tagged with its position, see evidence.Bands), indexed, so near
	// matches are found without scanning.
	PHash   uint64     `json:"phash" bson:"phash"`
	Bands   []int      `json:"bands" bson:"bands"`
	TakenAt *time.Time `json:"taken_at,omitempty" bson:"taken_at,omitempty"`
	GPS     *Point     `json:"gps,omitempty" bson:"gps,omitempty"`
	// ReuseOf is the earlier evidence this photo matches, if any.
	ReuseOf string `json:"reuse_of,omitempty" bson:"reuse_of,omitempty"`
	// Platform and FileID let the same platform resend the photo by id.
	Platform  string    `json:"platform,omitempty" bson:"platform,omitempty"`
	FileID    string    `json:"file_id,omitempty" bson:"file_id,omitempty"`
	CreatedAt time.Time `json:"created_at" bson:"created_at"`
}

// SimilarBands is how many bands a candidate must share with a photo: two
// 64-bit hashes within evidence.MatchDistance (6) of each other differ in
// at most 6 of their 8 bands, so they agree on at least 2. Asking for two
// instead of one keeps out the many photos that share a single band by
// chance.
const SimilarBands = 2

// SimilarEvidenceLimit bounds SimilarEvidence: a photo of a much
// photographed place must not read every look-alike.
const SimilarEvidenceLimit = 50

// ProjectSimilar keeps of an evidence record what a perceptual match needs
// (SimilarEvidence): ID, ActivityID, PHash and CreatedAt.
func ProjectSimilar(e Evidence) Evidence {
	return Evidence{ID: e.ID, ActivityID: e.ActivityID, PHash: e.PHash, CreatedAt: e.CreatedAt}
}

// SKPTarget is one target of a person's SKP (Rencana Hasil Kerja with its
// indicator) for a period such as "2026" or "2026-Q4".
type SKPTarget struct {
	// ID is derived from NIP, period and the RHK and indicator text, so a
	// re-import updates in place.
	ID        string    `json:"id" bson:"_id"`
	NIP       string    `json:"nip" bson:"nip"`
	Period    string    `json:"period" bson:"period"`
	Kind      string    `json:"kind" bson:"kind"` // utama | tambahan
	RHK       string    `json:"rhk" bson:"rhk"`
	Indikator string    `json:"indikator" bson:"indikator"`
	Target    string    `json:"target" bson:"target"`
	Satuan    string    `json:"satuan" bson:"satuan"`
	UpdatedAt time.Time `json:"updated_at" bson:"updated_at"`
}

// Decide is a decision to record on a pending report.
type Decide struct {
	To       Status // approved, rejected or revision
	ByNIP    string
	Reason   string
	Platform string
	AsAdmin  bool
	// ActingFor: the decider acts (Plt/Plh) for this supervisor's post.
	ActingFor string
	// Rule names the rule when the system decides (ByNIP SystemActor).
	Rule string
	// Update names the message deciding ("platform:update id").
	Update string
	At     time.Time
}

// ActivityReader is the read side of reports, evidence and SKP targets.
type ActivityReader interface {
	GetActivity(ctx context.Context, id string) (Activity, error)
	// ListActivities returns nip's reports dated from..to (YYYY-MM-DD,
	// inclusive), newest date first, then newest submission first.
	ListActivities(ctx context.Context, nip, from, to string) ([]Activity, error)
	// ListPending returns the pending reports on supervisorNIP's list,
	// oldest submission first, skipping offset and returning at most limit,
	// with the total number pending.
	ListPending(ctx context.Context, supervisorNIP string, offset, limit int) ([]Activity, int, error)
	GetEvidence(ctx context.Context, id string) (Evidence, error)
	// EvidenceData returns the stored bytes of the evidence.
	EvidenceData(ctx context.Context, id string) ([]byte, error)
	// SimilarEvidence returns the evidence sharing at least SimilarBands
	// distinct bands with the given ones (candidates for a perceptual
	// match), excluding activityID's, oldest first, at most
	// SimilarEvidenceLimit, each with the fields ProjectSimilar keeps only.
	SimilarEvidence(ctx context.Context, bands []int, excludeActivityID string) ([]Evidence, error)
	// ListSKPTargets returns nip's targets for the period, utama first.
	ListSKPTargets(ctx context.Context, nip, period string) ([]SKPTarget, error)
	GetSKPTarget(ctx context.Context, id string) (SKPTarget, error)
}

// ActivityWriter is the write side. Every write is one atomic update of one
// record; idempotent where noted.
type ActivityWriter interface {
	// PutEvidence stores the record and its bytes. Idempotent by ID.
	PutEvidence(ctx context.Context, e Evidence, data []byte) error
	// CreateActivity stores a new pending report. Idempotent by ID: storing
	// the same ID again changes nothing and is not an error.
	CreateActivity(ctx context.Context, a Activity) error
	// DecideActivity records a decision on a pending report at version, in
	// one conditional update: ErrConflict when the report is no longer
	// pending at that version (already decided, or resubmitted), so two
	// presses at once end in one decision. It returns the updated report.
	DecideActivity(ctx context.Context, id string, version int, d Decide) (Activity, error)
	// ResubmitActivity replaces the content of a report sent back for
	// revision (status revision at version), pushing the old content to the
	// history, raising the version, clearing the prompts and the decision,
	// and setting it pending again. ErrConflict when not in revision at
	// version.
	ResubmitActivity(ctx context.Context, id string, version int, c Content, by string, platform string, at time.Time) (Activity, error)
	// RerouteActivity moves a report pending at version from the approval
	// list of e.From to that of e.To (SupervisorNIP) and appends e (Action
	// ActionRerouted; its Version set to version) to its audit trail, in one
	// conditional update: ErrConflict when the report is no longer pending
	// at version on e.From's list (decided, resubmitted, or moved by
	// someone else), ErrNotFound for an unknown id, ErrInvalid for an entry
	// CheckReroute refuses. Prompts are kept: each names its approver
	// (MessageRef.To). A zero e.At is stamped with the store's clock.
	RerouteActivity(ctx context.Context, id string, version int, e AuditEntry) (Activity, error)
	// AddPrompt records an approval prompt sent for the report. Idempotent.
	AddPrompt(ctx context.Context, id string, ref MessageRef) error
	// UpsertSKPTarget creates or updates a target by ID.
	UpsertSKPTarget(ctx context.Context, t SKPTarget) error
}
