// Package measure reads and writes the two quantities a daily activity
// report carries, as people type them in a chat: how long the activity took
// (ParseDuration, FormatMinutes) and how much it produced (ParseVolume,
// Volume.String). It is pure: no I/O, no clock, no settings.
//
// Errors are *Error values whose Message renders, in Bahasa Indonesia
// (default) or English, what went wrong together with an example of input
// that is accepted, so the bot can send it as is.
//
// # Numbers
//
// People write Indonesian numbers (decimal comma, thousands dot) and
// sometimes English ones. The rules differ by quantity, because the likely
// mistakes differ:
//
//   - Durations: a comma is always a decimal separator ("1,5 jam", "1,25
//     jam"). A dot is a decimal point only with exactly one digit after it
//     ("1.5 jam", "1.5 hours"). "1.30 jam" is refused as ambiguous
//     (ReasonDurationAmbiguous): people write it both for 1 jam 30 menit and
//     for 1,3 jam, and nobody writes thousands of hours. Fractional hours
//     round to the nearest minute, halves up ("0,125 jam" is 8 minutes).
//     "H.MM" and "H:MM" are times of day, accepted only as the ends of a
//     range ("08.00-09.30").
//   - Volumes: a comma is the decimal separator ("1,5 km"; "1,250" is 1,25).
//     A dot is a thousands separator when every group after it has exactly
//     three digits and the first group is 1 to 3 digits not starting with 0
//     ("1.250 lembar" is 1250, "12.500" is 12500); otherwise a single dot
//     followed by one or two digits is a decimal point ("1.5 km", "2.25
//     ton"). Anything else ("1.2345", "0.500", "1,250,000", "1,5.0") is
//     refused as unclear (ReasonVolumeNumber) rather than guessed. Both
//     together must be the Indonesian form "1.250,5". At most three decimal
//     places.
package measure
