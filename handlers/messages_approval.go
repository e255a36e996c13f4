package handlers

import (
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// verbKeys name a decision by the status it leads to.
var verbKeys = map[storage.Status]i18n.Key{
	storage.StatusApproved: i18n.VerbApproved, storage.StatusRejected: i18n.VerbRejected, storage.StatusRevision: i18n.VerbRevision,
}

// prompt is what an approval prompt shows.
type prompt struct {
	No, Name, NIP, Date, Duration, Description, Output, SKP, Distance string
	Photos                                                            int
	Reused                                                            bool
	Version                                                           int
	// FarPhoto is the date a photo was taken when it lies more than
	// FarDays from the report's date ("" when none does).
	FarPhoto string
	FarDays  int
}

// promptBody is the approval prompt of a report.
func promptBody(l i18n.Lang, p prompt) string {
	head := l.T(i18n.ApprovalPromptHead)
	if p.Version > 1 {
		head = l.T(i18n.ApprovalPromptHeadVersion, p.Version)
	}
	s := l.T(i18n.ApprovalPrompt, head, p.No, p.Name, p.NIP, p.Date, p.Duration, p.Description,
		orDash(p.Output), orDash(p.SKP), orDash(p.Distance), p.Photos)
	if p.Reused {
		s += "\n" + l.T(i18n.ApprovalPromptReused)
	}
	if p.FarPhoto != "" {
		s += "\n" + l.T(i18n.ApprovalPromptPhotoDate, p.FarPhoto, p.FarDays)
	}
	return s
}

// ownerNote tells a report's owner the decision on it.
func ownerNote(l i18n.Lang, a storage.Activity, verb, by string) string {
	s := l.T(i18n.ApprovalOwner, reportNo(a.ID), fmtDate(l, a.Date), verb, by)
	switch {
	case approvedWithNote(a):
		s += "\n" + l.T(i18n.ApprovalOwnerNote, a.Decision.Reason)
	case a.Decision.Reason != "":
		s += "\n" + l.T(i18n.ApprovalOwnerReason, a.Decision.Reason)
	}
	if a.Status == storage.StatusRevision {
		s += "\n" + l.T(i18n.ApprovalReviseHint)
	}
	return s
}
