package mydata

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// document is the person's data. Its field names are the README's
// (section /dataku); change them together.
type document struct {
	About    string             `json:"about"`
	MadeAt   time.Time          `json:"made_at"`
	Profile  storage.Employee   `json:"profile"` // with the linked chat accounts
	UnitName string             `json:"unit_name,omitempty"`
	Reports  []storage.Activity `json:"reports"`
	// Appreciation given and received; anonymous appreciation received is
	// only counted.
	Appreciation appreciation `json:"appreciation"`
	Reminders    []reminder   `json:"reminders"`
	// Evidence lists the photos sent (their records, not the photos).
	Evidence []evidence `json:"evidence"`
	// Evaluations are the person's own periodic evaluations, with their
	// trail (ratings, notes, keberatan and its decision).
	Evaluations []storage.Evaluation `json:"evaluations"`
	// Practices are the practice runs completed (/latihan), by role.
	Practices []storage.Practice `json:"practices"`
	// SupervisorFeedback is the feedback received from supervisors, with
	// the person's reply.
	SupervisorFeedback []storage.Coaching `json:"supervisor_feedback"`
}

type appreciation struct {
	Given             []storage.Feedback `json:"given"`
	Received          []storage.Feedback `json:"received"`
	ReceivedAnonymous anonymous          `json:"received_anonymous"`
}

// anonymous counts anonymous appreciation, in all and by value (1..7, the
// BerAKHLAK values in order).
type anonymous struct {
	Count   int         `json:"count"`
	ByValue map[int]int `json:"by_value"`
}

// reminder is a reminder sent (or tried) to the person.
type reminder struct {
	Kind   string                 `json:"kind"`
	Date   string                 `json:"date"`
	Status storage.ReminderStatus `json:"status"`
	At     time.Time              `json:"at"`
}

// evidence is a photo's record without its platform file id (a key to the
// file) or its perceptual hash (an internal index).
type evidence struct {
	ID         string         `json:"id"`
	ActivityID string         `json:"activity_id"`
	SHA256     string         `json:"sha256"`
	Size       int64          `json:"size"`
	MIME       string         `json:"mime"`
	Width      int            `json:"width"`
	Height     int            `json:"height"`
	TakenAt    *time.Time     `json:"taken_at,omitempty"`
	GPS        *storage.Point `json:"gps,omitempty"`
	ReuseOf    string         `json:"reuse_of,omitempty"`
	CreatedAt  time.Time      `json:"created_at"`
}

// collect reads everything about nip.
func (m *Maker) collect(ctx context.Context, nip string, lang i18n.Lang) (document, error) {
	emp, err := m.store.GetEmployee(ctx, nip)
	if err != nil {
		return document{}, fmt.Errorf("get employee: %w", err)
	}
	d := document{About: lang.T(i18n.MyDataAbout), MadeAt: m.now().UTC(), Profile: emp}
	if u, err := m.store.GetUnit(ctx, emp.UnitCode); err == nil {
		d.UnitName = u.Name
	} else if !errors.Is(err, storage.ErrNotFound) {
		return document{}, fmt.Errorf("get unit: %w", err)
	}
	if d.Reports, err = m.reports(ctx, nip); err != nil {
		return document{}, err
	}
	if d.Appreciation, err = m.appreciation(ctx, nip); err != nil {
		return document{}, err
	}
	if d.Reminders, err = m.reminders(ctx, nip); err != nil {
		return document{}, err
	}
	if d.Evidence, err = m.evidence(ctx, nip); err != nil {
		return document{}, err
	}
	if d.Evaluations, err = m.store.ListEvaluations(ctx, storage.EvaluationFilter{NIP: nip}); err != nil {
		return document{}, fmt.Errorf("list evaluations: %w", err)
	}
	if d.Practices, err = m.store.PracticesOf(ctx, []string{nip}); err != nil {
		return document{}, fmt.Errorf("practices of: %w", err)
	}
	d.SupervisorFeedback, err = m.store.CoachingReceived(ctx, nip, time.Time{}, maxFeedback)
	if err != nil {
		return document{}, fmt.Errorf("coaching received: %w", err)
	}
	return d, nil
}

// maxFeedback bounds the supervisor feedback listed (years of weekly
// feedback fit).
const maxFeedback = 5000

// reports are every report, with its decision, history and audit trail,
// without the approval prompts (message ids in the approver's chat).
func (m *Maker) reports(ctx context.Context, nip string) ([]storage.Activity, error) {
	list, err := m.store.ListActivities(ctx, nip, "0000-01-01", "9999-12-31")
	if err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	for i := range list {
		list[i].Prompts = nil
	}
	return list, nil
}

func (m *Maker) appreciation(ctx context.Context, nip string) (appreciation, error) {
	given, received, err := m.store.FeedbackOf(ctx, nip)
	if err != nil {
		return appreciation{}, fmt.Errorf("feedback of: %w", err)
	}
	a := appreciation{Given: given, Received: []storage.Feedback{}, ReceivedAnonymous: anonymous{ByValue: map[int]int{}}}
	for _, f := range received {
		if f.Anonymous {
			a.ReceivedAnonymous.Count++
			a.ReceivedAnonymous.ByValue[f.Value]++
			continue
		}
		a.Received = append(a.Received, f)
	}
	return a, nil
}

func (m *Maker) reminders(ctx context.Context, nip string) ([]reminder, error) {
	list, err := m.store.RemindersOf(ctx, nip)
	if err != nil {
		return nil, fmt.Errorf("reminders of: %w", err)
	}
	out := make([]reminder, len(list))
	for i, r := range list {
		out[i] = reminder{Kind: r.Kind, Date: r.Date, Status: r.Status, At: r.UpdatedAt}
	}
	return out, nil
}

func (m *Maker) evidence(ctx context.Context, nip string) ([]evidence, error) {
	list, err := m.store.EvidenceOf(ctx, nip)
	if err != nil {
		return nil, fmt.Errorf("evidence of: %w", err)
	}
	out := make([]evidence, len(list))
	for i, e := range list {
		out[i] = evidence{ID: e.ID, ActivityID: e.ActivityID, SHA256: e.SHA256, Size: e.Size, MIME: e.MIME,
			Width: e.Width, Height: e.Height, TakenAt: e.TakenAt, GPS: e.GPS, ReuseOf: e.ReuseOf, CreatedAt: e.CreatedAt}
	}
	return out, nil
}

// encode writes the document as indented UTF-8 JSON.
func (d document) encode() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(d); err != nil {
		return nil, fmt.Errorf("encode: %w", err)
	}
	return buf.Bytes(), nil
}
