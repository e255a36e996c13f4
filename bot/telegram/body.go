package telegram

import (
	"bytes"
	"io"
	"net/http"
	"sync"
)

// maxWholeBody is the largest request body sent with its length: every
// message, keyboard, edit and answer (a message's text is at most 4,096
// characters); a larger body, a document being uploaded, streams.
const maxWholeBody = 64 << 10

// wholeBody sends each Bot API request's body in one piece. go-telegram/bot
// streams the multipart form it builds through an io.Pipe, so net/http,
// not knowing its length, sends it chunked and flushes after every chunk:
// a write system call for each part's header, value and boundary, about
// fifteen for a sendMessage, where one does (at 200 users the chunk flushes
// were 4 % of the bot's CPU). Read first, the body goes with its
// Content-Length.
type wholeBody struct{ next http.RoundTripper }

// RoundTrip implements http.RoundTripper.
func (t wholeBody) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body == nil || req.Body == http.NoBody || req.ContentLength > 0 {
		return t.next.RoundTrip(req)
	}
	buf := bodies.Get().(*bytes.Buffer)
	buf.Reset()
	if _, err := buf.ReadFrom(io.LimitReader(req.Body, maxWholeBody+1)); err != nil {
		bodies.Put(buf)
		_ = req.Body.Close()
		return nil, err // the form could not be built: nothing was sent
	}
	r := *req // RoundTrip must not change the caller's request
	if buf.Len() > maxWholeBody {
		r.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(buf, req.Body), req.Body} // buf is not reused
		return t.next.RoundTrip(&r)
	}
	_ = req.Body.Close()
	r.ContentLength = int64(buf.Len())
	if r.ContentLength == 0 { // a call without parameters (getMe)
		bodies.Put(buf)
		r.Body = http.NoBody
		return t.next.RoundTrip(&r)
	}
	r.Body = &pooledBody{Reader: bytes.NewReader(buf.Bytes()), buf: buf}
	return t.next.RoundTrip(&r)
}

// bodies holds the buffers of bodies sent: a Bot API call's form is a few
// hundred bytes to a few KiB, made by every update.
var bodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// pooledBody is a body read from its buffer, which the transport returns to
// bodies when it closes the body, having sent it or given up.
type pooledBody struct {
	*bytes.Reader
	buf  *bytes.Buffer
	once sync.Once
}

func (b *pooledBody) Close() error {
	b.once.Do(func() { bodies.Put(b.buf) })
	return nil
}

// wholeBodies returns c with its transport wrapped in wholeBody.
func wholeBodies(c *http.Client) *http.Client {
	next := c.Transport
	if next == nil {
		next = http.DefaultTransport
	}
	w := *c
	w.Transport = wholeBody{next}
	return &w
}
