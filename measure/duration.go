package measure

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Limits of a duration, in minutes, inclusive.
const (
	MinMinutes = 5
	MaxMinutes = 720
)

// Duration is how long an activity took.
type Duration struct {
	Minutes int
	// StartMinute is the start in minutes after local midnight when the
	// input was a time range ("08.00-09.30"); nil otherwise.
	StartMinute *int
}

// ParseDuration reads how long an activity took, as typed in a chat. Case
// and extra spaces do not matter. Accepted:
//
//   - minutes: "90", "90 menit", "90 mnt", "90m", "90 min", "90 minutes";
//   - hours and minutes: "1 jam 30", "1 jam 30 menit", "1j30m", "1j 30m",
//     "1 jam dan 30 menit", "1h30m", "1 hour 30 min" (minutes 0 to 59);
//   - hours: "2 jam", "2j", "2 hours", "1,5 jam", "1.5 jam", "0,5 jam",
//     "1.5 hours" (fractions round to the nearest minute; see the package
//     comment for the dot);
//   - a time range on one day: "08.00-09.30", "08:00 - 09:30",
//     "8.00–9.30" (en or em dash), "08.00 s/d 09.30", "08.00 sampai 09.30",
//     "08.00 hingga 09.30", "08.00 to 09.30", optionally after "pukul",
//     "pkl" or "jam" and followed by WIB, WITA or WIT. StartMinute is set.
//
// The result is MinMinutes to MaxMinutes long. The error is an *Error.
func ParseDuration(s string) (Duration, error) {
	n := normalize(s)
	if n == "" {
		return Duration{}, fail(ReasonDurationFormat)
	}
	if m := rangeRE.FindStringSubmatch(n); m != nil {
		return parseRange(m)
	}
	comps, ok := tokenize(n)
	if !ok {
		return Duration{}, fail(ReasonDurationFormat)
	}
	minutes, r := evaluate(comps)
	if r != 0 {
		return Duration{}, fail(r)
	}
	if minutes < MinMinutes || minutes > MaxMinutes {
		return Duration{}, fail(ReasonDurationRange)
	}
	return Duration{Minutes: minutes}, nil
}

// normalize lower-cases s, turns dashes into '-', collapses white space to
// single spaces and drops a final full stop ("2 jam.").
func normalize(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("\u2013", "-", "\u2014", "-", "\u2212", "-", "\u2010", "-", "\u2011", "-").Replace(s)
	s = strings.Join(strings.Fields(s), " ")
	return strings.TrimSpace(strings.TrimSuffix(s, "."))
}

// rangeRE matches a time range on normalized input: start and end as
// H.MM or H:MM (groups 1-4).
var rangeRE = regexp.MustCompile(`^` +
	`(?:(?:pukul|pkl\.?|jam) ?)?(\d{1,2})[.:](\d{2})` +
	` ?(?:-|s/d|s\.d\.?|sd|sampai|hingga|to|until) ?` +
	`(?:(?:pukul|pkl\.?|jam) ?)?(\d{1,2})[.:](\d{2})` +
	`(?: ?(?:wib|wita|wit))?$`)

// parseRange checks a matched range.
func parseRange(m []string) (Duration, error) {
	h1, _ := strconv.Atoi(m[1])
	m1, _ := strconv.Atoi(m[2])
	h2, _ := strconv.Atoi(m[3])
	m2, _ := strconv.Atoi(m[4])
	if h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59 {
		return Duration{}, fail(ReasonClock)
	}
	start, end := h1*60+m1, h2*60+m2
	if end <= start {
		return Duration{}, fail(ReasonRangeOrder)
	}
	d := end - start
	if d < MinMinutes || d > MaxMinutes {
		return Duration{}, fail(ReasonDurationRange)
	}
	return Duration{Minutes: d, StartMinute: &start}, nil
}

// unit is the unit word after a number.
type unit int

const (
	unitNone unit = iota
	unitHour
	unitMinute
)

var unitWords = map[string]unit{
	"j": unitHour, "jam": unitHour, "h": unitHour, "hr": unitHour, "hrs": unitHour,
	"hour": unitHour, "hours": unitHour,
	"m": unitMinute, "mnt": unitMinute, "menit": unitMinute, "min": unitMinute,
	"mins": unitMinute, "minute": unitMinute, "minutes": unitMinute,
}

// component is one number and its unit: "1,5 jam" is {"1", ',', "5", hour}.
type component struct {
	whole string
	sep   byte // '.' or ','; 0 when there is no fraction
	frac  string
	unit  unit
}

// tokenize splits normalized input into numbers with their units. Between
// components a connector "dan" or "and" may stand. It fails on anything
// else.
func tokenize(n string) ([]component, bool) {
	var out []component
	i := 0
	for i < len(n) {
		switch c := n[i]; {
		case c == ' ':
			i++
		case isDigit(c):
			var comp component
			comp, i = readComponent(n, i)
			if i < 0 {
				return nil, false
			}
			out = append(out, comp)
		case isLetter(c):
			j := i
			for j < len(n) && isLetter(n[j]) {
				j++
			}
			if !isConnector(n[i:j]) || len(out) == 0 {
				return nil, false
			}
			if j < len(n) && n[j] == ' ' {
				j++
			}
			if j == len(n) || !isDigit(n[j]) { // a number must follow
				return nil, false
			}
			i = j
		default:
			return nil, false
		}
	}
	return out, len(out) > 0
}

// readComponent reads a number at i and the unit word after it; it returns
// the index after them, or -1 for an unknown word or a word glued to
// something else.
func readComponent(n string, i int) (component, int) {
	var c component
	j := digitsEnd(n, i)
	c.whole = n[i:j]
	if j+1 < len(n) && (n[j] == '.' || n[j] == ',') && isDigit(n[j+1]) {
		k := digitsEnd(n, j+1)
		c.sep, c.frac = n[j], n[j+1:k]
		j = k
	}
	if j < len(n) && n[j] == ' ' {
		j++
	}
	k := j
	for k < len(n) && isLetter(n[k]) {
		k++
	}
	if w := n[j:k]; w != "" {
		u, ok := unitWords[w]
		switch {
		case ok:
			c.unit = u
		case isConnector(w):
			return c, j // leave it to tokenize
		default:
			return c, -1
		}
	}
	if k < len(n) && n[k] != ' ' && !isDigit(n[k]) {
		return c, -1
	}
	return c, k
}

// evaluate turns components into minutes, or gives the reason they are
// refused (other than the limits).
func evaluate(cs []component) (int, Reason) {
	switch {
	case len(cs) == 1 && cs[0].unit != unitHour: // "90", "90 menit"
		if cs[0].sep != 0 {
			return 0, ReasonDurationFormat
		}
		return wholeNumber(cs[0].whole)
	case len(cs) == 1: // "2 jam", "1,5 jam"
		return hours(cs[0])
	case len(cs) == 2 && cs[0].unit == unitHour && cs[1].unit != unitHour: // "1 jam 30"
		if cs[0].sep != 0 || cs[1].sep != 0 {
			return 0, ReasonDurationFormat
		}
		h, r := wholeNumber(cs[0].whole)
		if r != 0 {
			return 0, r
		}
		m, r := wholeNumber(cs[1].whole)
		if r != 0 {
			return 0, r
		}
		if m > 59 {
			return 0, ReasonDurationFormat
		}
		return h*60 + m, 0
	}
	return 0, ReasonDurationFormat
}

// maxDigits bounds the whole numbers read, so arithmetic cannot overflow;
// anything longer is far out of range anyway.
const maxDigits = 6

// wholeNumber reads digits; too many is out of range.
func wholeNumber(d string) (int, Reason) {
	d = strings.TrimLeft(d, "0")
	if len(d) > maxDigits {
		return 0, ReasonDurationRange
	}
	if d == "" {
		return 0, 0
	}
	v, _ := strconv.Atoi(d)
	return v, 0
}

// hours converts hours with an optional fraction to minutes, rounding half
// up in exact integer arithmetic.
func hours(c component) (int, Reason) {
	if c.sep == '.' && len(c.frac) > 1 {
		return 0, ReasonDurationAmbiguous
	}
	h, r := wholeNumber(c.whole)
	if r != 0 {
		return 0, r
	}
	if h > MaxMinutes { // keeps h*60 small
		return 0, ReasonDurationRange
	}
	frac := strings.TrimRight(c.frac, "0")
	if len(frac) > maxDigits {
		return 0, ReasonDurationFormat
	}
	m := h * 60
	if frac != "" {
		num, _ := strconv.Atoi(frac)
		den := 1
		for range len(frac) {
			den *= 10
		}
		m += (num*120 + den) / (2 * den)
	}
	return m, 0
}

func isConnector(w string) bool { return w == "dan" || w == "and" }

func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' }

// FormatMinutes renders minutes for people: "1 jam 30 menit", "2 jam",
// "45 menit" in Bahasa Indonesia (default); "1 h 30 min", "2 h", "45 min"
// in English (lang "en"). ParseDuration reads every form back.
func FormatMinutes(m int, lang string) string {
	hourWord, minWord := "jam", "menit"
	if english(lang) {
		hourWord, minWord = "h", "min"
	}
	if m < 60 {
		return fmt.Sprintf("%d %s", m, minWord)
	}
	h, r := m/60, m%60
	if r == 0 {
		return fmt.Sprintf("%d %s", h, hourWord)
	}
	return fmt.Sprintf("%d %s %d %s", h, hourWord, r, minWord)
}

// FormatClock renders minutes after midnight as a time of day, "08.00"
// (the Indonesian style, which ParseDuration reads in ranges). Values
// outside a day wrap around it.
func FormatClock(minute int) string {
	minute %= 24 * 60
	if minute < 0 {
		minute += 24 * 60
	}
	return fmt.Sprintf("%02d.%02d", minute/60, minute%60)
}
