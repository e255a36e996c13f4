package telegramtest

import (
	"fmt"
	"net/http"
	"strings"
	"time"
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

// EnforceRate makes the server refuse, like Telegram, sends over perSecond
// per second: a sendMessage or sendPhoto that would be the (perSecond+1)th
// accepted within the last second (a sliding window) is answered 429 with
// parameters.retry_after, the whole seconds until the window has room again
// (at least 1). Refused calls do not count toward the window. Zero or less
// turns the limit off. See RateLimited for how many 429s it served.
func (s *Server) EnforceRate(perSecond int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.perSecond = max(perSecond, 0)
	s.window = nil
}

// Block makes every later sendMessage and sendPhoto to chatID answer 403
// "Forbidden: bot was blocked by the user", as when the person blocked the
// bot, until Unblock.
func (s *Server) Block(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.blocked[chatID] = true
}

// Unblock undoes Block, as when the person writes to the bot again.
func (s *Server) Unblock(chatID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.blocked, chatID)
}

// RateLimited says how many 429s EnforceRate served (faults queued with
// FailNext are not counted).
func (s *Server) RateLimited() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.served429
}

// admitLocked applies EnforceRate, then Block, to a send to chatID: the
// fault to answer and true when the send is refused. A send admitted by the
// rate limit counts toward it even when the chat is blocked, as an API call
// does. Call with s.mu held.
func (s *Server) admitLocked(chatID int64) (Fault, bool) {
	if s.perSecond > 0 {
		now := time.Now()
		cut := 0
		for cut < len(s.window) && now.Sub(s.window[cut]) >= time.Second {
			cut++
		}
		s.window = s.window[cut:]
		if len(s.window) >= s.perSecond {
			s.served429++
			wait := time.Second - now.Sub(s.window[0])
			return TooManyRequests(max(1, int((wait+time.Second-1)/time.Second))), true
		}
		s.window = append(s.window, now)
	}
	if s.blocked[chatID] {
		return Forbidden(), true
	}
	return Fault{}, false
}
