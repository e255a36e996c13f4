// Package poster renders the printable poster that invites citizens to rate
// a public service unit (Survei Kepuasan Masyarakat, PermenPANRB 14/2017) by
// scanning a QR code holding a Telegram deep link built by [DeepLink].
//
// # Payload grammar
//
// The QR code on a poster holds a Telegram deep link
//
//	https://t.me/<bot>?start=<payload>
//
// Telegram hands <payload> to the bot as the argument of /start. The bot's
// /start handler must decode it with [ParsePayload]; [DeepLink] and
// [Payload] build it. The grammar (ABNF) is
//
//	payload = "skm_" code [ "_" counter ] [ "_cepat" ]
//	code    = 1*( ALPHA / DIGIT / "-" )   ; never "_": "_" separates fields
//	counter = %x31-39 0*3DIGIT            ; 1..9999, no leading zeros
//
// and the whole payload is at most 64 characters (Telegram's limit for a
// start parameter, whose alphabet is A-Z a-z 0-9 _ -). Because a code never
// contains "_", splitting on "_" is unambiguous: a code that is all digits or
// reads "cepat" still sits in the first field ("skm_cepat" is unit "cepat";
// "skm_12_3" is unit "12" at counter 3). Letter case is kept as given. The
// encoding is canonical: ParsePayload accepts exactly the strings Payload
// produces, so Payload(ParsePayload(s)) == s and ParsePayload(Payload(...))
// gives the arguments back. Examples:
//
//	skm_PKM-MAULAFA            unit PKM-MAULAFA
//	skm_KEL-OEBUFU_2           unit KEL-OEBUFU, loket 2
//	skm_KEL-OEBUFU_cepat       unit KEL-OEBUFU, quick one-question mode
//	skm_KEL-OEBUFU_2_cepat     both
//
// # Purity
//
// The package is pure: it uses no network and touches no files; PNG and PDF
// return bytes for the caller to send or store. Fonts are the Go fonts
// (golang.org/x/image/font/gofont), embedded in the binary.
package poster

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// PNG dimensions: A5 portrait proportions (148 x 210 mm at about 212 dpi).
const (
	PNGWidth  = 1240
	PNGHeight = 1748
)

// PDF page size in points: ISO A5 portrait, 148 x 210 mm.
const (
	pdfWidthPt  = 148 * 72 / 25.4
	pdfHeightPt = 210 * 72 / 25.4
)

// MaxUnitNameRunes bounds the unit name; longer names are refused rather than
// silently cut (the poster shows at most three lines of it).
const MaxUnitNameRunes = 200

// Poster describes one printed survey poster.
type Poster struct {
	// UnitName is the service unit shown on the poster, e.g.
	// "Puskesmas Maulafa". Required.
	UnitName string
	// Counter is the service counter (loket) number shown as "Loket N";
	// 0 means none.
	Counter int
	// Link is the text encoded in the QR code, normally from DeepLink.
	// Required.
	Link string
	// Quick selects the wording of the quick one-question survey.
	Quick bool
	// Lang is "id" (Bahasa Indonesia, the default when empty) or "en".
	// Region suffixes such as "id-ID" or "en_US" are accepted.
	Lang string
}

// Errors returned by PNG and PDF.
var (
	ErrEmptyLink = errors.New("poster: empty link")
	ErrEmptyUnit = errors.New("poster: empty unit name")
	ErrLang      = errors.New("poster: unsupported language")
)

// texts holds the words printed on a poster in one language.
type texts struct {
	title      string
	unit       string
	counter    string // "" when none
	invitation string
	footer     string // "" when none
}

// content validates p and returns the words to print.
func (p Poster) content() (texts, error) {
	var t texts
	if strings.TrimSpace(p.Link) == "" {
		return t, ErrEmptyLink
	}
	unit := cleanText(p.UnitName)
	if unit == "" {
		return t, ErrEmptyUnit
	}
	if n := len([]rune(unit)); n > MaxUnitNameRunes {
		return t, fmt.Errorf("poster: unit name has %d characters, at most %d allowed", n, MaxUnitNameRunes)
	}
	if p.Counter < 0 || p.Counter > MaxCounter {
		return t, fmt.Errorf("%w %d: want 0 (none) or 1..%d", ErrCounter, p.Counter, MaxCounter)
	}
	lang, err := normLang(p.Lang)
	if err != nil {
		return t, err
	}
	t.unit, t.title = unit, lang.T(i18n.PosterTitle)
	if p.Counter > 0 {
		t.counter = lang.T(i18n.PosterCounter, p.Counter)
	}
	if p.Quick {
		t.invitation = lang.T(i18n.PosterInvitationQuick)
	} else {
		t.invitation, t.footer = lang.T(i18n.PosterInvitation), lang.T(i18n.PosterFooter)
	}
	return t, nil
}

func normLang(l string) (i18n.Lang, error) {
	s := strings.ToLower(strings.TrimSpace(l))
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		s = s[:i]
	}
	switch s {
	case "", "id", "in", "ind":
		return i18n.ID, nil
	case "en", "eng":
		return i18n.EN, nil
	}
	return "", fmt.Errorf("%w %q: want \"id\" or \"en\"", ErrLang, l)
}

// cleanText makes s safe to print: valid UTF-8, no control or format
// characters, runs of white space collapsed to one space, and characters
// outside the Basic Multilingual Plane (emoji and the like, which neither the
// Go fonts nor the PDF writer handle) replaced by U+FFFD.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			continue
		case r > 0xFFFF:
			r = '\uFFFD'
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
