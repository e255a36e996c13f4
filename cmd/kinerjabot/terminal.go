package main

import (
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/kinerjabot/kinerjabot/bot"
)

// terminalWriter writes to a terminal what records hold (names from a
// roster, citizens' comments, rows of a CSV file) with every control
// character shown escaped (ESC as \x1b, CSI as \u009b), newlines and tabs
// kept, so that no stored text can move the cursor, clear the screen or
// retitle the window. Bytes that are not UTF-8 are shown as \xNN.
type terminalWriter struct{ w io.Writer }

// terminal wraps w in a terminalWriter.
func terminal(w io.Writer) io.Writer { return terminalWriter{w: w} }

// Write writes p escaped; it reports len(p) once all of it is written.
func (t terminalWriter) Write(p []byte) (int, error) {
	if _, err := t.w.Write(escapeControls(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// escapeControls returns p with its control characters (bot.IsControl) and
// invalid bytes escaped; p itself when it has none.
func escapeControls(p []byte) []byte {
	var out []byte
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRune(p[i:])
		var esc string
		switch {
		case r == utf8.RuneError && n <= 1:
			esc = fmt.Sprintf(`\x%02x`, p[i])
		case bot.IsControl(r) && r < 0x80:
			esc = fmt.Sprintf(`\x%02x`, r)
		case bot.IsControl(r):
			esc = fmt.Sprintf(`\u%04x`, r)
		}
		if esc != "" && out == nil {
			out = append(make([]byte, 0, len(p)+16), p[:i]...)
		}
		switch {
		case esc != "":
			out = append(out, esc...)
		case out != nil:
			out = append(out, p[i:i+n]...)
		}
		i += n
	}
	if out == nil {
		return p
	}
	return out
}
