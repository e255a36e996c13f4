package telegram

import (
	"strings"
)

// maskToken keeps the bot id part of a token ("123456:***"), which is public,
// and hides the secret part.
func maskToken(token string) string {
	id, _, ok := strings.Cut(token, ":")
	if !ok || id == "" {
		return "***"
	}
	return id + ":***"
}

// maskPhone keeps the country and operator prefix and the last three digits:
// "+6281234567789" becomes "+62812****789". Short values are hidden whole.
func maskPhone(p string) string {
	const head, tail = 6, 3
	if len(p) < head+tail+1 {
		return "****"
	}
	return p[:head] + "****" + p[len(p)-tail:]
}

// redactedError hides a secret (the token) in the message of an error while
// keeping the error chain for errors.Is and errors.As.
type redactedError struct {
	err    error
	secret string
}

func (e *redactedError) Error() string { return redactText(e.err.Error(), e.secret) }

// redactText hides a token in s in any spelling: a page that echoes the
// request path may escape the colon ("%3A"), so the part after the colon
// (letters, digits, '-' and '_', which no escaping changes) is hidden too.
func redactText(s, token string) string {
	s = strings.ReplaceAll(s, token, "***")
	if _, part, ok := strings.Cut(token, ":"); ok && len(part) >= 8 {
		s = strings.ReplaceAll(s, part, "***")
	}
	return s
}

func (e *redactedError) Unwrap() error { return e.err }

// redact wraps err so its message never shows secret. nil stays nil.
func redact(err error, secret string) error {
	if err == nil || secret == "" {
		return err
	}
	return &redactedError{err: err, secret: secret}
}
