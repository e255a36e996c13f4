package telegram

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// A form go-telegram/bot fails to build (its pipe closed with an error)
// fails the call with that error, and nothing reaches the Bot API.
func TestWholeBodyFormError(t *testing.T) {
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { calls.Add(1) }))
	t.Cleanup(srv.Close)
	c := wholeBodies{srv.Client()}
	broken := errors.New("error build request form for method sendMessage")
	pr, pw := io.Pipe()
	go func() {
		_, _ = io.WriteString(pw, "--boundary\r\n")
		_ = pw.CloseWithError(broken)
	}()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL, pr)
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := c.Do(req); !errors.Is(err, broken) {
		if err == nil {
			_ = resp.Body.Close()
		}
		t.Fatalf("Do = %v, want the form's error", err)
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("the server saw %d requests, want none", n)
	}

	// The request the caller built is left as it was.
	body := strings.NewReader("a=1")
	req, _ = http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL, io.NopCloser(body))
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if req.ContentLength != 0 || req.Body == nil {
		t.Errorf("the caller's request changed: length %d, body %v", req.ContentLength, req.Body)
	}
}
