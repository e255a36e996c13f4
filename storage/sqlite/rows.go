package sqlite

import (
	"encoding/json"
	"fmt"

	"github.com/kinerjabot/kinerjabot/storage"
)

// The JSON columns of activities have their own types here rather than the
// json tags of the storage records: what is on disk is part of the schema
// and must not change when a record's tags do. Times are Unix milliseconds,
// as in every other column.

type pointJSON struct {
	Lat float64 `json:"lat"`
	Lon float64 `json:"lon"`
}

type contentJSON struct {
	StartMinute  *int       `json:"start_minute,omitempty"`
	Minutes      int        `json:"minutes"`
	Description  string     `json:"description"`
	OutputVolume float64    `json:"output_volume,omitempty"`
	OutputUnit   string     `json:"output_unit,omitempty"`
	SKPTargetID  string     `json:"skp_target_id,omitempty"`
	Location     *pointJSON `json:"location,omitempty"`
	EvidenceIDs  []string   `json:"evidence_ids,omitempty"`
	ReuseFlag    bool       `json:"reuse_flag,omitempty"`
	Kind         string     `json:"kind,omitempty"`
	Training     string     `json:"training,omitempty"`
	JP           int        `json:"jp,omitempty"`
}

type auditJSON struct {
	At       int64               `json:"at"`
	Action   storage.AuditAction `json:"action"`
	ByNIP    string              `json:"by_nip"`
	Reason   string              `json:"reason,omitempty"`
	Platform string              `json:"platform,omitempty"`
	AsAdmin  bool                `json:"as_admin,omitempty"`
	Acting   string              `json:"acting_for,omitempty"`
	Rule     string              `json:"rule,omitempty"`
	Version  int                 `json:"version"`
	From     string              `json:"from,omitempty"`
	To       string              `json:"to,omitempty"`
}

type decisionJSON struct {
	ByNIP    string `json:"by_nip"`
	At       int64  `json:"at"`
	Reason   string `json:"reason,omitempty"`
	Platform string `json:"platform,omitempty"`
	AsAdmin  bool   `json:"as_admin,omitempty"`
	Acting   string `json:"acting_for,omitempty"`
	Rule     string `json:"rule,omitempty"`
	Update   string `json:"update,omitempty"`
}

type promptJSON struct {
	Platform  string `json:"platform"`
	ChatID    string `json:"chat_id"`
	MessageID string `json:"message_id"`
	Photo     bool   `json:"photo,omitempty"`
	To        string `json:"to,omitempty"`
}

func toPointJSON(p *storage.Point) *pointJSON {
	if p == nil {
		return nil
	}
	return &pointJSON{Lat: p.Lat, Lon: p.Lon}
}

func (p *pointJSON) point() *storage.Point {
	if p == nil {
		return nil
	}
	return &storage.Point{Lat: p.Lat, Lon: p.Lon}
}

func toContentJSON(c storage.Content) contentJSON {
	var start *int
	if c.StartMinute != nil {
		v := *c.StartMinute
		start = &v
	}
	return contentJSON{
		StartMinute: start, Minutes: c.Minutes, Description: c.Description,
		OutputVolume: c.OutputVolume, OutputUnit: c.OutputUnit, SKPTargetID: c.SKPTargetID,
		Location: toPointJSON(c.Location), EvidenceIDs: c.EvidenceIDs, ReuseFlag: c.ReuseFlag,
		Kind: string(c.Kind), Training: c.Training, JP: c.JP,
	}
}

func (c contentJSON) content() storage.Content {
	return storage.Content{
		StartMinute: c.StartMinute, Minutes: c.Minutes, Description: c.Description,
		OutputVolume: c.OutputVolume, OutputUnit: c.OutputUnit, SKPTargetID: c.SKPTargetID,
		Location: c.Location.point(), EvidenceIDs: nilIfEmpty(c.EvidenceIDs), ReuseFlag: c.ReuseFlag,
		Kind: storage.ReportKind(c.Kind), Training: c.Training, JP: c.JP,
	}
}

func toAuditJSON(e storage.AuditEntry) auditJSON {
	return auditJSON{At: millis(e.At), Action: e.Action, ByNIP: e.ByNIP, Reason: e.Reason,
		Platform: e.Platform, AsAdmin: e.AsAdmin, Acting: e.ActingFor, Rule: e.Rule, Version: e.Version, From: e.From, To: e.To}
}

func (e auditJSON) entry() storage.AuditEntry {
	return storage.AuditEntry{At: fromMillis(e.At), Action: e.Action, ByNIP: e.ByNIP, Reason: e.Reason,
		Platform: e.Platform, AsAdmin: e.AsAdmin, ActingFor: e.Acting, Rule: e.Rule, Version: e.Version, From: e.From, To: e.To}
}

func toDecisionJSON(d *storage.Decision) *decisionJSON {
	if d == nil {
		return nil
	}
	return &decisionJSON{ByNIP: d.ByNIP, At: millis(d.At), Reason: d.Reason, Platform: d.Platform,
		AsAdmin: d.AsAdmin, Acting: d.ActingFor, Rule: d.Rule, Update: d.Update}
}

func (d *decisionJSON) decision() *storage.Decision {
	if d == nil {
		return nil
	}
	return &storage.Decision{ByNIP: d.ByNIP, At: fromMillis(d.At), Reason: d.Reason, Platform: d.Platform,
		AsAdmin: d.AsAdmin, ActingFor: d.Acting, Rule: d.Rule, Update: d.Update}
}

func toPromptJSON(r storage.MessageRef) promptJSON {
	return promptJSON{Platform: r.Platform, ChatID: r.ChatID, MessageID: r.MessageID, Photo: r.Photo, To: r.To}
}

func (r promptJSON) ref() storage.MessageRef {
	return storage.MessageRef{Platform: r.Platform, ChatID: r.ChatID, MessageID: r.MessageID, Photo: r.Photo, To: r.To}
}

// mapSlice converts each element; an empty or nil input gives a non-nil
// empty slice, which encodes as [] (never null: the JSON functions append
// to it).
func mapSlice[T, U any](in []T, f func(T) U) []U {
	out := make([]U, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

// nilIfEmpty gives records the nil an absent list has in every store.
func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// encodeJSON marshals v for a JSON column.
func encodeJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode JSON column: %w", err)
	}
	return string(b), nil
}

// decodeJSON unmarshals a JSON column into v.
func decodeJSON(column, text string, v any) error {
	if err := json.Unmarshal([]byte(text), v); err != nil {
		return fmt.Errorf("decode %s column: %w", column, err)
	}
	return nil
}
