package whatsapp

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"strings"

	waLog "go.mau.fi/whatsmeow/util/log"

	"github.com/kinerjabot/kinerjabot/ident"
)

// waLogger hands whatsmeow's logs to slog, with every long run of digits
// (phone numbers, LIDs) masked. The raw XML stanzas of the "Recv" and "Send"
// loggers are dropped even at debug level: they carry every JID and are of
// use only when debugging whatsmeow itself.
type waLogger struct {
	log    *slog.Logger
	module string
	mute   bool
}

var _ waLog.Logger = (*waLogger)(nil)

// newWALogger returns a whatsmeow logger writing to log (nil discards).
func newWALogger(log *slog.Logger, module string) waLog.Logger {
	if log == nil {
		return waLog.Noop
	}
	return &waLogger{log: log, module: module}
}

func (l *waLogger) Errorf(msg string, args ...any) { l.emit(slog.LevelError, msg, args) }
func (l *waLogger) Warnf(msg string, args ...any)  { l.emit(slog.LevelWarn, msg, args) }
func (l *waLogger) Infof(msg string, args ...any)  { l.emit(slog.LevelInfo, msg, args) }
func (l *waLogger) Debugf(msg string, args ...any) { l.emit(slog.LevelDebug, msg, args) }

func (l *waLogger) Sub(module string) waLog.Logger {
	return &waLogger{log: l.log, module: l.module + "/" + module, mute: l.mute || module == "Recv" || module == "Send"}
}

func (l *waLogger) emit(level slog.Level, msg string, args []any) {
	if l.mute || !l.log.Enabled(context.Background(), level) {
		return
	}
	l.log.Log(context.Background(), level, "whatsmeow: "+redactDigits(fmt.Sprintf(msg, args...)), "module", l.module)
}

// digitRun is a run of digits long enough to be a phone number or a LID.
var digitRun = regexp.MustCompile(`\d{8,}`)

// redactDigits masks every run of 8 or more digits in s as ident.MaskPhone
// masks a phone number ("+62812****7890", or "****").
func redactDigits(s string) string {
	return digitRun.ReplaceAllStringFunc(s, func(d string) string {
		return strings.TrimPrefix(ident.MaskPhone("+"+d), "+")
	})
}

// maskChat hides the phone number in a chat id ("62812…@s.whatsapp.net")
// for logs; a LID ("…@lid") is no phone number and stays as it is.
func maskChat(chatID string) string {
	user, server, ok := strings.Cut(chatID, "@")
	if !ok || server != "s.whatsapp.net" {
		return chatID
	}
	return strings.TrimPrefix(ident.MaskPhone("+"+user), "+") + "@" + server
}

// maskPhone hides a phone number for logs.
func maskPhone(p string) string { return ident.MaskPhone(p) }

// safeErr is err's message with phone numbers masked (errors of other
// packages may name a chat by its number).
func safeErr(err error) string {
	if err == nil {
		return ""
	}
	return redactDigits(err.Error())
}
