package telegramtest

import (
	"fmt"
	"net/http"
	"strings"
)

// Fault is an error answer the server gives instead of doing a call.
type Fault struct {
	Code        int    // HTTP status and error_code
	Description string // Telegram's description
	RetryAfter  int    // seconds, sent as parameters.retry_after when > 0
}

// TooManyRequests is a 429 asking to wait retryAfter seconds.
func TooManyRequests(retryAfter int) Fault {
	return Fault{
		Code:        http.StatusTooManyRequests,
		Description: fmt.Sprintf("Too Many Requests: retry after %d", retryAfter),
		RetryAfter:  retryAfter,
	}
}

// ServerError is a 500.
func ServerError() Fault {
	return Fault{Code: http.StatusInternalServerError, Description: "Internal Server Error"}
}

// Forbidden is the 403 Telegram gives when the user blocked the bot.
func Forbidden() Fault {
	return Fault{Code: http.StatusForbidden, Description: "Forbidden: bot was blocked by the user"}
}

// FailNext makes the next n calls of method (case-insensitive) answer f,
// after the faults already queued for it.
func (s *Server) FailNext(method string, n int, f Fault) {
	m := strings.ToLower(method)
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults[m] = append(s.faults[m], f)
	}
}
