package handlers

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/evidence"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Fetcher downloads a file a person sent, from the platform it came from.
// It does network I/O: a read, so handlers may call it. A file over
// maxBytes is refused with an error matching bot.ErrFileTooLarge.
type Fetcher interface {
	Fetch(ctx context.Context, p bot.Platform, fileID string, maxBytes int64) ([]byte, error)
}

// onPhoto takes one photo (or image document) as evidence: fetched, checked
// by content, hashed, compared with evidence on file, and stored by an
// effect. A refused file leaves the flow where it was.
func (r *Router) onPhoto(ctx context.Context, c *call, d reportDraft) (conversation.Outcome, error) {
	switch {
	case c.u.Kind == bot.KindText && isSkipWord(c.u.Text):
		if r.photoRequired(d) && len(d.Photos) == 0 {
			return keep(c, c.t(i18n.ReportPhotoNeeded)), nil
		}
		return r.advance(ctx, c, d, stPhoto, "")
	case c.u.Kind != bot.KindPhoto && c.u.Kind != bot.KindDocument || c.u.Media == nil:
		return keep(c, c.t(i18n.ReportExpectPhoto)), nil
	}
	if len(d.Photos) >= r.opt.MaxPhotos {
		return r.advance(ctx, c, d, stPhoto, c.t(i18n.ReportPhotoMax, r.opt.MaxPhotos))
	}
	data, msg, err := r.fetchImage(ctx, c)
	if msg != "" || err != nil {
		return keep(c, msg), err
	}
	info, err := r.opt.Photos.Inspect(ctx, data, r.opt.MaxEvidenceBytes)
	if ctx.Err() != nil {
		return conversation.Outcome{}, fmt.Errorf("inspect photo: %w", err) // waited out its turn to decode
	}
	if err != nil {
		r.log.Info("evidence refused", "chat", c.u.Chat().String(), "reason", err)
		return keep(c, r.inspectMessage(c, err)), nil
	}
	for _, p := range d.Photos {
		if p.SHA == info.SHA256 {
			return keep(c, c.t(i18n.ReportPhotoDuplicate)), nil
		}
	}
	if d.Practice {
		return r.practicePhoto(ctx, c, d, info)
	}
	ev, err := r.newEvidence(ctx, c, d, info)
	if err != nil {
		return conversation.Outcome{}, err
	}
	d.Photos = append(d.Photos, draftPhoto{ID: ev.ID, SHA: ev.SHA256, FileID: ev.FileID, Reuse: ev.ReuseOf != ""})
	out, err := r.afterPhoto(ctx, c, d, info, ev.ReuseOf != "")
	out.Effects = append(out.Effects, PutEvidence{Evidence: ev, Data: data})
	return out, err
}

// fetchImage downloads the file; a non-empty msg refuses it to the person.
func (r *Router) fetchImage(ctx context.Context, c *call) ([]byte, string, error) {
	m := c.u.Media
	if c.u.Kind == bot.KindDocument && !strings.HasPrefix(strings.ToLower(m.MIME), "image/") {
		return nil, c.t(i18n.ReportPhotoNotImage), nil
	}
	maxMB := int(r.opt.MaxEvidenceBytes >> 20)
	if m.Size > r.opt.MaxEvidenceBytes {
		return nil, c.t(i18n.ReportPhotoTooLarge, maxMB), nil
	}
	if r.opt.Media == nil {
		return nil, "", errors.New("no media fetcher configured")
	}
	data, err := r.opt.Media.Fetch(ctx, c.u.Platform, m.FileID, r.opt.MaxEvidenceBytes)
	if errors.Is(err, bot.ErrFileTooLarge) {
		return nil, c.t(i18n.ReportPhotoTooLarge, maxMB), nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("fetch photo: %w", err)
	}
	return data, "", nil
}

func (r *Router) inspectMessage(c *call, err error) string {
	switch {
	case errors.Is(err, evidence.ErrTooLarge):
		return c.t(i18n.ReportPhotoTooLarge, int(r.opt.MaxEvidenceBytes>>20))
	case errors.Is(err, evidence.ErrUnsupported):
		return c.t(i18n.ReportPhotoFormat)
	default:
		return c.t(i18n.ReportPhotoNotImage)
	}
}

// newEvidence builds the evidence record. Its id is derived from the draft
// and the bytes, so a redelivered photo stores nothing twice.
func (r *Router) newEvidence(ctx context.Context, c *call, d reportDraft, info evidence.Info) (storage.Evidence, error) {
	sum := sha256.Sum256([]byte(d.ID + ":" + info.SHA256))
	ev := storage.Evidence{
		ID: d.ID[:10] + strings.ToUpper(hex.EncodeToString(sum[:8])), ActivityID: d.ID, NIP: c.emp.NIP,
		SHA256: info.SHA256, Size: info.Size, MIME: info.MIME, Width: info.Width, Height: info.Height,
		PHash: info.PHash, Bands: evidence.Bands(info.PHash), TakenAt: info.TakenAt,
		Platform: string(c.u.Platform), FileID: c.u.Media.FileID, CreatedAt: c.in.Now.UTC(),
	}
	if info.GPS != nil {
		ev.GPS = &storage.Point{Lat: info.GPS.Lat, Lon: info.GPS.Lon}
	}
	similar, err := r.store.SimilarEvidence(ctx, ev.Bands, d.ID)
	if err != nil {
		return ev, fmt.Errorf("find similar evidence: %w", err)
	}
	for _, s := range similar {
		if evidence.Distance(s.PHash, ev.PHash) <= evidence.MatchDistance {
			ev.ReuseOf = s.ID
			r.log.Info("evidence matches earlier evidence", "chat", c.u.Chat().String(), "evidence_id", ev.ID, "matches", s.ID)
			break
		}
	}
	return ev, nil
}

// dateFar reports whether a photo's EXIF date lies more than
// PhotoDateDays from the report's date (evidence.DateFar).
func (r *Router) dateFar(taken *time.Time, reportDate string) bool {
	return evidence.DateFar(taken, reportDate, r.opt.PhotoDateDays)
}

// farPhoto is the date of a report's photo taken far from the report's
// date (the first such), for the approval prompt; "" when none is.
func (r *Router) farPhoto(ctx context.Context, a storage.Activity, lang i18n.Lang) (string, error) {
	for _, id := range a.EvidenceIDs {
		ev, err := r.store.GetEvidence(ctx, id)
		if errors.Is(err, storage.ErrNotFound) {
			continue // being written by this very update
		}
		if err != nil {
			return "", fmt.Errorf("get evidence: %w", err)
		}
		if r.dateFar(ev.TakenAt, a.Date) {
			return fmtDate(lang, ev.TakenAt.Format(time.DateOnly)), nil
		}
	}
	return "", nil
}

// afterPhoto confirms a photo and moves on when the limit is reached.
func (r *Router) afterPhoto(ctx context.Context, c *call, d reportDraft, info evidence.Info, reused bool) (conversation.Outcome, error) {
	detail := fmt.Sprintf(" (%d×%d", info.Width, info.Height)
	if info.TakenAt != nil {
		detail += ", " + fmtDateTime(c.lang, *info.TakenAt)
	}
	if info.GPS != nil {
		detail += ", GPS"
	}
	detail += ")"
	text := c.t(i18n.ReportPhotoAccepted, len(d.Photos), r.opt.MaxPhotos, detail)
	if reused {
		text += "\n" + c.t(i18n.ReportPhotoReused)
	}
	if r.dateFar(info.TakenAt, d.Date) {
		text += "\n" + c.t(i18n.ReportPhotoDateFar, fmtDate(c.lang, info.TakenAt.Format(time.DateOnly)), r.opt.PhotoDateDays)
	}
	if len(d.Photos) >= r.opt.MaxPhotos {
		return r.advance(ctx, c, d, stPhoto, text)
	}
	return conversation.Outcome{
		Next:    d.at(c, stPhoto),
		Replies: []bot.Reply{{Text: text, Buttons: [][]bot.Button{photoDoneRow(c, d)}}},
	}, nil
}
