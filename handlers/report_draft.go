package handlers

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"time"

	"github.com/oklog/ulid/v2"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/storage"
)

// The report flow (/lapor).
const flowReport flowName = "lapor"

// reportState is a step of the report flow.
type reportState string

// The report flow's states, in order.
const (
	stDesc        reportState = "desc"
	stTime        reportState = "time"
	stOutput      reportState = "output"
	stSKP         reportState = "skp"
	stPhoto       reportState = "photo"
	stLocation    reportState = "location"
	stSummary     reportState = "summary"
	stChooseField reportState = "field"
	// A competency report's kind of training and JP (competency.go).
	stTraining reportState = "training"
	stJP       reportState = "jp"
)

// reportStates lists them all.
var reportStates = []reportState{stDesc, stTime, stOutput, stSKP, stPhoto, stLocation, stSummary, stChooseField, stTraining, stJP}

// fieldStates maps the summary's "change" choices to the step that asks.
var fieldStates = [6]reportState{stDesc, stTime, stOutput, stSKP, stPhoto, stLocation}

// reportDraft is the report being written, kept in the session. Its ID is
// the report's id from the first step on, so a redelivered send never
// makes two reports.
type reportDraft struct {
	ID   string `json:"id"`
	Date string `json:"date"`
	// Resubmit is the version being corrected (a report sent back for
	// revision), 0 for a new report.
	Resubmit int            `json:"resubmit,omitempty"`
	Desc     string         `json:"desc,omitempty"`
	Minutes  int            `json:"minutes,omitempty"`
	Start    *int           `json:"start,omitempty"`
	Volume   float64        `json:"volume,omitempty"`
	Unit     string         `json:"unit,omitempty"`
	SKP      string         `json:"skp,omitempty"`
	Targets  []string       `json:"targets,omitempty"` // ids offered, by button index
	Loc      *storage.Point `json:"loc,omitempty"`
	Photos   []draftPhoto   `json:"photos,omitempty"`
	// Return: one field is being changed from the summary; go back to it.
	Return bool `json:"return,omitempty"`
	// Practice: a practice run (/latihan, practice.go), never stored.
	Practice bool `json:"practice,omitempty"`
	// Kind, Training and JP: a competency report's (competency.go).
	Kind     storage.ReportKind `json:"kind,omitempty"`
	Training string             `json:"training,omitempty"`
	JP       int                `json:"jp,omitempty"`
}

type draftPhoto struct {
	ID     string `json:"id"`
	SHA    string `json:"sha,omitempty"`
	FileID string `json:"file_id,omitempty"`
	Reuse  bool   `json:"reuse,omitempty"`
}

func newReportID(now time.Time) string {
	return ulid.MustNew(ulid.Timestamp(now), rand.Reader).String()
}

// reportNo is the short number people see and say: the last 8 characters
// of the report id (40 random bits).
func reportNo(id string) string {
	if len(id) <= 8 {
		return id
	}
	return id[len(id)-8:]
}

func loadDraft(s conversation.Session) (reportDraft, error) {
	var d reportDraft
	if len(s.Data) == 0 {
		return d, fmt.Errorf("report draft missing")
	}
	if err := json.Unmarshal(s.Data, &d); err != nil {
		return d, fmt.Errorf("decode report draft: %w", err)
	}
	return d, nil
}

// at is the session for the draft in a state.
func (d reportDraft) at(c *call, state reportState) conversation.Session {
	raw, _ := json.Marshal(d)
	return conversation.Session{Flow: string(flowReport), State: string(state), Data: raw, Lang: c.in.Session.Lang}
}

func (d reportDraft) reused() bool {
	for _, p := range d.Photos {
		if p.Reuse {
			return true
		}
	}
	return false
}

func (d reportDraft) content() storage.Content {
	c := storage.Content{
		StartMinute: d.Start, Minutes: d.Minutes, Description: d.Desc,
		OutputVolume: d.Volume, OutputUnit: d.Unit, SKPTargetID: d.SKP, Location: d.Loc,
		ReuseFlag: d.reused(), Kind: d.Kind, Training: d.Training, JP: d.JP,
	}
	for _, p := range d.Photos {
		c.EvidenceIDs = append(c.EvidenceIDs, p.ID)
	}
	return c
}

// draftFrom loads a report sent back for revision into a draft.
func draftFrom(a storage.Activity) reportDraft {
	d := reportDraft{
		ID: a.ID, Date: a.Date, Resubmit: a.Version, Desc: a.Description, Minutes: a.Minutes,
		Start: a.StartMinute, Volume: a.OutputVolume, Unit: a.OutputUnit, SKP: a.SKPTargetID, Loc: a.Location,
		Kind: a.Kind, Training: a.Training, JP: a.JP,
	}
	for _, id := range a.EvidenceIDs {
		d.Photos = append(d.Photos, draftPhoto{ID: id, Reuse: a.ReuseFlag})
	}
	return d
}

// button is a button of this draft.
func (d reportDraft) button(c *call, label string, action button.DraftAction, index int) bot.Button {
	return c.button(label, button.Draft{Draft: d.ID, Action: action, Index: index})
}
