package handlers

import (
	"strings"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// summary is what the report summary shows.
type summary struct {
	Date, Description, Duration, Output, SKP, Location string
	Photos                                             int
	Reused                                             bool
	Resubmit                                           bool
}

// fieldKeys name the summary's "change" choices, in fieldStates' order.
var fieldKeys = [len(fieldStates)]i18n.Key{
	i18n.ReportFieldDescription, i18n.ReportFieldTime, i18n.ReportFieldOutput,
	i18n.ReportFieldSKP, i18n.ReportFieldPhotos, i18n.ReportFieldLocation,
}

// askPhotosText asks for the evidence photos.
func askPhotosText(c *call, step, steps, most int, required bool) string {
	need := c.t(either(required, i18n.ReportPhotosRequired, i18n.ReportPhotosOptional))
	return c.t(i18n.ReportAskPhotos, step, steps, need, most)
}

// summaryText is the report to check before sending it.
func summaryText(c *call, s summary) string {
	text := c.t(either(s.Resubmit, i18n.ReportSummaryResubmit, i18n.ReportSummaryHeader)) + "\n\n" +
		c.t(i18n.ReportSummary, s.Date, s.Duration, s.Description, orDash(s.Output), orDash(s.SKP), s.Photos, orDash(s.Location))
	if s.Reused {
		text += "\n" + c.t(i18n.ReportSummaryReused)
	}
	return text
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}
