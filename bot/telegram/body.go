package telegram

import (
	"bytes"
	"io"
	"net/http"
)

// maxWholeBody is the largest request body sent with its length: every
// message, keyboard, edit and answer (a message's text is at most 4,096
// characters). A larger body, a photo or a document being uploaded,
// streams: it is a few large chunks, and buffering it would hold it twice.
const maxWholeBody = 16 << 10

// wholeBodies is the client go-telegram/bot calls the Bot API through. The
// library streams the multipart form it builds through an io.Pipe, so
// net/http, not knowing the body's length, sends it chunked and flushes
// after every chunk: a write system call for each part's header, value and
// boundary, about fifteen for a sendMessage, where one does (at 200 users
// the chunk flushes were 4 % of the bot's CPU). Read first, the body goes
// with its Content-Length. It wraps the client, not its transport: net/http
// applies a client's Timeout to a request through its context only when the
// transport is its own, and through a goroutine and a timer per request
// otherwise.
type wholeBodies struct{ c *http.Client }

// Do implements go-telegram/bot's HttpClient.
func (w wholeBodies) Do(req *http.Request) (*http.Response, error) {
	if req.Body == nil || req.Body == http.NoBody || req.ContentLength > 0 {
		return w.c.Do(req)
	}
	head, err := io.ReadAll(io.LimitReader(req.Body, maxWholeBody+1))
	if err != nil {
		_ = req.Body.Close()
		return nil, err // the form could not be built: nothing was sent
	}
	r := *req // the caller's request stays as it was
	switch {
	case len(head) > maxWholeBody:
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(head), req.Body), req.Body}
	case len(head) == 0: // a call without parameters (getMe)
		_ = req.Body.Close()
		r.Body = http.NoBody
	default:
		_ = req.Body.Close()
		r.ContentLength = int64(len(head))
		r.Body = io.NopCloser(bytes.NewReader(head))
	}
	return w.c.Do(&r)
}
